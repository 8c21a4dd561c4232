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
    floors = [int(amount * 100) for amount in exact]  # int() floors a non-negative Fraction
    missing = total_cents - sum(floors)
    # Largest remainder first; on a tie, the earlier line (lower index) first: deterministic.
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] * 100 - floors[i]), i))
    for index in order[:missing]:
        floors[index] += 1
    return floors


def cents_to_decimal(cents: int) -> Decimal:
    """A whole number of cents as a Decimal with two places."""
    return Decimal(cents).scaleb(-2)

