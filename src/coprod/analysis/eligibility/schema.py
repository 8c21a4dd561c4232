"""The framework file: one treaty, programme or fund as data, every number with its source and confidence.

A framework file (``src/coprod/frameworks/<id>.yaml``, or a user's own in a ``frameworks/`` folder) holds an
ordered list of typed rule entries. Each entry names its rule (a stable id such as ``ECC17-09``), its kind,
the numbers it needs, the condition under which it applies (``when``), what a failure costs (``severity``)
and where the numbers come from (``source``, ``confidence``, ``url``). Code never holds a treaty number.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from coprod.analysis.contract.schema import ContractItem
from coprod.analysis.eligibility.schema_base import (
    FRAMEWORK_FORMAT,
    Derogation,
    FrameworkKind,
    RuleBase,
    Sourced,
    Strict,
    Threshold,
    When,
)
from coprod.analysis.findings import Citation, Severity
from coprod.model.consents import Release
from coprod.model.film import FilmFormat
from coprod.model.parties import CreativeRole
from coprod.model.types import Country, Identifier, Percent, PositiveInt, Text

__all__ = ["FRAMEWORK_FORMAT", "Derogation", "Framework", "FrameworkKind", "Rule", "RuleBase", "Sourced",
           "Strict", "Threshold", "When"]


class ShareBounds(RuleBase):
    """Each country's (or company's) share of the budget stays within [min, max]."""

    kind: Literal["share_bounds"]
    per: Literal["country", "company"] = "country"
    min: Percent | None = None
    max: Percent | None = None
    exceptional_min: Percent | None = None
    """Shares from here up to ``min`` need the authorities' consent (a warning, not an error)."""
    include_financial: bool = False
    """Also bound financial-only partners (usually bounded by their own rule instead)."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min is None and self.max is None:
            raise PydanticCustomError("bounds", "expected min, max or both, found neither", {})
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("bounds", "expected min at most max, found min {lo} above max {hi}",
                                      {"lo": str(self.min), "hi": str(self.max)})
        if self.exceptional_min is not None and (self.min is None or self.exceptional_min > self.min):
            raise PydanticCustomError("bounds", "expected exceptional_min at most min", {})
        return self


class FinancialOnly(RuleBase):
    """Each financial-only partner's share stays within [min, max]."""

    kind: Literal["financial_only"]
    min: Percent
    max: Percent


class NonPartyCap(RuleBase):
    """Co-producers established outside the parties together hold at most ``max`` per cent (0: none)."""

    kind: Literal["non_party_cap"]
    max: Percent


class ThirdCountryMinimum(RuleBase):
    """Each co-producer from outside the parties holds at least ``min``; optionally no more than a party."""

    kind: Literal["third_country_minimum"]
    min: Percent
    at_most_smallest_party_share: bool = False


class PartyCount(RuleBase):
    """At least ``min_countries`` co-producers established in different parties, ``including`` these."""

    kind: Literal["party_count"]
    min_countries: PositiveInt
    including: list[Country] = Field(default_factory=list)


class PointsElement(Strict):
    """One element of a points table: a role, a ranked cast role (``cast_1``...) or a place."""

    element: str
    points: Decimal

    @model_validator(mode="after")
    def _known(self) -> Self:
        roles = {role.value for role in CreativeRole if role is not CreativeRole.CAST}
        places = {"studio_or_shooting", "shooting", "vfx", "post_production"}
        ranked = self.element.startswith("cast_") and self.element[5:].isdigit() and self.element[5:] != "0"
        if self.element not in roles | places and not ranked:
            known = ", ".join(sorted(roles | places))
            raise PydanticCustomError("points_element",
                                      "expected a points element ({known}, or cast_1, cast_2, ...), "
                                      "found {found!r}", {"known": known, "found": self.element})
        if self.points <= 0:
            raise PydanticCustomError("points_value", "expected points above zero", {})
        return self


class Points(RuleBase):
    """A points score: elements earned by party nationals (and residents, if counted) reach ``threshold``.

    Without ``elements`` the table is not in coprod's data yet; the rule then asks for a manual check.
    """

    kind: Literal["points"]
    threshold: Decimal | None = None
    total: Decimal | None = None
    elements: list[PointsElement] | None = None
    count_residence: bool = False
    eligible: list[Country] | None = None
    """Countries whose nationals earn points; the framework's parties when left out."""

    @model_validator(mode="after")
    def _total(self) -> Self:
        if self.elements is not None and self.total is not None:
            found = sum((element.points for element in self.elements), Decimal(0))
            if found != self.total:
                raise PydanticCustomError(
                    "points_total", "expected the elements to add up to the total {total}, found {found}",
                    {"total": str(self.total), "found": str(found)})
        return self


