"""Framework-specific rules (party counts, where the work is done, nationalities, Eurimages and EU caps)."""

from __future__ import annotations

from typing import Any

from coprod.analysis.eligibility.outcome import Status
from coprod.analysis.findings import Severity
from tests.analysis.analysis_support import analysed_data, example_data, outcome


def salt_road(framework: str, countries: tuple[str, str, str]) -> dict[str, Any]:
    data = example_data("the-salt-road")
    data["structure"]["framework"] = framework
    for partner, country in zip(data["partners"], countries, strict=True):
        partner["country"] = country
    return data


def test_a_multilateral_work_under_the_1992_convention_needs_three_parties() -> None:
    result = outcome(analysed_data(salt_road("european-convention-2017", ("IT", "FR", "US"))), "ECC92-01")
    assert result.status is Status.FAILED
    assert result.findings[0].message.startswith(
        "Co-producers are established in 2 parties (IT, FR); at least 3 are needed.")


def test_canada_uk_expects_the_main_shoot_in_the_majority_country() -> None:
    data = salt_road("canada-uk", ("CA", "GB", "GB"))
    result = outcome(analysed_data(data), "CA-UK-15L")
    assert (result.status, result.findings[0].severity, result.findings[0].path) == (
        Status.ATTENTION, Severity.WARNING, ("locations", "shooting", 0))
    data["locations"]["shooting"] = ["CA", "GB"]
    assert outcome(analysed_data(data), "CA-UK-15L").status is Status.PASSED


def test_canada_uk_uk_spend_of_35_percent_with_three_co_producers() -> None:
    data = salt_road("canada-uk", ("CA", "GB", "GB"))
    data["budget"]["spend_by_country"] = {"CA": "2470000", "GB": "1330000"}
    assert outcome(analysed_data(data), "SPEND-25").reason == "GB spend is 35%, at least 35%."
    data["budget"]["spend_by_country"] = {"CA": "2470001", "GB": "1329999"}
    result = outcome(analysed_data(data), "SPEND-25")
    assert result.findings[0].message.startswith(
        "GB spend is 34.99997% of the budget, below the 35% expected with 3 co-producers")
    assert result.citation.confidence.value == "S"


def test_canada_france_participants_from_elsewhere_need_consent() -> None:
    data = salt_road("canada-france", ("CA", "FR", "FR"))
    for creative in data["key_creatives"]:
        creative["nationality"] = {"IT": "CA", "BE": "FR", "CZ": "FR"}[creative["nationality"]]
    assert outcome(analysed_data(data), "CA-FR-NAT").status is Status.PASSED
    data["key_creatives"][3]["nationality"] = "US"  # the composer
    result = outcome(analysed_data(data), "CA-FR-NAT")
    assert [(f.message, f.path) for f in result.findings] == [(
        "Jakub Hora (composer) is a US national, not of a co-producing country; the authorities must consent"
        ".", ("key_creatives", 3, "nationality"))]


def test_an_ibero_american_minority_supplies_two_actors_and_two_key_roles() -> None:
    data = salt_road("ibero-american", ("ES", "MX", "AR"))
    result = outcome(analysed_data(data), "IBER-20C")
    assert [f.message.split(";")[0] for f in result.findings] == [
        "MX supplies 0 of the first 6 roles and 0 key creative roles",
        "AR supplies 0 of the first 6 roles and 0 key creative roles"]
    nationality = {"IT": "ES", "BE": "MX", "CZ": "AR"}
    for creative in data["key_creatives"]:
        creative["nationality"] = nationality[creative["nationality"]]
    data["key_creatives"] += [
        {"role": "cast", "name": "Ana Ruiz", "nationality": "AR", "shooting_days": 12},
        {"role": "cast", "name": "Luis Vega", "nationality": "MX", "shooting_days": 10},
        {"role": "production_designer", "name": "Inés Paz", "nationality": "AR"}]
    assert outcome(analysed_data(data), "IBER-20C").status is Status.PASSED


def test_the_ibero_american_majority_must_come_from_a_member_state() -> None:
    result = outcome(analysed_data(salt_road("ibero-american", ("US", "MX", "AR"))), "IBER-20M")
    assert result.findings[0].message == (
        "The majority co-producer is established in US, which is not a party to ALCOCI (1989)"
        ".")


def eurimages_line(amount: str) -> dict[str, Any]:
    data = example_data("the-salt-road")
    data["financing"].append({"id": "eurimages", "partner": "aurora", "territory": "IT",
                              "type": "public_loan", "source": "Eurimages co-production support",
                              "amount": amount, "status": "planned", "recoupable": True})
    return data


def test_eurimages_support_up_to_500000_euros() -> None:
    assert outcome(analysed_data(eurimages_line("500000")), "EURIM-CAP").reason == (
        "Support from Eurimages is EUR 500,000.00 (13.16% of the budget), within the "
        "caps.")
    result = outcome(analysed_data(eurimages_line("500000.01")), "EURIM-CAP")
    assert result.findings[0].message.startswith(
        "Support from Eurimages is EUR 500,000.01, above the EUR 500,000.00 cap")
    assert result.findings[0].path == ("financing", 12, "amount")


def test_public_support_above_the_cross_border_aid_intensity_is_a_warning() -> None:
    data = example_data("the-salt-road")
    assert not [f for f in analysed_data(data).findings if f.code == "finance.aid-intensity"]  # 52.89%
    data["financing"][1]["type"] = "public_grant"  # the Italian broadcaster licence, now public money
    (finding,) = [f for f in analysed_data(data).findings if f.code == "finance.aid-intensity"]
    assert (finding.severity, finding.message) == (Severity.WARNING, (
        "Public support from Belgium, Czechia and Italy is EUR 2,610,000.00, 68.68% of the budget, above the "
        "60% aid intensity the EU Cinema Communication (2013) allows for a cross-border production. Replace "
        "part of it with private finance, or confirm with each fund that its aid stays within the cap."))
    assert finding.rule == "AID-INT"


def test_a_party_without_a_named_authority_is_flagged_for_the_condition_precedent() -> None:
    result = outcome(analysed_data(salt_road("european-convention-2017", ("IT", "BE", "MT"))), "ECC-AUTH")
    assert result.status is Status.ATTENTION
    assert result.findings[0].message.startswith(
        "The framework file names no competent authority for MT; the agreement's condition precedent and the "
        "checklists need it")


def test_a_deal_without_co_producers_from_the_parties_does_not_qualify() -> None:
    analysis = analysed_data(salt_road("canada-france", ("US", "GB", "GB")))
    result = outcome(analysis, "CA-FR-PARTIES")
    assert result.findings[0].message == (
        "Co-producers are established in 0 parties (none); at least 2 are needed"
        ".")
    assert analysis.eligibility is not None and not analysis.eligibility.qualifies


def test_the_australian_program_needs_an_australian_co_producer() -> None:
    result = outcome(analysed_data(salt_road("australia", ("GB", "CA", "CA"))), "AU-PARTIES")
    assert [f.code for f in result.findings] == ["parties.missing-country"]
    assert result.findings[0].message.startswith(
        "No co-producer is established in AU, which Screen Australia co-production guidelines requires")
