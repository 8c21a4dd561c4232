"""Exact continuous piecewise-linear functions of the pot, for solving break-even points in closed form.

Every amount the waterfall carries from tier to tier (what reaches a tier, what a fee, corridor or group
takes) is built from the pot with sums, fixed rates and minimums, so it is a continuous piecewise-linear
function of the pot. `Piecewise` holds one exactly (`Fraction` numbers) and supports just those
operations; `first_reaching` then solves "from which pot on is this at least a level" on the right piece.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

ZERO = Fraction(0)

Linear = tuple[Fraction, Fraction]
"""``(a, b)``: the function ``a + b * x``."""


@dataclass(frozen=True, slots=True)
class Piecewise:
    """A continuous piecewise-linear function on [0, ∞).

    Piece ``i`` starts at ``starts[i]`` (strictly increasing, from 0) and runs to the next start (the
    last one, for ever); on it the function is ``lines[i]``.
    """

    starts: tuple[Fraction, ...]
    lines: tuple[Linear, ...]

    @classmethod
    def line(cls, value: Fraction, slope: Fraction = ZERO) -> Piecewise:
        """``value + slope * x``; a constant if *slope* is zero."""
        return cls((ZERO,), ((value, slope),))

    def __add__(self, other: Piecewise) -> Piecewise:
        """The sum, piece by piece."""
        return _build((x0, (a + c, b + d)) for x0, _, (a, b), (c, d) in _overlay(self, other))

    def __sub__(self, other: Piecewise) -> Piecewise:
        """The difference, piece by piece."""
        return _build((x0, (a - c, b - d)) for x0, _, (a, b), (c, d) in _overlay(self, other))

    def scaled(self, factor: Fraction) -> Piecewise:
        """``factor * self``."""
        return Piecewise(self.starts, tuple((factor * a, factor * b) for a, b in self.lines))


def _overlay(f: Piecewise, g: Piecewise) -> Iterator[tuple[Fraction, Fraction | None, Linear, Linear]]:
    """The common pieces of *f* and *g*: start, end (None: for ever), and the line of each on it."""
    starts = sorted(set(f.starts) | set(g.starts))
    i = j = 0
    for k, x0 in enumerate(starts):
        while i + 1 < len(f.starts) and f.starts[i + 1] <= x0:
            i += 1
        while j + 1 < len(g.starts) and g.starts[j + 1] <= x0:
            j += 1
        yield x0, starts[k + 1] if k + 1 < len(starts) else None, f.lines[i], g.lines[j]


def _build(pieces: Iterator[tuple[Fraction, Linear]]) -> Piecewise:
    """A Piecewise from (start, line) pairs, a piece that continues the same line being merged into it."""
    starts: list[Fraction] = []
    lines: list[Linear] = []
    for x0, line in pieces:
        if not lines or lines[-1] != line:
            starts.append(x0)
            lines.append(line)
    return Piecewise(tuple(starts), tuple(lines))


def minimum(f: Piecewise, g: Piecewise) -> Piecewise:
    """The pointwise minimum of *f* and *g*: a common piece is split where the two lines cross inside it."""

    def pieces() -> Iterator[tuple[Fraction, Linear]]:
        for x0, x1, (a, b), (c, d) in _overlay(f, g):
            if b == d:
                yield x0, (a, b) if a <= c else (c, d)
                continue
            steeper, flatter = ((a, b), (c, d)) if b > d else ((c, d), (a, b))
            cross = (c - a) / (b - d)
            # Below the crossing the steeper line is the lower one; above it, the flatter one.
            if cross <= x0:
                yield x0, flatter
            elif x1 is not None and cross >= x1:
                yield x0, steeper
            else:
                yield x0, steeper
                yield cross, flatter

    return _build(pieces())


def first_reaching(f: Piecewise, level: Fraction, *, strict: bool = False) -> Fraction | None:
    """The smallest x with ``f(x) >= level`` (if *strict*: the infimum of the x with ``f(x) > level``).

    None if there is none. Each piece is solved in closed form, and the first piece reaching *level* gives
    the answer; that f then stays at or above *level* is the caller's premise.
    """
    for index, (x0, (a, b)) in enumerate(zip(f.starts, f.lines, strict=True)):
        start = a + b * x0
        if start > level or (start == level and not strict):
            return x0
        if b > 0:
            x = (level - a) / b  # where this piece's line meets the level: at or after x0
            if index + 1 == len(f.starts) or x < f.starts[index + 1]:
                return x
    return None


def stays_from(f: Piecewise, level: Fraction) -> Fraction | None:
    """The smallest x from which ``f >= level`` holds for good (for every larger x too); None if never.

    Unlike `first_reaching`, this does not rely on f staying above *level* once it reaches it: "a tier
    takes its full due" holds trivially at a pot of 0, then fails, then holds for good.
    """
    found: Fraction | None = None
    for index, (x0, (a, b)) in enumerate(zip(f.starts, f.lines, strict=True)):
        x1 = f.starts[index + 1] if index + 1 < len(f.starts) else None
        if b > 0:
            cross = (level - a) / b
            if cross > x0:
                found = cross if x1 is None or cross < x1 else None
            elif found is None:
                found = x0
            continue
        # Flat or falling: lowest at the piece's end, and for ever below any level if it never ends.
        if b < 0 and x1 is None:
            return None
        lowest = a + b * (x1 if b < 0 and x1 is not None else x0)
        if lowest < level:
            found = None
        elif found is None:
            found = x0
    return found
