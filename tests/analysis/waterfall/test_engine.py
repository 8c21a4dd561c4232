"""The engine on small waterfalls whose every number is easy to check."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from coprod.analysis.waterfall import Receipts, WaterfallResult, run_waterfall, scenarios
from coprod.analysis.waterfall.plan import compile_plan, owed
from coprod.analysis.waterfall.rounding import to_cents
from coprod.errors import AnalysisError
from coprod.model.project import Project
from tests.analysis.waterfall.bisection import first_cent
from tests.analysis.waterfall.waterfall_support import load_example, variant

SPLIT = {"kind": "split", "name": "Net profits", "shares": {"financiers": 0, "producers": 100}}
EQUITY = {"id": "equity", "partner": "aurora", "territory": "IT", "type": "equity", "source": "Aurora",
          "amount": "1000", "status": "confirmed", "recoupable": True, "premium": 20}


def project(*tiers: dict[str, Any], territories: list[dict[str, Any]] | None = None,
            financing: list[dict[str, Any]] | None = None) -> Project:
    base = load_example("the-salt-road")
    return variant("the-salt-road", {
        "financing": financing or [EQUITY],
        "rights": {**base.rights.model_dump(), "territories": territories or []},
        "recoupment": {**base.recoupment.model_dump(), "waterfall": [*tiers, SPLIT]}})


def paid(result: WaterfallResult) -> list[tuple[str, str, str]]:
    return [(p.tier, p.payee, str(p.amount)) for p in result.payments if p.amount]


def test_an_at_source_fee_takes_its_share_of_the_pot_but_never_more_than_reaches_it() -> None:
    waterfall = project({"kind": "expense", "name": "Expenses", "payee": "sales_agent", "cap": "900"},
                        {"kind": "fee", "name": "Fee", "payee": "cam", "percent": 20, "basis": "at_source"})
    low, high = scenarios(waterfall, [Decimal(1000), Decimal(2000)])
    # 20% of 1,000 is 200, but only 100 is left after the expenses: the fee takes 100.
    assert paid(low) == [("Expenses", "sales_agent", "900.00"), ("Fee", "cam", "100.00")]
    # 20% of 2,000 = 400 of the 1,100 left; 700 goes on to the producers (60/25/15).
    assert paid(high) == [("Expenses", "sales_agent", "900.00"), ("Fee", "cam", "400.00"),
                          ("Net profits", "aurora", "420.00"), ("Net profits", "nord", "175.00"),
                          ("Net profits", "vltava", "105.00")]


def test_an_at_tier_fee_takes_its_share_of_what_reaches_it_up_to_its_cap() -> None:
    waterfall = project({"kind": "expense", "name": "Expenses", "payee": "sales_agent", "cap": "900"},
                        {"kind": "fee", "name": "Fee", "payee": "cam", "percent": 20, "cap": "150"})
    low, high = scenarios(waterfall, [Decimal(1000), Decimal(2000)])
    assert paid(low)[1] == ("Fee", "cam", "20.00")  # 20% of the 100 left
    assert paid(high)[1] == ("Fee", "cam", "150.00")  # 20% of 1,100 is 220, capped at 150


def test_a_corridor_brings_its_payees_recoupment_forward_without_adding_to_it() -> None:
    grant = {**EQUITY, "id": "grant", "partner": "nord", "amount": "500", "premium": 0}
    waterfall = project({"kind": "corridor", "name": "Corridor", "payee": "grant", "percent": 10},
                        {"kind": "recoup", "name": "Equity", "pari_passu": ["equity", "grant"]},
                        financing=[EQUITY, grant])
    small, large = scenarios(waterfall, [Decimal(1000), Decimal(5000)])
    # 100 through the corridor; the group owes 1,200 + 400 = 1,600 and shares 900 by 12 : 4.
    assert paid(small) == [("Corridor", "grant", "100.00"), ("Equity", "equity", "675.00"),
                           ("Equity", "grant", "225.00")]
    # Corridor 500 (10% of 5,000 would be more): grant fully recouped, owed nothing by the group.
    assert paid(large)[:2] == [("Corridor", "grant", "500.00"), ("Equity", "equity", "1200.00")]
    assert large.exact_to("grant") == 500


def test_kept_territories_stay_with_their_partner_up_to_the_threshold() -> None:
    waterfall = project(territories=[{"partner": "nord", "countries": ["BE"], "common_pot_above": "300"},
                                     {"partner": "vltava", "countries": ["CZ"]}])
    result = run_waterfall(waterfall, Receipts(Decimal(1000), {"nord": Decimal(500), "vltava": Decimal(70)}))
    assert result.pot == Decimal("1200.00")
    assert paid(result)[:2] == [("Kept territories", "nord", "300.00"),
                                ("Kept territories", "vltava", "70.00")]
    assert result.total_paid == Decimal("1570.00")


def test_receipts_for_a_partner_without_kept_territories_are_refused() -> None:
    with pytest.raises(ValueError, match=r"expected receipts for a partner that keeps territories \(none\), "
                                         "found aurora"):
        run_waterfall(project(), Receipts(Decimal(1), {"aurora": Decimal(1)}))


@pytest.mark.parametrize("amount", [Decimal("0.001"), Decimal(-1), Decimal("NaN")])
def test_receipts_must_be_cents(amount: Decimal) -> None:
    with pytest.raises(ValueError, match="expected receipts as a non-negative amount with at most two "
                                         "decimals"):
        Receipts(amount)


def test_rounding_gives_the_missing_cents_to_the_largest_remainders_then_the_earliest_line() -> None:
    third = Fraction(100000, 3)
    assert to_cents([third, third, third], 10000000) == [3333334, 3333333, 3333333]
    assert to_cents([Fraction(1, 300), Fraction(1, 150)], 1) == [0, 1]


def test_rounding_each_level_afresh_is_not_monotone_but_exact_amounts_are() -> None:
    # 3 and 4 cents split 1 : 3 : 3 (the apportionment paradox): rounded, the first line goes 1 -> 0.
    assert to_cents([Fraction(3, 700), Fraction(9, 700), Fraction(9, 700)], 3) == [1, 1, 1]
    assert to_cents([Fraction(4, 700), Fraction(12, 700), Fraction(12, 700)], 4) == [0, 2, 2]


def test_rounding_refuses_amounts_that_do_not_add_up() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        to_cents([Fraction(1, 3)], 33)


def test_a_split_that_is_not_last_cannot_be_compiled() -> None:
    base = load_example("the-salt-road")
    deferment = {"kind": "deferment", "name": "Deferment", "payee": "director", "amount": "10"}
    broken = variant("the-salt-road", {"recoupment": {**base.recoupment.model_dump(),
                                                      "waterfall": [SPLIT, deferment]}})
    with pytest.raises(AnalysisError, match=r"split .* must be its last tier"):
        compile_plan(broken)


def test_what_a_line_is_owed_is_exact_even_beyond_28_digits() -> None:
    big = {**EQUITY, "amount": "987654321098765.43", "currency": "CZK", "premium": Decimal("33.33")}
    structure = {**load_example("the-salt-road").structure.model_dump(),
                 "exchange_rates": {"CZK": Decimal("0.0412345678901234567")}}
    waterfall = variant("the-salt-road", {"financing": [big], "structure": structure})
    expected = Fraction("987654321098765.43") * Fraction("0.0412345678901234567") * Fraction("1.3333")
    assert Fraction(owed(waterfall, "equity")) == expected


@pytest.mark.parametrize(("threshold", "expected"), [(0, 0), (1, 1), (2, 2), (3, 3), (1000, 1000),
                                                     (2**19 + 1, 2**19 + 1), (10**6, None)])
def test_first_cent_finds_the_exact_flip_of_a_monotone_predicate(threshold: int,
                                                                 expected: int | None) -> None:
    probes: list[int] = []

    def reached(cents: int) -> bool:
        probes.append(cents)
        return cents >= threshold

    assert first_cent(reached, limit=10**6 - 1) == expected
    assert len(probes) <= 2 * 21 + 1  # doubling, then bisection: logarithmic
