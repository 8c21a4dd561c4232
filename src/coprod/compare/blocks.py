"""A rendered document as clauses and blocks, the units a redline aligns.

A *section* is a heading with the blocks under it, up to the next heading; it is known by the heading's
label (``{#approval}``), or by its words when it has none, so a clause keeps its identity when its number
changes. A *block* is one paragraph, one list item, one table or one other top-level element, kept as the
Markdown lines it was written as: its *lead* (the list marker, the heading's ``##`` and number) is layout
that follows the newer draft; its *body* is the text that is compared.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6}[ \t]+)(\d+(?:\.\d+)*\.?[ \t]+)?(.*?)([ \t]*\{#([A-Za-z][\w-]*)\})?[ \t]*$")
_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)")


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level element of a document."""

    kind: str
    """``heading``, ``paragraph``, ``item``, ``table`` or ``other``."""
    lead: str
    """Layout before the text: ``## 6. ``, ``1. ``, ``- [ ] ``; empty for paragraphs and tables."""
    body: str
    """The compared text (for a heading: without its number and label)."""
    label: str = ""
    """A heading's label, without braces."""

    @property
    def markdown(self) -> str:
        """The block as written."""
        return self.lead + self.body + (f" {{#{self.label}}}" if self.label else "")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks under it (the document's opening blocks have no heading)."""

    key: str
    """How the section is matched across drafts: its label, else its heading's words (numbered when two
    sections of a document share them); empty for the opening blocks."""
    heading: Block | None
    blocks: tuple[Block, ...]


@cache
def block_parser() -> MarkdownIt:
    """The Markdown dialect with its block rules only: a redline aligns blocks, never inline tokens."""
    md = (MarkdownIt("commonmark", {"html": False}).enable("table").use(front_matter_plugin)
          .use(footnote_plugin).use(deflist_plugin))
    md.core.ruler.enableOnly(["normalize", "block"])
    return md


def strip_front_matter(markdown: str) -> str:
    """*markdown* without its front-matter block."""
    return _FRONT_MATTER.sub("", markdown, count=1).lstrip("\n")


def _heading(line: str) -> Block:
    match = _HEADING.match(line)
    if match is None:  # a heading the parser saw but the pattern does not (setext): compare it whole
        return Block("heading", "", line)
    lead = match.group(1) + (match.group(2) or "")
    return Block("heading", lead, match.group(3), match.group(5) or "")


def _item(lines: list[str]) -> Block:
    text = "\n".join(lines)
    match = _ITEM.match(text)
    lead = match.group(1) if match else ""
    return Block("item", lead, text[len(lead):])


def blocks_of(markdown: str) -> list[Block]:
    """The top-level blocks of *markdown* (front matter removed), list items one by one."""
    text = strip_front_matter(markdown)
    lines = text.split("\n")
    tokens = block_parser().parse(text)
    blocks: list[Block] = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        start, end = token.map
        chunk = lines[start:end]
        while chunk and not chunk[-1].strip():
            chunk.pop()
        if token.type == "heading_open":
            blocks.append(_heading(chunk[0]))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            blocks.extend(_items(tokens, index, lines))
        elif token.type == "paragraph_open":
            blocks.append(Block("paragraph", "", "\n".join(chunk)))
        elif token.type == "table_open":
            blocks.append(Block("table", "", "\n".join(chunk)))
        else:
            blocks.append(Block("other", "", "\n".join(chunk)))
    return blocks


def _items(tokens: list, start: int, lines: list[str]) -> list[Block]:  # type: ignore[type-arg]
    """The items of the list opened at ``tokens[start]``, each with its own lines."""
    items: list[Block] = []
    depth = 0
    for token in tokens[start:]:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "list_item_open" and depth == 1 and token.map is not None:
            chunk = lines[token.map[0]:token.map[1]]
            while chunk and not chunk[-1].strip():
                chunk.pop()
            items.append(_item(chunk))
    return items


def sections_of(markdown: str) -> list[Section]:
    """*markdown* as sections, each keyed for matching across drafts."""
    sections: list[Section] = []
    heading: Block | None = None
    current: list[Block] = []
    for block in blocks_of(markdown):
        if block.kind == "heading":
            sections.append(Section("", heading, tuple(current)))
            heading, current = block, []
        else:
            current.append(block)
    sections.append(Section("", heading, tuple(current)))
    return _keyed(sections)


def _keyed(sections: list[Section]) -> list[Section]:
    seen: Counter[str] = Counter()
    keyed: list[Section] = []
    for section in sections:
        heading = section.heading
        if heading is None:
            base = ""
        elif heading.label:
            base = "#" + heading.label
        else:
            base = " ".join(heading.body.split()).casefold()
        seen[base] += 1
        key = base if seen[base] == 1 else f"{base} ({seen[base]})"
        keyed.append(Section(key, heading, section.blocks))
    return keyed
