"""Fixtures for the Word tests: one renderer per session (as in a build worker) and the sample documents."""

from __future__ import annotations

from types import ModuleType

import pytest

from coprod.rendering.word import WordRenderer
from tests.rendering.word import lotext as lotext_module
from tests.rendering.word import samples as samples_module


@pytest.fixture(scope="session")
def samples() -> ModuleType:
    return samples_module


@pytest.fixture(scope="session")
def lotext() -> ModuleType:
    return lotext_module


@pytest.fixture(scope="session")
def renderer() -> WordRenderer:
    return WordRenderer()
