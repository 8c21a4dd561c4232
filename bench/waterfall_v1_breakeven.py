"""Break-even as it was before issue 10 (commit 33652a2), frozen for the benchmark's old/new ratio.

A copy of ``analysis/waterfall/breakeven.py`` at that commit, over the frozen engine in
``waterfall_v1.py``. Do not edit; it is not used by coprod.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from coprod.analysis.waterfall.piecewise import Piecewise, first_reaching, minimum
from coprod.analysis.waterfall.results import BreakEven, PartyBreakEven
from coprod.analysis.waterfall.rounding import cents_to_decimal
from coprod.errors import AnalysisError
from coprod.model.project import Project
from waterfall_v1 import FixedRule, Flow, GroupRule, PercentRule, Plan, Recouping, compile_plan, flow

SEARCH_LIMIT_CENTS = 10**17
"""Receipts beyond this (10^15 currency units) count as never: far above any film's revenue."""
NOTHING = Piecewise.line(Fraction(0))
"""The zero function: what a corridor pays a line that has no corridor."""


@dataclass(frozen=True, slots=True)
class Symbolic:
    """The waterfall as functions of the pot (collection-account receipts, nothing kept)."""

    reaches: tuple[Piecewise, ...]
    """What reaches every tier, in waterfall order."""
    paid: dict[int, Piecewise]
    """What every fee, expense, corridor and deferment line is paid, by payment line."""
    shortfall: dict[int, Piecewise]
    """For every recoup-group member line: what reaches the group less what the group still owes."""


def symbolic(plan: Plan) -> Symbolic:
    """Run *plan* with the pot as the variable; mirrors `engine.flow` tier by tier."""
    pot = Piecewise.line(Fraction(0), Fraction(1))
    left = pot
    reaches: list[Piecewise] = []
    paid: dict[int, Piecewise] = {}
    shortfall: dict[int, Piecewise] = {}
    for tier in plan.tiers:
        reaches.append(left)
        rule = tier.rule
        if isinstance(rule, PercentRule):
            take = (pot if rule.at_source else left).scaled(rule.rate)
            if rule.limit is not None:
                take = minimum(take, Piecewise.line(rule.limit))
            paid[rule.line] = take = minimum(take, left)
        elif isinstance(rule, FixedRule):
            paid[rule.line] = take = minimum(Piecewise.line(rule.amount), left)
        elif isinstance(rule, GroupRule):
            owing = Piecewise.line(sum(rule.owed, Fraction(0)))
            for credit in rule.credits:
                if credit is not None:
                    owing -= paid[credit]
            take = minimum(owing, left)
            shortfall.update(dict.fromkeys(rule.lines, left - owing))
        else:  # the split takes everything that reaches it
            take = left
        left -= take
    return Symbolic(tuple(reaches), paid, shortfall)


def _recouped_from(model: Symbolic, party: Recouping) -> Fraction | None:
    """The smallest pot at which *party*'s exact payments reach its entitlement; None if none does.

    A corridor alone has recouped once it has paid the entitlement. A member of a recoup group is paid
    ``G * rest / D`` there, where ``rest`` is what it is still owed after its corridor (if any), ``D``
    what all members are still owed and ``G = min(D, what reaches the group)``. So it has recouped exactly
    when its corridor has paid it everything (``rest = 0``) or, failing that, when ``G = D``: when what
    reaches the group covers ``D``. Whichever comes first.
    """
    corridor = next((model.paid[line] for line in party.payment_lines if line in model.paid), NOTHING)
    found = [first_reaching(corridor, Fraction(party.entitlement))]
    found += [first_reaching(model.shortfall[line], Fraction(0))
              for line in party.payment_lines if line in model.shortfall]
    return min((x for x in found if x is not None), default=None)


def _first_cent(solution: Fraction | None, reached: Callable[[int], bool], what: str) -> int | None:
    """The cent at or just after the exact *solution*, confirmed by *reached* (the exact engine)."""
    if solution is None:
        return None
    cents = math.ceil(solution * 100)
    if cents > SEARCH_LIMIT_CENTS:
        return None
    if not reached(cents):  # a strict condition, met just after a solution that is a whole cent
        cents += 1
    if not reached(cents) or (cents > 0 and reached(cents - 1)):
        raise AnalysisError(f"the break-even of {what} could not be confirmed at {cents_to_decimal(cents)}: "
                            "the waterfall's payments do not grow steadily with the receipts")
    return cents


def break_even(project: Project) -> BreakEven:
    """Break-even of every finance line the waterfall recoups, and the receipts where net profits begin.

    Receipts here are receipts into the collection account, with nothing from kept territories.

    Raises:
        AnalysisError: If the waterfall cannot be run, or a break-even cannot be confirmed.
    """
    plan = compile_plan(project)
    model = symbolic(plan)

    @cache
    def at(cents: int) -> Flow:
        return flow(plan, Fraction(cents, 100))

    parties = []
    for party in plan.recouping:
        def repaid(cents: int, party: Recouping = party) -> bool:
            amounts = at(cents).amounts
            return sum((amounts[line] for line in party.payment_lines), Fraction(0)) >= party.entitlement

        found = _first_cent(_recouped_from(model, party), repaid, f"'{party.line_id}'")
        parties.append(PartyBreakEven(party.line_id, party.partner, party.entitlement,
                                      None if found is None else cents_to_decimal(found)))
    split = plan.split_index

    def profits(cents: int) -> bool:
        return at(cents).reaches[split] > 0

    net = _first_cent(first_reaching(model.reaches[split], Fraction(0), strict=True), profits, "net profits")
    return BreakEven(plan.currency, tuple(parties), None if net is None else cents_to_decimal(net))
