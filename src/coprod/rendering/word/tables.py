"""Pipe tables -> Word tables in the shell's table style.

Fixed column widths from the content, a header row that repeats on every page, rows that never split,
and a totals row that never starts a page alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from coprod.rendering.word import xml
from coprod.rendering.word.amounts import keep_amounts_whole
from coprod.rendering.word.inline import InlineWriter, line_of
from coprod.rendering.word.layout import Cell, TableLayout, plan_table

_ALIGN = {"text-align:left": "left", "text-align:center": "center", "text-align:right": "right"}
KEPT_WHOLE_ROWS = 12
"""A table with at most this many rows is kept on one page (each row kept with the next)."""
TOTAL_WORDS = ("Total", "Totals", "Grand total")


@dataclass(frozen=True, slots=True)
class TableFrame:
    """What a table is laid out in: the text widths of a portrait and a landscape page, the text size."""

    portrait: int = 9026
    landscape: int = 13958
    points: float = 10.0


@dataclass(slots=True)
class _Row:
    header: bool
    cells: list[tuple[Token | None, str]] = field(default_factory=list)
    """Each cell's inline token (None when empty) and its alignment."""


def table_end(tokens: Sequence[Token], start: int) -> int:
    """Index of the ``table_close`` matching the ``table_open`` at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].type == "table_open":
            depth += 1
        elif tokens[index].type == "table_close":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def write_table(tokens: Sequence[Token], inline: InlineWriter, frame: TableFrame) -> tuple[str, bool]:
    """The ``w:tbl`` for one table's tokens (``table_open`` to ``table_close``), and whether it is landscape.

    The paragraph after the table is left to the caller (it may have to end a landscape section).
    """
    rows = _rows(tokens)
    columns = max((len(row.cells) for row in rows), default=1)
    layout = _layout(rows, columns, frame)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in layout.widths)
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="CoprodTable"/>'
        f'<w:tblW w:w="{sum(layout.widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr>',
        f"<w:tblGrid>{grid}</w:tblGrid>",
    ]
    kept = _kept_with_next(rows)
    for index, row in enumerate(rows):
        # A header row repeats at the top of each page the table runs onto; no row splits across pages.
        props = "<w:cantSplit/><w:tblHeader/>" if row.header else "<w:cantSplit/>"
        keep = "<w:keepNext/>" if index in kept else ""
        out.append(f"<w:tr><w:trPr>{props}</w:trPr>")
        cells = row.cells + [(None, "left")] * (columns - len(row.cells))
        for (content, align), width in zip(cells, layout.widths, strict=True):
            runs = (inline.runs(content.children or [], line_of(content), bold=row.header)
                    if content is not None else "")
            ppr = f'{keep}<w:jc w:val="{align}"/>'
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"{xml.paragraph('TableText', runs, ppr)}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out), layout.landscape


def _kept_with_next(rows: Sequence[_Row]) -> set[int]:
    """Rows kept with the row after them: all of a short table; the header; the row before a total."""
    last = len(rows) - 1
    if len(rows) <= KEPT_WHOLE_ROWS:
        return set(range(last))
    kept = {index for index, row in enumerate(rows) if row.header}
    if _is_total(rows[last]):
        kept.update({last - 2, last - 1})  # the total never starts a page with fewer than two rows above it
    return {index for index in kept if 0 <= index < last}


def _is_total(row: _Row) -> bool:
    first = row.cells[0][0] if row.cells else None
    return first is not None and _visible(first).strip().startswith(TOTAL_WORDS)


def _visible(content: Token) -> str:
    """A cell's text as printed: its text and code, without the Markdown's emphasis marks."""
    parts = [child.content if child.type in ("text", "code_inline") else " "
             for child in content.children or [] if child.type in ("text", "code_inline", "softbreak")]
    return keep_amounts_whole("".join(parts))


def _layout(rows: Sequence[_Row], columns: int, frame: TableFrame) -> TableLayout:
    measured = [
        [Cell(_visible(content), row.header or any(c.type == "strong_open" for c in content.children or []))
         if content is not None else Cell("", False) for content, _ in row.cells]
        for row in rows
    ]
    return plan_table(measured, columns, frame.points, frame.portrait, frame.landscape)


def _rows(tokens: Sequence[Token]) -> list[_Row]:
    rows: list[_Row] = []
    in_head = False
    align = "left"
    for index, token in enumerate(tokens):
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            rows.append(_Row(header=in_head))
        elif token.type in ("th_open", "td_open"):
            align = _ALIGN.get(str(token.attrGet("style") or ""), "left")
            following = tokens[index + 1]
            content = following if following.type == "inline" else None
            rows[-1].cells.append((content, align))
    return rows
