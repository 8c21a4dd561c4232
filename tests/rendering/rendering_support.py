"""Helpers for the rendering tests: the example projects, loaded once, and rendering them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from coprod.analysis import analyse
from coprod.analysis.run import Analysis
from coprod.loading.project import load_project
from coprod.model.project import Project
from coprod.rendering.documents import DocumentRenderer, RenderedDocument

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(path.parent.name for path in (ROOT / "projects").glob("*/project.yaml"))


@cache
def example(slug: str) -> Project:
    """The example project *slug*, loaded and validated."""
    return load_project(ROOT / "projects" / slug / "project.yaml").project


@cache
def renderer() -> DocumentRenderer:
    """One renderer for the whole session (it holds the Jinja environment)."""
    return DocumentRenderer()


def render_project(project: Project, *, clean: bool = False) -> dict[str, RenderedDocument]:
    """Every document of *project*, by relative path."""
    analysis: Analysis = analyse(project)
    return {doc.relpath: doc for doc in renderer().render(project, analysis, clean=clean)}


@cache
def rendered(slug: str, *, clean: bool = False) -> dict[str, RenderedDocument]:
    """Every document of the example *slug* (rendered once per session)."""
    return render_project(example(slug), clean=clean)
