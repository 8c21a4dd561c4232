"""Points tables (cast ranked by shooting days), proportionality, lead times and other production rules."""

from __future__ import annotations

from typing import Any

from coprod.analysis.eligibility.outcome import Status
from coprod.analysis.findings import Severity
from tests.analysis.analysis_support import analysed_data, example_data, outcome


def creatives(data: dict[str, Any], name: str, **changes: object) -> None:
    """Change the key creative called *name* (every role they hold)."""
    people = [c for c in data["key_creatives"] if c["name"] == name]
    assert people, name
    for person in people:
        person.update(changes)


def test_the_salt_road_scores_every_point_of_the_cets_220_table() -> None:
    result = outcome(analysed_data(example_data("the-salt-road")), "ECC17-10")
    assert result.status is Status.PASSED
    assert result.reason == "The film scores 21 of 21 points, at least 16 needed."


def test_roles_are_ranked_by_shooting_days_not_by_the_order_of_the_file() -> None:
    # A non-party lead with the most shooting days costs the first role's 3 points...
    data = example_data("the-salt-road")
    creatives(data, "Marco Leone", nationality="US")  # director and screenwriter: 4 + 1.5 points lost
    creatives(data, "Sara Villa", nationality="US")
    result = outcome(analysed_data(data), "ECC17-10")
    assert result.status is Status.ATTENTION
    assert result.findings[0].message.startswith(
        "The film scores 12.5 of 21 points, below the 16 needed (held outside the parties: director (US) "
        "0/4; screenwriter (US, BE) 1.5/3; cast 1 (US) 0/3). The competent "
        "authorities may still approve a lower score after consulting each other")
    # ...but the same actor with the fewest days holds only the third role (1 point).
    creatives(data, "Sara Villa", shooting_days=20)
    result = outcome(analysed_data(data), "ECC17-10")
    assert result.reason.startswith("The film scores 14.5 of 21 points")
    creatives(data, "Marco Leone", nationality="IT")
    result = outcome(analysed_data(data), "ECC17-10")
    assert (result.status, result.reason) == (
        Status.PASSED, "The film scores 20 of 21 points, at least 16 needed (held outside the parties: "
                       "cast 3 (US) 0/1).")


def test_exactly_16_points_qualify_and_15_do_not() -> None:
    data = example_data("the-salt-road")
    creatives(data, "Sara Villa", nationality="US")  # -3 -> 18
    creatives(data, "Pieter Claes", nationality="US")  # -2 -> 16
    assert outcome(analysed_data(data), "ECC17-10").status is Status.PASSED
    creatives(data, "Eva Králová", nationality="US")  # sound, -1 -> 15
    result = outcome(analysed_data(data), "ECC17-10")
    assert result.status is Status.ATTENTION  # the authorities may still admit it (see test_verdicts)
    assert result.findings[0].message.startswith("The film scores 15 of 21 points, below the 16 needed")


def test_an_animated_film_gets_a_manual_check_of_the_animation_table() -> None:
    data = example_data("the-salt-road")
    data["film"]["format"] = "animation"
    analysis = analysed_data(data)
    assert outcome(analysis, "ECC17-10").status is Status.NOT_APPLICABLE
    assert outcome(analysis, "ECC17-10").reason == "Applies only to fiction or series works."
    table = outcome(analysis, "ECC17-10A")
    assert table.status is Status.ATTENTION
    assert table.findings[0].message == (
        "coprod has no animation points table for CETS 220; check by hand that the film scores at least 15 "
        "of 23 points.")


def test_creative_proportionality_uses_the_points_by_nationality_with_a_10_point_tolerance() -> None:
    data = example_data("the-salt-road")
    result = outcome(analysed_data(data), "PROP-12C")
    assert result.reason == ("Each creative share (points) is within 10 points of the financial share: "
                             "IT 54.76% vs 60%, BE 26.19% vs 25%, CZ 19.05% vs 15%.")
    creatives(data, "Luc Martens", nationality="IT")  # the cinematographer's point moves from BE to IT
    creatives(data, "Pieter Claes", nationality="IT")  # and the second role's 2 points
    result = outcome(analysed_data(data), "PROP-12C")
    assert result.status is Status.ATTENTION
    assert [f.message for f in result.findings] == [
        "BE's creative share (points) is 11.9% against a financial share of 25% (-13.0952 pp); the tolerance "
        "is 10 percentage points."]
    assert result.findings[0].severity is Severity.WARNING