class Proportionality(RuleBase):
    """A country's creative (points) share or spend share stays within ``tolerance`` points of its share."""

    kind: Literal["proportionality"]
    measure: Literal["creative", "spend"]
    tolerance: Percent
    """Largest allowed difference, in percentage points."""
    countries: list[Country] | None = None
    """Check only these countries; every co-producing country when left out."""
    elements: list[PointsElement] | None = None
    """Creative weights; the framework's applicable points table when left out."""


class LeadTime(RuleBase):
    """Each co-producer files its application at least ``days`` days before principal photography."""

    kind: Literal["lead_time"]
    days: int = Field(ge=0)


class ApprovalValidity(RuleBase):
    """Principal photography starts before the approval in force lapses, ``years`` after its date."""

    kind: Literal["approval_validity"]
    years: PositiveInt
    country: Country | None = None
    """Only approvals that concern a co-producer from this country; every approval when left out."""


class MarketRationale(RuleBase):
    """Each territory a co-producer keeps says why the split is fair (``market_rationale``); readiness."""

    kind: Literal["market_rationale"]


class RequiredRoles(RuleBase):
    """Readiness (practice file): the key creatives the agreement must name, by film format."""

    kind: Literal["required_roles"]
    roles: dict[FilmFormat, list[CreativeRole]]


class RatifiedBy(Sourced):
    """One country that has ratified the instrument, with the evidence."""

    country: Country


class Ratification(RuleBase):
    """The framework applies only if every co-producing party ratified it; otherwise ``fallback`` does."""

    kind: Literal["ratification"]
    fallback: str
    ratified: list[RatifiedBy]


class Authority(Sourced):
    """A competent authority: the body that approves co-productions for one country (or one region)."""

    country: Country
    name: Text
    region: Identifier | None = None
    """Where a country has several authorities (Belgium's Communities): the region this one serves, as
    partners name it in the project file (``partners[].region``)."""


class CompetentAuthorities(RuleBase):
    """The competent authority of each party; every co-producing country needs one."""

    kind: Literal["competent_authorities"]
    authorities: list[Authority]


class BilateralUse(RuleBase):
    """The framework may serve as a bilateral agreement, except for countries that reserved it."""

    kind: Literal["bilateral_use"]
    reserved: list[Country] = Field(default_factory=list)


class MajorityWorkLocation(RuleBase):
    """Principal photography (the main shooting country) is in the majority contributor's country."""

    kind: Literal["majority_work_location"]


class CountrySpendMinimum(RuleBase):
    """A country's spend is at least a per cent of the budget that depends on the number of co-producers."""

    kind: Literal["country_spend_minimum"]
    country: Country
    min_by_partner_count: dict[int, Percent]


class MajorityLeadCast(RuleBase):
    """If ``country`` holds more than ``above`` per cent, one of the first ``leads`` roles is its national."""

    kind: Literal["majority_lead_cast"]
    country: Country
    above: Percent
    leads: PositiveInt


class MinorityCreativeContribution(RuleBase):
    """Each minority country supplies ``min_cast`` ranked cast and ``min_key_roles`` key roles."""

    kind: Literal["minority_creative_contribution"]
    min_cast: int = Field(ge=0)
    cast_ranks: PositiveInt
    """Cast counted: the first N roles by shooting days (lead and secondary roles)."""
    min_key_roles: int = Field(ge=0)
    director_suffices: bool = True


class CreativeNationality(RuleBase):
    """Key creatives are nationals (or, if counted, residents) of a co-producing country or of ``also``."""

    kind: Literal["creative_nationality"]
    also: list[Country] = Field(default_factory=list)
    count_residence: bool = False


class FirstRelease(RuleBase):
    """The film's intended first release (``film.first_release``) is one of ``releases``."""

    kind: Literal["first_release"]
    releases: list[Release] = Field(min_length=1)


class MajorityFromParty(RuleBase):
    """The majority co-producer is established in a party."""

    kind: Literal["majority_from_party"]


class NonPartySpendCap(RuleBase):
    """Spend outside the parties is at most ``max`` per cent of the budget."""

    kind: Literal["non_party_spend_cap"]
    max: Percent


class FundSupportCap(RuleBase):
    """Support from this fund is at most ``max_amount`` and at most ``max_percent`` of the budget."""

    kind: Literal["fund_support_cap"]
    max_amount: Threshold | None = None
    max_percent: Percent | None = None


