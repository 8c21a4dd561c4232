"""Fixtures for the Word tests: one renderer per session (as in a build worker) and the sample documents."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType

import pytest

from coprod.analysis import analyse
from coprod.loading.project import load_project
from coprod.rendering.documents import DocumentRenderer, RenderedDocument
from coprod.rendering.word import WordRenderer
from tests.rendering.word import lotext as lotext_module
from tests.rendering.word import samples as samples_module

ROOT = Path(__file__).resolve().parents[3]
PROJECTS = sorted((ROOT / "projects").glob("*/project.yaml"))


@pytest.fixture(scope="session")
def samples() -> ModuleType:
    return samples_module


@pytest.fixture(scope="session")
def lotext() -> ModuleType:
    return lotext_module


@pytest.fixture(scope="session")
def renderer() -> WordRenderer:
    return WordRenderer()


@pytest.fixture(scope="session")
def built(
    tmp_path_factory: pytest.TempPathFactory, renderer: WordRenderer
) -> list[tuple[RenderedDocument, Path]]:
    """Each document of each example project rendered to .docx (with a project folder and input hash)."""
    folder = tmp_path_factory.mktemp("examples")
    documents = DocumentRenderer()
    out: list[tuple[RenderedDocument, Path]] = []
    for path in PROJECTS:
        loaded = load_project(path)
        for document in documents.render(loaded.project, analyse(loaded.project)):
            target = folder / f"{loaded.slug}--{document.relpath.replace('/', '--').removesuffix('.md')}.docx"
            provenance = {"input_hash": "feedc0de99"}
            meta = dataclasses.replace(document.meta, slug=loaded.slug, provenance=provenance)
            document = dataclasses.replace(document, meta=meta)
            target.write_bytes(renderer.render(document.markdown, meta, name=document.relpath))
            out.append((document, target))
    return out


@pytest.fixture(scope="session")
def printed(
    built: list[tuple[RenderedDocument, Path]], lotext: ModuleType
) -> list[tuple[RenderedDocument, Path]]:
    """The documents of `built`, converted by LibreOffice to .txt and .pdf beside them."""
    lotext.convert([target for _, target in built], built[0][1].parent)
    return built
