"""The one Markdown dialect coprod writes and reads back, shared by the Markdown and Word paths.

coprod's documents are CommonMark plus: pipe tables, task lists (``- [ ] item``), footnotes, definition
lists, a front-matter block, and heading labels written Pandoc-style at the end of a heading line::

    ## 9. Recoupment {#recoupment}

Raw HTML is off, so data can never turn into HTML. A heading label becomes the ``id`` attribute of the
``heading_open`` token and disappears from the heading text; the Word renderer turns it into a bookmark,
and a link to ``#label`` into a cross-reference.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

_LABEL = re.compile(r"\s*(?<!\\)\{#([A-Za-z][\w-]*)\}\s*$")
_LABEL_TEXT = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")


def _heading_labels(state: StateCore) -> None:
    """Move a trailing ``{#label}`` of a heading into the heading's ``id`` attribute."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = _LABEL.search(inline.content)
        if not match or not inline.children:
            continue
        last = inline.children[-1]
        if last.type != "text" or not _LABEL_TEXT.search(last.content):
            continue  # the label was escaped or split by markup: leave it as text
        token.attrSet("id", match.group(1))
        inline.content = inline.content[: match.start()]
        last.content = _LABEL_TEXT.sub("", last.content)
        if not last.content:
            inline.children.pop()


@cache
def parser() -> MarkdownIt:
    """The shared markdown-it parser (cached: building it compiles its rules)."""
    md = (
        MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        .enable("table")
        .use(front_matter_plugin)
        .use(tasklists_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)
    )
    md.core.ruler.push("heading_labels", _heading_labels)
    return md
