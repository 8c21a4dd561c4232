"""How fast is coprod's Word path? Three ways to write the same documents, timed in one run.

- naive: what docxtpl's documentation suggests, per document: a fresh ``DocxTemplate`` of the shell, the
  body added with python-docx's API (styled headings, paragraphs with bold and italic runs, lists,
  tables; docxtpl's sub-documents would need docxcompose), then rendered (sandboxed, autoescape) and
  saved. It writes less than coprod (no comments, fields, bookmarks, checkboxes or list restarts), so it
  is flattered.
- docxtpl, body given: a fresh ``DocxTemplate`` per document as above, but given coprod's body XML (and
  comments and list numbering patched into their parts): the cost of docxtpl's reload-patch-render-save.
- coprod: ``WordRenderer.render_tokens`` with one renderer built once (as in a build worker).
- floor: the least any implementation must do: write the body XML from the tokens and write a zip of it
  with the shell's other parts (compressed once beforehand). No cover, comments, properties or checks.

All three start from the same parsed tokens; parsing the Markdown (shared by every way, and by the Markdown
output) is timed and printed on its own. Run: ``.venv/bin/python bench/word_bench.py [clauses] [repeats]``.
"""

from __future__ import annotations

import io
import runpy
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markdown_it.token import Token

from coprod.rendering.markdown import parser
from coprod.rendering.meta import DocumentMeta
from coprod.rendering.word import DEFAULT_SHELL, WordRenderer
from coprod.rendering.word.body import BodyWriter, ListIds
from coprod.rendering.word.clauses import split_number
from coprod.rendering.word.package import Entry, write_zip
from coprod.rendering.word.renderer import shell_context
from coprod.rendering.word.shell import BODY_MARKER, load_shell

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = runpy.run_path(str(ROOT / "tests" / "rendering" / "word" / "samples.py"))


_HEADING_STYLES = {1: "Document Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}


def naive(tokens: Sequence[Token], meta: DocumentMeta) -> bytes:
    """A fresh DocxTemplate per document (docxtpl cannot render one template twice), body via python-docx."""
    template = DocxTemplate(str(DEFAULT_SHELL))
    subdoc = template.get_docx()  # the body is appended after the {{p body }} paragraph, which renders empty
    styles: list[str] = []
    table: list[list[str]] = []
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            text = tokens[index + 1].content
            clause = split_number(text)
            subdoc.add_paragraph(
                clause.title if clause else text, style=_HEADING_STYLES.get(int(token.tag[1:]))
            )
        elif kind in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            styles.append({"b": "List Bullet", "o": "List Number"}.get(kind[0], "Quote"))
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            styles.pop()
        elif kind == "tr_open":
            table.append([])
        elif kind == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            table[-1].append(token.content)
        elif kind == "table_close":
            _add_table(subdoc, table)
            table = []
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            _add_paragraph(subdoc, token, styles[-1] if styles else "Body Text")
    template.render(shell_context(meta, ""), jinja_env=SandboxedEnvironment(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _add_table(subdoc: Any, rows: list[list[str]]) -> None:
    grid = subdoc.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = "Coprod Table"
    for row, cells in zip(grid.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text


def _add_paragraph(subdoc: Any, inline: Token, style: str) -> None:
    paragraph = subdoc.add_paragraph(style=style)
    bold = italic = False
    for child in inline.children or []:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.content:
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold or None, italic or None


def docxtpl_body_given(tokens: Sequence[Token], meta: DocumentMeta, ids: ListIds) -> bytes:
    """A fresh DocxTemplate per document, given coprod's body XML."""
    body = BodyWriter("bench", ids, clean=False, date=meta.draft_date).write(tokens)
    template = DocxTemplate(str(DEFAULT_SHELL))
    context = shell_context(meta, body.document)
    template.render(context, jinja_env=SandboxedEnvironment(), autoescape=True)
    template.core_properties.title = meta.title
    for part in template.docx.part.package.parts:
        name = str(part.partname)
        if name == "/word/comments.xml":
            part._element = _with_children(part._element, body.comments)
        elif name == "/word/numbering.xml":
            part._element = _with_children(part._element, body.numbering)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _with_children(element: Any, children: str) -> Any:
    root = etree.fromstring(etree.tostring(element))
    wrapper = etree.fromstring(f'<w:x xmlns:w="{root.nsmap["w"]}">{children}</w:x>')
    root.extend(list(wrapper))
    return root


def make_floor(meta: DocumentMeta) -> tuple[ListIds, Callable[[Sequence[Token]], bytes]]:
    """The floor: body XML from tokens, spliced into a fixed cover, and the zip written."""
    shell = load_shell(DEFAULT_SHELL)
    ids = shell.lists
    cover, _, tail = shell.render_part(shell.document, shell_context(meta)).partition(BODY_MARKER)
    others = [
        shell.static.get(name) or Entry.compress(name, b"<x/>")
        for name in shell.order
        if name != shell.document
    ]

    def floor(tokens: Sequence[Token]) -> bytes:
        body = BodyWriter("bench", ids, clean=False, date=meta.draft_date).write(tokens)
        document = Entry.compress(shell.document, (cover + body.document + tail).encode("utf-8"))
        return write_zip([document, *others])

    return ids, floor


def best_of(function: Callable[[], object], repeats: int) -> float:
    """Best wall time of ``repeats`` calls, in milliseconds (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main(clauses: int = 20, repeats: int = 15) -> int:
    meta = SAMPLES["meta"]()
    agreement = f"agreement ({clauses} clauses with {2 * clauses} sub-clauses)"
    documents = {agreement: SAMPLES["agreement"](clauses), "small": SAMPLES["SMALL"]}
    renderer = WordRenderer()
    ids, floor = make_floor(meta)
    print(f"Word path per document, best of {repeats}, in ms; the Markdown is parsed once beforehand")
    for name, markdown in documents.items():
        tokens = parser().parse(markdown)
        parse = best_of(partial(parser().parse, markdown), repeats)
        t_naive = best_of(partial(naive, tokens, meta), repeats)
        t_given = best_of(partial(docxtpl_body_given, tokens, meta, ids), repeats)
        t_coprod = best_of(partial(renderer.render_tokens, tokens, meta), repeats)
        t_floor = best_of(partial(floor, tokens), repeats)
        print(f"{name}: parse {parse:.1f}, naive {t_naive:.1f}, docxtpl body given {t_given:.1f}, ", end="")
        print(f"coprod {t_coprod:.1f}, floor {t_floor:.1f}")
        print(f"  naive/coprod = {t_naive / t_coprod:.1f}", end="   ")
        print(f"(docxtpl body given)/coprod = {t_given / t_coprod:.1f}")
        print(f"  coprod/floor = {t_coprod / t_floor:.2f}")
    print("aims: naive/coprod >= 6, coprod/floor <= 2")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))
