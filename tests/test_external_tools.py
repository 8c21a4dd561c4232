"""Tests needing LibreOffice skip on a fresh machine with one line naming the package, and fail in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import external_tools

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_program_skips_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.delenv(external_tools.REQUIRE_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install libreoffice-writer-nogui"):
        external_tools.require("soffice")
    with pytest.raises(pytest.skip.Exception, match="poppler-utils"):
        external_tools.require("pdftoppm")


@pytest.mark.parametrize("value", ["1", "yes"])
def test_a_missing_program_fails_when_ci_requires_it(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setenv(external_tools.REQUIRE_VARIABLE, value)
    with pytest.raises(pytest.fail.Exception, match=r"not installed: soffice.*is required"):
        external_tools.require("soffice")


def test_a_present_program_is_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/opt/bin/{name}")
    monkeypatch.setenv(external_tools.REQUIRE_VARIABLE, "1")
    assert external_tools.require("soffice") == "/opt/bin/soffice"


def test_ci_installs_the_programs_and_requires_them() -> None:
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "libreoffice-writer-nogui" in script and "poppler-utils" in script
    assert f"export {external_tools.REQUIRE_VARIABLE}=1" in script


def _pytest_without_soffice(tmp_path: Path, require: bool) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != external_tools.REQUIRE_VARIABLE}
    env["PATH"] = str(tmp_path)  # an empty folder: no soffice
    if require:
        env[external_tools.REQUIRE_VARIABLE] = "1"
    test = "tests/rendering/word/test_libreoffice.py"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600, check=False)


def test_the_libreoffice_tests_skip_with_one_line_on_a_fresh_machine(tmp_path: Path) -> None:
    result = _pytest_without_soffice(tmp_path, require=False)
    assert result.returncode == 0, result.stdout[-2000:]
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1, result.stdout[-2000:]
    assert "not installed: soffice; install LibreOffice" in skipped[0]
    assert "apt-get install libreoffice-writer-nogui" in skipped[0]
    assert "1 passed, 5 skipped" in result.stdout  # the test that needs no LibreOffice still runs


def test_the_libreoffice_tests_fail_without_it_when_required(tmp_path: Path) -> None:
    result = _pytest_without_soffice(tmp_path, require=True)
    assert result.returncode == 1
    assert "5 failed, 1 passed" in result.stdout or "5 errors" in result.stdout, result.stdout[-2000:]
    assert "Traceback" not in result.stdout
