"""Helpers for the waterfall tests: the example projects, and variants with other waterfall sections."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coprod.model.consistency import check_consistency
from coprod.model.project import Project
from coprod.model.types import YamlFloat

ROOT = Path(__file__).resolve().parents[3]
PROJECTS = ROOT / "projects"
EXAMPLES = ("the-salt-road", "the-last-ferry", "the-listening-station")


class _ExactLoader(yaml.SafeLoader):
    """PyYAML's safe loader, reading floats exactly, as coprod's loader does."""


def _exact_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> YamlFloat:
    return YamlFloat(loader.construct_scalar(node))


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _exact_float)


def read_yaml(text: str) -> Any:
    return yaml.load(text, _ExactLoader)  # a SafeLoader subclass: safe


@cache
def load_example(slug: str) -> Project:
    text = (PROJECTS / slug / "project.yaml").read_text(encoding="utf-8")
    project = Project.model_validate(read_yaml(text))
    assert check_consistency(project) == []
    return project


def variant(slug: str, sections: Mapping[str, Any]) -> Project:
    """Example *slug* with top-level *sections* replaced (validated, not yet checked for consistency)."""
    data = {**_dumped(slug), **sections}
    return Project.model_validate(data)


@cache
def _dumped(slug: str) -> dict[str, Any]:
    return load_example(slug).model_dump()
