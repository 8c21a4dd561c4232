"""File outputs (charts, spreadsheets, calendars): written as made, tracked and rebuilt like documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.errors import BuildError
from coprod.pipeline.targets import Format, check_documents, document_of, formats_for, possible_outputs
from tests.pipeline.pipeline_support import Kit


def test_a_file_output_is_written_in_every_format_selection(tmp_path: Path) -> None:
    for formats in ((Format.MD,), (Format.DOCX,), (Format.MD, Format.DOCX)):
        kit = Kit(tmp_path / "-".join(formats))
        kit.project("a", file_output="charts/recoupment.svg")
        summary = kit.build(formats=formats)
        assert summary.ok
        assert kit.files()["a/charts/recoupment.svg"] == b"<svg>A</svg>"
        assert "a/charts/recoupment.docx" not in kit.files()


def test_an_unchanged_file_output_is_not_rebuilt_and_a_changed_one_is(tmp_path: Path) -> None:
    kit = Kit(tmp_path)
    kit.project("a", file_output="tracker.xlsx")
    kit.build()
    again = kit.build()
    assert again.built == [] and again.up_to_date == 11  # 5 documents x 2 formats + the file output
    kit.project("a", "Renamed", file_output="tracker.xlsx")
    changed = kit.build()
    assert "a/tracker.xlsx" in changed.built
    assert kit.files()["a/tracker.xlsx"] == b"<svg>Renamed</svg>"


def test_a_file_output_deleted_by_hand_is_rebuilt(tmp_path: Path) -> None:
    kit = Kit(tmp_path)
    kit.project("a", file_output="tracker.xlsx")
    kit.build()
    (kit.out / "a" / "tracker.xlsx").unlink()
    assert kit.build().built == ["a/tracker.xlsx"]


def test_a_file_output_the_project_no_longer_makes_is_removed(tmp_path: Path) -> None:
    kit = Kit(tmp_path)
    kit.project("a", file_output="deadlines.ics")
    kit.build()
    kit.project("a")
    kit.build()
    assert "a/deadlines.ics" not in kit.files()


def test_the_project_readme_lists_the_file_output(tmp_path: Path) -> None:
    kit = Kit(tmp_path)
    kit.project("a", file_output="deadlines.ics")
    kit.build()
    readme = (kit.out / "a" / "README.md").read_text()
    assert "| Chart: A | [deadlines.ics](deadlines.ics) |" in readme


def test_a_file_output_may_not_take_a_word_suffix() -> None:
    with pytest.raises(BuildError, match=r"file output 'chart.docx' ends in .docx, which names documents"):
        check_documents("a", "projects/a/project.yaml", [("chart.docx", "chart")])


def test_a_file_output_may_not_stand_where_a_document_needs_a_folder() -> None:
    with pytest.raises(BuildError, match=r"needs checklists to be a folder, but p \(chart\) writes a file"):
        check_documents("a", "p", [("checklists/a.md", "checklist"), ("checklists", "chart")])


def test_formats_and_outputs_of_documents_and_file_outputs() -> None:
    both = (Format.MD, Format.DOCX)
    assert formats_for("agreement.md", both) == both
    assert formats_for("agreement.md", (Format.DOCX,)) == (Format.DOCX,)
    assert formats_for("tracker.xlsx", (Format.MD,)) == (Format.FILE,)
    assert possible_outputs("checklists/a.md") == ("checklists/a.md", "checklists/a.docx", "checklists/a.pdf")
    assert possible_outputs("tracker.xlsx") == ("tracker.xlsx",)
    assert document_of("checklists/a.docx") == "checklists/a.md"
    assert document_of("tracker.xlsx") == "tracker.xlsx"
