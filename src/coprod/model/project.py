"""The whole project file as one frozen, validated value."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from coprod.model.accounting import Accounting
from coprod.model.consents import Consent
from coprod.model.film import Film
from coprod.model.finance import Budget, FinanceSource
from coprod.model.legal import Legal
from coprod.model.money import ExchangeRates, Money
from coprod.model.parties import KeyCreative, Locations, Partner
from coprod.model.production import Control, Delivery, Draft, Insurance, Milestone
from coprod.model.progress import TaskProgress
from coprod.model.recoupment import Recoupment
from coprod.model.rights import Rights
from coprod.model.types import Base, Currency, Identifier, Rate, Text, described

FORMAT_VERSION = 1


class Structure(Base):
    """Official (under a treaty framework) or creative (a private deal), and the money conventions."""

    kind: Literal["official", "creative"] = described(
        "official (approved under a treaty framework) or creative (a private deal).")
    framework: Identifier | None = described(
        "Framework id for official co-productions, e.g. 'european-convention-2017' "
        "(see `coprod check --frameworks`).", default=None)
    currency: Currency = described("Base currency of the budget and the agreement (ISO 4217).")
    exchange_rates: dict[Currency, Rate] = described(
        "Fixed rates agreed for the contract: units of the base currency for one unit of each currency.",
        default_factory=dict)


class Project(Base):
    """A film co-production deal: everything coprod checks and drafts from."""

    coprod: Literal[1] = Field(description="Version of the project-file format; 1.")
    draft: Draft = described("Draft number and date printed on every document.")
    film: Film = described("The film.")
    structure: Structure = described("Official or creative, framework, currency and exchange rates.")
    partners: list[Partner] = described("The co-producing companies.", min_length=1)
    key_creatives: list[KeyCreative] = described("Key creatives and technicians.", default_factory=list)
    locations: Locations = described("Where the film is shot, post-produced and its VFX made.")
    budget: Budget = described("Total budget and spend plan.")
    financing: list[FinanceSource] = described("The finance plan, one line per source.", min_length=1)
    rights: Rights = described("Copyright, kept territories and world sales.")
    recoupment: Recoupment = described("Collection account and waterfall.")
    accounting: Accounting | None = described(
        "Collection account statements: period, first day covered, reserve, audit rights.", default=None)
    control: Control = described("Approvals and deadlock.")
    delivery: list[Delivery] = described("What each partner delivers and when.", default_factory=list)
    timeline: list[Milestone] = described("Key dates.", min_length=1)
    insurance: Insurance = described("Insurance and completion bond.", default_factory=Insurance)
    legal: Legal = described("Governing law, disputes and language.")
    progress: dict[Text, TaskProgress] = described(
        "Status and evidence of checklist tasks, by task id (the Id column of tracker.xlsx).",
        default_factory=dict)
    consents: list[Consent] = described(
        "Consents and approvals the competent authorities have given (official co-productions).",
        default_factory=list)

    @property
    def rates(self) -> ExchangeRates:
        """The fixed exchange rates into the base currency."""
        return ExchangeRates(self.structure.currency, dict(self.structure.exchange_rates))

    def shares_by_country(self) -> dict[str, Decimal]:
        """Declared share per country of establishment (every partner there, financial-only included)."""
        shares: dict[str, Decimal] = {}
        for partner in self.partners:
            shares[partner.country] = shares.get(partner.country, Decimal(0)) + partner.share
        return shares

    def partner(self, partner_id: str) -> Partner:
        """The partner with *partner_id*; KeyError if there is none."""
        for partner in self.partners:
            if partner.id == partner_id:
                return partner
        raise KeyError(partner_id)

    def finance_line(self, line_id: str) -> FinanceSource:
        """The finance line with *line_id*; KeyError if there is none."""
        for line in self.financing:
            if line.id == line_id:
                return line
        raise KeyError(line_id)

    def money(self, line: FinanceSource) -> Money:
        """A finance line's amount with its currency."""
        return Money(line.amount, line.currency or self.structure.currency)

    def in_base(self, line: FinanceSource) -> Money:
        """A finance line's amount converted to the base currency at the fixed rate (exact)."""
        return self.rates.to_base(self.money(line))
