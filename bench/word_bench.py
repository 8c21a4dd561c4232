"""How fast is coprod's Word path? Three ways to write the same documents, timed in one run.

- naive: what docxtpl's documentation suggests, per document: a fresh ``DocxTemplate`` of the shell,
  rendered (sandboxed, autoescape) with the body XML as the ``{{p body }}`` value, comments and list
  numbering patched into their parts, saved.
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
from markupsafe import Markup

from coprod.rendering.markdown import parser
from coprod.rendering.meta import DocumentMeta
from coprod.rendering.word import DEFAULT_SHELL, WordRenderer
from coprod.rendering.word.body import BodyWriter, ListIds
from coprod.rendering.word.package import Entry, write_zip
from coprod.rendering.word.shell import BODY_MARKER, load_shell

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = runpy.run_path(str(ROOT / "tests" / "rendering" / "word" / "samples.py"))


def naive(tokens: Sequence[Token], meta: DocumentMeta, ids: ListIds) -> bytes:
    """A fresh DocxTemplate per document (docxtpl cannot render one template twice)."""
    body = BodyWriter("bench", ids, clean=False, date=meta.draft_date).write(tokens)
    template = DocxTemplate(str(DEFAULT_SHELL))
    context: dict[str, Any] = {
        "title": meta.title,
        "short_title": meta.short_title,
        "film_title": meta.film_title,
        "kind": meta.kind,
        "parties": list(meta.parties),
        "draft_number": meta.draft_number,
        "draft_date": meta.draft_date.isoformat(),
        "language": meta.language,
        "body": Markup(body.document),
    }
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
    ids = ListIds(shell.bullet_num, shell.ordered_abstract, shell.first_free_num)
    context: dict[str, Any] = dict.fromkeys(
        ("title", "short_title", "film_title", "draft_date", "language"), "x"
    )
    context.update(kind=meta.kind, parties=list(meta.parties), draft_number=1, body=Markup(BODY_MARKER))
    cover, _, tail = shell.render_part(shell.document, context).partition(BODY_MARKER)
    others = [shell.static.get(name) or Entry.compress(name, b"<x/>") for name in shell.order]

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
    documents = {"agreement": SAMPLES["agreement"](clauses), "small": SAMPLES["SMALL"]}
    renderer = WordRenderer()
    ids, floor = make_floor(meta)
    print(f"Word path per document, best of {repeats} (ms); the Markdown is parsed once beforehand")
    print(
        f"{'document':<12}{'parse':>9}{'naive':>9}{'coprod':>9}{'floor':>9}{'naive/coprod':>14}{'coprod/floor':>14}"
    )
    for name, markdown in documents.items():
        tokens = parser().parse(markdown)
        parse = best_of(partial(parser().parse, markdown), repeats)
        t_naive = best_of(partial(naive, tokens, meta, ids), repeats)
        t_coprod = best_of(partial(renderer.render_tokens, tokens, meta), repeats)
        t_floor = best_of(partial(floor, tokens), repeats)
        print(
            f"{name:<12}{parse:>9.1f}{t_naive:>9.1f}{t_coprod:>9.1f}{t_floor:>9.1f}"
            f"{t_naive / t_coprod:>14.1f}{t_coprod / t_floor:>14.2f}"
        )
    print("aims: naive/coprod >= 6, coprod/floor <= 2")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))
