"""Whole currency units for summary tables, rounded so that a column still adds up to its total.

Rounding each figure on its own can leave a column one unit off its total. Largest remainders keep it
exact: the total is rounded half to even, every figure rounded down, and the units still missing go to
the figures that lost the most (the earlier figure first on a tie).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

_UNIT = Decimal(1)


def whole_units(values: Sequence[Decimal]) -> list[Decimal]:
    """``values`` (none negative) as whole units adding up to their sum rounded half to even."""
    if any(value < 0 for value in values):
        raise ValueError("whole_units shares out amounts that are not negative")
    total = sum(values, Decimal(0)).quantize(_UNIT, rounding=ROUND_HALF_EVEN)
    floors = [value.quantize(_UNIT, rounding=ROUND_FLOOR) for value in values]
    missing = int(total - sum(floors, Decimal(0)))
    by_loss = sorted(range(len(values)), key=lambda index: (-(values[index] - floors[index]), index))
    for index in by_loss[:missing]:
        floors[index] += _UNIT
    return floors
