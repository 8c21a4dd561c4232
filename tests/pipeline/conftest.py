"""Pipeline test fixtures; the fake producer and the slate kit live in ``pipeline_support``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipeline.pipeline_support import Kit


@pytest.fixture
def kit(tmp_path: Path) -> Kit:
    return Kit(tmp_path)
