"""Rules about who holds what share: bounds per country or company, financial-only, non-parties."""

from __future__ import annotations

from decimal import Decimal

from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.outcome import RuleOutcome, conclude
from coprod.analysis.eligibility.schema import (
    BilateralUse,
    Derogation,
    FinancialOnly,
    MajorityFromParty,
    NonPartyCap,
    PartyCount,
    ShareBounds,
    ThirdCountryMinimum,
)
from coprod.analysis.figures import pct
from coprod.analysis.findings import Finding, Severity
from coprod.location import FieldPath
from coprod.model.parties import PartnerRole


def _bounded(deal: Deal, rule: ShareBounds) -> list[tuple[str, Decimal, FieldPath]]:
    """(label, share, path) for each party country or company the rule bounds."""
    partners = [(i, p) for i, p in enumerate(deal.project.partners) if deal.is_party(p.country)
                and (rule.include_financial or p.role is not PartnerRole.FINANCIAL)]
    if rule.per == "company":
        return [(f"{p.company} ({p.country})", p.share, ("partners", i, "share")) for i, p in partners]
    shares: dict[str, Decimal] = {}
    for _, partner in partners:
        shares[partner.country] = shares.get(partner.country, Decimal(0)) + partner.share
    return [(country, share, deal.share_path(country)) for country, share in shares.items()]


def share_bounds(deal: Deal, rule: ShareBounds) -> RuleOutcome:
    """Each country's (or company's) share within [min, max]; the exceptional band needs consent."""
    who = "each country" if rule.per == "country" else "each company"
    scope = f" in a {deal.scope} co-production"
    findings: list[Finding] = []
    for label, share, path in _bounded(deal, rule):
        lowest = rule.exceptional_min if rule.exceptional_min is not None else rule.min
        if lowest is not None and share < lowest:
            findings.append(deal.finding(rule, "share.below-minimum",
                                         f"{label}'s share is {pct(share)}, below the {pct(lowest)} "
                                         f"minimum for {who}{scope}", path))
        elif rule.min is not None and share < rule.min:
            findings.append(deal.finding(rule, "share.exceptional",
                                         f"{label}'s share is {pct(share)}, below the usual {pct(rule.min)} "
                                         f"minimum but within the exceptional floor of "
                                         f"{pct(rule.exceptional_min or rule.min)}: the authorities must "
                                         "consent", path, Severity.WARNING))
        if rule.max is not None and share > rule.max:
            findings.append(deal.finding(rule, "share.above-maximum",
                                         f"{label}'s share is {pct(share)}, above the {pct(rule.max)} "
                                         f"maximum for {who}{scope}", path))
    shown = ", ".join(f"{label} {pct(share)}" for label, share, _ in _bounded(deal, rule))
    # A share in the exceptional band is admitted with the authorities' consent.
    exceptional = (Derogation.CONSENT if any(f.code == "share.exceptional" for f in findings)
                   else None)
    return conclude(deal, rule, findings, f"Shares {bounds_words(rule.min, rule.max)} for {who}{scope}: "
                                          f"{shown}.", needs=exceptional)


def bounds_words(low: Decimal | None, high: Decimal | None) -> str:
    """'within 10% to 90%', 'of at least 20%' or 'of at most 80%', as the limits given."""
    if low is not None and high is not None:
        return f"within {pct(low)} to {pct(high)}"
    if low is not None:
        return f"of at least {pct(low)}"
    return f"of at most {pct(high or Decimal(0))}"


def financial_only(deal: Deal, rule: FinancialOnly) -> RuleOutcome:
    """Each financial-only partner's share within [min, max]."""
    findings = []
    financial = [(i, p) for i, p in enumerate(deal.project.partners) if p.role is PartnerRole.FINANCIAL]
    for index, partner in financial:
        if not rule.min <= partner.share <= rule.max:
            findings.append(deal.finding(
                rule, "financial-only.out-of-range",
                f"{partner.company} is a financial-only partner with {pct(partner.share)}; a financial-only "
                f"share must be from {pct(rule.min)} to {pct(rule.max)} of the budget",
                ("partners", index, "share")))
    reason = (f"Financial-only shares within {pct(rule.min)} to {pct(rule.max)}." if financial
              else "No financial-only partner.")
    return conclude(deal, rule, findings, reason)


