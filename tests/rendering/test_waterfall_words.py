"""Every waterfall term, in a deal where that term decides the money: the engine pays what the words say.

Each test builds a small deal on The Salt Road's partners (copyright 60 / 25 / 15, EUR), computes the
expected payments by hand from the rule the documents state, checks the engine pays exactly that, and
checks that the rendered agreement and term sheet state that rule (rendered text, not template source).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from coprod.analysis.waterfall import Receipts, break_even, run_waterfall, waterfall_findings
from coprod.analysis.waterfall.report import report_json
from coprod.model.consistency import check_consistency
from coprod.model.project import Project
from tests.analysis.waterfall.waterfall_support import ROOT, load_example, variant
from tests.rendering.rendering_support import render_project

SALT = load_example("the-salt-road")
PRODUCERS = {"kind": "split", "name": "Net profits", "shares": {"financiers": 0, "producers": 100}}


def line(line_id: str, amount: str, **terms: Any) -> dict[str, Any]:
    return {"id": line_id, "partner": terms.pop("partner", "aurora"), "territory": "IT", "type": "equity",
            "source": f"Investor {line_id.upper()}", "amount": amount, "status": "confirmed",
            "recoupable": True, **terms}


def deal(*tiers: dict[str, Any], financing: list[dict[str, Any]] | None = None,
         territories: list[dict[str, Any]] | None = None) -> Project:
    project = variant("the-salt-road", {
        "financing": financing or [line("e", "1000")],
        "rights": {**SALT.rights.model_dump(), "territories": territories or []},
        "recoupment": {**SALT.recoupment.model_dump(), "waterfall": list(tiers)}})
    assert check_consistency(project) == []
    return project


def exact(project: Project, collection: int,
          kept: dict[str, int] | None = None) -> dict[tuple[str, str], Fraction]:
    """Exact payments by (tier, payee), lines of one payee in one tier added up."""
    result = run_waterfall(project, Receipts(Decimal(collection),
                                             {k: Decimal(v) for k, v in (kept or {}).items()}))
    out: dict[tuple[str, str], Fraction] = {}
    for payment in result.payments:
        key = (payment.tier, payment.payee)
        out[key] = out.get(key, Fraction(0)) + payment.exact
    assert sum(out.values(), Fraction(0)) == result.receipts.total
    return out


def agreement(project: Project) -> str:
    return render_project(project)["agreement.md"].markdown


def term_sheet(project: Project) -> str:
    return render_project(project)["term-sheet.md"].markdown


def test_a_fee_at_source_is_taken_of_what_its_words_name_collected_or_the_pot() -> None:
    project = deal(
        {"kind": "fee", "name": "CAM fee", "payee": "cam", "percent": 1, "basis": "at_source", "on": "pot"},
        {"kind": "fee", "name": "Commission", "payee": "sales_agent", "percent": 20, "basis": "at_source"},
        PRODUCERS, territories=[{"partner": "nord", "countries": ["BE"], "common_pot_above": "100"}])
    paid = exact(project, 10000, {"nord": 1100})
    # Nord keeps 100 and pays 1,000 in: the pot is 11,000, of which 10,000 was collected by the agent.
    assert paid[("CAM fee", "cam")] == Fraction(1, 100) * 11000
    assert paid[("Commission", "sales_agent")] == Fraction(20, 100) * 10000
    text = agreement(project)
    assert ("1. **CAM fee**: 1% of all Collection Account Receipts (including Kept Territory receipts paid "
            "in above a threshold) to Northgate Collection Services, paid out of the Collection Account "
            "Receipts reaching this tier.") in text
    assert ("2. **Commission**: 20% of the Collection Account Receipts from the territories no Co-Producer "
            "keeps (not of Kept Territory receipts paid in above a threshold) to Meridian Sales Ltd") in text
    assert ("- a commission of 20% of the Collection Account Receipts from the territories no Co-Producer "
            "keeps (not of Kept Territory receipts paid in above a threshold);") in text
    terms = report_json("x", project, [], break_even(project))["terms"]["tiers"]
    assert [(tier["basis"], tier["on"]) for tier in terms[:2]] == [("at_source", "pot"),
                                                                   ("at_source", "collected")]


def test_expenses_deferments_and_a_recoup_group_pay_the_amounts_their_words_give() -> None:
    project = deal({"kind": "fee", "name": "Fee", "payee": "sales_agent", "percent": 10},
                   {"kind": "expense", "name": "Expenses", "payee": "sales_agent", "cap": "300",
                    "incurred": "250"},
                   {"kind": "recoup", "name": "Equity", "pari_passu": ["a", "b"]},
                   {"kind": "deferment", "name": "Deferment", "payee": "director", "amount": "40"}, PRODUCERS,
                   financing=[line("a", "1000", premium=20), line("b", "600")])
    # At 1,000: the fee takes 10% of what reaches it (100), expenses their 250 incurred, and the 650 left
    # is shared by the group in proportion to what each is owed: 1,200 and 600.
    low = exact(project, 1000)
    assert low[("Fee", "sales_agent")] == 100
    assert low[("Expenses", "sales_agent")] == 250
    assert low[("Equity", "a")] == Fraction(650 * 1200, 1800)
    assert low[("Equity", "b")] == Fraction(650 * 600, 1800)
    assert low[("Deferment", "director")] == 0
    high = exact(project, 3000)  # 2,700 after the fee, 2,450 after expenses, 650 after the group
    assert high[("Equity", "a")] == 1200
    assert high[("Deferment", "director")] == 40
    assert high[("Net profits", "aurora")] == Fraction(60, 100) * 610
    text = agreement(project)
    assert ("1. **Fee**: 10% of the Collection Account Receipts reaching this tier to Meridian Sales "
            "Ltd.") in text
    assert ("2. **Expenses**: Meridian Sales Ltd's recoupable expenses, as incurred (now EUR 250) and up to "
            "EUR 300.") in text
    assert ("3. **Equity**: recoupment, pari passu, of Investor A (EUR 1,000 plus a premium of 20%: "
            "EUR 1,200) and Investor B (EUR 600), each paid in proportion to what each is owed.") in text
    assert "4. **Deferment**: a deferment of EUR 40 to Marco Leone (Director)." in text


def _credited(credited: bool) -> Project:
    return deal({"kind": "corridor", "name": "Corridor", "payee": "grant", "percent": 10,
                 "credited": credited},
                {"kind": "recoup", "name": "Equity", "pari_passu": ["e", "grant"]}, PRODUCERS,
                financing=[line("e", "1000"), line("grant", "500", partner="nord")])


def test_a_credited_corridor_reduces_what_the_group_owes_and_an_uncredited_one_does_not() -> None:
    credited, extra = _credited(True), _credited(False)
    # At 1,000 the corridor takes 10% = 100 and 900 reaches the group.
    on = exact(credited, 1000)
    assert on[("Corridor", "grant")] == 100
    assert on[("Equity", "e")] == Fraction(900 * 1000, 1400)  # the group owes 1,000 + (500 - 100)
    assert on[("Equity", "grant")] == Fraction(900 * 400, 1400)
    off = exact(extra, 1000)
    assert off[("Corridor", "grant")] == 100
    assert off[("Equity", "e")] == Fraction(900 * 1000, 1500)  # the group owes 1,000 + 500 in full
    assert off[("Equity", "grant")] == Fraction(900 * 500, 1500)
    # Uncredited, the grant is paid in full only when the group has paid it its 500: at 1,500 / 0.9.
    grant = next(p for p in break_even(extra).parties if p.line == "grant")
    assert grant.receipts == Decimal("1666.67")
    assert "these payments count towards its recoupment under tier 2." in agreement(credited)
    assert ("these payments are in addition to its recoupment under tier 2, which is not reduced by them."
            in agreement(extra))
    assert "each paid in proportion to what each is owed." in agreement(extra)


def test_an_overcost_tier_repays_the_amount_with_its_premium_where_the_schedule_puts_it() -> None:
    project = deal({"kind": "overcost", "name": "Overcost", "payee": "nord", "amount": "200", "premium": 10},
                   PRODUCERS)
    assert exact(project, 150)[("Overcost", "nord")] == 150
    paid = exact(project, 1000)
    assert paid[("Overcost", "nord")] == 220  # 200 plus 10%
    assert paid[("Net profits", "aurora")] == Fraction(60, 100) * 780
    assert ("1. **Overcost**: recoupment by Nord Lumière SRL of the Overcost it financed: EUR 200 plus a "
            "premium of 10%, EUR 220 in all.") in agreement(project)


def test_a_line_without_profit_share_recoups_but_leaves_the_financiers_pool_to_the_others() -> None:
    project = deal({"kind": "recoup", "name": "Equity", "pari_passu": ["a", "b"]},
                   {**PRODUCERS, "shares": {"financiers": 50, "producers": 50}},
                   financing=[line("a", "1000"), line("b", "1000", profit_share=False)])
    paid = exact(project, 3000)
    assert paid[("Equity", "b")] == 1000
    assert paid[("Net profits", "a")] == 500  # the whole pool: half of the 1,000 of net profits
    assert ("Net profits", "b") not in paid
    text = agreement(project)
    assert "Investor B takes no share of Net Profits once recouped." in text
    assert "The financiers' share of Net Profits is divided among Investor A, each in" in text


def test_a_line_recouping_from_one_co_producer_takes_its_kept_receipts_then_its_share() -> None:
    project = deal(PRODUCERS, financing=[line("c", "300", partner="nord", recoups_from="nord")],
                   territories=[{"partner": "nord", "countries": ["BE"]}])
    paid = exact(project, 1000, {"nord": 100})
    # Nord's kept 100 go to C first; then C takes 200 of Nord's 25% of the 1,000 of net profits.
    assert paid[("Kept territories", "c")] == 100
    assert paid[("Net profits", "c")] == 200
    assert paid[("Kept territories", "nord")] == 0
    assert paid[("Net profits", "nord")] == 50
    assert paid[("Net profits", "aurora")] == 600  # the other co-producers are untouched
    # With nothing kept, C has recouped once 25% of net profits reach 300.
    assert [(p.line, p.receipts) for p in break_even(project).parties] == [("c", Decimal("1200.00"))]
    assert ("Investor C (EUR 300) recoups only from Nord Lumière SRL's receipts, first from its receipts "
            "from its Kept Territories, then from its share of Net Profits, and from no other receipts; it "
            "does not share in the financiers' share of Net Profits.") in agreement(project)
    assert waterfall_findings(project) == [] or all(
        finding.code != "waterfall.recoupable-not-recouped" for finding in waterfall_findings(project))


def _pool(pro_rata_to: str) -> Project:
    return deal({"kind": "corridor", "name": "Corridor", "payee": "g", "percent": 10},
                {"kind": "recoup", "name": "Equity", "pari_passu": ["e"]},
                {**PRODUCERS, "shares": {"financiers": 50, "producers": 50}, "pro_rata_to": pro_rata_to},
                financing=[line("e", "100"), line("g", "1000", partner="nord")])


def test_the_financiers_pool_is_shared_pro_rata_to_investment_or_to_what_was_recouped() -> None:
    # At 1,100: the corridor takes 110 of G's 1,000, E recoups its 100, and 890 of net profits remain,
    # so the financiers' pool is 445.
    by_investment, by_recouped = exact(_pool("investment"), 1100), exact(_pool("recouped"), 1100)
    assert by_investment[("Net profits", "g")] == Fraction(445 * 1000, 1100)
    assert by_investment[("Net profits", "e")] == Fraction(445 * 100, 1100)
    assert by_recouped[("Net profits", "g")] == Fraction(445 * 110, 210)
    assert by_recouped[("Net profits", "e")] == Fraction(445 * 100, 210)
    assert "each in proportion to the amount of its investment, without premium." in agreement(
        _pool("investment"))
    assert ("each in proportion to the part of its investment (without premium) it has recouped when the "
            "Net Profits are paid; a financier still recouping shares in proportion to what it has recouped "
            "so far.") in agreement(_pool("recouped"))


def test_talent_is_a_per_cent_of_all_net_profits_off_the_top_or_borne_by_the_producers_share() -> None:
    split = {**PRODUCERS, "talent": [
        {"payee": "director", "percent_of_net_profits": 10},
        {"payee": "screenwriters", "percent_of_net_profits": 20, "paid_from": "all_net_profits"}]}
    project = deal(split)
    paid = exact(project, 1000)
    assert paid[("Net profits", "screenwriters")] == 200  # 20% of all 1,000, off the top
    assert paid[("Net profits", "director")] == 100  # 10% of all 1,000, not of the 800 left
    assert [paid[("Net profits", p)] for p in ("aurora", "nord", "vltava")] == [420, 175, 105]  # of 700
    text = agreement(project)
    assert "first, off the top, 20% of Net Profits to Marco Leone and Anne Dubois (Screenwriters)" in text
    assert ("out of the Co-Producers' share, 10% of Net Profits to Marco Leone (Director); these "
            "participations are per cents of all Net Profits and reduce the Co-Producers' share "
            "alone") in text
    reference = (ROOT / "docs" / "project-file.md").read_text(encoding="utf-8")
    assert "Per cent of all net profits (100%, what reaches the split), whichever pool pays it." in reference
    guide = (ROOT / "docs" / "waterfall.md").read_text(encoding="utf-8")
    assert "talent paid from the producers' share gets `percent \u00d7 N` out" in guide


def test_a_waterfall_without_a_split_reports_its_remainder_as_unallocated() -> None:
    project = deal({"kind": "fee", "name": "Fee", "payee": "aurora", "percent": 10},
                   {"kind": "recoup", "name": "Equity", "pari_passu": ["e"]})
    paid = exact(project, 2000)
    assert paid[("Fee", "aurora")] == 200 and paid[("Equity", "e")] == 1000
    assert paid[("unallocated", "unallocated")] == 800
    points = break_even(project)
    assert points.unallocated and points.net_profits_from == Decimal("1111.12")  # just above 1,000 / 0.9
    text = agreement(project)
    assert ("No tier shares Net Profits: the Collection Account Receipts that remain after tier 2 are "
            "unallocated until the Co-Producers agree how they are shared.") in text
    sheet = term_sheet(project)
    assert "Money is first left unallocated at EUR 1,111.12 of Collection Account Receipts" in sheet
    # 50% of the EUR 3,800,000 budget: 1,900,000, less the 10% fee and the 1,000 of equity.
    assert "| Unallocated (no net-profit split agreed) | EUR 1,709,000 |" in sheet
    unallocated = [f for f in waterfall_findings(project) if f.code == "waterfall.unallocated"]
    assert [f.message for f in unallocated] == [
        "The Recoupment Schedule ends with 'Equity' and has no net-profit split: what remains after it is "
        "unallocated. Agree how Net Profits are shared and add the split as the last tier."]


def test_net_profits_begin_before_a_corridor_beside_them_is_paid_and_both_points_are_named() -> None:
    project = load_example("the-salt-road")
    points = break_even(project)
    assert (points.net_profits_from, points.tiers_paid_from) == (Decimal("1165889.41"), Decimal("6405063.30"))
    # At the first point the split receives money while the film centre corridor is still far from its
    # EUR 250,000; at the second, the corridor has paid it all.
    first = exact(project, 1165889)
    assert first[("Film centre corridor", "be-cca")] < 250000
    assert sum(v for (tier, _), v in first.items() if tier == "Net profits") == 0
    assert sum(v for (tier, _), v in exact(project, 1165890).items() if tier == "Net profits") > 0
    assert exact(project, 6405064)[("Film centre corridor", "be-cca")] == 250000
    assert exact(project, 6405063)[("Film centre corridor", "be-cca")] < 250000
    text = agreement(project)
    assert ("“**Net Profits**” means the Collection Account Receipts that reach the net-profit split, tier 7 "
            "of the Recoupment Schedule: what remains after the tiers before it have taken what they are due "
            "at that level of receipts. A corridor runs beside the tiers below it, so Net Profits can begin "
            "before the corridor to Film centre selective advance (public grant) has paid in full; it keeps "
            "taking its percentage until then.") in text
    assert ("The net-profit split first receives money at EUR 1,165,889.41 of Collection Account Receipts; "
            "every tier above it is paid in full at EUR 6,405,063.30 of Collection Account Receipts."
            ) in term_sheet(project)
