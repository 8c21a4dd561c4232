"""`WordRenderer`: a document's Markdown and meta -> a deterministic .docx in the house style."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from babel.dates import format_date
from markdown_it.token import Token
from markupsafe import Markup

from coprod.rendering.markdown import parser
from coprod.rendering.meta import DocumentMeta
from coprod.rendering.word import xml
from coprod.rendering.word.body import Body, BodyLayout, BodyWriter
from coprod.rendering.word.images import Image
from coprod.rendering.word.package import Entry, check_well_formed, write_zip
from coprod.rendering.word.properties import CUSTOM_NAME, core_xml, custom_xml
from coprod.rendering.word.shell import BODY_MARKER, Shell, load_shell

_REMEMBERED_SIZE: Final = 32_768
DEFAULT_SHELL: Final = Path(__file__).resolve().parents[2] / "templates" / "word" / "house-style.docx"
"""The house style shipped with coprod (a firm points `WordRenderer` at its own copy instead)."""


class WordRenderer:
    """Renders Markdown in coprod's dialect into .docx files; build one per worker process and reuse it.

    Loading compiles the shell once; each `render` then only writes the parts that carry the document.
    """

    def __init__(self, shell_path: Path = DEFAULT_SHELL) -> None:
        """Load and compile the shell.

        Raises:
            TemplateError: The shell cannot be read, lacks a style or part coprod needs, or has bad Jinja.
        """
        self._shell: Shell = load_shell(shell_path)

    @property
    def shell_path(self) -> Path:
        """The shell .docx: a build input (a change to it rebuilds every Word file)."""
        return self._shell.path

    def render(
        self, markdown: str, meta: DocumentMeta, *, clean: bool = False, name: str = "document",
        images: Mapping[str, Image] | None = None,
    ) -> bytes:
        """The .docx bytes for ``markdown``; the same arguments always give the same bytes.

        Args:
            markdown: The document in coprod's Markdown dialect.
            meta: Title, parties and draft for the cover, header, footer and document properties.
            clean: Leave the drafting notes out (no comments).
            name: The document's name (e.g. ``agreement.md``) for error messages.
            images: The images the Markdown may show, by the path its image links use (a chart's
                ``charts/recoupment.svg``): each is embedded as its PNG.

        Raises:
            BuildError: A character XML cannot carry, or (a bug) a part that is not well-formed.
            TemplateError: A cross-reference to a label no heading has.
        """
        xml.check_legal(markdown, name)
        for field in (
            meta.title,
            meta.short_title,
            meta.film_title,
            *meta.parties,
            *meta.provenance,
            *meta.provenance.values(),
        ):
            xml.check_legal(field, f"{name} (document properties)")
        return self.render_tokens(parser().parse(markdown), meta, clean=clean, name=name, images=images)

    def render_tokens(
        self, tokens: Sequence[Token], meta: DocumentMeta, *, clean: bool = False, name: str = "document",
        images: Mapping[str, Image] | None = None,
    ) -> bytes:
        """Like `render`, for Markdown already parsed by ``coprod.rendering.markdown.parser()``.

        For callers that hold the tokens already (and for the benchmark, which times the Word path alone).
        Every part is still parsed again before it is written, so bad text cannot reach the file.
        """
        layout = BodyLayout(page=self._shell.page, title=meta.title, film_title=meta.film_title,
                            contents=meta.kind == "agreement", table_points=self._shell.table_points,
                            images=images or {})
        writer = BodyWriter(name, self._shell.lists, clean=clean, date=meta.draft_date, layout=layout)
        body = writer.write(tokens)
        return write_zip(self._entries(body, meta))

    def _entries(self, body: Body, meta: DocumentMeta) -> list[Entry]:
        shell = self._shell
        context = shell_context(meta)
        dynamic: dict[str, str] = {
            name: shell.render_part(name, context) for name in shell.templates if name != shell.document
        }
        cover, _, tail = shell.render_part(shell.document, context).partition(BODY_MARKER)
        if body.final_section is not None:  # the body added sections: the last one has no cover page
            tail = tail.replace(shell.page.section, body.final_section)
        dynamic[shell.document] = cover + body.document + tail
        for part, content in (
            (shell.numbering, body.numbering),
            (shell.comments, body.comments),
            (shell.footnotes, body.footnotes),
            (shell.document_rels, body.relationships),
        ):
            dynamic[part.name] = part.prefix + content + part.suffix
        dynamic["docProps/core.xml"] = core_xml(meta)
        dynamic[CUSTOM_NAME] = custom_xml(meta)
        entries = [
            _checked_entry(name, dynamic[name].encode("utf-8")) if name in dynamic else shell.static[name]
            for name in shell.order
        ]
        return entries + [_media_entry(name, data) for name, data in body.media]


@lru_cache(maxsize=32)
def _media_entry(name: str, data: bytes) -> Entry:
    # A chart's PNG is embedded in several documents of a project: deflated once.
    return Entry.compress(name, data)


def _checked_entry(name: str, data: bytes) -> Entry:
    """Parse ``data`` again (the post-condition), then deflate it; small parts are remembered."""
    if len(data) <= _REMEMBERED_SIZE:
        return _remembered_entry(name, data)
    check_well_formed(name, data)
    return Entry.compress(name, data)


@lru_cache(maxsize=256)
def _remembered_entry(name: str, data: bytes) -> Entry:
    # Headers, footers, numbering and properties repeat across a project's documents: the same bytes
    # were checked already, so checking them again would prove nothing new.
    check_well_formed(name, data)
    return Entry.compress(name, data)


def shell_context(meta: DocumentMeta, body: str = BODY_MARKER) -> dict[str, Any]:
    """What the shell's tags see: the meta's values as plain text (escaped by the environment).

    ``body`` is XML: the marker the document's body replaces, or (for the benchmark's docxtpl path) the body.
    """
    return {
        "title": meta.title,
        "short_title": meta.short_title,
        "film_title": meta.film_title,
        "kind": meta.kind,
        "contract": meta.kind in ("agreement", "term-sheet"),
        "parties": list(meta.parties),
        "draft_number": meta.draft_number,
        # The same pattern as the Markdown's dates (rendering/filters.py), as plain text for Word.
        "draft_date": format_date(meta.draft_date, "d MMMM y", locale=meta.language),
        "language": meta.language,
        "legend": meta.legend,
        "reference": document_reference(meta),
        "body": Markup(body),
    }


def document_reference(meta: DocumentMeta) -> str:
    """The footer's reference: project, document kind, draft and the first 8 digits of the input hash.

    For example ``the-salt-road/agreement/D3/78c28ac7``; parts the meta lacks (no project folder or input
    hash outside a build) are left out.
    """
    digest = meta.provenance.get("input_hash", "")[:8]
    parts = [meta.slug, meta.kind, f"D{meta.draft_number}", digest]
    return "/".join(part for part in parts if part)
