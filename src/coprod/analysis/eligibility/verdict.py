"""Eligibility: pick the instrument in effect, run its rules in file order, then the funds' rules.

The rule table maps each kind of rule entry to a small pure function ``(deal, rule) -> RuleOutcome``; the
order of the verdict is the order of the framework file, and the verdict keeps every outcome (passed,
failed, needing attention, or not applicable) so documents can explain *why*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field

from coprod.analysis.eligibility import points, rules_production, rules_shares
from coprod.analysis.eligibility.catalog import FrameworkCatalog
from coprod.analysis.eligibility.consents import with_consents
from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.outcome import RuleOutcome, Status, conclude, not_applicable
from coprod.analysis.eligibility.schema import (
    ApprovalValidity,
    BilateralUse,
    CompetentAuthorities,
    CountrySpendMinimum,
    CreativeNationality,
    Derogation,
    FinancialOnly,
    FirstRelease,
    Framework,
    FrameworkKind,
    FundSupportCap,
    LeadTime,
    MajorityFromParty,
    MajorityLeadCast,
    MajorityWorkLocation,
    MinorityCreativeContribution,
    NonPartyCap,
    NonPartySpendCap,
    PartyCount,
    Points,
    Proportionality,
    Ratification,
    RuleBase,
    ShareBounds,
    ThirdCountryMinimum,
    When,
)
from coprod.analysis.figures import money, pct
from coprod.analysis.findings import Citation, Finding
from coprod.errors import AnalysisError
from coprod.location import FieldPath
from coprod.model.consents import Release
from coprod.model.production import MilestoneKind
from coprod.model.project import Project

RULES: dict[type[RuleBase], Callable[[Deal, Any], RuleOutcome]] = {
    BilateralUse: rules_shares.bilateral_use,
    PartyCount: rules_shares.party_count,
    ShareBounds: rules_shares.share_bounds,
    FinancialOnly: rules_shares.financial_only,
    NonPartyCap: rules_shares.non_party_cap,
    ThirdCountryMinimum: rules_shares.third_country_minimum,
    MajorityFromParty: rules_shares.majority_from_party,
    Points: points.points_rule,
    Proportionality: points.proportionality,
    LeadTime: rules_production.lead_time,
    ApprovalValidity: rules_production.approval_validity,
    CompetentAuthorities: rules_production.competent_authorities,
    MajorityWorkLocation: rules_production.majority_work_location,
    CountrySpendMinimum: rules_production.country_spend_minimum,
    MajorityLeadCast: rules_production.majority_lead_cast,
    MinorityCreativeContribution: rules_production.minority_creative_contribution,
    CreativeNationality: rules_production.creative_nationality,
    NonPartySpendCap: rules_production.non_party_spend_cap,
    FundSupportCap: rules_production.fund_support_cap,
    FirstRelease: rules_production.first_release,
}
"""Rule kinds eligibility evaluates; other kinds (spend caps, tolerances) are read by finance and spend."""

RELEASE_WORDS = {Release.THEATRICAL: "in cinemas", Release.TELEVISION: "on television",
                 Release.ONLINE: "online"}

TREATY_KINDS = frozenset({FrameworkKind.CONVENTION, FrameworkKind.TREATY, FrameworkKind.PROGRAMME})


class Standing(StrEnum):
    """Where a deal stands: the five verdicts of ``coprod check`` (``verdict`` in its JSON)."""

    QUALIFIES = "qualifies"
    SUBJECT_TO_CONSENT = "qualifies_subject_to_consent"
    """Every rule is met or can be met with the competent authorities' consent (an exceptional share)."""
    SUBJECT_TO_DISCRETIONARY_APPROVAL = "qualifies_subject_to_discretionary_approval"
    """A rule is missed that the authorities may still waive at their discretion (a points shortfall)."""
    DOES_NOT_QUALIFY = "does_not_qualify"
    NOT_READY = "not_ready"
    """The treaty rules are met, but an error elsewhere (a finance gap) must be fixed first."""


