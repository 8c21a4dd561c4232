"""Consents and approvals on record, and the film's intended first release.

The Last Ferry with a 12% French share is a French-language theatrical film in Canada-France's exceptional
band (10% to 15%): it needs both authorities' consent (CA-FR-14FR).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coprod.analysis.eligibility.outcome import Status
from coprod.analysis.eligibility.verdict import Standing
from coprod.analysis.findings import Severity
from tests.analysis.analysis_support import analysed_data, example_text, outcome, run_check
from tests.analysis.test_verdicts import last_ferry_data

TELEFILM = {"authority": "Telefilm Canada", "country": "CA", "date": "2027-05-03", "reference": "TC-2027-114",
            "consented_to": "a French share of 12% for a French-language film", "rules": ["CA-FR-14FR"]}
CNC = {"authority": "CNC", "country": "FR", "date": "2027-05-10", "reference": "CNC/COPRO/27-88",
       "consented_to": "a French share of 12%", "rules": ["CA-FR-14FR"]}


def twelve_percent(*consents: dict[str, Any]) -> dict[str, Any]:
    data = last_ferry_data(fr_share="12")
    data["consents"] = [dict(c) for c in consents]
    return data


def test_without_a_consent_the_band_is_a_warning_asking_for_both() -> None:
    analysis = analysed_data(twelve_percent())
    assert analysis.standing is Standing.SUBJECT_TO_CONSENT
    assert outcome(analysis, "CA-FR-14FR").findings[0].severity is Severity.WARNING


def test_one_authority_s_consent_is_not_enough_and_the_warning_says_whose_is_missing() -> None:
    analysis = analysed_data(twelve_percent(TELEFILM))
    result = outcome(analysis, "CA-FR-14FR")
    (finding,) = result.findings
    assert finding.severity is Severity.WARNING
    assert finding.message.endswith(
        "Consent on record: Telefilm Canada on 2027-05-03 (ref. TC-2027-114: a French share of 12% for a "
        "French-language film); still needed from the authority of FR.")
    assert analysis.standing is Standing.SUBJECT_TO_CONSENT


def test_both_consents_on_record_turn_the_warning_into_a_note_that_cites_them() -> None:
    analysis = analysed_data(twelve_percent(TELEFILM, CNC))
    result = outcome(analysis, "CA-FR-14FR")
    assert (result.status, result.consents) == (Status.PASSED, (0, 1))
    (finding,) = result.findings
    assert finding.severity is Severity.INFO
    assert finding.path == ("consents", 0)
    assert finding.message.endswith(
        "Given: Telefilm Canada on 2027-05-03 (ref. TC-2027-114: a French share of 12% for a French-language "
        "film); CNC on 2027-05-10 (ref. CNC/COPRO/27-88: a French share of 12%).")
    assert result.reason.startswith("Met with the authorities' consent on record: Telefilm Canada on ")
    assert analysis.standing is Standing.QUALIFIES


def test_a_consent_for_another_rule_changes_nothing() -> None:
    other = dict(TELEFILM, rules=["CA-FR-NAT"])
    assert analysed_data(twelve_percent(other, dict(CNC, rules=["CA-FR-NAT"]))).standing is (
        Standing.SUBJECT_TO_CONSENT)


def test_a_consent_from_a_country_without_a_co_producer_is_refused_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = example_text("the-last-ferry") + (
        "\nconsents:\n  - {authority: BFI, country: GB, date: 2027-05-03, reference: B-1, consented_to: x, "
        "rules: [CA-FR-NAT]}\n")
    run = run_check(tmp_path, "the-last-ferry", text, capsys, monkeypatch)
    assert run.status == 2
    line = text.count("\n", 0, text.index("{authority: BFI")) + 1
    assert (f"projects/the-last-ferry/project.yaml:{line}:" in run.err
            and "consents[0].country: expected the country of a co-producer (CA, FR), found GB" in run.err)


# --- intended first release (Canada-France: 20% on television or online, 15% in cinemas) ---------------

def released(first_release: str | None, fr_share: str) -> Any:
    data = last_ferry_data(fr_share=fr_share)
    data["film"]["languages"] = ["en"]
    if first_release is not None:
        data["film"]["first_release"] = first_release
    return analysed_data(data)


@pytest.mark.parametrize(("first_release", "fr_share", "rule", "status"), [
    ("theatrical", "15", "CA-FR-14F", Status.PASSED),
    ("theatrical", "14.99", "CA-FR-14F", Status.FAILED),
    (None, "15", "CA-FR-14F", Status.PASSED),  # a fiction film counts as theatrical when not said
    ("television", "20", "CA-FR-14S", Status.PASSED),
    ("television", "19.99", "CA-FR-14S", Status.FAILED),
    ("online", "19.99", "CA-FR-14S", Status.FAILED),
    ("online", "15", "CA-FR-14F", Status.NOT_APPLICABLE),
])
def test_the_first_release_picks_canada_france_s_minimum(first_release: str | None, fr_share: str, rule: str,
                                                         status: Status) -> None:
    assert outcome(released(first_release, fr_share), rule).status is status


def test_the_not_applicable_reason_names_the_release() -> None:
    assert outcome(released("online", "20"), "CA-FR-14F").reason == (
        "Applies only to works first released in cinemas, films not in fr.")
