"""Checks of a rendered document's prose, the slips a reviewing lawyer spots first.

They run on the final Markdown of every document (`DocumentRenderer.render` refuses a document that fails
one) and do not know where the text came from; `locate.py` finds the template line afterwards.

- Doubled spaces, and a space before a comma, full stop, semicolon or closing bracket: a substitution
  printed nothing ("from a screenplay by  and").
- Empty brackets or quotes: "()", "“”".
- A dangling separator: a list whose last item still ends with ";" or ", and", or a paragraph that ends
  with a comma, "and" or "or".
- A term defined in the text (“Co-Producer”) that the document never uses again.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from coprod.rendering.escape import escape, one_line

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.|\([a-zA-Z0-9]{1,4}\)) ")
"""A list item, or a lettered paragraph of a list written as paragraphs ("(e) ...; and")."""
_TABLE = re.compile(r"^\|")
_DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=\w) +(?=[,.;:)\]](?:\s|$))")
_EMPTY_PAIR = re.compile(r"\(\s*\)|“\s*”|\"\s*\"|\u2018\s*\u2019")
_DANGLING_ITEM = re.compile(r"(?:;|;\s+(?:and|or)|,|,?\s+(?:and|or))\s*$")
_DANGLING_PARAGRAPH = re.compile(r"(?:,|\s(?:and|or|the|of|by|to|a|an))\s*$")
_INLINE_DEFINITION = re.compile(r"(?:the|each a|an?)\s+“(?:\*\*)?([A-Z][\w'-]*(?: [A-Z][\w'-]*)*)(?:\*\*)?”")


@dataclass(frozen=True, slots=True)
class ProseProblem:
    """One slip in a rendered document: what it is, and where in the Markdown."""

    rule: str
    """'double-space', 'space-before-punctuation', 'empty-pair', 'dangling-separator', 'unused-term'."""
    offset: int
    """Character offset in the Markdown given to `check_prose`."""
    end: int
    message: str
    excerpt: str = ""
    """The text around the problem, on one line."""

    def __str__(self) -> str:
        return f"{self.message} (…{self.excerpt}…)"


def _excerpt(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - 40)
    right = min(line_end, end + 40)
    return text[left:right].strip()


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of *text*, with the line's offset."""
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _spacing(lines: list[tuple[int, str]]) -> list[ProseProblem]:
    problems = []
    for offset, line in lines:
        if _TABLE.match(line) or line.startswith("    "):
            continue  # table cells are padded; indented code keeps its spaces
        for match in _DOUBLE_SPACE.finditer(line):
            start = offset + match.start()
            problems.append(ProseProblem("double-space", start, start + 2,
                                         "two spaces in a row: a substitution printed nothing"))
        for match in _SPACE_BEFORE.finditer(line):
            start = offset + match.start()
            problems.append(ProseProblem("space-before-punctuation", start, start + 2,
                                         "a space before punctuation: a substitution printed nothing"))
        for match in _EMPTY_PAIR.finditer(line):
            start = offset + match.start()
            problems.append(ProseProblem("empty-pair", start, offset + match.end(),
                                         f"empty {match.group()!r}: a substitution printed nothing"))
    return problems


def _separators(lines: list[tuple[int, str]]) -> list[ProseProblem]:
    problems = []
    filled = [(index, offset, line) for index, (offset, line) in enumerate(lines) if line.strip()]
    for position, (index, offset, line) in enumerate(filled):
        following = filled[position + 1][2] if position + 1 < len(filled) else ""
        next_blank = index + 1 >= len(lines) or not lines[index + 1][1].strip()
        stripped = line.rstrip()
        if stripped.startswith(("#", "|", ">")) or following[:1].islower():
            continue  # a heading, a table, a note; or a sentence that goes on after its list
        item = bool(_LIST_ITEM.match(line))
        if item and _LIST_ITEM.match(following):
            continue  # not the last item
        if not item and (not next_blank or _LIST_ITEM.match(following)):
            continue  # not the end of a paragraph, or a paragraph that introduces a list
        match = (_DANGLING_ITEM if item else _DANGLING_PARAGRAPH).search(stripped)
        if match:
            start = offset + match.start()
            ending = match.group().strip()
            what = "the last item of a list" if item else "a paragraph"
            problems.append(ProseProblem("dangling-separator", start, start + 1,
                                         f"{what} ends with {ending!r}: end it with a full stop"))
    return problems


def _terms(text: str) -> list[ProseProblem]:
    problems = []
    for match in _INLINE_DEFINITION.finditer(text):
        term = match.group(1)
        base = term[:-1] if term.endswith("s") else term
        uses = [m for m in re.finditer(rf"(?<![\w“-]){re.escape(base)}", text)
                if not (match.start() <= m.start() < match.end())]
        if not any(text[m.start() - 1: m.start()] != "“" for m in uses):
            start = match.start(1)
            problems.append(ProseProblem("unused-term", start, match.end(),
                                         f"the term “{term}” is defined but never used"))
    return problems


def _blank_data(text: str, data: Iterable[str]) -> str:
    """*text* with each value of *data* that could itself hold a slip blanked out, offsets kept."""
    for value in sorted(data, key=len, reverse=True):
        if not (any(c.isspace() for c in value.strip()) or value.rstrip().endswith((";", ","))):
            continue  # one word cannot hold two spaces, an empty pair or a dangling separator
        for form in {str(escape(value)), str(one_line(value))}:
            if form in text:
                text = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", "x" * len(form), text)
    return text


def check_prose(markdown: str, data: Iterable[str] = ()) -> list[ProseProblem]:
    """Every slip in *markdown* (front matter skipped), in document order.

    *data* is the project's own text values: a slip inside a value the user typed (two spaces in a
    company name) is the user's to fix, not a template's, so those values are blanked out first.
    """
    front = _FRONT_MATTER.match(markdown)
    start = front.end() if front else 0
    body = _blank_data(" " * start + markdown[start:], data)  # offsets stay those of *markdown*
    lines = [(offset, line) for offset, line in _lines(body) if offset >= start]
    problems = _spacing(lines) + _separators(lines) + _terms(body)
    shown = [dataclasses.replace(p, excerpt=_excerpt(markdown, p.offset, p.end)) for p in problems]
    return sorted(shown, key=lambda p: (p.offset, p.rule))
