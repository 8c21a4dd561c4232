"""The build writes each project's charts as SVG beside the Markdown and shows them in Word as PNG; two
builds give the same bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from coprod.cli import main

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "projects" / "the-salt-road"


def _media(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return sorted(name for name in archive.namelist() if name.startswith("word/media/"))


def test_charts_are_built_shown_in_word_and_the_same_on_every_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        assert main(["build", str(PROJECT), "--out", str(out), "--jobs", "1"]) == 0
    capsys.readouterr()
    first, second = (out / "the-salt-road" for out in outs)
    charts = sorted(path.relative_to(first).as_posix() for path in first.rglob("*.svg"))
    assert charts == ["charts/finance-plan.svg", "charts/recoupment.svg", "readiness-timeline.svg"]
    for path in first.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.name
    term_sheet = (first / "term-sheet.md").read_text()
    assert "](charts/recoupment.svg)" in term_sheet and "](charts/finance-plan.svg)" in term_sheet
    pictures = ["word/media/coprod-1.png", "word/media/coprod-2.png"]
    assert _media((first / "term-sheet.docx").read_bytes()) == pictures
    assert _media((first / "readiness.docx").read_bytes()) == ["word/media/coprod-1.png"]
    assert _media((first / "agreement.docx").read_bytes()) == []
    assert "charts/recoupment.svg" in (first / "README.md").read_text()
