"""What the waterfall takes in and gives back: receipts, payments, tier flows and break-even points."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from coprod.analysis.waterfall.plan import Pool
from coprod.model.money import CENT


def _check_amount(value: Decimal, what: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0 or value != value.quantize(CENT):
        raise ValueError(f"expected {what} as a non-negative amount with at most two decimals, found {value}")


@dataclass(frozen=True, slots=True)
class Receipts:
    """Money received from exploiting the film, base currency, exact to the cent.

    ``collection`` is paid into the collection account (usually the rest of the world, sold by the sales
    agent); ``kept`` maps a partner id to the receipts from the territories that partner keeps. Those stay
    with the partner, except what exceeds its ``common_pot_above`` threshold, which enters the pot.
    """

    collection: Decimal
    kept: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_amount(self.collection, "receipts")
        for partner, amount in self.kept.items():
            _check_amount(amount, f"receipts for {partner}'s kept territories")
        object.__setattr__(self, "kept", MappingProxyType(dict(self.kept)))

    @property
    def total(self) -> Decimal:
        """All receipts: the collection account plus every kept territory."""
        return self.collection + sum(self.kept.values(), Decimal(0))


@dataclass(frozen=True, slots=True)
class Payment:
    """What one payee gets at one tier: exact, and rounded to the cent."""

    tier: str
    tier_index: int | None
    kind: str
    payee: str
    pool: Pool | None
    exact: Fraction
    """The exact amount, before rounding."""
    amount: Decimal
    """The amount paid, in cents (see docs/waterfall.md, "Rounding")."""


@dataclass(frozen=True, slots=True)
class TierFlow:
    """Money through one tier, in cents: what reaches it, what it pays, what is left for the next."""

    index: int
    name: str
    kind: str
    reaches: Decimal
    paid: Decimal
    left: Decimal


@dataclass(frozen=True, slots=True)
class WaterfallResult:
    """The waterfall at one receipts level."""

    currency: str
    receipts: Receipts
    pot: Decimal
    """What enters the collection account: its own receipts plus kept-territory receipts above thresholds."""
    payments: tuple[Payment, ...]
    tiers: tuple[TierFlow, ...]

    @property
    def total_paid(self) -> Decimal:
        """Sum of the rounded payments; always equal to ``receipts.total``."""
        return sum((payment.amount for payment in self.payments), Decimal(0))

    def paid_to(self, payee: str) -> Decimal:
        """Everything *payee* receives, rounded lines added."""
        return sum((p.amount for p in self.payments if p.payee == payee), Decimal(0))

    def exact_to(self, payee: str) -> Fraction:
        """Everything *payee* receives, exact."""
        return sum((p.exact for p in self.payments if p.payee == payee), Fraction(0))


@dataclass(frozen=True, slots=True)
class PartyBreakEven:
    """When one recouping finance line has recouped its full entitlement."""

    line: str
    partner: str
    entitlement: Decimal
    """Amount plus premium, base currency, exact (a corridor's cap may lower it)."""
    receipts: Decimal | None
    """Smallest receipts into the collection account, to the cent, that pay it in full; None if none do."""


@dataclass(frozen=True, slots=True)
class BreakEven:
    """Break-even of every recouping line, and the two named points of net profits.

    Net profits are what reaches the split. The split first receives money at ``net_profits_from``; a
    corridor above it may still be running then, so every tier above the split is paid in full only at
    ``tiers_paid_from``, which is never earlier.
    """

    currency: str
    parties: tuple[PartyBreakEven, ...]
    net_profits_from: Decimal | None
    """Smallest receipts into the collection account, to the cent, at which the split first receives
    money (without a split: at which something is left unallocated); None if none do."""
    tiers_paid_from: Decimal | None = None
    """Smallest receipts into the collection account, to the cent, at which every tier above the split is
    paid in full (fees their whole percentage, corridors with a limit that limit); None if none do."""
    unallocated: bool = False
    """True when the waterfall has no split: what reaches its end is unallocated."""
