"""External programs some tests need (LibreOffice, poppler): skipped when absent, unless CI requires them.

A fresh machine has neither, and the README's test command must pass there: a test that needs one is
marked ``@pytest.mark.libreoffice`` (or calls `require` itself) and is skipped with one line naming the
package to install. ``.ci/run`` installs them and sets ``COPROD_REQUIRE_TOOLS=1``; there a missing
program fails the test instead, so CI cannot go green by skipping.
"""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE_VARIABLE = "COPROD_REQUIRE_TOOLS"
MISSING = "not installed: "
"""How every skip for a missing program starts (the test suite folds them into one line)."""
PACKAGES = {
    "soffice": "LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install "
               "--cask libreoffice; Windows: winget install TheDocumentFoundation.LibreOffice)",
    "pdftotext": "poppler (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)",
    "pdftoppm": "poppler (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)",
}


def required() -> bool:
    """True when the environment (CI) says missing programs are failures, not skips."""
    return os.environ.get(REQUIRE_VARIABLE, "") not in ("", "0")


def require(program: str) -> str:
    """The path of *program*; skip the test (or fail it, when required) if it is not installed."""
    found = shutil.which(program)
    if found is not None:
        return found
    message = f"{MISSING}{program}; install {PACKAGES.get(program, program)}"
    if required():
        pytest.fail(f"{message} ({REQUIRE_VARIABLE} is set, so it is required)", pytrace=False)
    pytest.skip(message)