STANDING_WORDS = {
    Standing.QUALIFIES: "qualifies",
    Standing.SUBJECT_TO_CONSENT: "qualifies subject to the authorities' consent",
    Standing.SUBJECT_TO_DISCRETIONARY_APPROVAL:
        "qualifies subject to the authorities' discretionary approval",
    Standing.DOES_NOT_QUALIFY: "does not qualify",
    Standing.NOT_READY: "not ready",
}
"""Each verdict as a producer reads it."""


class UnknownFrameworkError(AnalysisError):
    """The project names a framework coprod does not have; carries the field path for the CLI."""

    def __init__(self, message: str, path: FieldPath) -> None:
        self.path = path
        super().__init__(message)


class AuthorityName(BaseModel):
    """A competent authority, as the agreement's condition precedent names it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    citation: Citation


class Verdict(BaseModel):
    """Whether an official co-production qualifies under its framework, rule by rule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    framework: str
    """The framework the project names."""
    instrument: str
    """The framework in effect: the one named, or its fallback when a country has not ratified it."""
    instrument_name: str
    instrument_label: str
    """Short citation of the instrument in effect, e.g. 'CETS 220'."""
    qualifies: bool
    """No rule of the instrument failed (funds' rules are reported, but do not decide this)."""
    outcomes: tuple[RuleOutcome, ...]
    funds: tuple[str, ...] = ()
    """Ids of the funds whose rules were applied (the project names them)."""
    authorities: dict[str, AuthorityName]
    """Competent authority per co-producing country, where the framework names one."""
    application_deadline: dt.date | None = None
    """Last day to apply to the competent authorities under the instrument's lead-time rules."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of every outcome, in rule order."""
        return tuple(f for outcome in self.outcomes for f in outcome.findings)

    @property
    def failed(self) -> tuple[RuleOutcome, ...]:
        """Outcomes that failed."""
        return tuple(o for o in self.outcomes if o.status is Status.FAILED)

    def needing(self, need: Derogation) -> tuple[RuleOutcome, ...]:
        """Outcomes of the instrument that the authorities must admit by *need*."""
        return tuple(o for o in self.outcomes
                     if o.framework == self.instrument and o.needs is need and not o.consents)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def standing(self) -> Standing:
        """The treaty's verdict alone: qualifies, subject to consent or discretion, or does not qualify."""
        if not self.qualifies:
            return Standing.DOES_NOT_QUALIFY
        if self.needing(Derogation.DISCRETIONARY):
            return Standing.SUBJECT_TO_DISCRETIONARY_APPROVAL
        if self.needing(Derogation.CONSENT):
            return Standing.SUBJECT_TO_CONSENT
        return Standing.QUALIFIES


def _framework(catalog: FrameworkCatalog, framework_id: str) -> Framework:
    framework = catalog.get(framework_id)
    if framework is None or framework.kind not in TREATY_KINDS:
        known = ", ".join(catalog.selectable())
        what = "a framework coprod does not have" if framework is None else f"a {framework.kind.value}"
        raise UnknownFrameworkError(f"expected a framework id ({known}), found '{framework_id}', "
                                    f"{what}", ("structure", "framework"))
    return framework


def _ratification(project: Project, named: Framework,
                  catalog: FrameworkCatalog) -> tuple[Framework, list[RuleOutcome]]:
    """The instrument in effect, and the outcome of each ratification rule of the named framework."""
    deal = Deal(project, named, named.id)
    in_effect = named
    outcomes = []
    for rule in named.rules:
        if not isinstance(rule, Ratification):
            continue
        ratified = {entry.country for entry in rule.ratified}
        parties = [c for c in deal.countries if deal.is_party(c)]
        missing = [c for c in parties if c not in ratified]
        if not missing:
            reason = (f"Every co-producing party ({', '.join(parties)}) has ratified {named.instrument}."
                      if parties else "No co-producer is established in a party.")
            outcomes.append(conclude(deal, rule, [], reason))
            continue
        fallback = _framework(catalog, rule.fallback)
        in_effect = fallback
        finding = deal.finding(rule, "instrument.fallback",
                               f"{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} not ratified "
                               f"{named.instrument} (according to coprod's ratification table), so "
                               f"{fallback.instrument} applies with its own limits",
                               ("structure", "framework"))
        outcomes.append(conclude(deal, rule, [finding], ""))
    return in_effect, outcomes


