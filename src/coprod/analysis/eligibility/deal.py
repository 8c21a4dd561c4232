"""The facts eligibility rules read: who co-produces from where, with what share, under which instrument.

`Deal` derives them once from the project (shares by country, parties and non-parties, the ranked cast,
the first day of principal photography) so each rule stays a few lines of comparison.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from coprod.analysis.eligibility.schema import Framework, RuleBase, Threshold, When
from coprod.analysis.figures import HUNDRED, percent_of
from coprod.analysis.findings import Finding, Severity
from coprod.location import FieldPath
from coprod.model.parties import CreativeRole, KeyCreative, PartnerRole
from coprod.model.production import MilestoneKind
from coprod.model.project import Project

AREA = "eligibility"


@dataclass(frozen=True)
class Deal:
    """A project seen through one framework: the instrument in effect, or a fund alongside it."""

    project: Project
    framework: Framework
    """The framework whose rules are evaluated; its parties are the 'parties' of those rules."""
    instrument: str
    """Id of the treaty framework in effect (after any ratification fallback)."""

    @cached_property
    def countries(self) -> tuple[str, ...]:
        """Co-producing countries, in the order their first partner appears."""
        return tuple(dict.fromkeys(partner.country for partner in self.project.partners))

    @cached_property
    def country_share(self) -> dict[str, Decimal]:
        """Declared share per country (every partner of that country, financial-only included)."""
        return self.project.shares_by_country()

    def creative_share(self, country: str) -> Decimal:
        """Declared share of *country*'s partners that are not financial-only."""
        return sum((p.share for p in self.project.partners
                    if p.country == country and p.role is not PartnerRole.FINANCIAL), Decimal(0))

    @cached_property
    def financial_total(self) -> Decimal:
        """Sum of the financial-only partners' shares."""
        return sum((p.share for p in self.project.partners if p.role is PartnerRole.FINANCIAL), Decimal(0))

    def non_financial_shares(self) -> dict[str, Decimal]:
        """Each country's share of the part of the budget not put up by financial-only partners.

        Countries whose partners are all financial-only are left out: they owe no creative or technical
        contribution. Without financial-only partners these are the declared country shares.
        """
        rest = HUNDRED - self.financial_total
        shares = {c: self.creative_share(c) for c in self.countries}
        return {c: percent_of(s, rest) for c, s in shares.items() if s > 0}

    @property
    def has_financial_partner(self) -> bool:
        """Whether some partner is financial-only."""
        return any(p.role is PartnerRole.FINANCIAL for p in self.project.partners)

    @property
    def scope(self) -> str:
        """'bilateral' for two co-producing countries, 'multilateral' for three or more."""
        return "bilateral" if len(self.countries) <= 2 else "multilateral"

    def is_party(self, country: str) -> bool:
        """Whether *country* is a party to the framework in effect."""
        return country in self.framework.parties

    def partner_index(self, country: str) -> int:
        """Index of the first partner established in *country*."""
        return next(i for i, p in enumerate(self.project.partners) if p.country == country)

    def share_path(self, country: str) -> FieldPath:
        """Field path of the share of *country*'s first partner."""
        return ("partners", self.partner_index(country), "share")

    @cached_property
    def majority_country(self) -> str:
        """Country of the partner marked majority, else of the largest share."""
        for partner in self.project.partners:
            if partner.role is PartnerRole.MAJORITY:
                return partner.country
        return max(self.countries, key=lambda c: self.country_share[c])

    @cached_property
    def ranked_cast(self) -> list[tuple[int, KeyCreative]]:
        """Cast with their index in ``key_creatives``, by shooting days (most first; ties in file order)."""
        cast = [(i, c) for i, c in enumerate(self.project.key_creatives) if c.role is CreativeRole.CAST]
        return sorted(cast, key=lambda item: -(item[1].shooting_days or 0))

    @cached_property
    def shoot_start(self) -> tuple[int, dt.date] | None:
        """Index and first day of the earliest principal-photography milestone."""
        shoots = [(m.first_day, i) for i, m in enumerate(self.project.timeline)
                  if m.kind is MilestoneKind.SHOOT]
        if not shoots:
            return None
        day, index = min(shoots)
        return index, day

    def in_currency(self, amount: Decimal, currency: str) -> Decimal | None:
        """*amount* of the base currency in *currency* at the project's fixed rates; None without a rate."""
        if currency == self.project.structure.currency:
            return amount
        rate = self.project.structure.exchange_rates.get(currency)
        return None if rate is None else amount / rate

    def budget_in(self, threshold: Threshold) -> Decimal | None:
        """The budget in *threshold*'s currency at the project's fixed rates; None without a rate."""
        return self.in_currency(self.project.budget.total, threshold.currency)

    def holds(self, when: When) -> bool:
        """Whether every condition in *when* holds for this deal."""
        checks = (
            when.scope is None or when.scope == self.scope,
            when.formats is None or self.project.film.format in when.formats,
            when.releases is None or self.project.film.release in when.releases,
            when.original_language is None or self.project.film.languages[0] in when.original_language,
            when.original_language_not is None
            or self.project.film.languages[0] not in when.original_language_not,
            when.countries_include is None or bool(set(when.countries_include) & set(self.countries)),
            when.any_share_below is None
            or any(share < when.any_share_below for share in self.country_share.values()),
            when.has_financial_partner is None or when.has_financial_partner == self.has_financial_partner,
            when.instrument_in is None or self.instrument in when.instrument_in,
            when.instrument_not_in is None or self.instrument not in when.instrument_not_in,
            self._budget_holds(when),
        )
        return all(checks)

    def _budget_holds(self, when: When) -> bool:
        for threshold, above in ((when.budget_above, True), (when.budget_at_most, False)):
            if threshold is None:
                continue
            budget = self.budget_in(threshold)
            if budget is None or (budget > threshold.amount) != above:
                return False
        return True

    def finding(self, rule: RuleBase, code: str, message: str, path: FieldPath,
                severity: Severity | None = None) -> Finding:
        """A finding from *rule*, with the rule's citation and any note."""
        text = f"{message}."
        if rule.note:
            text = f"{text} {rule.note}"
        return Finding(code=code, severity=severity or rule.severity, area=AREA, message=text, path=path,
                       source=self.framework.citation(rule), rule=rule.name)
