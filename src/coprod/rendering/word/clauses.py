"""Clause numbers: read them off Markdown headings, and follow Word's own counters to check they agree.

Word prints a clause heading's number from the multi-level list linked to the heading styles, so the
renderer strips the number written in the Markdown. That is only right if Word would count to the same
number; `ClauseCounter` replays Word's counting and says when it would not (a heading is then written
unnumbered with its number as text, so the reader still sees what the Markdown says).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(?=\S)")
_BOOKMARK_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_BOOKMARK_MAX = 40  # Word truncates longer bookmark names


@dataclass(frozen=True, slots=True)
class ClauseHeading:
    """A heading's number (``(9, 2)`` for ``9.2``) and its text without the number."""

    number: tuple[int, ...]
    title: str

    @property
    def label(self) -> str:
        """The number as a cross-reference shows it: ``9.2``, or ``9`` for a top-level clause."""
        return ".".join(str(part) for part in self.number)


def split_number(heading: str) -> ClauseHeading | None:
    """Split ``"9.2 Premiums"`` into ``(9, 2)`` and ``"Premiums"``; None if it does not start with one."""
    match = _NUMBER.match(heading)
    if match is None:
        return None
    number = tuple(int(part) for part in match.group(1).split("."))
    return ClauseHeading(number, heading[match.end() :])


@dataclass(slots=True)
class ClauseCounter:
    """Word's counters for the three clause levels (restarting under each parent, as Word does)."""

    counters: list[int] = field(default_factory=lambda: [0, 0, 0])

    def accept(self, level: int, number: tuple[int, ...]) -> bool:
        """Count a numbered heading at ``level`` (1-3) if Word would number it ``number``.

        Returns:
            True, with the counters advanced, when Word's automatic number equals ``number``; False,
            leaving the counters alone, when it would not (the caller then writes it unnumbered).
        """
        if not 1 <= level <= len(self.counters) or len(number) != level:
            return False
        expected = (*self.counters[: level - 1], self.counters[level - 1] + 1)
        if number != expected:
            return False
        self.counters[level - 1] += 1
        for deeper in range(level, len(self.counters)):
            self.counters[deeper] = 0
        return True


def bookmark_name(label: str, taken: set[str]) -> str:
    """A Word bookmark name for a heading label, unique among ``taken`` (which it joins).

    Word bookmark names are letters, digits and underscores, at most 40 characters. A leading ``_Ref``
    makes it a hidden bookmark, like those Word makes for its own cross-references, so it does not
    clutter the lawyer's bookmark list.
    """
    name = "_Ref_" + _BOOKMARK_UNSAFE.sub("_", label)
    if len(name) > _BOOKMARK_MAX or name in taken:
        digest = hashlib.sha1(label.encode("utf-8")).hexdigest()[:8]
        name = f"{name[: _BOOKMARK_MAX - 9]}_{digest}"
    taken.add(name)
    return name
