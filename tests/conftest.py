"""Shared fixtures: paths to the example projects."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ROOT / "projects"


@pytest.fixture
def salt_road_path() -> Path:
    return PROJECTS / "the-salt-road" / "project.yaml"
