"""Pipe tables -> Word tables in the shell's table style, with a header row that repeats on every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from coprod.rendering.word import xml
from coprod.rendering.word.inline import InlineWriter, line_of

TEXT_WIDTH = 9026  # twips between the shell's margins on A4; only the columns' proportions matter
_CHAR_WIDTH = 120  # twips: an average character of the 10-point table text, bold headers included
_CELL_MARGINS = 240  # twips: the table style's left and right cell margins, with a little air
_CELL_CAP = 40  # characters: beyond this a cell wraps anyway
_ALIGN = {"text-align:left": "left", "text-align:center": "center", "text-align:right": "right"}


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


def write_table(tokens: Sequence[Token], inline: InlineWriter) -> str:
    """The ``w:tbl`` for the tokens of one table (``table_open`` to ``table_close`` inclusive)."""
    rows = _rows(tokens)
    columns = max((len(row.cells) for row in rows), default=1)
    widths = column_widths(rows, columns)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="CoprodTable"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr>',
        f"<w:tblGrid>{grid}</w:tblGrid>",
    ]
    for row in rows:
        # A header row repeats at the top of each page the table runs onto; no row splits across pages.
        props = "<w:cantSplit/><w:tblHeader/>" if row.header else "<w:cantSplit/>"
        out.append(f"<w:tr><w:trPr>{props}</w:trPr>")
        cells = row.cells + [(None, "left")] * (columns - len(row.cells))
        for (content, align), width in zip(cells, widths, strict=True):
            runs = (inline.runs(content.children or [], line_of(content), bold=row.header)
                    if content is not None else "")
            jc = f'<w:jc w:val="{align}"/>'
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"{xml.paragraph('TableText', runs, jc)}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    # Word needs a paragraph between a table and whatever follows (another table, the section end).
    out.append(xml.paragraph("TableText", ""))
    return "".join(out)


def column_widths(rows: Sequence[_Row], columns: int) -> list[int]:
    """Column widths in twips, shared out by how much text each column holds.

    Each column gets at least room for its longest word (so "Contribution" is not broken), and the rest
    of the width goes by the length of its longest cell, capped so one long description cannot starve the
    other columns.
    """
    longest_word = [1] * columns
    longest_cell = [1] * columns
    for row in rows:
        for index, (content, _) in enumerate(row.cells):
            text = content.content if content is not None else ""
            longest_cell[index] = max(longest_cell[index], min(len(text), _CELL_CAP))
            longest_word[index] = max(longest_word[index], *(len(word) for word in text.split()), 1)
    floors = [min(word * _CHAR_WIDTH + _CELL_MARGINS, TEXT_WIDTH // columns * 2) for word in longest_word]
    spare = max(TEXT_WIDTH - sum(floors), 0)
    total = sum(longest_cell)
    widths = [floor + spare * cell // total for floor, cell in zip(floors, longest_cell, strict=True)]
    scale = TEXT_WIDTH / sum(widths)
    return [int(width * scale) for width in widths]


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
