"""Pay a period without clawing anything back: what is owed is paid in waterfall order, the rest carried.

Each line is owed what the lump-sum engine gives it at receipts to date less what it has been paid; a
line already paid more than that (a late expense took precedence above it) is owed nothing and keeps
what it has. The money available this period goes down the lines in waterfall order: a tier's lines
are paid in full, or, if the money runs out inside a tier, pro rata to what each is owed. What a line
does not get is carried forward: it is still owed next period and is paid before anything below it.

Exact amounts (`Fraction`) are allocated; cents are derived from the exact amounts paid to date, so
rounding never piles up across periods, and no period pays a line a negative number of cents.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import cmp_to_key


def allocate(groups: Sequence[int | None], entitled: Sequence[Fraction], paid: Sequence[Fraction],
             available: Fraction) -> list[Fraction]:
    """Exact amounts paid to date after this period, line by line.

    Args:
        groups: Each line's tier (lines of one tier are adjacent); lines of one tier share pro rata.
        entitled: Each line's exact lump-sum amount at receipts and costs to date.
        paid: Each line's exact amount paid to date before this period.
        available: Money to pay out this period (never negative).
    """
    after = list(paid)
    left = available
    start = 0
    while start < len(groups):
        end = start
        while end < len(groups) and groups[end] == groups[start]:
            end += 1
        owed = [max(entitled[i] - paid[i], Fraction(0)) for i in range(start, end)]
        total = sum(owed, Fraction(0))
        share = Fraction(1) if total <= left else (left / total if total else Fraction(0))
        for offset, due in enumerate(owed):
            after[start + offset] += due * share
        left -= min(total, left)
        start = end
    return after


def to_cents(after: Sequence[Fraction], before: Sequence[Fraction], cents: Sequence[int]) -> list[int]:
    """Cents paid to date for the exact amounts paid to date *after* this period.

    *before* and *cents* are the exact amounts and the cents paid to date before it. A line paid nothing
    this period keeps its cents, so it is paid no cent either. The lines paid something share the
    period's cents by largest remainder on their amounts to date (earlier line first on a tie), and none
    falls below the cents it already had: a line that would keeps them, and the cent comes off the line
    rounded up by the most.
    """
    total = int(sum(after, Fraction(0)) * 100) - sum(c for c, a, b in zip(cents, after, before, strict=True)
                                                     if a == b)
    result = list(cents)
    moving = [i for i, (a, b) in enumerate(zip(after, before, strict=True)) if a != b]
    if not moving:
        return result
    for i in moving:
        result[i] = int(after[i] * 100)  # floor: amounts are not negative
    rests = {i: after[i] * 100 - result[i] for i in moving}

    def first(i: int, j: int) -> int:
        return -1 if rests[i] > rests[j] else 1 if rests[i] < rests[j] else i - j

    order = sorted(moving, key=cmp_to_key(first))
    missing = total - sum(result[i] for i in moving)
    for step in range(max(missing, 0)):
        result[order[step % len(order)]] += 1
    for step in range(max(-missing, 0)):
        result[order[-1 - step % len(order)]] -= 1
    for i in moving:
        while result[i] < cents[i]:
            result[i] += 1
            donor = max((j for j in moving if result[j] > cents[j]),
                        key=lambda j: (result[j] - after[j] * 100, -j))
            result[donor] -= 1
    return result
