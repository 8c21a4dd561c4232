"""Align two drafts of a document clause by clause and block by block: the redline as data.

Sections are matched by key (a clause's label), so a clause that only changed number shows no change. A
section only in the newer draft is inserted where it stands; one only in the older draft is deleted
where it stood (after the last clause before it that both drafts keep). A section both drafts keep but in
another order is *moved*: shown whole where it was (moved from) and where it is (moved to). Inside a kept
section, blocks are aligned by their text; a changed block is compared word by word, a table row by row
and cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from coprod.compare.blocks import Block, Section, sections_of
from coprod.compare.words import Change, Run, diff_words, tokens

_SIMILAR = 0.4
"""Two blocks whose words are less alike than this are a deletion and an insertion, not an edit."""
_CELL = re.compile(r"(?<!\\)\|")
_LINK_NUMBER = re.compile(r"\[(?:\\.|[^\]\\])*\]\((#[A-Za-z][\w-]*)\)")


class Whole(StrEnum):
    """What happened to a block as a whole."""

    KEPT = "kept"
    """In both drafts; its runs say what changed inside it."""
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVED_FROM = "moved-from"
    """Where a moved clause stood in the older draft (its older text)."""
    MOVED_TO = "moved-to"
    """Where a moved clause stands in the newer draft (its newer text)."""


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: what happened to it, and each cell's runs."""

    whole: Whole
    cells: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True, slots=True)
class RedBlock:
    """One block of the redline."""

    whole: Whole
    kind: str
    lead: str
    """Layout from the draft the block's text comes from (the newer one when in both)."""
    runs: tuple[Run, ...] = ()
    """The text, for every kind but tables."""
    label: str = ""
    header: tuple[Row, ...] = ()
    """A table's header row and delimiter line (layout, from the newer draft unless the table is whole)."""
    rows: tuple[Row, ...] = ()

    @property
    def changed(self) -> bool:
        """True if anything in the block differs between the drafts."""
        if self.whole is not Whole.KEPT:
            return True
        rows = (*self.header, *self.rows)
        return (any(run.change is not Change.SAME for run in self.runs)
                or any(row.whole is not Whole.KEPT or _cells_changed(row) for row in rows))


def _cells_changed(row: Row) -> bool:
    return any(run.change is not Change.SAME for cell in row.cells for run in cell)


def _same(text: str) -> tuple[Run, ...]:
    return (Run(Change.SAME, text),) if text else ()


def _compare_key(text: str) -> str:
    return " ".join(_LINK_NUMBER.sub(r"\1", text).split())


# --- tables --------------------------------------------------------------------------------------------

def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return _CELL.split(inner)


def _whole_row(line: str, whole: Whole) -> Row:
    return Row(whole, tuple(_same(cell) for cell in _cells(line)))


