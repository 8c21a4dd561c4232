"""Incremental builds: exactly the targets whose inputs changed are made again."""

from __future__ import annotations

import os

from coprod.pipeline.state import open_state
from coprod.pipeline.targets import Format
from tests.pipeline.pipeline_support import Kit

ALL_ALPHA = sorted(f"alpha/{name}.{ext}" for name in
                   ("agreement", "term-sheet", "readiness", "checklists/aurora", "checklists/nord")
                   for ext in ("md", "docx"))


def _slate(kit: Kit) -> None:
    kit.project("alpha")
    kit.project("beta", partners="aurora")
    kit.project("gamma", partners="aurora, nord, vltava")
    assert kit.build().failures == []


def test_second_build_does_nothing(kit: Kit) -> None:
    _slate(kit)
    before = kit.files()
    again = kit.build()
    assert (again.built, again.up_to_date, again.pages, again.failures) == ([], 30, [], [])
    assert kit.files() == before


def test_editing_one_project_rebuilds_only_its_targets(kit: Kit) -> None:
    _slate(kit)
    kit.project("alpha", title="Alpha Returns")
    again = kit.build()
    assert sorted(again.built) == ALL_ALPHA
    assert again.up_to_date == 20
    assert "alpha/README.md" in again.pages and "index.md" in again.pages
    assert "Agreement: Alpha Returns" in (kit.out / "alpha" / "agreement.md").read_text()


def test_touching_a_file_without_changing_it_rebuilds_nothing(kit: Kit) -> None:
    _slate(kit)
    project = kit.projects / "alpha" / "project.yaml"
    os.utime(project, ns=(project.stat().st_atime_ns, project.stat().st_mtime_ns + 5_000_000_000))
    output = kit.out / "beta" / "agreement.md"
    os.utime(output, ns=(output.stat().st_atime_ns, output.stat().st_mtime_ns + 5_000_000_000))
    assert kit.build().built == []
    state = open_state(kit.out)
    assert state is not None
    quick = state.quick_checks()["beta"]  # the quick check now knows the touched output's new mtime
    state.close()
    assert ["agreement.md", output.stat().st_size, output.stat().st_mtime_ns] in quick.outputs
    assert kit.build().built == []


def test_editing_a_clause_rebuilds_exactly_the_documents_that_include_it(kit: Kit) -> None:
    _slate(kit)
    kit.touch_template("clauses/recoupment.md.j2", "## 2. Recoupment\n\nReceipts are shared pro rata.\n")
    again = kit.build()
    assert sorted(again.built) == sorted(f"{slug}/{doc}.{ext}" for slug in ("alpha", "beta", "gamma")
                                         for doc in ("agreement", "term-sheet") for ext in ("md", "docx"))
    kit.touch_template("clauses/parties.md.j2", "## 1. Parties\n\nBetween {{ partners }}.\n")
    again = kit.build()
    assert sorted(again.built) == sorted(
        ["alpha/agreement.md", "alpha/agreement.docx", "alpha/checklists/aurora.md",
         "alpha/checklists/aurora.docx", "alpha/checklists/nord.md", "alpha/checklists/nord.docx",
         "beta/agreement.md", "beta/agreement.docx", "beta/checklists/aurora.md",
         "beta/checklists/aurora.docx", "gamma/agreement.md", "gamma/agreement.docx",
         "gamma/checklists/aurora.md", "gamma/checklists/aurora.docx", "gamma/checklists/nord.md",
         "gamma/checklists/nord.docx", "gamma/checklists/vltava.md", "gamma/checklists/vltava.docx"])


def test_upgrading_coprod_rebuilds_everything(kit: Kit) -> None:
    _slate(kit)
    again = kit.build(version="1.1")
    assert len(again.built) == 30
    assert again.up_to_date == 0
    assert 'coprod_version: "1.1"' in (kit.out / "beta" / "readiness.md").read_text()


def test_changing_the_word_shell_rebuilds_only_word_files(kit: Kit) -> None:
    _slate(kit)
    (kit.root / "shell.docx").write_bytes(b"house style v2")
    again = kit.build()
    assert len(again.built) == 15
    assert all(target.endswith(".docx") for target in again.built)


def test_changing_a_framework_file_rebuilds_everything(kit: Kit) -> None:
    _slate(kit)
    (kit.root / "frameworks" / "eurimages.yaml").write_text("id: eurimages\nversion: 2\n")
    assert len(kit.build().built) == 30


def test_missing_and_hand_edited_outputs_are_made_again(kit: Kit) -> None:
    _slate(kit)
    good = (kit.out / "beta" / "agreement.md").read_bytes()
    (kit.out / "beta" / "agreement.md").write_text("my own edits\n")
    (kit.out / "gamma" / "readiness.docx").unlink()
    again = kit.build()
    assert sorted(again.built) == ["beta/agreement.md", "gamma/readiness.docx"]
    assert (kit.out / "beta" / "agreement.md").read_bytes() == good


def test_clean_option_is_part_of_every_target(kit: Kit) -> None:
    _slate(kit)
    again = kit.build(clean=True)
    assert len(again.built) == 30
    assert "Drafting note" not in (kit.out / "alpha" / "agreement.md").read_text()
    assert kit.build(clean=True).built == []


def test_formats_select_targets(kit: Kit) -> None:
    kit.project("alpha")
    first = kit.build(formats=(Format.MD,))
    assert sorted(first.built) == [target for target in ALL_ALPHA if target.endswith(".md")]
    assert not (kit.out / "index.docx").exists()
    second = kit.build()
    assert sorted(second.built) == [target for target in ALL_ALPHA if target.endswith(".docx")]
    assert (kit.out / "index.docx").is_file()


def test_force_rebuilds_everything_with_the_same_bytes(kit: Kit) -> None:
    _slate(kit)
    before = kit.files()
    assert len(kit.build(force=True).built) == 30
    assert kit.files() == before


def test_dropped_partner_loses_its_checklist_and_new_partner_gains_one(kit: Kit) -> None:
    _slate(kit)
    kit.project("gamma", partners="aurora, vltava, sirius")
    again = kit.build()
    assert sorted(again.removed) == ["gamma/checklists/nord.docx", "gamma/checklists/nord.md"]
    assert not (kit.out / "gamma" / "checklists" / "nord.md").exists()
    assert "gamma/checklists/sirius.docx" in again.built
    assert "checklists/sirius.md" in (kit.out / "gamma" / "README.md").read_text()


def test_project_gone_from_the_slate_is_removed_from_the_folder(kit: Kit) -> None:
    _slate(kit)
    (kit.projects / "beta" / "project.yaml").unlink()
    (kit.projects / "beta").rmdir()
    again = kit.build()
    assert len(again.removed) == 8
    assert not (kit.out / "beta").exists()
    assert "beta/" not in (kit.out / "index.md").read_text()


def test_building_some_projects_leaves_the_others_alone(kit: Kit) -> None:
    _slate(kit)
    kit.project("beta", title="Beta Two")
    kit.project("gamma", title="Gamma Two")
    only = [source for source in kit.sources() if source.slug == "beta"]
    again = kit.build(sources=only)
    assert {target.split("/")[0] for target in again.built} == {"beta"}
    assert (kit.out / "alpha" / "agreement.md").is_file()
    assert "Gamma Two" not in (kit.out / "gamma" / "agreement.md").read_text()
