"""Share rules at and around their limits, with DOMAIN.md's numbers, on edited copies of the examples."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.analysis import Analysis
from coprod.analysis.eligibility.outcome import Status
from coprod.analysis.findings import Severity
from tests.analysis.analysis_support import analysed_data, codes, example_data, outcome


def salt_road(aurora: str, nord: str, vltava: str, *, framework: str = "european-convention-2017",
              countries: tuple[str, str, str] = ("IT", "BE", "CZ"),
              vltava_role: str = "minority") -> Analysis:
    """The Salt Road with other shares, countries, framework or role for Vltava."""
    data = example_data("the-salt-road")
    data["structure"]["framework"] = framework
    for partner, share, country in zip(data["partners"], (aurora, nord, vltava), countries, strict=True):
        partner["share"], partner["country"] = share, country
    data["partners"][2]["role"] = vltava_role
    return analysed_data(data)


# --- CETS 220, bilateral: each country 10% to 90% (Vltava moved to Belgium makes it bilateral) ---------

def test_a_bilateral_share_of_exactly_10_percent_passes_under_cets_220() -> None:
    analysis = salt_road("90", "5", "5", countries=("IT", "BE", "BE"))
    result = outcome(analysis, "ECC17-09")
    assert result.status is Status.PASSED
    assert result.reason == ("Shares within 10% to 90% for each country in a bilateral co-production: "
                             "IT 90%, BE 10%.")


def test_a_bilateral_share_of_9_99_percent_fails_under_cets_220() -> None:
    analysis = salt_road("90.01", "4.99", "5", countries=("IT", "BE", "BE"))
    result = outcome(analysis, "ECC17-09")
    assert result.status is Status.FAILED
    (high, low) = result.findings
    assert low.code == "share.below-minimum"
    assert low.message == ("BE's share is 9.99%, below the 10% minimum for each country in a bilateral "
                           "co-production.")
    assert low.path == ("partners", 1, "share")
    assert (low.source.text, low.source.confidence.value) == ("CETS 220, Art. 6(2) (Eurimages summary)", "V")
    assert high.code == "share.above-maximum"
    assert high.message.startswith("IT's share is 90.01%, above the 90% maximum")
    assert not analysis.eligibility or not analysis.eligibility.qualifies


def test_the_multilateral_bounds_are_5_and_80_percent_under_cets_220() -> None:
    assert outcome(salt_road("80", "15", "5"), "ECC17-08").status is Status.PASSED
    below = outcome(salt_road("80", "15.01", "4.99"), "ECC17-08")
    assert [f.message for f in below.findings] == [
        "CZ's share is 4.99%, below the 5% minimum for each country in a multilateral co-production"
        "."]
    above = outcome(salt_road("80.01", "14.99", "5"), "ECC17-08")
    assert [f.code for f in above.findings] == ["share.above-maximum"]
    assert above.findings[0].path == ("partners", 0, "share")


# --- ratification: one country that has not ratified CETS 220 brings back the 1992 limits --------------

def test_every_country_ratified_so_the_revised_convention_applies() -> None:
    analysis = salt_road("80", "15", "5")
    assert analysis.eligibility is not None
    verdict = analysis.eligibility
    assert (verdict.instrument, verdict.qualifies) == ("european-convention-2017", True)
    ratified = outcome(analysis, "ECC17-07")
    assert ratified.reason == "Every co-producing party (IT, BE, CZ) has ratified CETS 220."


def test_one_non_ratifying_country_falls_back_to_the_1992_limits() -> None:
    analysis = salt_road("80", "15", "5", countries=("IT", "BE", "FR"))
    verdict = analysis.eligibility
    assert verdict is not None
    assert (verdict.framework, verdict.instrument, verdict.qualifies) == (
        "european-convention-2017", "european-convention-1992", False)
    fallback = outcome(analysis, "ECC17-07")
    assert fallback.status is Status.ATTENTION
    assert fallback.findings[0].message.startswith(
        "FR has not ratified CETS 220 (according to coprod's ratification table), so ETS 147 applies with "
        "its own limits.")
    shares = outcome(analysis, "ECC92-02")
    assert [f.message for f in shares.findings] == [
        "IT's share is 80%, above the 70% maximum for each country in a multilateral co-production"
        ".",
        "FR's share is 5%, below the 10% minimum for each country in a multilateral co-production"
        "."]
    assert shares.citation.confidence.value == "S"
    assert analysis.verdict.startswith("Does not qualify under ETS 147 (1 of ")


def test_the_1992_convention_cannot_serve_a_bilateral_deal_with_france() -> None:
    analysis = salt_road("80", "10", "10", countries=("IT", "FR", "FR"))
    result = outcome(analysis, "ECC92-BI")
    assert result.status is Status.FAILED
    assert result.findings[0].message == (
        "FR reserved the use of ETS 147 for bilateral co-productions; use the bilateral treaty instead"
        ".")


# --- financial-only participation: 10% to 25% ----------------------------------------------------------

def financial(aurora: str, vltava: str) -> Analysis:
    return salt_road(aurora, "25", vltava, vltava_role="financial")


def test_financial_only_shares_from_10_to_25_percent_pass() -> None:
    for aurora, vltava in (("65", "10"), ("50", "25")):
        assert outcome(financial(aurora, vltava), "ECC-05").status is Status.PASSED


def test_financial_only_shares_outside_10_to_25_percent_fail() -> None:
    low = outcome(financial("65.01", "9.99"), "ECC-05")
    assert low.findings[0].message.startswith(
        "Vltava Pictures s.r.o. is a financial-only partner with 9.99%; a financial-only share must be from "
        "10% to 25% of the budget.")
    assert low.findings[0].path == ("partners", 2, "share")
    assert outcome(financial("49.99", "25.01"), "ECC-05").status is Status.FAILED


# --- non-party co-producers: at most 30% together -------------------------------------------------------

def test_non_party_co_producers_may_hold_30_percent() -> None:
    analysis = salt_road("45", "25", "30", countries=("IT", "BE", "US"))
    assert outcome(analysis, "ECC-04").reason == "Non-party co-producers (US) hold 30%, within 30%."
    assert outcome(analysis, "EURIM-NP", "eurimages").status is Status.PASSED


def test_non_party_co_producers_above_30_percent_fail_the_convention_and_eurimages() -> None:
    analysis = salt_road("44.99", "25", "30.01", countries=("IT", "BE", "US"))
    result = outcome(analysis, "ECC-04")
    assert result.findings[0].message == (
        "Co-producers from outside the parties (US) hold 30.01%; the limit is at most 30% in total"
        ".")
    assert codes(analysis).count("non-party.above-cap") == 2
    assert outcome(analysis, "EURIM-NP", "eurimages").citation.confidence.value == "S"


# --- third-country co-producers -------------------------------------------------------------------------

CA_FR = "Canada\u2013France Agreement (2021)"


def canada_france(aurora: str, nord: str, vltava: str) -> Analysis:
    return salt_road(aurora, nord, vltava, framework="canada-france", countries=("CA", "FR", "CZ"))


def test_a_third_country_co_producer_needs_10_percent_under_canada_france() -> None:
    assert outcome(canada_france("65", "25", "10"), "CA-FR-14T").status is Status.PASSED
    low = outcome(canada_france("65.01", "25", "9.99"), "CA-FR-14T")
    assert low.findings[0].message == ("CZ is a third country with 9.99%, below the 10% minimum for a "
                                       "third-country co-producer.")


def canada_france_bilateral(canada: str, france: str, *, language: str = "it",
                            film_format: str = "fiction") -> Analysis:
    """The Salt Road as a bilateral Canada-France deal (Vltava moved to France) in *language*."""
    data = example_data("the-salt-road")
    data["structure"]["framework"] = "canada-france"
    data["film"]["languages"] = [language]
    data["film"]["format"] = film_format
    if film_format == "series":
        data["film"]["episodes"] = 6
    nord_share = Decimal(france) - Decimal("5")
    for partner, share, country in zip(data["partners"], (canada, str(nord_share), "5"), ("CA", "FR", "FR"),
                                       strict=True):
        partner["share"], partner["country"] = share, country
    return analysed_data(data)


def statuses(analysis: Analysis, *rules: str) -> list[Status]:
    return [outcome(analysis, rule).status for rule in rules]


CA_FR_SHARES = ("CA-FR-14S", "CA-FR-14F", "CA-FR-14FR")


def test_canada_france_films_not_in_french_need_15_percent_with_no_exception() -> None:
    assert statuses(canada_france_bilateral("85", "15"), *CA_FR_SHARES) == [
        Status.NOT_APPLICABLE, Status.PASSED, Status.NOT_APPLICABLE]
    low = outcome(canada_france_bilateral("85.01", "14.99"), "CA-FR-14F")
    assert low.status is Status.FAILED
    assert [(f.code, f.message) for f in low.findings] == [
        ("share.above-maximum", "CA's share is 85.01%, above the 85% maximum for each country in a "
                                "bilateral co-production."),
        ("share.below-minimum", "FR's share is 14.99%, below the 15% minimum for each country in a "
                                "bilateral co-production.")]
    assert outcome(canada_france_bilateral("88", "12"), "CA-FR-14F").status is Status.FAILED
    assert outcome(canada_france_bilateral("85", "15"), "CA-FR-14FR").reason == (
        "Applies only to works first released in cinemas, films in fr.")


def test_canada_france_french_language_films_may_go_to_10_percent_with_both_authorities_consent() -> None:
    assert statuses(canada_france_bilateral("85", "15", language="fr"), *CA_FR_SHARES) == [
        Status.NOT_APPLICABLE, Status.NOT_APPLICABLE, Status.PASSED]
    consent = outcome(canada_france_bilateral("85.01", "14.99", language="fr"), "CA-FR-14FR")
    assert consent.status is Status.ATTENTION
    (finding,) = consent.findings
    assert (finding.code, finding.severity) == ("share.exceptional", Severity.WARNING)
    assert finding.message == (
        "FR's share is 14.99%, below the usual 15% minimum but within the exceptional floor of 10%: the "
        "authorities must consent. Below 15%, a French-language film needs both "
        "authorities' consent.")
    at_floor = outcome(canada_france_bilateral("90", "10", language="fr"), "CA-FR-14FR")
    assert at_floor.status is Status.ATTENTION
    low = outcome(canada_france_bilateral("90.01", "9.99", language="fr"), "CA-FR-14FR")
    assert low.status is Status.FAILED
    assert [f.code for f in low.findings] == ["share.above-maximum", "share.below-minimum"]
    assert low.findings[1].message.startswith("FR's share is 9.99%, below the 10% minimum")


def test_canada_france_television_works_need_20_percent_in_any_language() -> None:
    for language in ("fr", "en"):
        assert statuses(canada_france_bilateral("80", "20", language=language, film_format="series"),
                        *CA_FR_SHARES) == [Status.PASSED, Status.NOT_APPLICABLE, Status.NOT_APPLICABLE]
        low = outcome(canada_france_bilateral("80.01", "19.99", language=language, film_format="series"),
                      "CA-FR-14S")
        assert low.status is Status.FAILED
        assert [f.code for f in low.findings] == ["share.above-maximum", "share.below-minimum"]
        assert low.findings[1].message.startswith("FR's share is 19.99%, below the 20% minimum")


def italy_brazil(aurora: str, nord: str, vltava: str, vltava_country: str = "CZ") -> Analysis:
    return salt_road(aurora, nord, vltava, framework="italy-brazil", countries=("IT", "BR", vltava_country))


def test_italy_brazil_third_country_share_is_at_most_the_smaller_party_share() -> None:
    assert outcome(italy_brazil("52", "24", "24"), "IT-BR-12").status is Status.PASSED
    above = outcome(italy_brazil("52", "23.99", "24.01"), "IT-BR-12")
    assert [f.code for f in above.findings] == ["third-country.above-party-share"]
    assert above.findings[0].message.startswith("CZ is a third country with 24.01%, more than the smallest "
                                                "party share (23.99%)")


def test_italy_brazil_each_company_holds_at_least_5_percent() -> None:
    assert outcome(italy_brazil("75", "20", "5", "BR"), "IT-BR-8C").status is Status.PASSED
    low = outcome(italy_brazil("75", "20.01", "4.99", "BR"), "IT-BR-8C")
    assert low.findings[0].message.startswith(
        "Vltava Pictures s.r.o. (BR)'s share is 4.99%, below the 5% minimum for each company")


def test_d_a_ch_shares_between_10_and_20_percent_need_consent() -> None:
    countries = ("DE", "AT", "CH")
    consent = salt_road("60", "25", "15", framework="d-a-ch", countries=countries)
    assert outcome(consent, "DACH-19").status is Status.ATTENTION
    refused = salt_road("65.01", "25", "9.99", framework="d-a-ch", countries=countries)
    assert outcome(refused, "DACH-19").status is Status.FAILED


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99.99"), places=2))
def test_a_bilateral_cets_220_deal_passes_exactly_when_both_shares_are_in_10_to_90(italy: Decimal) -> None:
    belgium = Decimal(100) - italy
    nord, vltava = belgium / 2, belgium - belgium / 2  # two Belgian companies
    analysis = salt_road(str(italy), str(nord), str(vltava), countries=("IT", "BE", "BE"))
    result = outcome(analysis, "ECC17-09")
    within = Decimal(10) <= min(italy, belgium) and max(italy, belgium) <= Decimal(90)
    assert (result.status is Status.PASSED) == within
