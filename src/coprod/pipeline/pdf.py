"""PDF files through LibreOffice: every changed Word file of a build converted in one LibreOffice run.

Starting LibreOffice costs seconds, converting a document a fraction of one, so the build collects the
.docx of every PDF target it makes and hands them all to one ``soffice --convert-to pdf`` at the end.
The run uses a profile of its own in the build folder's state folder (kept between builds, so only the
first build pays for creating it, and no other LibreOffice the user has open can interfere) and a bounded
time. A document LibreOffice could not convert fails alone; a missing LibreOffice fails the PDF targets
with one line saying how to install it, and every other target is built as usual.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

INSTALL_HINT: Final = (
    "PDF needs LibreOffice, which is not installed: install it (Debian/Ubuntu: apt-get install "
    "libreoffice-writer-nogui; macOS: brew install --cask libreoffice; Windows: winget install "
    "TheDocumentFoundation.LibreOffice), or build --format md or --format docx"
)
SECONDS_FIRST: Final = 120
"""Time allowed for LibreOffice to start (creating its profile on the first build)."""
SECONDS_PER_DOCUMENT: Final = 30
_WORK_FOLDER: Final = "libreoffice"


def find_libreoffice() -> str | None:
    """The LibreOffice program (``soffice``): on the PATH, or where the installers put it; None if absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    candidates: list[Path] = []
    if sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    if sys.platform == "win32":
        for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)"):
            base = os.environ.get(variable)
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    return next((str(path) for path in candidates if path.is_file()), None)


@dataclass(frozen=True, slots=True)
class Converted:
    """One document's conversion: the PDF's bytes, or why there are none."""

    pdf: bytes | None
    error: str = ""


def convert_all(soffice: str, sources: Sequence[Path], state_folder: Path) -> list[Converted]:
    """Convert each .docx of ``sources`` (any names, any folders) to PDF in one LibreOffice run.

    The sources are linked (or copied) into a work folder under unique names, since LibreOffice names
    each PDF after its document and two projects both have an ``agreement.docx``.
    """
    work = state_folder / _WORK_FOLDER
    inbox, outbox = work / "in", work / "out"
    for folder in (inbox, outbox):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    names = []
    for number, source in enumerate(sources):
        name = inbox / f"{number:06d}.docx"
        try:
            os.link(source, name)
        except OSError:  # another file system, or links not allowed: a copy will do
            shutil.copyfile(source, name)
        names.append(name)
    error = _run(soffice, names, outbox, work / "profile")
    results = []
    for name in names:
        pdf = outbox / (name.stem + ".pdf")
        if pdf.is_file() and pdf.stat().st_size:
            results.append(Converted(pdf.read_bytes()))
        else:
            results.append(Converted(None, error or "LibreOffice did not convert this document"))
    for folder in (inbox, outbox):
        shutil.rmtree(folder, ignore_errors=True)
    return results


def _run(soffice: str, documents: Sequence[Path], outbox: Path, profile: Path) -> str:
    """Run LibreOffice once over ``documents``; return what went wrong, or an empty string."""
    command = [soffice, f"-env:UserInstallation={profile.absolute().as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outbox), *(str(path) for path in documents)]
    seconds = SECONDS_FIRST + SECONDS_PER_DOCUMENT * len(documents)
    try:
        completed = subprocess.run(command, capture_output=True, timeout=seconds, check=False,
                                   stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return f"LibreOffice did not finish converting within {seconds} seconds"
    except OSError as error:
        return f"LibreOffice could not be started: {error}"
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"LibreOffice failed (exit status {completed.returncode})" + (
            f": {detail[-1]}" if detail else "")
    return ""
