"""How wide a piece of text prints, for sizing table columns so that no word or amount has to break.

The widths are DejaVu Serif's (``font_metrics.json``, made by ``tools/make_font_metrics.py``): the font
LibreOffice falls back to when the shell's Times New Roman is missing, and the wider of the two, so a
column measured with it is wide enough in either. A character the table does not know counts as one em.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Final

_METRICS: Final = Path(__file__).with_name("font_metrics.json")
_TWIPS_PER_POINT: Final = 20
_BREAKS: Final = re.compile(r"[ \t\n]+")  # where a line may break; a no-break space is not one of them


@lru_cache(maxsize=1)
def _widths() -> tuple[dict[str, int], dict[str, int], int]:
    data = json.loads(_METRICS.read_text(encoding="utf-8"))
    return data["regular"], data["bold"], int(data["units_per_em"])


@lru_cache(maxsize=16_384)
def text_width(text: str, points: float, *, bold: bool = False) -> int:
    """Twips that ``text`` takes on one line at ``points`` size."""
    regular, heavy, em = _widths()
    table = heavy if bold else regular
    units = sum(table.get(character, em) for character in text)
    return round(units * points * _TWIPS_PER_POINT / em)


def longest_word_width(text: str, points: float, *, bold: bool = False) -> int:
    """Twips of the widest piece of ``text`` a line cannot break (a word; an amount with no-break spaces)."""
    return max((text_width(word, points, bold=bold) for word in _BREAKS.split(text) if word), default=0)
