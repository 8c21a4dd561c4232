"""Fixtures: the example projects as `Project` values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod.model.consistency import check_consistency
from coprod.model.project import Project
from coprod.model.types import YamlFloat

PROJECTS = Path(__file__).resolve().parents[3] / "projects"


class _ExactLoader(yaml.SafeLoader):
    """PyYAML's safe loader, reading floats exactly (as the real loader does)."""


def _exact_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> YamlFloat:
    return YamlFloat(loader.construct_scalar(node))


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _exact_float)


def load_example(slug: str) -> Project:
    data: Any = yaml.load((PROJECTS / slug / "project.yaml").read_text(encoding="utf-8"), _ExactLoader)
    project = Project.model_validate(data)
    assert check_consistency(project) == []
    return project


@pytest.fixture
def example() -> Callable[[str], Project]:
    return load_example