def test_spend_proportionality_at_the_tolerance_passes_and_beyond_it_warns() -> None:
    data = example_data("the-salt-road")
    # BE 35% against 25%, CZ 5% against 15%: exactly 10 points each
    data["budget"]["spend_by_country"] = {"IT": "2280000", "BE": "1330000", "CZ": "190000"}
    assert outcome(analysed_data(data), "PROP-12S").status is Status.PASSED
    data["budget"]["spend_by_country"] = {"IT": "2280000", "BE": "1330400", "CZ": "189600"}
    result = outcome(analysed_data(data), "PROP-12S")
    assert [f.message for f in result.findings] == [
        "BE's spend share is 35.01% against a financial share of 25% (+10.0105 pp); the tolerance is 10 "
        "percentage points.",
        "CZ's spend share is 4.99% against a financial share of 15% (-10.0105 pp); the tolerance is 10 "
        "percentage points."]
    assert [f.path for f in result.findings] == [("budget", "spend_by_country", "BE"),
                                                 ("budget", "spend_by_country", "CZ")]


# --- application lead times --------------------------------------------------------------------------

def with_application(data: dict[str, Any], date: str) -> dict[str, Any]:
    data["timeline"][0]["date"] = date  # the applications to the competent authorities
    data["timeline"][1]["date"] = date  # and the Eurimages application
    return data


def test_under_cets_220_the_application_must_precede_principal_photography() -> None:
    data = with_application(example_data("the-salt-road"), "2027-05-02")
    assert outcome(analysed_data(data), "TIME-26").status is Status.PASSED
    result = outcome(analysed_data(with_application(data, "2027-05-03")), "TIME-26")
    assert result.status is Status.FAILED
    # One application for all three co-producers: one finding, naming them all (not one per co-producer).
    (finding,) = result.findings
    assert finding.message == (
        "'Applications to competent authorities' (Aurora Film S.r.l., Nord Lumière SRL and Vltava Pictures "
        "s.r.o.) is dated 2027-05-03, 0 days before principal photography on 2027-05-03; the application "
        "must be filed before it, by 2027-05-02: move it earlier or the shoot later.")
    assert (finding.path, finding.rule) == (("timeline", 0, "date"), "TIME-26")


def dach(date: str, shares: tuple[str, str, str] = ("60", "25", "15")) -> dict[str, Any]:
    data = with_application(example_data("the-salt-road"), date)
    data["structure"]["framework"] = "d-a-ch"
    for partner, country, share in zip(data["partners"], ("DE", "AT", "CH"), shares, strict=True):
        partner["country"], partner["share"] = country, share
    return data


def test_d_a_ch_applications_are_due_four_weeks_before_shooting() -> None:
    shares = ("50", "25", "25")
    assert outcome(analysed_data(dach("2027-04-05", shares)), "DACH-19T").status is Status.PASSED  # 28 days
    late = outcome(analysed_data(dach("2027-04-06", shares)), "DACH-19T")
    assert len(late.findings) == 1
    assert late.findings[0].message.startswith(
        "'Applications to competent authorities' (Aurora Film S.r.l., Nord Lumière SRL and Vltava Pictures "
        "s.r.o.) is dated 2027-04-06, 27 days before principal photography on 2027-05-03; the application "
        "must be filed at least 28 days before it, by 2027-04-05")
    assert outcome(analysed_data(dach("2027-04-05", shares)), "DACH-19T2").status is Status.NOT_APPLICABLE


def test_d_a_ch_applications_are_due_two_months_before_when_a_share_is_under_20_percent() -> None:
    assert outcome(analysed_data(dach("2027-03-04")), "DACH-19T2").status is Status.PASSED  # 60 days
    late = analysed_data(dach("2027-03-05"))
    assert outcome(late, "DACH-19T").status is Status.PASSED
    assert outcome(late, "DACH-19T2").status is Status.FAILED
    assert late.eligibility is not None
    assert late.eligibility.application_deadline is not None
    assert late.eligibility.application_deadline.isoformat() == "2027-03-04"


def test_a_co_producer_without_an_application_milestone_fails_the_lead_time() -> None:
    data = example_data("the-salt-road")
    data["timeline"][0]["parties"] = ["aurora"]
    result = outcome(analysed_data(data), "TIME-26")
    assert [f.code for f in result.findings] == ["timeline.no-application", "timeline.no-application"]
    assert result.findings[0].message.startswith("The timeline has no application for Nord Lumière SRL")


def test_the_competent_authorities_come_from_the_framework_file() -> None:
    analysis = analysed_data(example_data("the-last-ferry"))
    assert analysis.eligibility is not None
    names = {c: a.name for c, a in analysis.eligibility.authorities.items()}
    assert names == {"CA": "Telefilm Canada", "FR": "Centre national du cinéma et de l'image animée (CNC)"}
    assert analysis.eligibility.authorities["CA"].citation.confidence.value == "V"


