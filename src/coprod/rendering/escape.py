"""Markdown escaping: every value from data prints as itself, never as Markdown, HTML or Jinja structure.

The rule is simple enough to hold in one's head: template text is trusted, data is not. Template text
reaches the output as it is; every value a template prints goes through `escape`, which backslash-escapes
each character that could start Markdown structure. A value that is already Markdown (the output of a
filter, a cross-reference, a macro) is a `Safe` string and passes through unchanged.

`Safe` subclasses markupsafe's ``Markup`` so that Jinja's own autoescape machinery (macros, ``caller()``,
``{% set %}`` blocks, ``~`` and ``%`` on safe strings) keeps track of what is already Markdown; its
``escape`` is overridden, so mixing data into a `Safe` string escapes for Markdown, not HTML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markupsafe import Markup

# Characters that mean something wherever they stand: emphasis, code, links, autolinks, entities, table
# cells, heading labels ``{#x}`` (and Jinja's own braces), heading closers ``#``, fences ``~~~``, escapes.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&|{}#!~])")
# Characters that start block structure only at the start of a line: lists, blockquotes, setext
# underlines, definition lists. A value may be printed at the start of a line, so its first character
# and the first character after each line break are escaped too.
_LINE_START = re.compile(r"^([-+=:])")
# "2027." or "3)" at the start of a line opens an ordered list: escape the delimiter.
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BLANK_LINES = re.compile(r"[ \t]*(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))*[ \t]*")
_BREAK = re.compile(r"\r\n|\r|\n")


class Safe(Markup):
    """Text that is already Markdown: template text, filter output, cross-references.

    Concatenating or formatting a `Safe` string with plain data escapes the data for Markdown.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Safe:
        """Escape *s* for Markdown unless it already is Markdown."""
        return escape(s)


def _escape_line(line: str) -> str:
    text = _LINE_START.sub(r"\\\1", _ANYWHERE.sub(r"\\\1", line))
    return _ORDERED.sub(r"\1\\\2", text)


# Documents print the same names, amounts and dates again and again: remembering recent values saves
# most of the regex work, and the bound keeps a long-lived worker's memory flat.
@lru_cache(maxsize=8192)
def escape_text(value: str) -> str:
    """Escape plain *value* so that Markdown shows it literally.

    Line breaks stay line breaks (a soft break in a paragraph); blank lines collapse to one line break,
    so data can never start a paragraph, a list or a heading of its own, and indentation at the start of
    a line (which could open a code block) is dropped; blanks around the value shrink to one space.
    """
    core = value.strip()
    if not core:
        return " " if value else ""  # blank data is a space at most: never a blank line
    # Blanks around the value shrink to one space: enough to separate words, never an indented code block.
    lead = " " if value[0].isspace() else ""
    trail = " " if value[-1].isspace() else ""
    lines = _BLANK_LINES.sub("\n", core).split("\n")
    return lead + "\n".join(_escape_line(line) for line in lines) + trail


def escape(value: Any) -> Safe:
    """The `Safe` Markdown for *value*: unchanged if it already is Markdown, escaped otherwise."""
    if isinstance(value, Markup):
        return value if isinstance(value, Safe) else Safe(str(value))
    return Safe(escape_text(str(value)))


def one_line(value: Any) -> Safe:
    """Like `escape`, but line breaks become spaces: for table cells, which are one line each."""
    if isinstance(value, Markup):
        return Safe(_BREAK.sub(" ", str(value)))
    return Safe(_BREAK.sub(" ", escape_text(str(value))))
