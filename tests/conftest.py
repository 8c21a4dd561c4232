"""Shared fixtures: paths to the example projects, and the marker for tests that need LibreOffice."""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.external_tools import MISSING, require

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ROOT / "projects"

# CI runs the properties on a fixed set of examples, so a red CI always means a change broke something;
# local runs keep drawing new examples to find what CI's set does not (``HYPOTHESIS_PROFILE=ci`` to match).
settings.register_profile("ci", derandomize=True)
if os.environ.get("HYPOTHESIS_PROFILE") == "ci" or os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def salt_road_path() -> Path:
    return PROJECTS / "the-salt-road" / "project.yaml"


@pytest.fixture(autouse=True)
def _needs_libreoffice(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.libreoffice``: skipped with one line naming the package when it is absent."""
    if request.node.get_closest_marker("libreoffice") is not None:
        require("soffice")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, object, object]:
    """Every skip for a missing program is reported at one place, so ``-ra`` folds them into one line."""
    report = yield
    if isinstance(report, pytest.TestReport) and report.skipped and isinstance(report.longrepr, tuple):
        _path, _line, reason = report.longrepr
        if str(reason).removeprefix("Skipped: ").startswith(MISSING):
            report.longrepr = (str(Path(__file__).with_name("external_tools.py")), 1, reason)
    return report
