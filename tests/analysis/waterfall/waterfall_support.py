"""Helpers for the waterfall tests: the example projects, and variants with other waterfall sections."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from coprod.loading.project import load_project
from coprod.loading.yaml_source import read_tree
from coprod.model.project import Project

ROOT = Path(__file__).resolve().parents[3]
PROJECTS = ROOT / "projects"
EXAMPLES = ("the-salt-road", "the-last-ferry", "the-listening-station")


def read_yaml(text: str) -> Any:
    """YAML text as coprod's loader reads it (YAML 1.2, numbers exact)."""
    return read_tree(text, Path("snippet.yaml")).data


@cache
def load_example(slug: str) -> Project:
    """An example project, loaded and checked by the real loader."""
    return load_project(PROJECTS / slug / "project.yaml").project


@cache
def _dumped(slug: str) -> dict[str, Any]:
    return load_example(slug).model_dump()


def variant(slug: str, sections: Mapping[str, Any]) -> Project:
    """Example *slug* with top-level *sections* replaced (validated, not yet checked for consistency)."""
    return Project.model_validate({**_dumped(slug), **sections})
