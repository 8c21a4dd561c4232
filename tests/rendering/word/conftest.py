"""Fixtures for the Word tests: one renderer per session (as in a build worker) and the sample documents."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from coprod.rendering.word import WordRenderer

HERE = Path(__file__).resolve().parent


def _load_samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location("word_samples", HERE / "samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def samples() -> ModuleType:
    return _load_samples()


@pytest.fixture(scope="session")
def renderer() -> WordRenderer:
    return WordRenderer()
