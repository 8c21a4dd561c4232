"""Waterfalls that cannot work are load errors with a place; unusual terms are warnings citing DOMAIN.md."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from coprod.analysis.findings import Confidence, Severity
from coprod.analysis.waterfall import waterfall_findings
from coprod.errors import InputError
from coprod.loading.project import load_text
from coprod.location import format_path
from coprod.model.consistency import check_consistency
from coprod.model.project import Project
from tests.analysis.waterfall.waterfall_support import PROJECTS, load_example, variant

SALT = load_example("the-salt-road")
TIERS = [tier.model_dump() for tier in SALT.recoupment.waterfall]
FEE, SALES, EXPENSES, CORRIDOR, EQUITY, DEFERMENT, SPLIT = TIERS


def with_tiers(*tiers: dict[str, Any], **sections: Any) -> Project:
    return variant("the-salt-road", {"recoupment": {**SALT.recoupment.model_dump(), "waterfall": list(tiers)},
                                     **sections})


def problems(project: Project) -> list[tuple[str, str]]:
    return [(format_path(item.path), item.message) for item in check_consistency(project)]


def test_the_split_must_come_last() -> None:
    assert problems(with_tiers(FEE, EQUITY, SPLIT, DEFERMENT)) == [
        ("recoupment.waterfall[2].kind",
         "expected the net-profit split last (it takes everything that reaches it), found it at position "
         "3 of 4")]


def test_a_waterfall_without_a_split_is_valid_and_its_remainder_is_a_warning() -> None:
    partial = with_tiers(FEE, EQUITY)
    assert problems(partial) == []
    warnings = [f for f in waterfall_findings(partial) if f.code == "waterfall.unallocated"]
    assert len(warnings) == 1 and warnings[0].severity.value == "warning"
    assert "unallocated" in warnings[0].message and "net-profit split" in warnings[0].message


def test_a_corridor_until_recouped_pays_a_recoupable_finance_line() -> None:
    assert problems(with_tiers({**CORRIDOR, "payee": "it-tv"}, EQUITY, SPLIT)) == [
        ("recoupment.waterfall[0].payee", "expected a recoupable finance line for a corridor paid until "
                                          "recouped, found 'it-tv'")]


def test_a_corridor_until_recouped_to_a_participant_says_how_to_pay_a_fixed_amount() -> None:
    corridor = {**CORRIDOR, "payee": "director"}
    assert problems(with_tiers(corridor, EQUITY, SPLIT)) == [
        ("recoupment.waterfall[0].payee", "expected a recoupable finance line for a corridor paid until "
                                          "recouped, found 'director'; to pay 'director' a fixed amount "
                                          "through this corridor, write until_recouped: false with a cap "
                                          "(the amount)")]
    fixed = {**corridor, "until_recouped": False, "cap": "5000"}
    assert problems(with_tiers(fixed, EQUITY, SPLIT)) == []


def test_a_corridor_comes_before_the_group_recouping_its_payee() -> None:
    group = {**EQUITY, "pari_passu": ["aurora-equity", "be-cca"]}
    assert problems(with_tiers(group, CORRIDOR, SPLIT)) == [
        ("recoupment.waterfall[1].payee",
         "expected a corridor before any other tier recouping 'be-cca', found it after a recoup group that "
         "recoups it")]


def test_a_finance_line_sits_in_one_recoup_group() -> None:
    assert problems(with_tiers(EQUITY, {**EQUITY, "pari_passu": ["be-cca", "vltava-equity"]}, SPLIT)) == [
        ("recoupment.waterfall[1].pari_passu[1]", "expected each finance line in one recoup group, found "
                                                  "'vltava-equity' in an earlier group too")]


def test_a_financiers_pool_needs_a_financier() -> None:
    assert problems(with_tiers(FEE, SPLIT)) == [
        ("recoupment.waterfall[1].shares.financiers", "expected finance lines recouped above the split that "
                                                      "share in profits to share the financiers' pool of "
                                                      "50%, found none")]


def test_a_partner_keeps_its_territories_in_one_entry() -> None:
    rights = {**SALT.rights.model_dump(), "territories": [{"partner": "nord", "countries": ["BE"]},
                                                          {"partner": "nord", "countries": ["LU"]}]}
    assert problems(variant("the-salt-road", {"rights": rights})) == [
        ("rights.territories[1].partner", "expected a unique kept-territories partner id, found 'nord' again "
                                          "(first used at territories[0])")]


def test_a_waterfall_error_is_reported_at_its_line_and_column() -> None:
    path = PROJECTS / "the-salt-road" / "project.yaml"
    text = path.read_text(encoding="utf-8").replace("pari_passu: [aurora-equity, ", "pari_passu: [it-tv, ")
    with pytest.raises(InputError) as raised:
        load_text(text, Path("the-salt-road.yaml"))
    assert str(raised.value) == (
        "the-salt-road.yaml:139:49: recoupment.waterfall[4].pari_passu[0]: expected a recoupable finance "
        "line, found 'it-tv', which is not recoupable (set recoupable: true on it, or remove it here)")


def codes(project: Project) -> list[tuple[str, str, str]]:
    return [(finding.code, format_path(finding.path), finding.message)
            for finding in waterfall_findings(project)]


def test_the_examples_have_only_the_listening_stations_talent_off_top() -> None:
    assert codes(SALT) == []
    assert codes(load_example("the-last-ferry")) == []
    assert codes(load_example("the-listening-station")) == [
        ("waterfall.talent-off-top", "recoupment.waterfall[7].talent[0].paid_from",
         "Owen Pritchard is paid 5% off the top of all Net Profits, which reduces the financiers' share "
         "too; talent is usually paid out of the Co-Producers' share. Confirm the financiers have agreed.")]


def test_a_commission_outside_the_usual_range_is_a_warning_citing_domain() -> None:
    sales = {**SALT.rights.world_sales.model_dump(), "commission": 35}  # type: ignore[union-attr]
    project = variant("the-salt-road", {"rights": {**SALT.rights.model_dump(), "world_sales": sales}})
    findings = waterfall_findings(project)
    assert codes(project) == [
        ("waterfall.commission-unusual", "rights.world_sales.commission",
         "Meridian Sales Ltd's sales commission of 35% is outside the usual 10 to 30%; confirm it is the "
         "agreed rate."),
        ("waterfall.commission-mismatch", "recoupment.waterfall[1].percent",
         "The Recoupment Schedule pays Meridian Sales Ltd 20% in 'Sales commission', but its sales terms "
         "give a commission of 35%; make the two rates the same.")]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].source.confidence is Confidence.SECONDARY
    assert findings[0].source.text.startswith("DOMAIN.md §4.3 and rule WF-29")


def test_cam_fee_and_expense_terms() -> None:
    expenses = {**EXPENSES, "cap": "80000", "incurred": "90000"}
    fee = {**FEE, "percent": Decimal("2.5")}
    project = with_tiers(fee, SALES, expenses, CORRIDOR, EQUITY, DEFERMENT, SPLIT)
    assert codes(project) == [
        ("waterfall.cam-fee-high", "recoupment.waterfall[0].percent",
         "The collection account fee of 2.5% to Northgate Collection Services is above the usual 2% of "
         "gross receipts; confirm it is agreed."),
        ("waterfall.expenses-over-cap", "recoupment.waterfall[2].incurred",
         "Meridian Sales Ltd has incurred EUR 90,000.00 of expenses under 'Sales expenses', above their cap "
         "of EUR 80,000.00; only the cap is recouped, the rest is its own cost."),
        ("waterfall.expense-cap-mismatch", "recoupment.waterfall[2].cap",
         "'Sales expenses' lets Meridian Sales Ltd recoup up to EUR 80,000.00 of expenses, more than the "
         "EUR 60,000.00 cap in its sales terms; make the two caps the same.")]


def test_missing_cam_fee_endless_corridor_unrecouped_line_and_high_premium() -> None:
    financing = [line.model_dump() for line in SALT.financing]
    financing[4]["premium"] = 25
    endless = {"kind": "corridor", "name": "Producer corridor", "payee": "aurora", "percent": 2,
               "basis": "at_source", "until_recouped": False}
    project = with_tiers(SALES, endless, EQUITY, SPLIT, financing=financing)
    assert codes(project) == [
        ("waterfall.cam-fee-missing", "recoupment.collection_account",
         "Northgate Collection Services is appointed to manage the collection account, but the Recoupment "
         "Schedule pays it no fee; add its fee (usually a percentage off the top) as the first tier."),
        ("waterfall.corridor-endless", "recoupment.waterfall[1]",
         "The corridor 'Producer corridor' pays Aurora Film S.r.l. 2% for ever: it has no cap and does not "
         "stop when its payee has recouped; give it a cap or make it stop on recoupment."),
        ("waterfall.recoupable-not-recouped", "financing[6].recoupable",
         "Film centre selective advance is to be recouped, but no tier of the Recoupment Schedule recoups "
         "it; add it to a recoupment tier or a corridor, have it recoup from its co-producer's share, or "
         "record it as not recoupable."),
        ("waterfall.premium-high", "financing[4].premium",
         "Aurora Film recoups a premium of 25%, above the usual 20%; confirm it is agreed.")]


def test_an_unknown_corridor_payee_is_reported_once() -> None:
    project = with_tiers({**CORRIDOR, "payee": "nobody"}, EQUITY, SPLIT)
    assert [message for _, message in problems(project)] == [
        "expected a party id (aurora, aurora-equity, be-cca, be-regional-fund, be-shelter, cam, cz-fund, "
        "cz-incentive, cz-tv, director, it-dist, it-region, it-tax-credit, it-tv, nord, sales_agent, "
        "screenwriters, vltava, vltava-equity), found 'nobody'"]