def _run(deal: Deal) -> list[RuleOutcome]:
    outcomes = []
    for rule in deal.framework.rules:
        check = RULES.get(type(rule))
        if check is None:
            continue
        if not deal.holds(rule.when):
            outcomes.append(not_applicable(deal, rule, f"Applies only to {describe_when(rule.when)}."))
        else:
            outcomes.append(check(deal, rule))
    return outcomes


def _lists(when: When) -> list[str]:
    """The conditions that are lists of codes, in words."""
    parts = []
    if when.formats:
        parts.append(" or ".join(f.value for f in when.formats) + " works")
    if when.releases:
        parts.append("works first released " + " or ".join(RELEASE_WORDS[r] for r in when.releases))
    if when.original_language:
        parts.append(f"films in {' or '.join(when.original_language)}")
    if when.original_language_not:
        parts.append(f"films not in {' or '.join(when.original_language_not)}")
    return parts


def describe_when(when: When) -> str:
    """The conditions of *when* in words: 'bilateral co-productions, budgets above EUR 5,000,000.00'."""
    parts = [f"{when.scope} co-productions"] if when.scope else []
    parts += _lists(when)
    if when.budget_above:
        parts.append(f"budgets above {money(when.budget_above.amount, when.budget_above.currency)}")
    if when.budget_at_most:
        parts.append(f"budgets up to {money(when.budget_at_most.amount, when.budget_at_most.currency)}")
    if when.countries_include:
        parts.append(f"deals with a co-producer from {' or '.join(when.countries_include)}")
    if when.any_share_below is not None:
        parts.append(f"deals with a share below {pct(when.any_share_below)}")
    if when.has_financial_partner is not None:
        with_ = "with" if when.has_financial_partner else "without"
        parts.append(f"deals {with_} a financial-only partner")
    if when.instrument_in:
        parts.append(f"deals under {' or '.join(when.instrument_in)}")
    if when.instrument_not_in:
        parts.append(f"deals not under {' or '.join(when.instrument_not_in)}")
    return ", ".join(parts) or "every deal"


def named_funds(project: Project, catalog: FrameworkCatalog) -> list[Framework]:
    """Funds the project names in a finance line's source or an application milestone."""
    texts = [line.source.lower() for line in project.financing]
    texts += [m.milestone.lower() for m in project.timeline if m.kind is MilestoneKind.APPLICATION]
    return [fund for fund in catalog.of_kind(FrameworkKind.FUND)
            if any(name.lower() in text for name in fund.applies_when_named for text in texts)]


def _deadline(deal: Deal) -> dt.date | None:
    shoot = deal.shoot_start
    days = [rule.days for rule in deal.framework.rules
            if isinstance(rule, LeadTime) and deal.holds(rule.when)]
    if shoot is None or not days:
        return None
    return shoot[1] - dt.timedelta(days=max(max(days), 1))


def evaluate(project: Project, catalog: FrameworkCatalog) -> Verdict:
    """The eligibility verdict of an official co-production under the framework it names."""
    assert project.structure.framework is not None  # an official project names one (model consistency)
    named = _framework(catalog, project.structure.framework)
    instrument, outcomes = _ratification(project, named, catalog)
    deal = Deal(project, instrument, instrument.id)
    outcomes += with_consents(deal, _run(deal))
    qualifies = not any(o.status is Status.FAILED for o in outcomes)
    funds = named_funds(project, catalog)
    for fund in funds:
        outcomes += _run(Deal(project, fund, instrument.id))
    authorities = {c: AuthorityName(name=a.name, citation=instrument.citation(a))
                   for c in deal.countries if (a := instrument.authority(c))}
    return Verdict(framework=named.id, instrument=instrument.id, instrument_name=instrument.name,
                   instrument_label=instrument.instrument,
                   qualifies=qualifies, outcomes=tuple(outcomes), funds=tuple(f.id for f in funds),
                   authorities=authorities, application_deadline=_deadline(deal))
