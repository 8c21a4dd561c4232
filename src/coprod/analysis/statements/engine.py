"""The period engine: cumulative statements from the lump-sum waterfall, with carry-forward, no clawback.

For each period end: receipts and costs to date (`ToDate`), the lump-sum engine at that position
(`run_waterfall`, its public interface only), then `allocate` pays this period's money against what each
line is owed, in waterfall order. Each period's payments add up to the money available that period:
its receipts less the reserve held, plus the reserve released.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterator
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from coprod.analysis.statements.allocate import ahead, allocate, owed, to_cents
from coprod.analysis.statements.periods import Span, spans
from coprod.analysis.statements.position import ToDate
from coprod.analysis.statements.results import (
    CostEntry,
    LineKey,
    LineStatement,
    PeriodStatement,
    Position,
    ReceiptGroup,
    Statements,
)
from coprod.analysis.waterfall import Payment, run_waterfall
from coprod.model.accounting import Period
from coprod.model.ledger import Ledger, LedgerEntry
from coprod.model.money import CENT
from coprod.model.project import Project


def first_day(project: Project, ledger: Ledger) -> dt.date | None:
    """The first day statements cover: the deal's, or the first of the month of the earliest row."""
    if project.accounting is not None:
        return project.accounting.statements_from
    earliest = ledger.first_date()
    return None if earliest is None else earliest.replace(day=1)


def run_statements(project: Project, ledger: Ledger, *, period: Period | None = None,
                   to: dt.date | None = None) -> Statements:
    """Every statement from the first day covered to *to* (default: the period of the last ledger row).

    Raises:
        AnalysisError: if the waterfall cannot be run.
    """
    accounting = project.accounting
    chosen = period or (accounting.period if accounting else Period.QUARTER)
    start = first_day(project, ledger)
    last = to or ledger.last_date()
    if start is None or last is None:
        return Statements(project.structure.currency, ())
    periods = tuple(_run(project, ledger, spans(start, last, chosen)))
    return Statements(project.structure.currency, periods)


def _by_period(ledger: Ledger, periods: list[Span]) -> list[list[LedgerEntry]]:
    """The entries of each period, in date order (file order on one date)."""
    buckets: list[list[LedgerEntry]] = [[] for _ in periods]
    ends = [span.end for span in periods]
    for entry in sorted(ledger.entries, key=lambda e: e.date):
        index = bisect_left(ends, entry.date)
        if index < len(ends):  # rows after the last period (--to) are left out
            buckets[index].append(entry)
    return buckets


