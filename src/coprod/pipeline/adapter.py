"""The real producer: coprod's loader, analysis, document renderer and Word renderer behind `Producer`.

Importing this module is cheap; building a `RealProducer` (once per worker process) imports pydantic
and Jinja and loads the templates; the Word shell is loaded when the first .docx is asked for, so a broken
shell fails the Word targets (each with the shell's message) and never the Markdown ones.

Inputs it reports for each document: the templates the document renderer says it used (includes
followed), the Word shell, and the framework files. For the framework files it reports *every* framework
file coprod would read for the project (built-in and the user's ``frameworks/`` folder), not only those
the analysis consulted: the analysis does not say which it read, and over-approximating only costs a
rebuild when a framework file changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from coprod.errors import CoprodError
from coprod.pipeline.producer import Document, RenderedProject, Summary

if TYPE_CHECKING:  # importing this module stays cheap: the no-op build needs none of these
    from coprod.model.project import Project
    from coprod.rendering.word import Image, WordRenderer


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


TEMPLATES_ROOT = Path(__file__).resolve().parent.parent / "templates"
"""Where the document templates live; `Document.templates` are relative to it."""


def with_provenance(markdown: str, provenance: Mapping[str, str]) -> str:
    """*markdown* with each *provenance* entry set in its front matter.

    The document renderer writes provenance entries as top-level keys with JSON-encoded values (valid
    YAML whatever they hold); an entry already there is replaced, the others are added at the end.
    """
    entries = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                      for key, value in sorted(provenance.items()))
    end = markdown.find("\n---\n", 3) if markdown.startswith("---\n") else -1
    if end < 0:
        return f"---\n{entries}---\n\n{markdown}"
    kept = [line for line in markdown[4:end + 1].splitlines(keepends=True)
            if line.split(":", 1)[0] not in provenance]
    return "---\n" + "".join(kept) + entries + markdown[end + 1:]


class RealProducer:
    """Implements `Producer` with the real pieces; build one per worker process."""

    def __init__(self, root: Path, templates: Path | None = None) -> None:
        """Load the templates and the Word shell.

        Args:
            root: The folder that holds ``projects/``.
            templates: A templates folder (``documents/``, ``clauses/``) to use instead of coprod's own.

        Raises:
            CoprodError: a template or the Word shell is broken.
        """
        from coprod.rendering.documents import DocumentRenderer
        from coprod.rendering.word import DEFAULT_SHELL

        self._root = root
        self._templates = (templates or TEMPLATES_ROOT).resolve()
        self._documents = DocumentRenderer(self._templates)
        self._shell = DEFAULT_SHELL
        self._loaded: WordRenderer | CoprodError | None = None
        self._images: dict[str, Image] = {}
        """The charts of the project rendered last, for its Word files (rendered right after it)."""

    def _word(self) -> WordRenderer:
        """The Word renderer, loaded on first use: a broken shell fails the .docx targets, not the .md."""
        from coprod.rendering.word import WordRenderer

        if self._loaded is None:
            try:
                self._loaded = WordRenderer(self._shell)
            except CoprodError as error:  # kept, and raised again for every .docx (the same message)
                self._loaded = error
        if isinstance(self._loaded, CoprodError):
            raise self._loaded
        return self._loaded

    @property
    def templates_root(self) -> Path:
        """The folder of the document and clause templates."""
        return self._templates

    @property
    def shell_path(self) -> Path:
        """The Word shell: an input of every .docx."""
        return self._shell

    def render(self, project_file: Path, *, clean: bool) -> RenderedProject:
        """Load, analyse and render one project's Markdown documents."""
        from coprod.analysis import analyse
        from coprod.loading.frameworks import catalog_for
        from coprod.loading.project import load_project
        from coprod.rendering.outputs import file_outputs

        loaded = load_project(project_file)
        project = loaded.project
        catalog = catalog_for(project_file)  # coprod's frameworks and the user's frameworks/ folder
        analysis = analyse(project, catalog)
        rendered = self._documents.render(project, analysis, clean=clean, catalog=catalog)
        summary = Summary(
            title=project.film.title, verdict=analysis.verdict,
            errors=tuple(finding.message for finding in analysis.errors),
            warnings=tuple(finding.message for finding in analysis.warnings),
            draft_date=project.draft.date.isoformat())
        documents = tuple(
            Document(doc.relpath, doc.kind, doc.meta.title, doc.markdown, doc.templates,
                     dataclasses.replace(doc.meta, slug=loaded.slug))
            for doc in rendered)
        documents = self._statements(project_file, project, documents)
        documents += tuple(Document(out.relpath, out.kind, out.title, "", frozenset(), data=out.data)
                           for out in file_outputs(project, analysis, project_file.parent.name,
                                                   self._documents.levels))
        return RenderedProject(summary, documents + self._charts(project), catalog.paths)

    def _charts(self, project: Project) -> tuple[Document, ...]:
        """The project's charts as file outputs (SVG); their PNGs are kept for the Word files."""
        from coprod.rendering.charts.deal import deal_charts
        from coprod.rendering.word import Image

        drawn = deal_charts(project)
        self._images = {path: Image(chart.png, chart.width_inches, chart.height_inches)
                        for path, chart in drawn.charts.items()}
        return tuple(Document(path, "chart", drawn.alt[path], "", frozenset(), data=chart.svg)
                     for path, chart in drawn.charts.items())

    def _statements(self, project_file: Path, project: Project, documents: tuple[Document, ...]
                    ) -> tuple[Document, ...]:
        """*documents*, then the statements of a project with a ledger (with none, the term sheet watches)."""
        from coprod.analysis.statements import run_statements
        from coprod.loading.ledger import LEDGER_NAMES, find_ledger, load_ledger
        from coprod.rendering.statement_documents import CSV_PATH, render_statements, statements_csv

        ledger_path = find_ledger(project_file)
        if ledger_path is None:  # the term sheet's input hash stays as it was; a new ledger makes it stale
            watched = tuple(project_file.parent / name for name in LEDGER_NAMES)
            return tuple(dataclasses.replace(doc, inputs=watched, content_digest=_digest(doc.markdown))
                         if doc.kind == "term-sheet" else doc for doc in documents)
        statements = run_statements(project, load_ledger(ledger_path, project))
        made = tuple(Document(doc.relpath, doc.kind, doc.meta.title, doc.markdown, doc.templates, doc.meta,
                              content_digest=_digest(doc.markdown))
                     for doc in render_statements(self._documents, project, statements))
        data = statements_csv(statements)
        table = Document(CSV_PATH, "statements-csv", "Statements (CSV)", "", frozenset(), data=data,
                         inputs=(ledger_path,), content_digest=_digest(data.decode()))
        return (*documents, *made, table)

    def finish(self, document: Document, provenance: Mapping[str, str]) -> str:
        """The document's Markdown with *provenance* in its front matter."""
        return with_provenance(document.markdown, provenance)

    def word(self, document: Document, provenance: Mapping[str, str], *, clean: bool) -> bytes:
        """The document as .docx, *provenance* in its custom properties."""
        from coprod.rendering.meta import DocumentMeta

        if not isinstance(document.meta, DocumentMeta):
            raise TypeError(f"{document.relpath}: expected the renderer's DocumentMeta")
        meta = dataclasses.replace(document.meta, provenance={**document.meta.provenance, **provenance})
        markdown = self.finish(document, provenance)
        folder = posixpath.dirname(document.relpath) or "."
        images = {posixpath.relpath(path, folder): image for path, image in self._images.items()}
        return self._word().render(markdown, meta, clean=clean, name=document.relpath, images=images)

    def page_word(self, markdown: str, title: str, date: str) -> bytes:
        """A build page as .docx."""
        from coprod.rendering.meta import DocumentMeta

        meta = DocumentMeta(kind="index", title=title, short_title=title, film_title="", parties=(),
                            draft_number=1, draft_date=dt.date.fromisoformat(date))
        return self._word().render(markdown, meta, name=title)
