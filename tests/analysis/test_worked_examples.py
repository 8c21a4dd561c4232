"""A worked example for every framework: a deal that qualifies at its limit, and one that misses it by the
smallest step (0.01 of a percentage point, or one cent).

The Salt Road's three partners are moved to the framework's countries with the shares below; the numbers
are worked out by hand from the sources cited in each framework file. A rule that is a warning (its text
could not be checked, or the authorities may consent) misses with 'attention' instead of 'failed'.
"""

from __future__ import annotations

from typing import Any

import pytest

from coprod.analysis import Analysis
from coprod.analysis.eligibility.outcome import Status
from coprod.loading.frameworks import builtin_catalog
from tests.analysis.analysis_support import analysed_data, example_data, outcome

# framework, rule, countries of the three partners, shares at the limit, shares one step past it, and the
# status one step past it.
CASES: list[tuple[str, str, tuple[str, str, str], tuple[str, str, str], tuple[str, str, str], Status]] = [
    ("european-convention-2017", "ECC17-09", ("IT", "BE", "BE"), ("90", "5", "5"), ("90.01", "4.99", "5"),
     Status.FAILED),
    ("european-convention-1992", "ECC92-03", ("IT", "BE", "BE"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.FAILED),
    ("canada-france", "CA-FR-14F", ("CA", "FR", "FR"), ("85", "10", "5"), ("85.01", "9.99", "5"),
     Status.FAILED),
    ("canada-uk", "CA-UK-15", ("CA", "GB", "GB"), ("80", "15", "5"), ("80.01", "14.99", "5"), Status.FAILED),
    ("canada-china", "CA-CN-16B", ("CA", "CN", "CN"), ("85", "10", "5"), ("85.01", "9.99", "5"),
     Status.FAILED),
    ("canada-germany", "CA-DE-3", ("CA", "DE", "DE"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.FAILED),
    ("canada-ireland", "CA-IE-B", ("CA", "IE", "IE"), ("85", "10", "5"), ("85.01", "9.99", "5"),
     Status.FAILED),
    ("canada-belgium", "CA-BE-MIN", ("CA", "BE", "BE"), ("85", "10", "5"), ("85.01", "9.99", "5"),
     Status.FAILED),
    ("australia", "AU-17A", ("AU", "GB", "GB"), ("70", "25", "5"), ("70.01", "24.99", "5"), Status.FAILED),
    ("australia-ireland", "AU-IE-MIN", ("AU", "IE", "IE"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.FAILED),
    ("australia-new-zealand", "AU-NZ-MIN", ("AU", "NZ", "NZ"), ("60", "20", "20"), ("60.01", "19.99", "20"),
     Status.ATTENTION),
    ("uk-australia", "UK-AU-MIN", ("GB", "AU", "AU"), ("70", "25", "5"), ("70.01", "24.99", "5"),
     Status.FAILED),
    ("uk-new-zealand", "UK-NZ-MIN", ("GB", "NZ", "NZ"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.ATTENTION),
    ("uk-south-africa", "UK-ZA-MIN", ("GB", "ZA", "ZA"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.ATTENTION),
    ("uk-india", "UK-IN-SHARE", ("GB", "IN", "IN"), ("60", "20", "20"), ("60.01", "19.99", "20"),
     Status.ATTENTION),
    ("uk-france", "UK-FR-MIN", ("GB", "FR", "FR"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.ATTENTION),
    ("france-germany", "FR-DE-MIN", ("FR", "DE", "DE"), ("60", "20", "20"), ("60.01", "19.99", "20"),
     Status.ATTENTION),
    ("france-belgium", "FR-BE-MIN", ("FR", "BE", "BE"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.ATTENTION),
    ("d-a-ch", "DACH-19", ("DE", "AT", "AT"), ("80", "15", "5"), ("80.01", "14.99", "5"), Status.ATTENTION),
    ("ibero-american", "IBER-20", ("ES", "MX", "MX"), ("60", "20", "20"), ("60.01", "19.99", "20"),
     Status.ATTENTION),
    # 80% is also Italy-Brazil's maximum: one step past both limits, the majority's excess is an error.
    ("italy-brazil", "IT-BR-8", ("IT", "BR", "BR"), ("80", "15", "5"), ("80.01", "14.99", "5"),
     Status.FAILED),
]


def deal(framework: str, countries: tuple[str, str, str], shares: tuple[str, str, str]) -> dict[str, Any]:
    data = example_data("the-salt-road")
    data["structure"]["framework"] = framework
    for partner, country, share in zip(data["partners"], countries, shares, strict=True):
        partner["country"], partner["share"] = country, share
    return data


@pytest.mark.parametrize(("framework", "rule", "countries", "limit", "miss", "missed"), CASES,
                         ids=[case[0] for case in CASES])
def test_a_deal_at_the_limit_qualifies_and_one_step_past_it_does_not(
        framework: str, rule: str, countries: tuple[str, str, str], limit: tuple[str, str, str],
        miss: tuple[str, str, str], missed: Status) -> None:
    at_limit = outcome(analysed_data(deal(framework, countries, limit)), rule, framework)
    assert at_limit.status is Status.PASSED, at_limit.reason
    past = outcome(analysed_data(deal(framework, countries, miss)), rule, framework)
    assert past.status is missed, past.reason
    assert any("19.99%" in f.message or "14.99%" in f.message or "9.99%" in f.message or "24.99%" in f.message
               or "4.99%" in f.message for f in past.findings)


def eurimages_deal(shares: tuple[str, str, str]) -> Analysis:
    return analysed_data(deal("european-convention-1992", ("IT", "BE", "CZ"), shares))


def test_eurimages_multilateral_limits_70_and_10() -> None:
    assert outcome(eurimages_deal(("70", "20", "10")), "EURIM-13M", "eurimages").status is Status.PASSED
    assert outcome(eurimages_deal(("70.01", "19.99", "10")), "EURIM-13M", "eurimages").status is Status.FAILED


def franco_german(amount: str, first_release: str = "theatrical") -> Analysis:
    data = deal("france-germany", ("FR", "DE", "DE"), ("60", "20", "20"))
    data["film"]["first_release"] = first_release
    line = data["financing"][0]  # EUR 760,000: 20% of the EUR 3,800,000 budget
    line["source"], line["amount"] = "Franco-German mini-treaty support", amount
    return analysed_data(data)


def test_the_franco_german_fund_caps_support_at_20_percent_of_the_cost() -> None:
    assert outcome(franco_german("760000"), "FR-DE-FUND-CAP", "franco-german-fund").status is Status.PASSED
    over = outcome(franco_german("760000.01"), "FR-DE-FUND-CAP", "franco-german-fund")
    assert over.status is Status.FAILED
    assert over.findings[0].message.startswith(
        "Support from Franco-German co-production and development fund (mini-traité) is EUR 760,000.01, "
        "20.0000003% of the budget")


def test_the_franco_german_fund_and_agreement_cover_cinema_first_features_only() -> None:
    on_tv = franco_german("760000", first_release="television")
    assert outcome(on_tv, "FR-DE-FUND-REL", "franco-german-fund").status is Status.FAILED
    assert outcome(on_tv, "FR-DE-REL", "france-germany").status is Status.ATTENTION
    assert outcome(franco_german("760000"), "FR-DE-REL", "france-germany").status is Status.PASSED


def test_practice_spend_tolerance_at_10_points() -> None:
    data = example_data("the-listening-station")
    data["budget"]["spend_by_country"] = {"GB": "714000", "US": "238000", "DE": "238000"}  # GB 60% vs 50%
    assert not [f for f in analysed_data(data).findings if f.code == "readiness.spend-alignment.deviation"]
    data["budget"]["spend_by_country"] = {"GB": "714000.01", "US": "238000", "DE": "237999.99"}
    found = [f.code for f in analysed_data(data).findings if f.code == "readiness.spend-alignment.deviation"]
    assert found == ["readiness.spend-alignment.deviation"]


def test_eu_cinema_communication_obligation_at_160_percent_of_the_aid() -> None:
    data = example_data("the-salt-road")
    data["financing"][5]["spend_obligation"] = "768000"  # 160% of the EUR 480,000 Belgian tax shelter
    assert not [f for f in analysed_data(data).findings if f.code == "spend.obligation-above-cap"]
    data["financing"][5]["spend_obligation"] = "768000.01"
    assert [f.code for f in analysed_data(data).findings if f.code == "spend.obligation-above-cap"] == [
        "spend.obligation-above-cap"]


def test_every_framework_has_a_worked_example_here() -> None:
    covered = {case[0] for case in CASES} | {"eurimages", "franco-german-fund", "practice",
                                             "eu-cinema-communication"}
    assert covered == set(builtin_catalog().entries)
