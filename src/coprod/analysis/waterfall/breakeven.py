"""Break-even: the smallest receipts, to the cent, at which a financier has recouped in full.

The waterfall is run once *symbolically*: with the pot as the variable, what reaches every tier, each
corridor's payments and each recoup group's outstanding total are exact piecewise-linear functions
(`piecewise.py`). "This line has recouped in full" is then "one of these functions has reached a level"
(see `_recouped_from`), solved in closed form on the piece where it does, and rounded up to the cent.
Each answer is confirmed by the exact engine at the cent found and one cent below, so it is exact, not
an estimate: docs/waterfall.md, "Break-even".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from coprod.analysis.waterfall.engine import Flow, flow
from coprod.analysis.waterfall.piecewise import Piecewise, first_reaching, minimum, stays_from
from coprod.analysis.waterfall.plan import Plan, Recouping, compile_plan
from coprod.analysis.waterfall.results import BreakEven, PartyBreakEven
from coprod.analysis.waterfall.rounding import cents_to_decimal
from coprod.analysis.waterfall.rules import CorridorRule, FixedRule, GroupRule, PercentRule
from coprod.errors import AnalysisError
from coprod.model.project import Project

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
    left: Piecewise
    """What the last tier leaves: zero after a split, the unallocated remainder without one."""
    in_full: tuple[Fraction | None, ...]
    """For every tier but a split, the smallest pot from which it takes its full due (None: never)."""


def symbolic(plan: Plan) -> Symbolic:
    """Run *plan* with the pot as the variable; mirrors `engine.flow` tier by tier.

    With nothing from kept territories the pot is all collected receipts, so a fee's base (collected or
    pot) makes no difference here.
    """
    pot = Piecewise.line(Fraction(0), Fraction(1))
    left = pot
    reaches: list[Piecewise] = []
    paid: dict[int, Piecewise] = {}
    shortfall: dict[int, Piecewise] = {}
    in_full: list[Fraction | None] = []
    credited = credited_corridors(plan)
    for tier in plan.tiers:
        reaches.append(left)
        rule = tier.rule
        if isinstance(rule, PercentRule | CorridorRule):
            due = (pot if rule.at_source else left).scaled(rule.rate)
            if rule.limit is not None:
                due = minimum(due, Piecewise.line(rule.limit))
            paid[rule.line] = take = minimum(due, left)
            if rule.line in credited or (isinstance(rule, PercentRule) and not rule.at_source):
                # Credited: done when its line has recouped, which the group below says. A fee at tier
                # takes at most its rate (at most 100%) of what reaches it: always its full due.
                in_full.append(Fraction(0))
            elif isinstance(rule, CorridorRule) and rule.limit is not None:
                in_full.append(stays_from(take, rule.limit))
            else:
                in_full.append(stays_from(left - due, Fraction(0)))
        elif isinstance(rule, FixedRule):
            paid[rule.line] = take = minimum(Piecewise.line(rule.amount), left)
            in_full.append(stays_from(left, rule.amount))
        elif isinstance(rule, GroupRule):
            owing = Piecewise.line(sum(rule.owed, Fraction(0)))
            for credit in rule.credits:
                if credit is not None:
                    owing -= paid[credit]
            take = minimum(owing, left)
            short = left - owing
            shortfall.update(dict.fromkeys(rule.lines, short))
            in_full.append(stays_from(short, Fraction(0)))
        else:  # the split takes everything that reaches it
            take = left
            in_full.append(Fraction(0))
        left -= take
    return Symbolic(tuple(reaches), paid, shortfall, left, tuple(in_full))


def credited_corridors(plan: Plan) -> frozenset[int]:
    """The payment lines of corridors credited against a recoup group below."""
    return frozenset(credit for tier in plan.tiers if isinstance(tier.rule, GroupRule)
                     for credit in tier.rule.credits if credit is not None)


def _share_recouped_from(plan: Plan, model: Symbolic, party: Recouping) -> Fraction | None:
    """For a line recouping from one co-producer's share: where that share covers what its lines owe."""
    recoupment = next(r for r in plan.share_recoupments if party.line_id in r.line_ids)
    if recoupment.share_line is None or plan.split_index is None:
        return None
    share = model.reaches[plan.split_index].scaled(recoupment.share_rate)
    return first_reaching(share, sum(recoupment.owed, Fraction(0)))


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

    shared = {line_id for recoupment in plan.share_recoupments for line_id in recoupment.line_ids}
    parties = []
    for party in plan.recouping:
        def repaid(cents: int, party: Recouping = party) -> bool:
            amounts = at(cents).amounts
            return sum((amounts[line] for line in party.payment_lines), Fraction(0)) >= party.entitlement

        solution = _share_recouped_from(plan, model, party) if party.line_id in shared \
            else _recouped_from(model, party)
        found = _first_cent(solution, repaid, f"'{party.line_id}'")
        parties.append(PartyBreakEven(party.line_id, party.partner, party.entitlement,
                                      None if found is None else cents_to_decimal(found)))
    above = [point for tier, point in zip(plan.tiers, model.in_full, strict=True)
             if tier.index != plan.split_index]
    reaching = model.left if plan.split_index is None else model.reaches[plan.split_index]

    def profits(cents: int) -> bool:
        return _reaching_split(plan, at(cents)) > 0

    def in_full(cents: int) -> bool:
        return tiers_paid_in_full(plan, at(cents))

    net = _first_cent(first_reaching(reaching, Fraction(0), strict=True), profits, "net profits")
    known = [point for point in above if point is not None]
    full = _first_cent(max(known, default=Fraction(0)) if len(known) == len(above) else None, in_full,
                       "the tiers above the split")
    return BreakEven(plan.currency, tuple(parties), None if net is None else cents_to_decimal(net),
                     None if full is None else cents_to_decimal(full), plan.split_index is None)


def _reaching_split(plan: Plan, exact: Flow) -> Fraction:
    """What reaches the split (or, without one, what the last tier leaves)."""
    return exact.left if plan.split_index is None else exact.reaches[plan.split_index]


def tiers_paid_in_full(plan: Plan, exact: Flow) -> bool:
    """Whether every tier above the split took its full due in *exact*.

    Its due: a fee its whole percentage, a corridor with a limit that limit, an expense, deferment or
    overcost its amount, a group all it owed.

    A corridor credited against a group below is done when its line has recouped, which is when that
    group is paid in full. *exact* must be a flow with nothing from kept territories.
    """
    amounts = list(exact.amounts)
    credited = credited_corridors(plan)
    for tier in plan.tiers:
        rule = tier.rule
        if tier.index == plan.split_index or getattr(rule, "line", None) in credited:
            continue
        reaches = exact.reaches[tier.index]
        after = exact.reaches[tier.index + 1] if tier.index + 1 < len(plan.tiers) else exact.left
        if isinstance(rule, PercentRule | CorridorRule | FixedRule | GroupRule):
            collected = exact.pot  # break-even runs with nothing kept: all of the pot was collected
            if reaches - after < rule.due(exact.pot, collected, reaches, amounts):
                return False
    return True
