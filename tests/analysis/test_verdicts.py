"""The five verdicts, financial-only partners in the proportionality checks, and points shortfalls.

Each case is worked out by hand from the treaty numbers in the framework files, at and around its limit.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from coprod.analysis import Analysis
from coprod.analysis.eligibility.outcome import Status
from coprod.analysis.eligibility.schema import Derogation
from coprod.analysis.eligibility.verdict import Standing
from coprod.analysis.findings import Severity
from tests.analysis.analysis_support import (
    analysed_data,
    edited,
    example_data,
    example_text,
    outcome,
    run_check,
)


def creatives(data: dict[str, Any], name: str, **changes: object) -> None:
    """Change the key creative called *name* (every role they hold)."""
    people = [c for c in data["key_creatives"] if c["name"] == name]
    assert people, name
    for person in people:
        person.update(changes)


# --- financial-only partners and proportionality (CETS 220 Art. 9) ------------------------------------

def financed_by_vltava(it_spend: str, be_spend: str, *, vltava_role: str = "financial") -> Analysis:
    """The Salt Road with Vltava (CZ) a financial-only partner of 20%: IT 60%, BE 20%, CZ 20%.

    The non-financial part of the budget is 80%, of which IT holds 75% and BE 25%. Nothing is spent in the
    Czech Republic and every Czech key creative is Italian instead.
    """
    data = example_data("the-salt-road")
    for partner, share in zip(data["partners"], ("60", "20", "20"), strict=True):
        partner["share"] = share
    data["partners"][2]["role"] = vltava_role
    for name in ("Jakub Hora", "Tomáš Beneš", "Eva Králová"):
        creatives(data, name, nationality="IT")
    data["locations"]["vfx"] = "IT"
    data["budget"]["spend_by_country"] = {"IT": it_spend, "BE": be_spend}
    return analysed_data(data)


def test_a_financial_only_partner_is_left_out_and_the_others_measured_against_the_rest() -> None:
    analysis = financed_by_vltava("2850000", "950000")  # IT 75%, BE 25% of the budget
    spend = outcome(analysis, "PROP-12S")
    assert spend.status is Status.PASSED
    assert spend.reason == (
        "Each spend share is within 10 points of the financial share of the 80% of the budget not put up by "
        "financial-only partners: IT 75% vs 75%, BE 25% vs 25%; financial-only partners are exempt.")
    creative = outcome(analysis, "PROP-12C")
    assert creative.status is Status.PASSED
    assert "CZ" not in creative.reason
    assert not [f for f in analysis.findings if f.code.startswith("proportionality.")]


def test_the_same_deal_with_a_minority_czech_partner_is_out_of_proportion() -> None:
    # Without the financial-only role, CZ's 0% spend and 0 points fall 20 points short of its 20% share.
    analysis = financed_by_vltava("2850000", "950000", vltava_role="minority")
    spend = outcome(analysis, "PROP-12S")
    assert spend.status is Status.ATTENTION
    assert [f.message.split(" (")[0] for f in spend.findings if f.message.startswith("CZ")] == [
        "CZ's spend share is 0% against a financial share of 20%"]


def test_spend_exactly_10_points_above_the_non_financial_share_passes_and_a_cent_more_does_not() -> None:
    at_limit = outcome(financed_by_vltava("3230000", "570000"), "PROP-12S")  # IT 85% vs 75%
    assert at_limit.status is Status.PASSED
    over = outcome(financed_by_vltava("3230000.01", "569999.99"), "PROP-12S")
    assert over.status is Status.ATTENTION
    (it, be) = over.findings
    assert it.message.startswith(
        "IT's spend share is 85.0000003% against a financial share of 75% of the 80% of the budget not put "
        "up by financial-only partners (+10.0000003 pp); the tolerance is 10 percentage points")
    assert be.message.startswith("BE's spend share is 14.9999997% against a financial share of 25%")
    assert it.severity is Severity.WARNING


# --- a points shortfall is discretionary (Appendix II, both Conventions) --------------------------------

def test_15_points_is_a_warning_the_authorities_may_waive_and_16_qualifies_outright() -> None:
    data = example_data("the-salt-road")
    creatives(data, "Sara Villa", nationality="US")  # first role, -3 -> 18
    creatives(data, "Pieter Claes", nationality="US")  # second role, -2 -> 16
    sixteen = analysed_data(data)
    assert outcome(sixteen, "ECC17-10").status is Status.PASSED
    assert sixteen.standing is Standing.QUALIFIES
    creatives(data, "Eva Králová", nationality="US")  # sound, -1 -> 15
    fifteen = analysed_data(data)
    result = outcome(fifteen, "ECC17-10")
    assert (result.status, result.needs) == (Status.ATTENTION, Derogation.DISCRETIONARY)
    (finding,) = result.findings
    assert (finding.code, finding.severity) == ("points.below-threshold", Severity.WARNING)
    assert result.remedy is not None and "after consulting each other" in result.remedy
    assert fifteen.eligibility is not None and fifteen.eligibility.qualifies
    assert fifteen.standing is Standing.SUBJECT_TO_DISCRETIONARY_APPROVAL
    assert fifteen.verdict.startswith("Qualifies subject to the authorities' discretionary approval under "
                                      "CETS 220 (ECC17-10): 0 errors, ")


def test_a_points_shortfall_exits_0_and_the_json_says_discretionary_approval(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = edited(example_text("the-salt-road"),
                  ("name: Sara Villa, nationality: IT", "name: Sara Villa, nationality: US"),
                  ("name: Pieter Claes, nationality: BE", "name: Pieter Claes, nationality: US"),
                  ("name: Eva Králová, nationality: CZ", "name: Eva Králová, nationality: US"))
    run = run_check(tmp_path, "the-salt-road", text, capsys, monkeypatch, "--json")
    (entry,) = run.report["projects"]
    assert (run.status, entry["verdict"], entry["status"]) == (
        0, "qualifies_subject_to_discretionary_approval", "warnings")
    (points,) = [o for o in entry["analysis"]["eligibility"]["outcomes"] if o["rule"] == "ECC17-10"]
    assert (points["status"], points["needs"]) == ("attention", "discretionary")


# --- the five verdicts ----------------------------------------------------------------------------------

def last_ferry(fr_share: str | None = None, sodec: str | None = None) -> Analysis:
    """The Last Ferry, analysed, with other values (see `last_ferry_data`)."""
    return analysed_data(last_ferry_data(fr_share, sodec))


def last_ferry_data(fr_share: str | None = None, sodec: str | None = None) -> dict[str, Any]:
    """The Last Ferry (Canada 60%, France 40%, a French-language theatrical film) with other values.

    A new French share scales every French finance line to it and moves the difference to Boréale's
    equity, so the finance plan still bears out the declared shares (CAD 6,000,000 budget, 1 EUR = 1.5 CAD).
    """
    data = example_data("the-last-ferry")
    if fr_share is not None:
        share = Decimal(fr_share)
        data["partners"][0]["share"], data["partners"][1]["share"] = str(100 - share), fr_share
        for line in data["financing"]:
            if line["partner"] == "maree-haute":
                line["amount"] = str(Decimal(line["amount"]) * share / 40)
            if line["id"] == "boreale-equity":
                line["amount"] = str(Decimal(line["amount"]) + (40 - share) * 60000)
    if sodec is not None:
        next(f for f in data["financing"] if f["id"] == "sodec")["amount"] = sodec
    return data


def test_the_last_ferry_qualifies() -> None:
    analysis = last_ferry()
    assert analysis.standing is Standing.QUALIFIES
    assert analysis.verdict.startswith("Qualifies as an official co-production under ")


@pytest.mark.parametrize(("fr_share", "standing"), [
    ("15", Standing.QUALIFIES),  # the usual minimum: no consent needed
    ("14.99", Standing.SUBJECT_TO_CONSENT),  # just inside the exceptional band
    ("10", Standing.SUBJECT_TO_CONSENT),  # its floor
    ("9.99", Standing.DOES_NOT_QUALIFY),  # below it: no consent can help
])
def test_the_french_language_band_needs_both_authorities_consent(fr_share: str, standing: Standing) -> None:
    analysis = last_ferry(fr_share=fr_share)
    assert analysis.eligibility is not None and analysis.eligibility.standing is standing
    result = outcome(analysis, "CA-FR-14FR")
    assert result.needs is (Derogation.CONSENT if standing is Standing.SUBJECT_TO_CONSENT else None)


def test_a_consent_verdict_names_the_rule_and_exits_0() -> None:
    analysis = last_ferry(fr_share="12")
    assert not analysis.errors
    assert analysis.verdict.startswith(
        "Qualifies subject to the authorities' consent under Canada\u2013France Agreement (2021) "
        "(CA-FR-14FR): ")


def test_a_finance_gap_makes_a_qualifying_deal_not_ready() -> None:
    analysis = last_ferry(sodec="800000")
    assert analysis.eligibility is not None and analysis.eligibility.standing is Standing.QUALIFIES
    assert analysis.standing is Standing.NOT_READY
    assert analysis.verdict.startswith("Not ready: the rules of Canada\u2013France Agreement (2021) are met, "
                                       "but errors elsewhere must be fixed first: ")


def test_a_failed_rule_outranks_a_finance_gap() -> None:
    analysis = last_ferry(fr_share="9.99", sodec="800000")
    assert analysis.standing is Standing.DOES_NOT_QUALIFY


def test_discretionary_approval_outranks_consent() -> None:
    data = example_data("the-salt-road")
    data["structure"]["framework"] = "european-convention-2017"
    for name in ("Sara Villa", "Pieter Claes", "Eva Králová"):  # 15 points
        creatives(data, name, nationality="US")
    assert analysed_data(data).standing is Standing.SUBJECT_TO_DISCRETIONARY_APPROVAL


def test_a_creative_co_production_has_no_treaty_verdict() -> None:
    analysis = analysed_data(example_data("the-listening-station"))
    assert analysis.standing is None
