"""``coprod build --format all`` with the real LibreOffice: two builds give byte-identical Word files and
PDFs whose text is identical (a PDF's own bytes carry LibreOffice's creation date)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from coprod.cli import main
from tests.external_tools import require

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "projects" / "the-salt-road"


def _text(pdf: Path) -> str:
    return subprocess.run([require("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout


@pytest.mark.libreoffice
def test_two_builds_give_the_same_word_files_and_the_same_pdf_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        assert main(["build", str(PROJECT), "--format", "all", "--out", str(out), "--jobs", "1"]) == 0
    capsys.readouterr()
    first, second = (out / "the-salt-road" for out in outs)
    pdfs = sorted(path.relative_to(first) for path in first.rglob("*.pdf"))
    assert len(pdfs) == 6  # agreement, term sheet, readiness and the three checklists
    for pdf in pdfs:
        assert (first / pdf).read_bytes().startswith(b"%PDF-")
        assert _text(first / pdf) == _text(second / pdf), pdf
        word = pdf.with_suffix(".docx")
        assert (first / word).read_bytes() == (second / word).read_bytes(), word
    assert "Subject to contract" in _text(first / "agreement.pdf")
