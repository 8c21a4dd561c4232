"""Pipeline test fixtures; the fake producer and the slate kit live in ``pipeline_support``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # importlib mode: make pipeline_support importable

from pipeline_support import Kit


@pytest.fixture
def kit(tmp_path: Path) -> Kit:
    return Kit(tmp_path)
