"""Keep an amount in one piece on the page: a no-break space between a currency code and its figure.

The Markdown writes ``EUR 2,280,000`` with a plain space, which a narrow table cell breaks into
"EUR" / "2,280,000". Word and LibreOffice never break at a no-break space (U+00A0), and never hyphenate
inside a figure (the table text style suppresses hyphenation), so the amount prints whole.
"""

from __future__ import annotations

import re
from typing import Final

NO_BREAK_SPACE: Final = "\u00a0"
# Private-use characters (a redline's change marks) may stand between the code and the figure.
_CODE_AND_FIGURE: Final = re.compile(r"(?<![A-Za-z])([A-Z]{3}) (?=[\ue000-\uf8ff]*[-\u2212(]?\d)")


def keep_amounts_whole(text: str) -> str:
    """``text`` with each space between an ISO currency code and the figure after it made a no-break space."""
    if " " not in text:
        return text
    return _CODE_AND_FIGURE.sub(r"\1" + NO_BREAK_SPACE, text)
