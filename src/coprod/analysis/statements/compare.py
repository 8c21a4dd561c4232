"""Check a collection account manager's statement against the deal: every line that differs, and why.

The manager's statement is a list of (period, payee, amount paid that period), optionally with the tier.
Each difference gives the cent difference and the tier that explains it: the payee's line of that period
whose amount is nearest the difference (the line the manager most likely got wrong or left out).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coprod.analysis.statements.results import PeriodStatement, Statements
from coprod.analysis.waterfall.report import money
from coprod.model.ledger import ManagerLine


@dataclass(frozen=True, slots=True)
class Difference:
    """A line where the manager's statement and the deal disagree."""

    period: str
    payee: str
    manager: Decimal
    deal: Decimal
    tier: str | None
    """The tier that explains the difference (None if the deal pays the payee nothing that period)."""
    line: int | None
    """The manager's line, or None for a payment the manager left out."""

    @property
    def cents(self) -> Decimal:
        """The manager's amount less the deal's: positive when the manager paid too much."""
        return self.manager - self.deal

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else "missing from the manager's statement: "
        why = f"; tier: {self.tier}" if self.tier else ""
        sign = "+" if self.cents > 0 else ""
        return (f"{where}{self.period} {self.payee}: the manager pays {money(self.manager)}, the deal "
                f"{money(self.deal)} (difference {sign}{money(self.cents)}){why}")

    def to_json(self) -> dict[str, object]:
        """The difference as JSON-ready data."""
        return {"period": self.period, "payee": self.payee, "manager": str(self.manager),
                "deal": str(self.deal), "difference": str(self.cents), "tier": self.tier, "line": self.line}


def _explaining_tier(period: PeriodStatement, payee: str, difference: Decimal) -> str | None:
    lines = [line for line in period.lines if line.key.payee == payee and line.paid]
    if not lines:
        return None
    return min(lines, key=lambda line: abs(abs(difference) - line.paid)).key.tier


Key = tuple[str, str, str | None]


def compare(statements: Statements, manager: list[ManagerLine]) -> list[Difference]:
    """Every difference between *manager*'s lines and the deal's statements: periods, then waterfall order.

    When the manager's lines name tiers, payments are compared tier by tier; otherwise payee by payee.

    Raises:
        KeyError: naming a manager's period that the statements do not have (the caller words it).
    """
    periods = {period.span.label: period for period in statements.periods}
    periods.update({period.span.end.isoformat(): period for period in statements.periods})
    by_tier = any(item.tier is not None for item in manager)
    deal: dict[Key, Decimal] = {}
    for period in statements.periods:
        for line in period.lines:
            if line.paid:
                key = (period.span.label, line.key.payee, line.key.tier if by_tier else None)
                deal[key] = deal.get(key, Decimal(0)) + line.paid
    theirs: dict[Key, tuple[Decimal, int | None]] = {}
    for item in manager:
        key = (periods[item.period].span.label, item.payee, item.tier if by_tier else None)
        amount, first = theirs.get(key, (Decimal(0), item.line))
        theirs[key] = (amount + item.amount, first)
    differences = []
    for key in [*deal, *(key for key in theirs if key not in deal)]:
        label, payee, tier = key
        ours = deal.get(key, Decimal(0))
        amount, row = theirs.get(key, (Decimal(0), None))
        if amount != ours:
            explains = tier or _explaining_tier(periods[label], payee, amount - ours)
            differences.append(Difference(label, payee, amount, ours, explains, row))
    return differences
