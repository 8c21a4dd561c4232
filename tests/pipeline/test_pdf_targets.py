"""PDF targets: every changed Word file of a build converted in one LibreOffice run, incrementally; without
LibreOffice the PDF targets fail with one line saying how to install it and everything else is built."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coprod.pipeline.pdf import INSTALL_HINT
from coprod.pipeline.targets import Format, document_of, possible_outputs
from tests.pipeline.pipeline_support import Kit

ALL = (Format.MD, Format.DOCX, Format.PDF)
FAKE_SOFFICE = """#!{python}
import pathlib, sys
args = sys.argv[1:]
with open({log!r}, "a") as log:
    log.write(" ".join(pathlib.Path(a).name for a in args if a.endswith(".docx")) + "\\n")
out = pathlib.Path(args[args.index("--outdir") + 1])
for name in (a for a in args if a.endswith(".docx")):
    data = pathlib.Path(name).read_bytes()
    (out / (pathlib.Path(name).stem + ".pdf")).write_bytes(b"%PDF-fake " + data[:40])
"""


@pytest.fixture
def soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in LibreOffice on the PATH that logs each run and writes a small PDF per document."""
    if sys.platform == "win32":
        pytest.skip("the stand-in is a script with a #! line")
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "soffice.log"
    program = folder / "soffice"
    program.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log)))
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return log


def test_a_pdf_sits_beside_each_word_file_and_pages_list_it() -> None:
    assert Format.PDF.output("checklists/aurora.md") == "checklists/aurora.pdf"
    assert document_of("checklists/aurora.pdf") == "checklists/aurora.md"
    assert possible_outputs("agreement.md") == ("agreement.md", "agreement.docx", "agreement.pdf")


def test_one_libreoffice_run_converts_every_pdf_of_a_build(tmp_path: Path, soffice: Path) -> None:
    kit = Kit(tmp_path / "root")
    kit.project("a")
    kit.project("b")
    summary = kit.build(formats=ALL)
    assert summary.ok, summary.failures
    runs = soffice.read_text().splitlines()
    assert len(runs) == 1 and len(runs[0].split()) == 10  # 5 documents x 2 projects, in one run
    files = kit.files()
    pdfs = sorted(name for name in files if name.endswith(".pdf"))
    assert len(pdfs) == 10 and all(files[name].startswith(b"%PDF-fake PK") for name in pdfs)
    assert not list((kit.out / ".coprod" / "libreoffice" / "in").glob("*"))  # the work folder is emptied


def test_pdfs_are_rebuilt_only_when_their_document_changed(tmp_path: Path, soffice: Path) -> None:
    kit = Kit(tmp_path / "root")
    kit.project("a")
    kit.project("b")
    kit.build(formats=ALL)
    again = kit.build(formats=ALL)
    assert again.built == [] and len(soffice.read_text().splitlines()) == 1  # no run at all
    kit.project("a", "Renamed")
    changed = kit.build(formats=ALL)
    runs = soffice.read_text().splitlines()
    assert len(runs) == 2 and len(runs[1].split()) == 5  # only project a's documents
    assert {name for name in changed.built if name.endswith(".pdf")} == {
        name for name in kit.files() if name.startswith("a/") and name.endswith(".pdf")
    }


def test_without_libreoffice_pdfs_fail_with_one_line_and_the_rest_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr("coprod.pipeline.pdf.sys.platform", "linux")
    kit = Kit(tmp_path / "root")
    kit.project("a")
    summary = kit.build(formats=ALL)
    assert summary.failures == [("*.pdf", INSTALL_HINT)]
    assert "apt-get install libreoffice-writer-nogui" in INSTALL_HINT and "\n" not in INSTALL_HINT
    files = kit.files()
    assert not [name for name in files if name.endswith(".pdf")]
    assert len([name for name in files if name.endswith((".md", ".docx"))]) >= 10
    assert not [path for path in (kit.out / "a").iterdir() if path.name.startswith(".")]  # no temporary
