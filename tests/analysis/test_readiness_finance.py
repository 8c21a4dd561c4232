"""Finance readiness that escalates toward the shoot, bridged incentives, budget lines and fund gaps."""

from __future__ import annotations

from typing import Any

from coprod.analysis import Analysis
from coprod.analysis.findings import Severity
from coprod.analysis.readiness import ReadinessStatus
from coprod.loading.schedule_practice import schedule_practice
from tests.analysis.analysis_support import analysed, analysed_data, example_data


def _finding(analysis: Analysis, code: str) -> Any:
    (found,) = [f for f in analysis.findings if f.code == code]
    return found


def _check(analysis: Analysis, check_id: str) -> ReadinessStatus:
    return next(c for c in analysis.readiness.checks if c.id == check_id).status


def _ferry_on(day: str) -> Analysis:
    data = example_data("the-last-ferry")  # principal photography starts on 2027-09-06
    data["draft"]["date"] = day
    return analysed_data(data)


def test_mostly_unconfirmed_finance_two_weeks_before_the_shoot_is_an_error() -> None:
    analysis = _ferry_on("2027-08-23")
    finding = _finding(analysis, "readiness.finance.unsecured")
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("On 23 August 2027, 14 days before principal photography on 6 "
                                      "September 2027, CAD 4,035,000.00 (67.25% of the finance plan) is not "
                                      "secured")
    assert finding.source.text == schedule_practice().finance_escalation[0].source
    assert _check(analysis, "finance") is ReadinessStatus.NOT_READY


def test_the_same_plan_a_year_earlier_is_a_warning() -> None:
    analysis = _ferry_on("2026-09-06")
    finding = _finding(analysis, "readiness.finance.unsecured")
    assert finding.severity is Severity.WARNING
    assert finding.message.endswith("Confirm it, or record a bridge, before the close of financing.")
    assert _check(analysis, "finance") is ReadinessStatus.ATTENTION


def test_the_thresholds_are_the_practice_data() -> None:
    levels = schedule_practice().finance_escalation
    assert [level.severity for level in levels] == [Severity.ERROR, Severity.ERROR, Severity.WARNING]
    # Three months out, half the plan open: the second level (its own source) decides.
    analysis = _ferry_on("2027-06-08")
    finding = _finding(analysis, "readiness.finance.unsecured")
    assert (finding.severity, finding.source.text) == (Severity.ERROR, levels[1].source)


def test_a_confirmed_post_completion_incentive_counts_only_once_bridged() -> None:
    data = example_data("the-salt-road")
    line = next(x for x in data["financing"] if x["id"] == "cz-incentive")
    line["status"] = "confirmed"
    unbridged = _finding(analysed_data(data), "readiness.finance.unsecured")
    assert "confirmed but paid after completion with no bridge recorded (Czech film incentive)" in \
        unbridged.message
    line["bridge"] = "Czech bank bridge facility"
    bridged = _finding(analysed_data(data), "readiness.finance.unsecured")
    assert "Czech film incentive" not in bridged.message
    assert "EUR 580,000.00 (15.26% of the finance plan)" in bridged.message


def test_a_bond_line_that_cannot_hold_the_fee_and_the_contingency_needs_attention() -> None:
    analysis = analysed("the-last-ferry")
    finding = _finding(analysis, "readiness.budget.bond-line-short")
    assert finding.message == (
        "'Insurance, completion bond, legal and contingency' holds CAD 360,000.00 but must hold the "
        "completion guarantor's fee of CAD 120,000.00 (2%) and a contingency of CAD 600,000.00 (10% of the "
        "budget): it is CAD 360,000.00 short. Raise the line or show where the rest is budgeted.")
    assert finding.path == ("budget", "by_category", "Insurance, completion bond, legal and contingency")
    assert _check(analysis, "budget") is ReadinessStatus.ATTENTION


def test_a_budget_with_room_for_fee_and_contingency_is_ready() -> None:
    data = example_data("the-last-ferry")
    data["budget"]["by_category"] = {"Above the line": "1080000", "Below the line": "3480000",
                                     "Post-production": "600000", "Completion bond": "120000",
                                     "Contingency": "620000", "Insurance and legal": "100000"}
    analysis = analysed_data(data)
    assert not [f for f in analysis.findings if f.code.startswith("readiness.budget.")]


def test_an_application_to_a_fund_missing_from_the_plan_is_a_gap() -> None:
    analysis = analysed("the-salt-road")
    finding = _finding(analysis, "readiness.finance.fund-not-in-plan")
    assert finding.message.startswith("The timeline applies to Eurimages ('Eurimages application', 10 March "
                                      "2027) but the finance plan has no line from it")
    assert finding.path == ("timeline", 1)
