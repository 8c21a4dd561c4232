"""How a finding names things, so that its message reads as the documents do.

Countries by their English names ('Czechia', 'the United Kingdom'), dates as '3 May 2027'. The document
filters do the same for the templates; analysis cannot import rendering, so the two small rules live here.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale

_THE = re.compile(r"\b(?:Islands|Republic|United|Kingdom|States|Emirates|Federation)\b|"
                  r"^(?:Netherlands|Philippines|Bahamas|Gambia|Maldives|Seychelles|Comoros)$")


@cache
def _english() -> Locale:
    return Locale.parse("en")


def country(code: str) -> str:
    """'IT' -> 'Italy', 'GB' -> 'the United Kingdom' (as running text names it); unknown codes unchanged."""
    name = str(_english().territories.get(code, code))
    return f"the {name}" if _THE.search(name) else name


def day(value: dt.date) -> str:
    """'3 May 2027'."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def join(items: list[str] | tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