def non_party_cap(deal: Deal, rule: NonPartyCap) -> RuleOutcome:
    """Co-producers from outside the parties hold at most ``max`` per cent together."""
    outside = [c for c in deal.countries if not deal.is_party(c)]
    total = sum((deal.country_share[c] for c in outside), Decimal(0))
    findings = []
    if outside and total > rule.max:
        names = ", ".join(outside)
        instrument = deal.framework.instrument
        limit = (f"at most {pct(rule.max)} in total" if rule.max > 0
                 else f"none (every co-producer must be established in a party to {instrument})")
        findings.append(deal.finding(rule, "non-party.above-cap",
                                     f"Co-producers from outside the parties ({names}) hold {pct(total)}; "
                                     f"the limit is {limit}", deal.share_path(outside[0])))
    reason = (f"Non-party co-producers ({', '.join(outside)}) hold {pct(total)}, within {pct(rule.max)}."
              if outside else "Every co-producer is established in a party.")
    return conclude(deal, rule, findings, reason)


def third_country_minimum(deal: Deal, rule: ThirdCountryMinimum) -> RuleOutcome:
    """Each third-country co-producer holds at least ``min`` (and, optionally, no more than a party)."""
    outside = [c for c in deal.countries if not deal.is_party(c)]
    party_shares = [deal.country_share[c] for c in deal.countries if deal.is_party(c)]
    smallest = min(party_shares) if party_shares else Decimal(0)
    findings = []
    for country in outside:
        share = deal.country_share[country]
        if share < rule.min:
            findings.append(deal.finding(rule, "third-country.below-minimum",
                                         f"{country} is a third country with {pct(share)}, below the "
                                         f"{pct(rule.min)} minimum for a third-country co-producer",
                                         deal.share_path(country)))
        if rule.at_most_smallest_party_share and share > smallest:
            findings.append(deal.finding(rule, "third-country.above-party-share",
                                         f"{country} is a third country with {pct(share)}, more than the "
                                         f"smallest party share ({pct(smallest)})", deal.share_path(country)))
    reason = (f"Third-country co-producers ({', '.join(outside)}) each hold at least {pct(rule.min)}."
              if outside else "No third-country co-producer.")
    return conclude(deal, rule, findings, reason)


def party_count(deal: Deal, rule: PartyCount) -> RuleOutcome:
    """At least ``min_countries`` co-producers established in different parties."""
    parties = [c for c in deal.countries if deal.is_party(c)]
    count = f"{len(parties)} part{'y' if len(parties) == 1 else 'ies'} ({', '.join(parties) or 'none'})"
    findings = []
    if len(parties) < rule.min_countries:
        findings.append(deal.finding(rule, "parties.too-few",
                                     f"Co-producers are established in {count}; at least "
                                     f"{rule.min_countries} are needed", ("partners",)))
    for country in rule.including:
        if country not in parties:
            findings.append(deal.finding(rule, "parties.missing-country",
                                         f"No co-producer is established in {country}, which "
                                         f"{deal.framework.instrument} requires", ("partners",)))
    needed = f"at least {rule.min_countries} needed"
    if rule.including:
        needed += f", including {', '.join(rule.including)}"
    return conclude(deal, rule, findings, f"Co-producers in {count}, {needed}.")


def majority_from_party(deal: Deal, rule: MajorityFromParty) -> RuleOutcome:
    """The majority co-producer is established in a party."""
    country = deal.majority_country
    findings = []
    if not deal.is_party(country):
        findings.append(deal.finding(rule, "parties.majority-non-party",
                                     f"The majority co-producer is established in {country}, which is not a "
                                     f"party to {deal.framework.instrument}", deal.share_path(country)))
    return conclude(deal, rule, findings, f"The majority co-producer is established in {country}, a party.")


def bilateral_use(deal: Deal, rule: BilateralUse) -> RuleOutcome:
    """A bilateral deal may use the framework unless one of its countries reserved that use."""
    reserved = [c for c in deal.countries if c in rule.reserved]
    findings = []
    if deal.scope == "bilateral" and reserved:
        findings.append(deal.finding(rule, "instrument.bilateral-reserved",
                                     f"{', '.join(reserved)} reserved the use of {deal.framework.instrument} "
                                     "for bilateral co-productions; use the bilateral treaty instead",
                                     ("structure", "framework")))
    reason = ("A multilateral co-production." if deal.scope == "multilateral"
              else "No co-producing country reserved bilateral use.")
    return conclude(deal, rule, findings, reason)
