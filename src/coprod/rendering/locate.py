"""Where in the templates a piece of rendered text came from.

A rendered document does not remember its template lines. When the prose checks find a slip, the
document is rendered a second time in an environment whose lexer puts an invisible mark (template and
line) at the start of every line of template text; the slip is found again in that rendering, and the
last mark before it names the template line. Only a failing document pays for the second rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jinja2.ext import Extension
from jinja2.lexer import TOKEN_DATA, Token, TokenStream

_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
# Private-use characters: no template and no escaped data value contains them.
_MARK = re.compile(f"{_OPEN}([^{_MID}]*){_MID}(\\d+){_CLOSE}")


def _mark(template: str, line: int) -> str:
    return f"{_OPEN}{template}{_MID}{line}{_CLOSE}"


class LineMarks(Extension):
    """Prefixes every line of template text with a mark naming its template and line."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        """The token stream with each data token's lines marked."""
        name = stream.name or "?"
        for token in stream:
            if token.type != TOKEN_DATA:
                yield token
                continue
            lines = token.value.split("\n")
            marked = [_mark(name, token.lineno + index) + text if text else text
                      for index, text in enumerate(lines)]
            yield Token(token.lineno, TOKEN_DATA, "\n".join(marked))


@dataclass(frozen=True, slots=True)
class MarkedText:
    """Rendered text with its marks taken out, and the template line in force at each offset."""

    text: str
    _starts: tuple[int, ...]
    _places: tuple[tuple[str, int], ...]

    @classmethod
    def parse(cls, marked: str) -> MarkedText:
        """Strip the marks out of *marked*, remembering where each one was."""
        parts: list[str] = []
        starts: list[int] = []
        places: list[tuple[str, int]] = []
        length, last = 0, 0
        for match in _MARK.finditer(marked):
            parts.append(marked[last:match.start()])
            length += match.start() - last
            starts.append(length)
            places.append((match.group(1), int(match.group(2))))
            last = match.end()
        parts.append(marked[last:])
        return cls("".join(parts), tuple(starts), tuple(places))

    def place(self, offset: int) -> tuple[str | None, int | None]:
        """The template and line of the template text at or before *offset*."""
        low, high = 0, len(self._starts)
        while low < high:  # the last mark at or before offset
            middle = (low + high) // 2
            if self._starts[middle] <= offset:
                low = middle + 1
            else:
                high = middle
        if low == 0:
            return None, None
        template, line = self._places[low - 1]
        return template, line


def strip_marks(text: str) -> str:
    """*text* without marks."""
    return _MARK.sub("", text)