def _table(old: Block | None, new: Block | None, whole: Whole) -> RedBlock:
    """A table in one draft only (*whole* says which), or in both (compared row by row)."""
    if old is None or new is None:
        source = new if new is not None else old
        assert source is not None
        lines = source.body.split("\n")
        return RedBlock(whole, "table", "", header=(_whole_row(lines[0], whole), _whole_row(lines[1], whole)),
                        rows=tuple(_whole_row(line, whole) for line in lines[2:]))
    before, after = old.body.split("\n"), new.body.split("\n")
    header = (_row_diff(before[0], after[0]), _whole_row(after[1], Whole.KEPT))
    rows: list[Row] = []
    matcher = SequenceMatcher(None, [_row_key(r) for r in before[2:]], [_row_key(r) for r in after[2:]],
                              autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        olds, news = before[2 + a1:2 + a2], after[2 + b1:2 + b2]
        paired = len(olds) if op == "equal" else min(len(olds), len(news)) if op == "replace" else 0
        rows.extend(_row_diff(o, n) for o, n in zip(olds[:paired], news[:paired], strict=True))
        rows.extend(_whole_row(line, Whole.DELETED) for line in olds[paired:])
        rows.extend(_whole_row(line, Whole.INSERTED) for line in news[paired:])
    return RedBlock(Whole.KEPT, "table", "", header=header, rows=tuple(rows))


def _row_key(line: str) -> str:
    """A row as matched across drafts: its words, without cells that only number it (``| 4 |``)."""
    return _compare_key(" | ".join(cell for cell in _cells(line) if not cell.strip().isdigit()))


def _cell_diff(old: str, new: str) -> tuple[Run, ...]:
    """A cell's words compared; the blanks around them are layout and stay the newer draft's."""
    lead = new[: len(new) - len(new.lstrip())]
    trail = new[len(new.rstrip()):]
    if old.strip() == new.strip():
        return _same(new)
    runs = diff_words(old.strip(), new.strip())
    return (*_same(lead), *runs, *_same(trail))


def _row_diff(old: str, new: str) -> Row:
    before, after = _cells(old), _cells(new)
    if len(before) != len(after):  # a row of another shape: not comparable cell by cell
        before = before[: len(after)] + [""] * (len(after) - len(before))
    return Row(Whole.KEPT, tuple(_cell_diff(b, a) for b, a in zip(before, after, strict=True)))


def _tables_comparable(old: Block, new: Block) -> bool:
    return len(_cells(old.body.split("\n")[0])) == len(_cells(new.body.split("\n")[0]))


# --- blocks and sections -------------------------------------------------------------------------------

def _whole(block: Block, whole: Whole) -> RedBlock:
    if block.kind == "table":
        return _table(block if whole in (Whole.DELETED, Whole.MOVED_FROM) else None,
                      block if whole not in (Whole.DELETED, Whole.MOVED_FROM) else None, whole)
    return RedBlock(whole, block.kind, block.lead, _same(block.body), block.label)


def _similarity(old: Block, new: Block) -> float:
    return SequenceMatcher(None, tokens(_compare_key(old.body)), tokens(_compare_key(new.body)),
                           autojunk=False).ratio()


def _edit(old: Block, new: Block) -> list[RedBlock]:
    if old.kind == new.kind and old.kind != "table" and _compare_key(old.body) == _compare_key(new.body):
        return [RedBlock(Whole.KEPT, new.kind, new.lead, _same(new.body), new.label)]  # the usual case
    if old.kind != new.kind or (old.kind == "table" and not _tables_comparable(old, new)):
        return [_whole(old, Whole.DELETED), _whole(new, Whole.INSERTED)]
    if old.kind == "table":
        return [_table(old, new, Whole.KEPT)]
    if old.kind != "heading" and _similarity(old, new) < _SIMILAR:
        return [_whole(old, Whole.DELETED), _whole(new, Whole.INSERTED)]
    return [RedBlock(Whole.KEPT, new.kind, new.lead, tuple(diff_words(old.body, new.body)), new.label)]


def _blocks(old: Sequence[Block], new: Sequence[Block]) -> list[RedBlock]:
    matcher = SequenceMatcher(None, [(b.kind, _compare_key(b.body)) for b in old],
                              [(b.kind, _compare_key(b.body)) for b in new], autojunk=False)
    out: list[RedBlock] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        olds, news = old[a1:a2], new[b1:b2]
        paired = len(olds) if op == "equal" else min(len(olds), len(news)) if op == "replace" else 0
        for o, n in zip(olds[:paired], news[:paired], strict=True):
            out.extend(_edit(o, n))  # equal blocks too: a link's shown number may differ
        out.extend(_whole(block, Whole.DELETED) for block in olds[paired:])
        out.extend(_whole(block, Whole.INSERTED) for block in news[paired:])
    return out


def _section(section: Section, whole: Whole) -> list[RedBlock]:
    blocks = [section.heading, *section.blocks] if section.heading is not None else list(section.blocks)
    return [_whole(block, whole) for block in blocks]


def _kept(old: Section, new: Section) -> list[RedBlock]:
    out: list[RedBlock] = []
    if new.heading is not None and old.heading is not None:
        out.extend(_edit(old.heading, new.heading))
    out.extend(_blocks(old.blocks, new.blocks))
    return out


def redline(old_markdown: str, new_markdown: str) -> list[RedBlock]:
    """The redline of two drafts of one document, in the newer draft's order."""
    old, new = sections_of(old_markdown), sections_of(new_markdown)
    old_by_key = {section.key: section for section in old}
    new_keys = {section.key for section in new}
    common_old = [s.key for s in old if s.key in new_keys]
    common_new = [s.key for s in new if s.key in old_by_key]
    matcher = SequenceMatcher(None, common_old, common_new, autojunk=False)
    in_order = {key for a, _b, size in matcher.get_matching_blocks() for key in common_old[a:a + size]}
    # Sections leaving their place (deleted, or moved away) are shown after the last in-order section
    # before them in the older draft ("" = the opening blocks, which every draft has).
    after: dict[str, list[tuple[Section, Whole]]] = {}
    anchor = ""
    for section in old:
        if section.key in in_order:
            anchor = section.key
        else:
            whole = Whole.DELETED if section.key not in new_keys else Whole.MOVED_FROM
            after.setdefault(anchor, []).append((section, whole))
    out: list[RedBlock] = []
    for section in new:
        if section.key not in old_by_key:
            out.extend(_section(section, Whole.INSERTED))
        elif section.key in in_order:
            out.extend(_kept(old_by_key[section.key], section))
        else:
            out.extend(_section(section, Whole.MOVED_TO))
        for gone, whole in after.get(section.key, ()):
            out.extend(_section(gone, whole))
    return out
