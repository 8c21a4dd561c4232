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


def _credits(payees: Sequence[str], entitled: Sequence[Fraction],
             paid: Sequence[Fraction]) -> dict[str, Fraction]:
    """What each payee has been paid ahead on some of its lines: it counts towards its other lines.

    A corridor credited against a recoup group below pays a financier on two lines whose split moves as
    receipts grow (the corridor's part grows, the group's may shrink) while the financier's total only
    grows; money paid ahead on one line is not paid again on the other.
    """
    credits: dict[str, Fraction] = {}
    for payee, due, done in zip(payees, entitled, paid, strict=True):
        if done > due:
            credits[payee] = credits.get(payee, Fraction(0)) + done - due
    return credits


def owed(payees: Sequence[str], entitled: Sequence[Fraction], paid: Sequence[Fraction]) -> list[Fraction]:
    """What each line is still owed: its entitlement less what it was paid, less its payee's credit."""
    credits = _credits(payees, entitled, paid)
    out = []
    for payee, due, done in zip(payees, entitled, paid, strict=True):
        rest = max(due - done, Fraction(0))
        credit = min(credits.get(payee, Fraction(0)), rest)
        if credit:
            credits[payee] -= credit
        out.append(rest - credit)
    return out


def ahead(payees: Sequence[str], entitled: Sequence[Fraction], paid: Sequence[Fraction]) -> list[Fraction]:
    """What each line has been paid beyond its entitlement, less what its payee is still owed elsewhere."""
    short: dict[str, Fraction] = {}
    for payee, due, done in zip(payees, entitled, paid, strict=True):
        if due > done:
            short[payee] = short.get(payee, Fraction(0)) + due - done
    out = []
    for payee, due, done in zip(payees, entitled, paid, strict=True):
        extra = max(done - due, Fraction(0))
        used = min(short.get(payee, Fraction(0)), extra)
        if used:
            short[payee] -= used
        out.append(extra - used)
    return out


def allocate(groups: Sequence[int | None], payees: Sequence[str], entitled: Sequence[Fraction],
             paid: Sequence[Fraction], available: Fraction) -> list[Fraction]:
    """Exact amounts paid to date after this period, line by line.

    Args:
        groups: Each line's tier (lines of one tier are adjacent); lines of one tier share pro rata.
        payees: Each line's payee (a payee's credit on one line counts towards its others).
        entitled: Each line's exact lump-sum amount at receipts and costs to date.
        paid: Each line's exact amount paid to date before this period.
        available: Money to pay out this period (never negative).
    """
    due = owed(payees, entitled, paid)
    if sum(due, Fraction(0)) <= available:  # enough for everything owed (the common case)
        return [done + more for done, more in zip(paid, due, strict=True)]
    after = list(paid)
    left = available
    start = 0
    while start < len(groups):
        end = start
        while end < len(groups) and groups[end] == groups[start]:
            end += 1
        total = sum(due[start:end], Fraction(0))
        share = Fraction(1) if total <= left else (left / total if total else Fraction(0))
        for index in range(start, end):
            after[index] += due[index] * share
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
