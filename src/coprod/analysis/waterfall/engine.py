"""Run a compiled plan at a receipts level: exact amounts first, then cents, once, at the end.

`flow` is the exact engine (`Fraction` arithmetic, nothing rounded); `run_plan` wraps it: it checks the
receipts, runs the flow, rounds the payment lines with the largest-remainder rule and derives each tier's
flow from the rounded lines, so the printed table adds up line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from coprod.analysis.waterfall.plan import Plan
from coprod.analysis.waterfall.results import Payment, Receipts, TierFlow, WaterfallResult
from coprod.analysis.waterfall.rounding import cents_to_decimal, to_cents


@dataclass(frozen=True, slots=True)
class Flow:
    """The exact outcome of a plan at one receipts level."""

    pot: Fraction
    amounts: tuple[Fraction, ...]
    """Exact amount of every payment line, in plan order."""
    reaches: tuple[Fraction, ...]
    """Exact amount reaching every tier, in waterfall order."""
    left: Fraction = Fraction(0)
    """What the last tier leaves: zero after a split, the unallocated remainder without one."""


def kept_split(plan: Plan, receipts: Receipts) -> tuple[list[Fraction], Fraction]:
    """What each kept-territory line keeps, and what all of them send into the pot.

    Raises:
        ValueError: If *receipts* name a partner that keeps no territory.
    """
    keepers = {rule.partner for rule in plan.kept}
    unknown = sorted(set(receipts.kept) - keepers)
    if unknown:
        known = ", ".join(sorted(keepers)) or "none"
        raise ValueError(f"expected receipts for a partner that keeps territories ({known}), "
                         f"found {', '.join(unknown)}")
    kept: list[Fraction] = []
    excess = Fraction(0)
    for rule in plan.kept:
        received = Fraction(receipts.kept.get(rule.partner, Decimal(0)))
        keeps = received if rule.threshold is None else min(received, rule.threshold)
        kept.append(keeps)
        excess += received - keeps
    return kept, excess


def flow(plan: Plan, collection: Fraction, kept: list[Fraction] | None = None,
         excess: Fraction = Fraction(0)) -> Flow:
    """The exact waterfall for *collection* receipts plus kept-territory *excess* entering the pot.

    Fees at source on collected receipts take their rate of *collection* only; everything else works on
    the pot. Lines that recoup from one co-producer's receipts are paid last, out of that co-producer's
    kept-territory and split lines.
    """
    amounts = [Fraction(0)] * len(plan.lines)
    for rule, keeps in zip(plan.kept, kept or [Fraction(0)] * len(plan.kept), strict=True):
        amounts[rule.line] = keeps
    pot = collection + excess
    left = pot
    reaches: list[Fraction] = []
    for tier in plan.tiers:
        reaches.append(left)
        left -= tier.rule.take(pot, collection, left, amounts)
    if plan.unallocated is not None:
        amounts[plan.unallocated] = left
    for recoupment in plan.share_recoupments:
        recoupment.take(amounts)
    return Flow(pot, tuple(amounts), tuple(reaches), left)


def run_plan(plan: Plan, receipts: Receipts) -> WaterfallResult:
    """The waterfall of *plan* at *receipts*, exact and rounded; see `run_waterfall`."""
    kept, excess = kept_split(plan, receipts)
    exact = flow(plan, Fraction(receipts.collection), kept, excess)
    cents = to_cents(exact.amounts, int(receipts.total * 100))
    payments = tuple(
        Payment(line.tier, line.tier_index, line.kind, line.payee, line.pool, amount, cents_to_decimal(cent))
        for line, amount, cent in zip(plan.lines, exact.amounts, cents, strict=True))
    paid_by_tier = [0] * len(plan.tiers)
    for line, cent in zip(plan.lines, cents, strict=True):
        if line.tier_index is not None:
            paid_by_tier[line.tier_index] += cent
    pot_cents = int(exact.pot * 100)
    tiers: list[TierFlow] = []
    left = pot_cents
    for tier, paid in zip(plan.tiers, paid_by_tier, strict=True):
        tiers.append(TierFlow(tier.index, tier.name, tier.kind, cents_to_decimal(left),
                              cents_to_decimal(paid), cents_to_decimal(left - paid)))
        left -= paid
    return WaterfallResult(plan.currency, receipts, cents_to_decimal(pot_cents), payments, tuple(tiers))
