"""The deal's position at the end of a period: receipts and costs to date, as the lump-sum engine takes them.

The period engine never looks inside the waterfall engine. For each period end it builds what the
engine already understands: a `Receipts` value (collection account and kept territories, to date, net
of withholding tax, in the base currency) and the project with its terms as known to date: an expense
tier's ``incurred`` is the expenses the ledger records to date, a deferment's ``amount`` what has
fallen due, and a fee the deal sets by territory or medium takes the receipts-weighted rate of the
receipts to date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from coprod.analysis.waterfall import Receipts
from coprod.model.accounting import CommissionRate
from coprod.model.ledger import EntryKind, LedgerEntry, convert
from coprod.model.project import Project
from coprod.model.recoupment import DefermentTier, ExpenseTier, FeeTier, Tier

_PRECISION = 60
"""Digits of a receipts-weighted commission rate (a quotient: exact to 10^-50 of a per cent and more)."""


def commission_rate(rates: Iterable[CommissionRate], tier: str, entry: LedgerEntry) -> Decimal | None:
    """The rate the deal sets for *entry* in the fee tier *tier*: the first that matches, or None."""
    for rate in rates:
        if rate.tier == tier and (not rate.territories or entry.territory in rate.territories) \
                and (not rate.media or entry.medium in rate.media):
            return rate.percent
    return None


@dataclass(slots=True)
class ToDate:
    """Receipts and costs accumulated up to some date; `add` one entry at a time, in date order."""

    project: Project
    rates: dict[str, Decimal] = field(default_factory=dict)
    """The project's fixed exchange rates (read once)."""
    fees: tuple[FeeTier, ...] = ()
    """Fee tiers whose rate the deal sets by territory or medium."""
    collection: Decimal = Decimal(0)
    kept: dict[str, Decimal] = field(default_factory=dict)
    costs: dict[str, Decimal] = field(default_factory=dict)
    """Costs to date by tier name (only tiers the ledger records costs for)."""
    weighted: dict[str, Decimal] = field(default_factory=dict)
    """Per fee tier with rates by territory or medium: sum of rate x collection receipts, to date."""

    def add(self, entry: LedgerEntry) -> tuple[Decimal, Decimal]:
        """Count *entry*; return its gross and withholding tax in the base currency."""
        project = self.project
        money = convert(entry, project.structure.currency, self.rates)
        if entry.kind is not EntryKind.RECEIPT:
            assert entry.tier is not None  # the ledger checks guarantee it
            self.costs[entry.tier] = self.costs.get(entry.tier, Decimal(0)) + money.gross
            return money.gross, money.withholding
        if entry.kept_by is not None:
            self.kept[entry.kept_by] = self.kept.get(entry.kept_by, Decimal(0)) + money.net
            return money.gross, money.withholding
        self.collection += money.net
        accounting = project.accounting
        for tier in self.fees:
            assert accounting is not None  # fees are only set from its commission rates
            rate = commission_rate(accounting.commission_rates, tier.name, entry)
            percent = tier.percent if rate is None else rate
            self.weighted[tier.name] = self.weighted.get(tier.name, Decimal(0)) + percent * money.net
        return money.gross, money.withholding

    @classmethod
    def start(cls, project: Project) -> ToDate:
        """Nothing received yet, for *project*."""
        named = {rate.tier for rate in project.accounting.commission_rates} if project.accounting else set()
        fees = tuple(tier for tier in project.recoupment.waterfall
                     if isinstance(tier, FeeTier) and tier.name in named)
        return cls(project, dict(project.structure.exchange_rates), fees)

    def receipts(self) -> Receipts:
        """Receipts to date as the lump-sum engine takes them (never below zero)."""
        keepers = {rule.partner for rule in self.project.rights.territories}
        return Receipts(max(self.collection, Decimal(0)),
                        {partner: max(amount, Decimal(0)) for partner, amount in self.kept.items()
                         if partner in keepers})

    def terms(self) -> Project:
        """The project with its costs and commission rates as known to date."""
        tiers = [self._tier(tier) for tier in self.project.recoupment.waterfall]
        recoupment = self.project.recoupment.model_copy(update={"waterfall": tiers})
        return self.project.model_copy(update={"recoupment": recoupment})

    def _tier(self, tier: Tier) -> Tier:
        if isinstance(tier, ExpenseTier) and tier.name in self.costs:
            return tier.model_copy(update={"incurred": max(self.costs[tier.name], Decimal(0))})
        if isinstance(tier, DefermentTier) and tier.name in self.costs:
            due = min(max(self.costs[tier.name], Decimal(0)), tier.amount)
            return tier.model_copy(update={"amount": due})
        if isinstance(tier, FeeTier) and tier.name in self.weighted and self.collection > 0:
            with localcontext() as context:
                context.prec = _PRECISION
                percent = min(max(self.weighted[tier.name] / self.collection, Decimal(0)), Decimal(100))
            return tier.model_copy(update={"percent": percent})
        return tier
