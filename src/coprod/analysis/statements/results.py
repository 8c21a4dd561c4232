"""What the period engine gives back: per period, receipts in, deductions, each line paid, positions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from coprod.analysis.statements.periods import Span


@dataclass(frozen=True, slots=True)
class LineKey:
    """A payment line of the waterfall, as the lump-sum engine names it."""

    tier: str
    tier_index: int | None
    kind: str
    payee: str
    pool: str | None


@dataclass(frozen=True, slots=True)
class LineStatement:
    """One payment line in one period: what it is entitled to to date, paid now, paid to date, carried."""

    key: LineKey
    entitled: Decimal
    """The lump-sum engine's figure at receipts and costs to date, in cents."""
    paid: Decimal
    """Paid this period, in cents; never negative."""
    paid_to_date: Decimal
    exact_paid_to_date: Fraction
    """The exact amount paid to date before cents (the property tests compare it with the engine)."""
    exact_entitled: Fraction
    """The engine's exact amount at receipts and costs to date."""
    carried: Decimal
    """Still owed at the end of the period and carried forward, to the cent (0 if paid in full or ahead)."""
    ahead: Decimal
    """Paid to date beyond what the waterfall now gives it, to the cent: never clawed back, set against
    what it is owed later (a payee ahead on one line is owed that much less on its others)."""


@dataclass(frozen=True, slots=True)
class ReceiptGroup:
    """Receipts of one period from one payer, territory and medium, in the base currency."""

    payer: str
    territory: str
    medium: str
    kept_by: str | None
    gross: Decimal
    withholding: Decimal

    @property
    def net(self) -> Decimal:
        """What reached the account (or the keeping partner)."""
        return self.gross - self.withholding


@dataclass(frozen=True, slots=True)
class CostEntry:
    """A cost of the period: an expense incurred or a deferment fallen due."""

    date: str
    kind: str
    tier: str
    amount: Decimal
    reference: str | None


@dataclass(frozen=True, slots=True)
class Position:
    """A recouping finance line's position at the end of a period."""

    line_id: str
    partner: str
    invested: Decimal
    premium: Decimal
    recouped: Decimal
    """Paid to date by corridors and recoup tiers."""

    @property
    def entitlement(self) -> Decimal:
        """Invested plus premium."""
        return self.invested + self.premium

    @property
    def percent(self) -> Decimal:
        """Per cent recouped, two decimals, rounded down (100.00 only when recouped in full)."""
        if not self.entitlement:
            return Decimal(100)
        return (self.recouped * 100 / self.entitlement).quantize(Decimal("0.01"), rounding="ROUND_FLOOR")


@dataclass(frozen=True, slots=True)
class PeriodStatement:
    """The collection account statement of one period."""

    span: Span
    receipts: tuple[ReceiptGroup, ...]
    costs: tuple[CostEntry, ...]
    collection_to_date: Decimal
    """Net receipts into the collection account to date (kept territories excluded)."""
    kept_to_date: dict[str, Decimal]
    """Net receipts each partner reported from its kept territories, to date."""
    reserve_held: Decimal
    """Held back this period."""
    reserve_released: Decimal
    """Released this period (held in an earlier period whose term ended)."""
    reserve_balance: Decimal
    """Held at the end of the period."""
    lines: tuple[LineStatement, ...]
    withholding: dict[str, Decimal]
    """Withholding tax deducted this period, by the party it is credited to."""
    positions: tuple[Position, ...]

    @property
    def gross(self) -> Decimal:
        """Gross receipts of the period."""
        return sum((group.gross for group in self.receipts), Decimal(0))

    @property
    def net(self) -> Decimal:
        """Net receipts of the period (after withholding tax), kept territories included."""
        return sum((group.net for group in self.receipts), Decimal(0))

    @property
    def distributed(self) -> Decimal:
        """What the period's payments add up to: its net receipts less the reserve held, plus released."""
        return sum((line.paid for line in self.lines), Decimal(0))

    def paid_to(self, payee: str) -> Decimal:
        """Everything *payee* is paid this period."""
        return sum((line.paid for line in self.lines if line.key.payee == payee), Decimal(0))

    def paid_to_date(self, payee: str) -> Decimal:
        """Everything *payee* has been paid up to the end of this period."""
        return sum((line.paid_to_date for line in self.lines if line.key.payee == payee), Decimal(0))


@dataclass(frozen=True, slots=True)
class Statements:
    """Every period's statement, in order."""

    currency: str
    periods: tuple[PeriodStatement, ...]

    def payees(self) -> tuple[str, ...]:
        """Every payee, in waterfall order."""
        if not self.periods:
            return ()
        return tuple(dict.fromkeys(line.key.payee for line in self.periods[0].lines))
