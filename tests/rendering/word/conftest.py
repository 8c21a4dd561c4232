"""Fixtures for the Word tests: one renderer per session (as in a build worker) and the sample documents."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from coprod.rendering.word import WordRenderer

HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:
    """Import a helper module of this folder (pytest's importlib mode keeps test folders off sys.path)."""
    spec = importlib.util.spec_from_file_location(f"word_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def samples() -> ModuleType:
    return _load("samples")


@pytest.fixture(scope="session")
def lotext() -> ModuleType:
    return _load("lotext")


@pytest.fixture(scope="session")
def renderer() -> WordRenderer:
    return WordRenderer()
