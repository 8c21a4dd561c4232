"""Failures are values: reported with their message, and they never stop the other projects."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.errors import BuildError
from coprod.pipeline.plan import ProjectSource
from tests.pipeline.pipeline_support import Kit


def test_invalid_project_is_reported_and_the_others_are_built(kit: Kit) -> None:
    kit.project("alpha")
    bad = kit.project("bad", fail="expected a title, found nothing")
    summary = kit.build()
    assert summary.failures == [("bad/*", f"{bad}:4:7: fail: expected a title, found nothing")]
    assert len(summary.built) == 10
    assert f"failed bad/*:\n    {bad}:4:7: fail: expected a title, found nothing\n" in kit.stderr.getvalue()
    assert "built 10 files in 1 project; 0 up to date; 1 failed" in kit.stdout.getvalue()
    assert "bad" not in (kit.out / "index.md").read_text()


def test_one_broken_document_leaves_the_others_built_and_is_tried_again(kit: Kit) -> None:
    kit.project("alpha", broken_word="readiness")
    summary = kit.build()
    assert summary.failures == [("alpha/readiness.docx", "word/house-style.docx: cannot convert a table")]
    assert "alpha/readiness.md" in summary.built and len(summary.built) == 9
    again = kit.build()
    assert again.built == [] and again.failures == summary.failures
    assert {str(r) for r in kit.build(dry_run=True).stale["alpha/readiness.docx"]} == {"never built"}


def test_a_project_that_breaks_keeps_its_last_good_documents(kit: Kit) -> None:
    kit.project("alpha")
    kit.build()
    good = (kit.out / "alpha" / "agreement.md").read_bytes()
    path = kit.project("alpha", fail="expected a title, found nothing")
    summary = kit.build()
    assert [target for target, _ in summary.failures] == ["alpha/*"]
    assert (kit.out / "alpha" / "agreement.md").read_bytes() == good
    message = f"{path}:4:7: fail: expected a title, found nothing"
    assert f"- Last build failed: {message}" in (kit.out / "index.md").read_text().replace("\\", "")
    kit.project("alpha")
    assert kit.build().failures == []
    assert "failed" not in (kit.out / "index.md").read_text()


def test_read_only_output_is_a_clear_failure(kit: Kit) -> None:
    kit.project("alpha")
    kit.build()
    locked = kit.out / "alpha" / "agreement.md"
    locked.chmod(0o444)
    kit.touch_template("clauses/recoupment.md.j2", "## 2. Recoupment\n\nChanged.\n")
    summary = kit.build()
    assert summary.failures == [("alpha/agreement.md", f"cannot write {locked}: the file is read-only; "
                                 "make it writable or remove it")]
    assert "alpha/term-sheet.md" in summary.built
    assert not list(locked.parent.glob("*.coprod-tmp"))


def test_build_folder_that_is_a_file(kit: Kit) -> None:
    kit.project("alpha")
    kit.out.write_text("not a folder")
    with pytest.raises(BuildError) as error:
        kit.build()
    assert str(error.value) == (f"the build folder {kit.out} is a file; remove it or choose another folder "
                                "with --out")


def _sources(*files: Path) -> list[ProjectSource]:
    return [ProjectSource(path.parent.name, str(path)) for path in files]


def test_two_projects_writing_one_folder_are_an_error_naming_both(kit: Kit, tmp_path: Path) -> None:
    first = kit.project("alpha")
    second = tmp_path / "elsewhere" / "alpha" / "project.yaml"
    second.parent.mkdir(parents=True)
    second.write_text(first.read_text())
    with pytest.raises(BuildError) as error:
        kit.build(sources=_sources(first, second))
    assert str(error.value) == f"two targets write alpha/README.md: {first} and {second}"
    assert not kit.out.exists()


def test_paths_differing_only_in_case_are_an_error(kit: Kit) -> None:
    lower, upper = kit.project("alpha"), kit.project("Alpha")
    with pytest.raises(BuildError) as error:
        kit.build(sources=_sources(lower, upper))
    assert str(error.value) == (
        f"two targets write paths that differ only in case, alpha/README.md ({lower}) and "
        f"Alpha/README.md ({upper}); they are one file on case-insensitive file systems")


def test_project_folder_names_that_escape_or_hide_are_errors(kit: Kit) -> None:
    path = kit.project("alpha")
    with pytest.raises(BuildError) as error:
        kit.build(sources=[ProjectSource("..", str(path))])
    assert str(error.value) == f"{path}: project folder name '..' would write outside the build folder"
    with pytest.raises(BuildError) as error:
        kit.build(sources=[ProjectSource(".coprod", str(path))])
    assert str(error.value) == (f"{path}: project folder name '.coprod' starts with '.', which the build "
                                "folder keeps for its own state; rename the folder")


def test_documents_colliding_within_a_project_fail_that_project(kit: Kit) -> None:
    path = kit.project("alpha", partners="aurora, Aurora")
    kit.project("beta")
    summary = kit.build()
    assert summary.failures == [("alpha/*", (
        f"alpha: two targets write paths that differ only in case, checklists/aurora.md ({path} "
        f"(checklist)) and checklists/Aurora.md ({path} (checklist)); they are one file on "
        "case-insensitive file systems"))]
    assert len(summary.built) == 10
