"""The former break-even search, kept as the tests' oracle: double, then bisect over whole cents.

Every probe runs the exact engine, so it is exact but slow (a few dozen runs per line); `break_even` in
src solves the same points in closed form, and the property tests compare the two.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from coprod.analysis.waterfall.breakeven import SEARCH_LIMIT_CENTS, tiers_paid_in_full
from coprod.analysis.waterfall.engine import flow
from coprod.analysis.waterfall.plan import compile_plan
from coprod.analysis.waterfall.results import BreakEven, PartyBreakEven
from coprod.analysis.waterfall.rounding import cents_to_decimal
from coprod.model.project import Project


def first_cent(reached: Callable[[int], bool], limit: int = SEARCH_LIMIT_CENTS) -> int | None:
    """The smallest whole number of cents at which the monotone predicate *reached* holds.

    Args:
        reached: False up to some point, true from there on (non-decreasing in cents).
        limit: Largest number of cents to try.

    Returns:
        The first cent amount for which *reached* is true, or None if it is false up to *limit*.
    """
    if reached(0):
        return 0
    low, high = 0, 1  # invariant: reached(low) is false
    while not reached(high):
        if high >= limit:
            return None
        low, high = high, min(high * 2, limit)
    while high - low > 1:  # invariant: reached(low) false, reached(high) true
        middle = (low + high) // 2
        if reached(middle):
            high = middle
        else:
            low = middle
    return high


def break_even_by_bisection(project: Project) -> BreakEven:
    """What `break_even` returns, found by bisection with the exact engine at every probe."""
    plan = compile_plan(project)
    parties = []
    for party in plan.recouping:
        entitlement = Fraction(party.entitlement)

        def repaid(cents: int, lines: tuple[int, ...] = party.payment_lines,
                   due: Fraction = entitlement) -> bool:
            amounts = flow(plan, Fraction(cents, 100)).amounts
            return sum((amounts[line] for line in lines), Fraction(0)) >= due

        found = first_cent(repaid)
        parties.append(PartyBreakEven(party.line_id, party.partner, party.entitlement,
                                      None if found is None else cents_to_decimal(found)))
    split = plan.split_index

    def profits(cents: int) -> bool:
        exact = flow(plan, Fraction(cents, 100))
        return (exact.left if split is None else exact.reaches[split]) > 0

    def in_full(cents: int) -> bool:
        return tiers_paid_in_full(plan, flow(plan, Fraction(cents, 100)))

    net = first_cent(profits)
    full = first_cent(in_full)
    return BreakEven(plan.currency, tuple(parties), None if net is None else cents_to_decimal(net),
                     None if full is None else cents_to_decimal(full), split is None)
