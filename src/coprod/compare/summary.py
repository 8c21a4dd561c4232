"""The first page of a comparison: the deal's changes, the findings that came and went, each document."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from coprod.rendering.escape import one_line

if TYPE_CHECKING:  # run.py imports this module; the types only annotate
    from coprod.compare.run import Comparison

_NONE = "None."


def _items(lines: list[str]) -> str:
    return "".join(f"- {line}\n" for line in lines) if lines else f"{_NONE}\n"


def changes_markdown(comparison: Comparison, film: str) -> str:
    """``changes.md``: what changed between the two drafts, for the reader of the redlines."""
    title = f"Changes: {film}"
    out = [f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n",
           f"# {one_line(title)}\n\n",
           f"Compared {one_line(comparison.newer)} with {one_line(comparison.older)}.\n\n"]
    if comparison.identical:
        out.append("The two drafts are identical: the same deal gives the same documents, and every redline "
                   "shows no change.\n\n")
    out.append("## The deal\n\n")
    out.append(_items([one_line(str(change)) for change in comparison.deal]))
    out.append("\n## Findings that appeared\n\n")
    out.append(_items([f"{one_line(f.severity.value.capitalize())}: {one_line(f.message)}"
                       for f in comparison.findings.appeared]))
    out.append("\n## Findings resolved\n\n")
    out.append(_items([f"{one_line(f.severity.value.capitalize())}: {one_line(f.message)}"
                       for f in comparison.findings.resolved]))
    out.append("\n## Documents\n\n| Document | Changed blocks | Redline |\n| --- | ---: | --- |\n")
    for document in comparison.documents:
        stem = document.relpath.removesuffix(".md")
        out.append(f"| {one_line(document.title)} | {document.changes} | "
                   f"{one_line(stem)}.compare.md, .compare.docx |\n")
    return "".join(out)