class TerritorialSpendCaps(RuleBase):
    """Caps on a funder's territorial spend obligation (EU Cinema Communication)."""

    kind: Literal["territorial_spend_caps"]
    max_percent_of_aid: Decimal = Field(gt=0)
    """May exceed 100: an obligation of up to 160% of the aid amount."""
    max_percent_of_budget: Percent


class AidIntensity(RuleBase):
    """Public support from the parties is at most a per cent of the budget (more if cross-border)."""

    kind: Literal["aid_intensity"]
    max: Percent
    max_cross_border: Percent


class Tolerance(RuleBase):
    """A practice default, e.g. the spend tolerance readiness uses when no framework sets one."""

    kind: Literal["tolerance"]
    measure: Literal["spend", "creative"]
    tolerance: Percent


Rule = Annotated[
    ShareBounds | FinancialOnly | NonPartyCap | ThirdCountryMinimum | PartyCount | Points | Proportionality
    | LeadTime | ApprovalValidity | MarketRationale | RequiredRoles | Ratification | CompetentAuthorities
    | BilateralUse | MajorityWorkLocation
    | CountrySpendMinimum | MajorityLeadCast | MinorityCreativeContribution | CreativeNationality
    | MajorityFromParty | FirstRelease | NonPartySpendCap | FundSupportCap | TerritorialSpendCaps
    | AidIntensity
    | Tolerance,
    Field(discriminator="kind"),
]


class Framework(Sourced):
    """One framework file."""

    version: Literal[1]
    """Version of the framework-file format; 1."""
    id: str
    name: Text
    instrument: Text
    """Short citation of the instrument, e.g. 'CETS 220'; prefixes every citation."""
    kind: FrameworkKind
    checked: dt.date | None = None
    """When the file's numbers were last checked against their sources (docs/frameworks.md lists it)."""
    text_checked: bool = True
    """False when the instrument's own text (or its administering agency's summary) could not be checked:
    the numbers come from secondary sources, and every rule must then be a warning, never an error."""
    parties: list[Country] = Field(default_factory=list)
    """Member countries; co-producers elsewhere are non-parties (third countries)."""
    applies_when_named: list[Text] = Field(default_factory=list)
    """Funds only: the fund applies when a finance line's source or an application milestone names it."""
    rules: list[Rule] = Field(default_factory=list)
    contract_contents: list[ContractItem] = Field(default_factory=list)
    """What the instrument requires the co-production contract to contain (issue 12's block, at the end
    of the file); checked against the rendered agreement by `coprod.analysis.contract.coverage`."""

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9-]{1,59}", value):
            raise PydanticCustomError("framework_id", "expected an id of lower-case letters, digits and '-', "
                                      "such as 'canada-france', found {found!r}", {"found": value})
        return value

    @model_validator(mode="after")
    def _unchecked_text_only_warns(self) -> Self:
        if not self.text_checked:
            for rule in self.rules:
                if rule.severity is Severity.ERROR:
                    raise PydanticCustomError(
                        "unchecked_text", "expected severity: warning for every rule of a framework whose "
                        "text was not checked (text_checked: false), found severity: error in rule {name}",
                        {"name": rule.name})
        return self

    @model_validator(mode="after")
    def _unique_rule_names(self) -> Self:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.name in seen:
                raise PydanticCustomError("rule_name", "expected unique rule names, found {name!r} twice",
                                          {"name": rule.name})
            seen.add(rule.name)
        return self

    def citation(self, rule: RuleBase | Sourced) -> Citation:
        """The citation of *rule*, prefixed with the instrument ('CETS 220, Art. 6(2) ...')."""
        return Citation(text=f"{self.instrument}, {rule.source}", confidence=rule.confidence, url=rule.url)

    def rules_of(self, kind: type[RuleBase]) -> list[RuleBase]:
        """The rules of one kind, in file order."""
        return [rule for rule in self.rules if isinstance(rule, kind)]

    def authority(self, country: str, region: str | None = None) -> Authority | None:
        """The competent authority of *country* (of *region* there, if the file has regional ones)."""
        found = [authority for rule in self.rules if isinstance(rule, CompetentAuthorities)
                 for authority in rule.authorities if authority.country == country]
        return next((a for a in found if a.region == region), found[0] if found else None)

    def regional_authorities(self, country: str) -> list[Authority]:
        """The authorities of *country* that serve one region each (empty if it has one for all)."""
        return [authority for rule in self.rules if isinstance(rule, CompetentAuthorities)
                for authority in rule.authorities if authority.country == country and authority.region]