def _run(project: Project, ledger: Ledger, periods: list[Span]) -> Iterator[PeriodStatement]:
    accounting = project.accounting
    reserve = accounting.reserve if accounting else None
    to_date = ToDate.start(project)
    for entry in ledger.entries:  # a tier the ledger records costs for has none until its first row
        if not entry.is_receipt and entry.tier is not None:
            to_date.costs[entry.tier] = Decimal(0)
    paid: list[Fraction] = []
    cents: list[int] = []
    held: list[Decimal] = []
    pot_before = Decimal(0)
    for span, entries in zip(periods, _by_period(ledger, periods), strict=True):
        groups: dict[tuple[str, str, str, str | None], list[Decimal]] = {}
        costs: list[CostEntry] = []
        withholding: dict[str, Decimal] = {}
        for entry in entries:
            gross, tax = to_date.add(entry)
            if entry.is_receipt:
                key = (entry.payer or "", entry.territory or "", str(entry.medium or ""), entry.kept_by)
                total = groups.setdefault(key, [Decimal(0), Decimal(0)])
                total[0] += gross
                total[1] += tax
            else:
                costs.append(CostEntry(entry.date.isoformat(), entry.kind.value, entry.tier or "", gross,
                                       entry.reference))
            if tax and entry.credited_to:
                withholding[entry.credited_to] = withholding.get(entry.credited_to, Decimal(0)) + tax
        result = run_waterfall(to_date.terms(), to_date.receipts())
        if not paid:
            paid = [Fraction(0)] * len(result.payments)
            cents = [0] * len(result.payments)
        growth = result.pot - pot_before
        pot_before = result.pot
        held.append((growth * reserve.percent / 100).quantize(CENT, ROUND_FLOOR)
                    if reserve is not None and growth > 0 else Decimal(0))
        released, balance = Decimal(0), Decimal(0)
        if reserve is not None:
            released = held[-1 - reserve.periods] if len(held) > reserve.periods else Decimal(0)
            balance = sum(held[-reserve.periods:], Decimal(0))
        available = max(Fraction(result.receipts.total - balance) - sum(paid, Fraction(0)), Fraction(0))
        entitled = [payment.exact for payment in result.payments]
        tiers = [payment.tier_index for payment in result.payments]
        payees = [payment.payee for payment in result.payments]
        after = allocate(tiers, payees, entitled, paid, available)
        engine_cents = [int(payment.amount * 100) for payment in result.payments]
        if after == entitled and all(new >= old for new, old in zip(engine_cents, cents, strict=True)):
            # Everything owed is paid: the engine's own cents, when they take nothing back, are the
            # cents to date (the common case, and the cheap one).
            after_cents = engine_cents
            carried = extra = [Fraction(0)] * len(after)
        else:
            after_cents = to_cents(after, paid, cents)
            carried, extra = owed(payees, entitled, after), ahead(payees, entitled, after)
        lines = tuple(
            LineStatement(_key(payment), _entitled(payment, exact, new), Decimal(new - old).scaleb(-2),
                          Decimal(new).scaleb(-2), exact, payment.exact, _cents(short), _cents(over))
            for payment, old, new, exact, short, over in zip(result.payments, cents, after_cents, after,
                                                             carried, extra, strict=True))
        paid, cents = after, after_cents
        yield PeriodStatement(
            span, tuple(ReceiptGroup(*key, gross, tax) for key, (gross, tax) in groups.items()),
            tuple(costs), to_date.collection, dict(to_date.kept), held[-1], released, balance, lines,
            withholding, _positions(project, lines))


def _entitled(payment: Payment, paid: Fraction, cents: int) -> Decimal:
    """The line's entitlement to date in cents: the engine's, or the cents paid if paid exactly in full.

    The engine rounds its lines among themselves and the statement rounds what it pays; the two can
    differ by a cent where nothing is owed. Stating the cents paid there keeps "carried" and "ahead"
    for real shortfalls and overpayments, never for a rounding cent.
    """
    return Decimal(cents).scaleb(-2) if payment.exact == paid else payment.amount


def _cents(amount: Fraction) -> Decimal:
    """An exact amount to the cent, half to even (what a statement shows as carried or ahead)."""
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(CENT, ROUND_HALF_EVEN) \
        if amount else Decimal("0.00")


def _key(payment: Payment) -> LineKey:
    pool = payment.pool
    return LineKey(payment.tier, payment.tier_index, payment.kind, payment.payee,
                   None if pool is None else str(pool))


def _positions(project: Project, lines: tuple[LineStatement, ...]) -> tuple[Position, ...]:
    """Every finance line the waterfall recoups (outside the net-profit split), with its position."""
    recouped: dict[str, Decimal] = {}
    ids = {line.id for line in project.financing}
    for line in lines:
        if line.key.pool != "financiers" and line.key.payee in ids:  # its profit share is not recoupment
            recouped[line.key.payee] = recouped.get(line.key.payee, Decimal(0)) + line.paid_to_date
    positions = []
    for line_id, amount in recouped.items():
        finance = project.finance_line(line_id)
        invested = project.in_base(finance).amount
        premium = invested * finance.premium / 100
        positions.append(Position(line_id, finance.partner, invested, premium, amount))
    return tuple(positions)
