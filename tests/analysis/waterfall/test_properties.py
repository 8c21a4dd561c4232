"""Properties of the engine over generated waterfalls and receipts (docs/waterfall.md)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod.analysis.waterfall import Receipts, WaterfallResult, break_even, run_waterfall
from coprod.analysis.waterfall.breakeven import tiers_paid_in_full
from coprod.analysis.waterfall.engine import flow
from coprod.analysis.waterfall.plan import Plan, Pool, compile_plan, owed
from coprod.model.consistency import check_consistency
from coprod.model.project import Project
from coprod.model.recoupment import (
    CorridorTier,
    DefermentTier,
    ExpenseTier,
    FeeTier,
    OvercostTier,
    RecoupTier,
)
from tests.analysis.waterfall.bisection import break_even_by_bisection
from tests.analysis.waterfall.waterfall_strategies import PARTNERS, cents, waterfalls
from tests.analysis.waterfall.waterfall_support import variant

CENT = Fraction(1, 100)
# No timing in tests: a busy machine must not fail them (no deadline, no "too slow" health check).
UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def project_of(sections: dict[str, Any]) -> Project:
    project = variant("the-salt-road", sections)
    assert check_consistency(project) == []
    return project


@st.composite
def receipts(draw: st.DrawFn, high: int = 10**9) -> Receipts:
    kept = draw(st.dictionaries(st.sampled_from(PARTNERS), cents(0, high), max_size=3))
    return Receipts(draw(cents(0, high)), kept)


def keep_known(project: Project, given: Receipts) -> Receipts:
    """*given* without receipts for partners that keep no territory in *project*."""
    keepers = {entry.partner for entry in project.rights.territories}
    return Receipts(given.collection, {p: a for p, a in given.kept.items() if p in keepers})


def totals(result: WaterfallResult) -> dict[str, Fraction]:
    out: dict[str, Fraction] = {}
    for payment in result.payments:
        out[payment.payee] = out.get(payment.payee, Fraction(0)) + payment.exact
    return out


@UNTIMED
@given(waterfalls(), receipts())
def test_payouts_add_up_to_the_receipts_and_each_line_is_within_a_cent(sections: dict[str, Any],
                                                                       given: Receipts) -> None:
    project = project_of(sections)
    result = run_waterfall(project, keep_known(project, given))
    assert result.total_paid == result.receipts.total
    assert sum((payment.exact for payment in result.payments), Fraction(0)) == result.receipts.total
    for payment in result.payments:
        assert payment.amount == payment.amount.quantize(Decimal("0.01"))
        assert abs(Fraction(payment.amount) - payment.exact) < CENT
        assert payment.exact >= 0


@UNTIMED
@given(waterfalls(), receipts(), cents(0, 10**9), st.dictionaries(st.sampled_from(PARTNERS), cents(0, 10**9)))
def test_no_party_gets_less_from_more_receipts(sections: dict[str, Any], low: Receipts, more: Decimal,
                                               more_kept: dict[str, Decimal]) -> None:
    project = project_of(sections)
    low = keep_known(project, low)
    kept = {partner: low.kept.get(partner, Decimal(0)) + more_kept.get(partner, Decimal(0))
            for partner in set(low.kept) | set(more_kept)}
    high = keep_known(project, Receipts(low.collection + more, kept))
    before, after = totals(run_waterfall(project, low)), totals(run_waterfall(project, high))
    for payee, amount in before.items():
        assert after[payee] >= amount, payee


@UNTIMED
@given(waterfalls(), receipts())
def test_pari_passu_members_are_paid_in_proportion_to_what_they_are_still_owed(sections: dict[str, Any],
                                                                              given: Receipts) -> None:
    project = project_of(sections)
    result = run_waterfall(project, keep_known(project, given))
    credited = {tier.payee for tier in project.recoupment.waterfall
                if isinstance(tier, CorridorTier) and tier.credited}
    corridor = {p.payee: p.exact for p in result.payments if p.kind == "corridor" and p.payee in credited}
    for index, tier in enumerate(project.recoupment.waterfall):
        if not isinstance(tier, RecoupTier):
            continue
        paid = {p.payee: p.exact for p in result.payments if p.tier_index == index}
        due = {line: Fraction(owed(project, line)) - corridor.get(line, Fraction(0))
               for line in tier.pari_passu}
        first = tier.pari_passu[0]
        for line in tier.pari_passu[1:]:
            assert paid[line] * due[first] == paid[first] * due[line]


def recouped_so_far(project: Project, result: WaterfallResult) -> dict[str, Fraction]:
    """What counts towards each finance line's recoupment: credited corridor, group, a partner's share."""
    credited = {tier.payee for tier in project.recoupment.waterfall
                if isinstance(tier, CorridorTier) and tier.credited}
    recouped: dict[str, Fraction] = {}
    for p in result.payments:
        if (p.kind == "corridor" and p.payee in credited) or p.kind == "recoup" or \
                p.pool is Pool.RECOUPED_FROM_SHARE or (p.kind == "kept" and p.payee not in PARTNERS):
            recouped[p.payee] = recouped.get(p.payee, Fraction(0)) + p.exact
    return recouped


@UNTIMED
@given(waterfalls(), receipts())
def test_no_cap_or_entitlement_is_exceeded(sections: dict[str, Any], given: Receipts) -> None:
    project = project_of(sections)
    result = run_waterfall(project, keep_known(project, given))
    by_tier = {p.tier_index: p.exact for p in result.payments
               if p.tier_index is not None and p.kind != "split"}
    corridors = {p.payee: p.exact for p in result.payments if p.kind == "corridor"}
    recouped = recouped_so_far(project, result)
    for index, tier in enumerate(project.recoupment.waterfall):
        if isinstance(tier, FeeTier | CorridorTier) and tier.cap is not None:
            assert by_tier[index] <= tier.cap
        if isinstance(tier, ExpenseTier):
            assert by_tier[index] <= min(tier.cap, tier.incurred if tier.incurred is not None else tier.cap)
        if isinstance(tier, DefermentTier):
            assert by_tier[index] <= tier.amount
        if isinstance(tier, OvercostTier):
            assert by_tier[index] <= tier.amount * (1 + tier.premium / 100)
        if isinstance(tier, CorridorTier) and tier.until_recouped:
            assert corridors[tier.payee] <= owed(project, tier.payee)
    for finance in project.financing:  # a group, a credited corridor, a partner's share: never past owed
        assert recouped.get(finance.id, Fraction(0)) <= owed(project, finance.id)
    for entry in project.rights.territories:
        kept = next(p.exact for p in result.payments if p.kind == "kept" and p.payee == entry.partner)
        if entry.common_pot_above is not None:
            assert kept <= entry.common_pot_above


@settings(UNTIMED, max_examples=40)
@given(waterfalls())
def test_break_even_is_the_first_cent_that_pays_in_full(sections: dict[str, Any]) -> None:
    project = project_of(sections)
    plan = compile_plan(project)
    points = break_even(project)
    for party, point in zip(plan.recouping, points.parties, strict=True):
        assert point.line == party.line_id
        if point.receipts is None:
            continue

        def repaid(amount: Decimal, lines: tuple[int, ...] = party.payment_lines) -> Fraction:
            amounts = flow(plan, Fraction(amount)).amounts
            return sum((amounts[line] for line in lines), Fraction(0))

        assert repaid(point.receipts) >= point.entitlement
        if point.receipts > 0:
            assert repaid(point.receipts - Decimal("0.01")) < point.entitlement
    if points.net_profits_from is not None:
        assert reaching_split(plan, Fraction(points.net_profits_from)) > 0
        if points.net_profits_from > 0:
            assert reaching_split(plan, Fraction(points.net_profits_from) - CENT) == 0
    if points.tiers_paid_from is not None:
        assert tiers_paid_in_full(plan, flow(plan, Fraction(points.tiers_paid_from)))
        if points.tiers_paid_from > 0:
            assert not tiers_paid_in_full(plan, flow(plan, Fraction(points.tiers_paid_from) - CENT))


def reaching_split(plan: Plan, pot: Fraction) -> Fraction:
    """What reaches the split at *pot* (without one: what the last tier leaves)."""
    exact = flow(plan, pot)
    return exact.left if plan.split_index is None else exact.reaches[plan.split_index]


@settings(UNTIMED, max_examples=60)
@given(waterfalls())
def test_break_even_in_closed_form_equals_the_bisection_search(sections: dict[str, Any]) -> None:
    project = project_of(sections)
    assert break_even(project) == break_even_by_bisection(project)