def test_australia_needs_an_australian_lead_when_it_is_the_majority() -> None:
    data = example_data("the-salt-road")
    data["structure"]["framework"] = "australia"
    for partner, country in zip(data["partners"], ("AU", "GB", "GB"), strict=True):
        partner["country"] = country
    result = outcome(analysed_data(data), "AU-17L")
    assert result.findings[0].message.startswith(
        "AU holds 60% but none of the 4 leading roles (by shooting days) is a AU national")
    creatives(data, "Tomáš Beneš", nationality="AU")
    assert outcome(analysed_data(data), "AU-17L").status is Status.PASSED
    assert outcome(analysed_data(data), "AU-17A").status is Status.PASSED  # GB 40% >= 30%


def test_canada_china_caps_spend_outside_the_parties_at_25_percent() -> None:
    data = example_data("the-salt-road")
    data["structure"]["framework"] = "canada-china"
    for partner, country in zip(data["partners"], ("CA", "CN", "CN"), strict=True):
        partner["country"] = country
    data["budget"]["spend_by_country"] = {"CA": "1900000", "CN": "950000", "CZ": "950000"}  # 25%
    assert outcome(analysed_data(data), "CA-CN-16S").status is Status.PASSED
    data["budget"]["spend_by_country"] = {"CA": "1900000", "CN": "949999", "CZ": "950001"}
    result = outcome(analysed_data(data), "CA-CN-16S")
    assert result.findings[0].message.startswith("Spend outside the parties (CZ) is 25.00003% of the budget")


# --- AU-18: a provisional approval lasts two years ------------------------------------------------------

def australian(*approvals: dict[str, Any]) -> dict[str, Any]:
    """The Salt Road under the Australian programme (AU, GB, GB), shooting from 2027-05-03."""
    data = example_data("the-salt-road")
    data["structure"]["framework"] = "australia"
    for partner, country in zip(data["partners"], ("AU", "GB", "GB"), strict=True):
        partner["country"] = country
    data["timeline"][2:2] = list(approvals)
    return data


def approval(date: str, parties: object = "all") -> dict[str, Any]:
    return {"milestone": "Provisional approval (Screen Australia)", "kind": "approval", "date": date,
            "parties": parties}


def test_principal_photography_must_start_before_the_provisional_approval_lapses() -> None:
    passed = outcome(analysed_data(australian(approval("2025-05-04"))), "AU-18")
    assert passed.status is Status.PASSED
    assert passed.reason == ("Principal photography starts on 2027-05-03, before the approval of 2025-05-04 "
                             "lapses on 2027-05-04.")
    lapsed = outcome(analysed_data(australian(approval("2025-05-03"))), "AU-18")
    assert lapsed.status is Status.FAILED
    (finding,) = lapsed.findings
    assert (finding.code, finding.severity, finding.path) == (
        "timeline.approval-lapsed", Severity.ERROR, ("timeline", 2, "date"))
    assert finding.message == (
        "'Provisional approval (Screen Australia)' of 2025-05-03 lapses on 2027-05-03, 2 years on, but "
        "principal photography starts on 2027-05-03; it must start while the approval is valid"
        ".")
    assert (finding.source.text, finding.source.confidence.value, finding.source.url) == (
        "Screen Australia co-production guidelines, Provisional approval is valid for two years; principal "
        "photography must start before it lapses", "V",
        "https://www.screenaustralia.gov.au/funding-and-support/co-production-program")


def test_a_later_approval_renews_the_period_and_approvals_after_the_shoot_do_not_count() -> None:
    renewed = australian(approval("2024-01-10"), approval("2026-01-10"), approval("2027-06-01"))
    assert outcome(analysed_data(renewed), "AU-18").status is Status.PASSED
    assert outcome(analysed_data(australian(approval("2024-01-10"), approval("2027-06-01"))),
                   "AU-18").status is Status.FAILED


def test_only_approvals_that_concern_the_australian_co_producer_count() -> None:
    uk_only = australian(approval("2026-01-10", ["nord", "vltava"]))
    result = outcome(analysed_data(uk_only), "AU-18")
    assert result.status is Status.NOT_APPLICABLE
    assert result.reason == ("No approval is dated before principal photography in the timeline (a milestone "
                             "of kind approval).")
    assert outcome(analysed_data(australian(approval("2026-01-10", ["aurora"]))), "AU-18").status \
        is Status.PASSED


def test_an_approval_of_29_february_lapses_on_28_february() -> None:
    data = australian(approval("2028-02-29"))
    data["timeline"][3].update(start="2030-02-27", end="2030-03-20")  # principal photography
    assert outcome(analysed_data(data), "AU-18").status is Status.PASSED
    data["timeline"][3].update(start="2030-02-28")
    assert outcome(analysed_data(data), "AU-18").findings[0].message.startswith(
        "'Provisional approval (Screen Australia)' of 2028-02-29 lapses on 2030-02-28")
