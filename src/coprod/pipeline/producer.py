"""The pipeline's view of what makes documents: a small `Producer` interface.

The pipeline knows nothing of YAML, pydantic, Jinja or Word. It asks a producer to render one project's
Markdown documents (saying which template files each one used and which data files the analysis read),
to finish a document's Markdown with its provenance, and to turn a document into Word. `adapter` wires the
real loader, analysis and renderers into one; the tests use a small fake.

A producer is built once per worker process (it holds the template environment and the Word shell) by
a `ProducerFactory`: a picklable callable, usually the producer class itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from coprod.errors import CoprodError


@dataclass(frozen=True, slots=True)
class Summary:
    """What the index pages say about a project."""

    title: str
    verdict: str
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    draft_date: str = ""
    """ISO date of the draft, for the index's own date (never the clock)."""

    def to_json(self) -> dict[str, object]:
        """The summary as JSON-ready data (stored in the build state)."""
        return {"title": self.title, "verdict": self.verdict, "errors": list(self.errors),
                "warnings": list(self.warnings), "draft_date": self.draft_date}


@dataclass(frozen=True, slots=True)
class Document:
    """One rendered Markdown document of a project, or one file output (see *data*)."""

    relpath: str
    """Its path in the project's build folder: ``agreement.md``, ``checklists/a.md``, ``tracker.xlsx``."""
    kind: str
    title: str
    markdown: str
    """The rendered Markdown, without provenance (see `Producer.finish`)."""
    templates: frozenset[str]
    """Template files it used, includes followed, relative to `Producer.templates_root`."""
    meta: object = None
    """The producer's own document metadata, handed back to `finish` and `word` untouched."""
    data: bytes | None = None
    inputs: tuple[Path, ...] = ()
    """Data files this document alone is made from (a project's receipts ledger), watched like templates;
    a path that does not exist yet is watched too, so the document is built once the file appears."""
    content_digest: str = ""
    """If set, a digest of the data the document shows: its input hash uses it instead of the digests of
    *inputs*, so a change to the ledger rebuilds only the documents whose figures it changes."""
    """A file output's bytes (its *relpath* does not end in ``.md``; *markdown* is then empty): a chart's
    SVG, a spreadsheet, a calendar. They must be deterministic: the same inputs give the same bytes."""


@dataclass(frozen=True, slots=True)
class RenderedProject:
    """A project loaded, analysed and rendered to Markdown."""

    summary: Summary
    documents: tuple[Document, ...]
    data_files: tuple[Path, ...]
    """Framework and fund-rule files the analysis read: inputs of every document."""


class Producer(Protocol):
    """Makes one project's documents; built once per worker process."""

    @property
    def templates_root(self) -> Path:
        """The folder `Document.templates` are relative to."""

    @property
    def shell_path(self) -> Path:
        """The Word house-style shell: an input of every .docx output."""

    def render(self, project_file: Path, *, clean: bool) -> RenderedProject:
        """Load, analyse and render a project's Markdown documents.

        Raises:
            CoprodError: the project file is invalid, or a template is broken.
        """

    def finish(self, document: Document, provenance: Mapping[str, str]) -> str:
        """The document's final Markdown, its front matter carrying *provenance*."""

    def word(self, document: Document, provenance: Mapping[str, str], *, clean: bool) -> bytes:
        """The document as a deterministic .docx, its properties carrying *provenance*.

        Raises:
            CoprodError: the Markdown cannot be turned into Word.
        """

    def page_word(self, markdown: str, title: str, date: str) -> bytes:
        """A build page (the index) as a .docx; *markdown* follows the house dialect, *date* is ISO."""


ProducerFactory = Callable[[], Producer]
"""Builds a producer; called once in each worker process."""


def describe_failure(error: BaseException) -> str:
    """A producer's failure as reported: a user's mistake by its message, anything else by its type too."""
    return str(error) if isinstance(error, CoprodError) else f"{type(error).__name__}: {error}"
