"""The redline written out as Markdown: for people (CriticMarkup) or for the Word writer (private marks).

Both forms come from one walk over the redline, differing only in the `Marks` they put around changes:

- `CRITIC`: ``{++inserted++}`` and ``{--deleted--}`` (CriticMarkup, readable as plain text), a whole block
  inserted or deleted wrapped the same way, a moved clause flagged by a CriticMarkup comment;
- `WORD`: characters from Unicode's private use area that no document contains, which `tracked` turns into
  Word's ``w:ins`` / ``w:del`` (and ``w:moveFrom`` / ``w:moveTo``) after the ordinary Word writer ran.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from coprod.compare.redline import RedBlock, Row, Whole
from coprod.compare.words import Change, Run, diff_words

INS_START, INS_END, DEL_START, DEL_END = "\ue000", "\ue001", "\ue002", "\ue003"
"""Marks around inserted and deleted text, in the Markdown handed to the Word writer."""
BLOCK_MARKS = {Whole.INSERTED: "\ue004", Whole.DELETED: "\ue005", Whole.MOVED_FROM: "\ue006",
               Whole.MOVED_TO: "\ue007"}
"""Mark at the start of a paragraph (or of each cell of a row) that is inserted, deleted or moved whole."""
ALL_MARKS = frozenset((INS_START, INS_END, DEL_START, DEL_END, *BLOCK_MARKS.values()))


@dataclass(frozen=True, slots=True)
class Marks:
    """How changes are marked in one form of the redline."""

    inserted: tuple[str, str]
    deleted: tuple[str, str]
    whole: dict[Whole, tuple[str, str]]
    """Before and after the text of a block (or a cell) that changed whole."""


CRITIC = Marks(("{++", "++}"), ("{--", "--}"), {
    Whole.INSERTED: ("{++", "++}"), Whole.DELETED: ("{--", "--}"),
    Whole.MOVED_FROM: ("{>>moved from here<<}{--", "--}"), Whole.MOVED_TO: ("{>>moved here<<}{++", "++}")})
WORD = Marks((INS_START, INS_END), (DEL_START, DEL_END),
             {whole: (mark, "") for whole, mark in BLOCK_MARKS.items()})


def _runs(runs: Sequence[Run], marks: Marks) -> str:
    out: list[str] = []
    for run in runs:
        if run.change is Change.SAME:
            out.append(run.text)
            continue
        start, end = marks.inserted if run.change is Change.INSERTED else marks.deleted
        # Keep a run's line breaks outside its marks: a mark never spans two lines of Markdown.
        out.append("\n".join(f"{start}{line}{end}" if line else "" for line in run.text.split("\n")))
    return "".join(out)


def _wrap(text: str, whole: Whole, marks: Marks) -> str:
    """*text* marked as changed whole, each line inside its own blanks (which are layout, not text)."""
    if whole is Whole.KEPT:
        return text
    start, end = marks.whole[whole]
    lines = []
    for line in text.split("\n"):
        core = line.strip()
        lead, trail = line[: len(line) - len(line.lstrip())], line[len(line.rstrip()):]
        lines.append(f"{lead}{start}{core}{end}{trail}")
    return "\n".join(lines)


def _row(row: Row, marks: Marks) -> str:
    cells = [_wrap(_runs(cell, marks), row.whole, marks) for cell in row.cells]
    return "|" + "|".join(cells) + "|"


def _block(block: RedBlock, marks: Marks) -> str:
    if block.kind == "table":
        header, delimiter = block.header
        lines = [_row(header, marks), "|" + "|".join(run.text for cell in delimiter.cells for run in cell)
                 + "|", *(_row(row, marks) for row in block.rows)]
        return "\n".join(lines)
    lead = block.lead
    if block.kind == "heading" and block.whole in (Whole.DELETED, Whole.MOVED_FROM):
        lead = lead.split(" ", 1)[0] + " "  # its old number is gone: Word numbers the clauses that stay
    label = f" {{#{block.label}}}" if block.label else ""
    return lead + _wrap(_runs(block.runs, marks), block.whole, marks) + label


def redline_markdown(blocks: Sequence[RedBlock], marks: Marks) -> str:
    """The redline's body as Markdown, blocks separated by blank lines."""
    return "\n\n".join(_block(block, marks) for block in blocks) + "\n"


def marked_line(old: str, new: str) -> str:
    """Plain text (a title, a party's name) with its word changes marked for Word."""
    return _runs(diff_words(old, new), WORD)


def marked_list(old: Sequence[str], new: Sequence[str]) -> tuple[str, ...]:
    """Lines (the parties on a cover) aligned, each marked for Word: a line gone is all deleted text."""
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    out: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        paired = a2 - a1 if op == "equal" else min(a2 - a1, b2 - b1) if op == "replace" else 0
        out.extend(marked_line(o, n) for o, n in zip(old[a1:a1 + paired], new[b1:b1 + paired], strict=True))
        out.extend(f"{DEL_START}{line}{DEL_END}" for line in old[a1 + paired:a2])
        out.extend(f"{INS_START}{line}{INS_END}" for line in new[b1 + paired:b2])
    return tuple(out)


_DELETED = re.compile(f"{DEL_START}[^{DEL_END}]*{DEL_END}")


def accept_marks(text: str) -> str:
    """*text* with every change accepted: deleted text gone, inserted text kept, no marks left."""
    return "".join(char for char in _DELETED.sub("", text) if char not in ALL_MARKS)
