"""The finance plan and the spend plan: exact totals, gaps, shares, net cost, spend obligations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.analysis import finance, spend
from coprod.analysis.findings import Severity
from coprod.model.project import Project
from tests.analysis.analysis_support import analysed_data, example_data


def test_the_salt_road_finance_plan_in_euros_to_the_cent() -> None:
    summary = analysed_data(example_data("the-salt-road")).finance
    assert (summary.currency, summary.budget, summary.total, summary.gap) == (
        "EUR", Decimal("3800000.00"), Decimal("3800000.00"), Decimal("0.00"))
    vltava = summary.by_partner[2]
    assert (vltava.contribution, vltava.computed_share, vltava.declared_share, vltava.difference) == (
        Decimal("570000.00"), Decimal("15.0000"), Decimal("15.0000"), Decimal("0.00"))
    # CZK 4,750,000 tax incentive + CZK 3,750,000 fund at 0.04 are public support; presale, equity not
    assert (vltava.public_support, vltava.net_cost) == (Decimal("340000.00"), Decimal("230000.00"))
    assert [(t.key, t.amount) for t in summary.by_territory] == [
        ("IT", Decimal("2280000.00")), ("BE", Decimal("950000.00")), ("CZ", Decimal("570000.00"))]
    assert [(t.key, t.amount, t.percent) for t in summary.by_status] == [
        ("confirmed", Decimal("3030000.00"), Decimal("79.7368")),
        ("applied", Decimal("620000.00"), Decimal("16.3158")),
        ("planned", Decimal("150000.00"), Decimal("3.9474"))]
    assert summary.public_support == Decimal("2010000.00")


def test_a_gap_is_an_error_with_the_amount_and_its_share_of_the_budget() -> None:
    data = example_data("the-salt-road")
    data["financing"][0]["amount"] = "660000"  # 100,000 less Italian tax credit
    analysis = analysed_data(data)
    gap = [f for f in analysis.findings if f.code == "finance.gap"]
    assert [(f.severity, f.message, f.path) for f in gap] == [(
        Severity.ERROR, "The finance plan covers EUR 3,700,000.00 of the EUR 3,800,000.00 budget: a gap of "
                        "EUR 100,000.00 (2.63% of the budget). Close the gap before the agreement is signed, "
                        "or make the commitments it affects conditional on it.", ("financing",))]
    mismatch = [f for f in analysis.findings if f.code == "finance.share-mismatch"]
    assert [(f.message, f.path) for f in mismatch] == [(
        "Aurora Film S.r.l.'s finance lines add up to EUR 2,180,000.00 (57.37% of the budget), but its "
        "declared share of 60% is EUR 2,280,000.00 (-2.6316 pp). Align the finance plan with the share "
        "stated in the agreement.", ("partners", 0, "share"))]


def test_a_surplus_is_a_warning() -> None:
    data = example_data("the-salt-road")
    data["financing"][5]["amount"] = "480000.01"
    found = [f for f in analysed_data(data).findings if f.code.startswith("finance.s")]
    assert [(f.code, f.severity) for f in found] == [
        ("finance.surplus", Severity.WARNING), ("finance.share-mismatch", Severity.ERROR)]
    assert found[0].message == ("The finance plan adds up to EUR 3,800,000.01, EUR 0.01 more than the "
                                "EUR 3,800,000.00 budget; say in the agreement who keeps or returns the "
                                "surplus.")


# --- conservation: every way of cutting the plan adds up to the same total -----------------------------

RATES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20"), places=2)
LINE = st.tuples(st.integers(min_value=1, max_value=10_000_000), st.sampled_from(["EUR", "CZK"]),
                 st.sampled_from(["aurora", "nord", "vltava"]),
                 st.sampled_from(["equity", "public_grant", "presale", "tax_incentive"]),
                 st.sampled_from(["confirmed", "applied", "planned"]), st.sampled_from(["IT", "BE", "DE"]))


@settings(max_examples=60, deadline=None)
@given(rate=RATES, lines=st.lists(LINE, min_size=1, max_size=12))
def test_money_is_conserved_across_partners_territories_types_and_statuses(
        rate: Decimal, lines: list[tuple[int, str, str, str, str, str]]) -> None:
    data: dict[str, Any] = example_data("the-salt-road")
    data["structure"]["exchange_rates"] = {"CZK": str(rate)}
    data["financing"] = [{"id": f"line-{i}", "amount": amount, "currency": currency, "partner": partner,
                          "type": kind, "status": status, "territory": territory, "source": "Source"}
                         for i, (amount, currency, partner, kind, status, territory) in enumerate(lines)]
    data["recoupment"]["waterfall"] = [data["recoupment"]["waterfall"][-1]]
    data["recoupment"]["waterfall"][0]["talent"] = []
    project = Project.model_validate(data)
    summary = finance.summarise(project)
    exact = sum((project.in_base(line).amount for line in project.financing), Decimal(0))
    assert summary.total == exact  # whole amounts at two-decimal rates: exact in cents
    for cut in (summary.by_territory, summary.by_type, summary.by_status):
        assert sum((t.amount for t in cut), Decimal(0)) == summary.total
    assert sum((p.contribution for p in summary.by_partner), Decimal(0)) == summary.total
    assert all(p.net_cost + p.public_support == p.contribution for p in summary.by_partner)
    assert summary.gap == summary.budget - summary.total


# --- spend ------------------------------------------------------------------------------------------

def test_spend_by_country_against_the_budget_and_the_financial_shares() -> None:
    summary = analysed_data(example_data("the-salt-road")).spend
    assert [(c.country, c.amount, c.percent, c.financial_share, c.deviation) for c in summary.by_country] == [
        ("IT", Decimal("2150000.00"), Decimal("56.5789"), Decimal("60.0000"), Decimal("-3.4211")),
        ("BE", Decimal("1020000.00"), Decimal("26.8421"), Decimal("25.0000"), Decimal("1.8421")),
        ("CZ", Decimal("630000.00"), Decimal("16.5789"), Decimal("15.0000"), Decimal("1.5789"))]


def obligation(amount: str) -> list[str]:
    """Findings on a spend obligation of the Belgian tax shelter (EUR 480,000 of aid; BE spend 1,020,000)."""
    data = example_data("the-salt-road")
    data["financing"][5]["spend_obligation"] = amount
    analysis = analysed_data(data)
    return [f"{f.code}: {f.message}" for f in analysis.findings if f.code.startswith("spend.obligation")]


def test_a_spend_obligation_of_160_percent_of_the_aid_is_allowed() -> None:
    assert obligation("768000") == []  # 160% of 480,000


def test_a_spend_obligation_above_160_percent_of_the_aid_breaks_the_eu_cap() -> None:
    assert obligation("768000.01") == [
        "spend.obligation-above-cap: Belgian tax shelter requires spending EUR 768,000.01 in Belgium, "
        "160.000002% of the aid; under the EU Cinema Communication (2013) a territorial spending obligation "
        "may not exceed 160% of the aid (EUR 768,000.00). Ask the fund to confirm the obligation before the "
        "agreement relies on it."]


def test_a_spend_obligation_above_80_percent_of_the_budget_breaks_the_eu_cap() -> None:
    data = example_data("the-salt-road")
    data["financing"][5]["amount"] = "2000000"  # aid large enough that 160% of it is not the binding cap
    data["financing"][5]["spend_obligation"] = "3040000.01"
    data["budget"]["spend_by_country"] = {"IT": "400000", "BE": "3100000", "CZ": "300000"}
    messages = [f.message for f in analysed_data(data).findings if f.code == "spend.obligation-above-cap"]
    assert messages == [
        "Belgian tax shelter requires spending EUR 3,040,000.01 in Belgium, 80.0000003% of the budget; under "
        "the EU Cinema Communication (2013) a territorial spending obligation may not exceed 80% of the "
        "budget (EUR 3,040,000.00). Ask the fund to confirm the obligation before the agreement relies on "
        "it."]
    found = [f for f in analysed_data(data).findings if f.code == "spend.obligation-above-cap"]
    assert [f.rule for f in found] == ["SPEND-24"]


def test_a_spend_obligation_the_spend_plan_does_not_meet_is_an_error() -> None:
    data = example_data("the-salt-road")
    data["financing"][5]["spend_obligation"] = "700000"
    data["budget"]["spend_by_country"] = {"IT": "2500000", "BE": "670000", "CZ": "630000"}
    found = [f for f in analysed_data(data).findings if f.code == "spend.obligation-unmet"]
    assert [(f.message, f.path) for f in found] == [(
        "Belgian tax shelter requires EUR 700,000.00 to be spent in Belgium, but the Spend Plan puts "
        "EUR 670,000.00 there (EUR 30,000.00 short). Move spend there before the agreement fixes the Spend "
        "Plan, or the support will shrink.", ("budget", "spend_by_country", "BE"))]


def test_spend_in_a_country_without_a_co_producer_is_reported() -> None:
    data = example_data("the-salt-road")
    data["budget"]["spend_by_country"] = {"IT": "2000000", "BE": "1020000", "CZ": "630000", "HR": "150000"}
    analysis = analysed_data(data)
    assert [f.message for f in analysis.findings if f.code == "spend.no-partner-in-country"] == [
        "EUR 150,000.00 (3.95% of the budget) is spent in Croatia, where no co-producer is established; "
        "check whether the authorities' consent is needed and say who contracts that spend."]
    assert spend.summarise(Project.model_validate(data)).by_country[-1].financial_share == Decimal(0)
