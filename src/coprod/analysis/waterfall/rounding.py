"""Rounding exact payments to cents once, at the end, so that they still add up to the receipts.

The rule (largest remainder, also known as Hamilton's method): every line first gets its exact amount
rounded down to the cent; the cents still missing from the total (fewer than the number of lines) go one
each to the lines with the largest remainders, and among equal remainders to the line that comes first in
the waterfall. So the rounded lines add up to the total exactly, and each line is its exact amount rounded
down or up to the next cent: never a full cent away from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cmp_to_key


def to_cents(exact: Sequence[Fraction], total_cents: int) -> list[int]:
    """Round *exact* amounts (in currency units) to whole cents adding up to *total_cents*.

    Args:
        exact: Exact non-negative amounts, in waterfall order; they add up to ``total_cents / 100``.
        total_cents: The total to reproduce, in cents.

    Returns:
        The amounts in cents, each the floor or the ceiling of its exact value.

    Raises:
        ValueError: If the exact amounts do not add up to the total.
    """
    if sum(exact, Fraction(0)) * 100 != total_cents:
        raise ValueError("the exact amounts do not add up to the total to round to")
    floors: list[int] = []
    remainders: list[tuple[int, int]] = []  # the part below a whole cent, as numerator and denominator
    for amount in exact:
        whole, rest = divmod(amount.numerator * 100, amount.denominator)
        floors.append(whole)
        remainders.append((rest, amount.denominator))

    def first(i: int, j: int) -> int:
        # Larger remainder first (compared by cross-multiplying, in integers); then the earlier line.
        (rest_i, den_i), (rest_j, den_j) = remainders[i], remainders[j]
        left, right = rest_i * den_j, rest_j * den_i
        if left != right:
            return -1 if left > right else 1
        return i - j

    for index in sorted(range(len(exact)), key=cmp_to_key(first))[:total_cents - sum(floors)]:
        floors[index] += 1
    return floors


def cents_to_decimal(cents: int) -> Decimal:
    """A whole number of cents as a Decimal with two places."""
    return Decimal(cents).scaleb(-2)

