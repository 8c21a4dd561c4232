"""Column widths for a table, from its content: every word and amount fits its column, or the table turns.

Each column needs at least the width of its widest unbreakable piece (a word, or an amount kept whole by
no-break spaces), in the table's font, plus the cell margins. A table whose columns need more than a
portrait page's text width gets a landscape page of its own; the width left over is shared out by how
much text each column holds, so a long description gets room before a short figure does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from coprod.rendering.word.metrics import longest_word_width, text_width

CELL_MARGINS: Final = 200  # twips: the table style's left and right cell margins (100 each)
_AIR: Final = 60  # twips: slack for a font a little wider than the metrics, and for rounding
_LINE_CAP: Final = 3600  # twips: a column's text beyond this length wraps anyway (2.5 inches)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text as printed (amounts already joined by no-break spaces) and whether it is bold."""

    text: str
    bold: bool


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Column widths in twips, and whether the table needs a landscape page."""

    widths: tuple[int, ...]
    landscape: bool


def plan_table(rows: Sequence[Sequence[Cell]], columns: int, points: float, portrait: int,
               landscape: int) -> TableLayout:
    """Widths for ``rows`` at ``points`` size: within ``portrait`` twips if it fits, else ``landscape``."""
    floors = [CELL_MARGINS + _AIR] * columns
    wishes = [CELL_MARGINS + _AIR] * columns
    for row in rows:
        for index, cell in enumerate(row[:columns]):
            word = longest_word_width(cell.text, points, bold=cell.bold)
            line = min(text_width(cell.text, points, bold=cell.bold), _LINE_CAP)
            floors[index] = max(floors[index], word + CELL_MARGINS + _AIR)
            wishes[index] = max(wishes[index], line + CELL_MARGINS + _AIR)
    turn = sum(floors) > portrait
    width = landscape if turn else portrait
    return TableLayout(share(floors, wishes, width), turn)


def share(floors: Sequence[int], wishes: Sequence[int], width: int) -> tuple[int, ...]:
    """Give each column its floor, then the rest of ``width`` towards its wish, then any surplus evenly.

    When even the floors do not fit (a table too wide for any page), the floors are scaled down.
    """
    total_floor = sum(floors)
    if total_floor >= width:
        scaled = [floor * width // total_floor for floor in floors]
        return tuple(scaled)
    spare = width - total_floor
    needs = [max(wish - floor, 0) for floor, wish in zip(floors, wishes, strict=True)]
    need = sum(needs)
    if need > spare:
        widths = [floor + spare * extra // need for floor, extra in zip(floors, needs, strict=True)]
    else:
        surplus = spare - need
        total_wish = sum(max(w, f) for w, f in zip(wishes, floors, strict=True))
        widths = [max(wish, floor) + surplus * max(wish, floor) // total_wish
                  for floor, wish in zip(floors, wishes, strict=True)]
    widths[-1] += width - sum(widths)  # rounding: the columns add up to the width exactly
    return tuple(widths)
