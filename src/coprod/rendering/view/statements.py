"""View models of the collection account statements: one per period, and one per beneficiary.

Every figure comes from the period engine's results (`coprod.analysis.statements`); sentences about a
shortfall carried forward or an amount paid ahead are written here from those figures, so the words and
the numbers cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coprod.analysis.statements import LineStatement, PeriodStatement, Statements
from coprod.analysis.statements.report import tier_label
from coprod.analysis.waterfall.report import payee_names
from coprod.model.project import Project
from coprod.rendering.escape import Safe, escape
from coprod.rendering.filters import amount
from coprod.rendering.view.common import Table, country_name


@dataclass(frozen=True, slots=True)
class StatementView:
    """One period's statement."""

    film: str
    manager: str
    period: str
    start: str
    end: str
    currency: str
    summary: Table
    receipts: Table
    costs: Table | None
    tiers: Table
    beneficiaries: Table
    positions: Table | None
    withholding: Table | None
    notes: tuple[Safe, ...]
    """What was carried forward or paid ahead, and the reserve, in words."""


@dataclass(frozen=True, slots=True)
class BeneficiaryView:
    """One payee's statement over every period."""

    film: str
    manager: str
    payee: str
    currency: str
    periods: Table
    total: str


def _money(value: Decimal, currency: str) -> str:
    return amount(value, currency, cents=True)


def _figure(value: Decimal, currency: str) -> str:
    """An amount for a table cell: figures only ('40,000.00'); the statement names the currency once."""
    return amount(value, currency, cents=True).split(" ", 1)[1]


def _is_shown(line: LineStatement) -> bool:
    return bool(line.entitled or line.paid_to_date or line.carried or line.ahead)


def statement_view(project: Project, statements: Statements, period: PeriodStatement) -> StatementView:
    """The view of *period*'s statement."""
    code = statements.currency
    names = payee_names(project)
    manager = project.recoupment.collection_account.manager if project.recoupment.collection_account \
        else "the collection account"

    def money(value: Decimal) -> str:
        return _figure(value, code)

    summary = Table(("", "amount"), (
        ("Gross receipts", money(period.gross)), ("Withholding tax deducted at source",
                                                  money(period.gross - period.net)),
        ("Net receipts", money(period.net)), ("Reserve held this period", money(period.reserve_held)),
        ("Reserve released this period", money(period.reserve_released)),
        ("Paid out this period", money(period.distributed)), ("Reserve held at the end of the period",
                                                              money(period.reserve_balance))), frozenset({1}))
    receipts = Table(("payer", "territory", "medium", "reported by", "gross", "withholding", "net"), tuple(
        (group.payer, country_name(group.territory), group.medium.replace("_", " "),
         names.get(group.kept_by, group.kept_by) if group.kept_by else "collection account",
         money(group.gross), money(group.withholding), money(group.net)) for group in period.receipts),
        frozenset({4, 5, 6}))
    costs = Table(("date", "kind", "tier", "reference", "amount"), tuple(
        (cost.date, cost.kind, cost.tier, cost.reference or "", money(cost.amount)) for cost in period.costs),
        frozenset({4})) if period.costs else None
    shown = [line for line in period.lines if _is_shown(line)]
    tiers = Table(("tier", "payee", "entitled to date", "paid this period", "paid to date", "carried forward",
                   "paid ahead"), tuple(
        (tier_label(line), names.get(line.key.payee, line.key.payee), money(line.entitled), money(line.paid),
         money(line.paid_to_date), money(line.carried), money(line.ahead)) for line in shown),
        frozenset({2, 3, 4, 5, 6}))
    payees = statements.payees()
    beneficiaries = Table(("beneficiary", "paid this period", "paid to date"), tuple(
        (names.get(payee, payee), money(period.paid_to(payee)), money(period.paid_to_date(payee)))
        for payee in payees if period.paid_to_date(payee)), frozenset({1, 2}))
    positions = Table(("finance line", "invested", "premium", "recouped to date", "recouped"), tuple(
        (names.get(p.line_id, p.line_id), money(p.invested), money(p.premium.quantize(Decimal("0.01"))),
         money(p.recouped), f"{p.percent}%") for p in period.positions), frozenset({1, 2, 3, 4})) \
        if period.positions else None
    withholding = Table(("credited to", "withholding tax this period"), tuple(
        (names.get(party, party), money(tax)) for party, tax in sorted(period.withholding.items())),
        frozenset({1})) if period.withholding else None
    return StatementView(project.film.title, manager, period.span.label, period.span.start.isoformat(),
                         period.span.end.isoformat(), code, summary, receipts, costs, tiers, beneficiaries,
                         positions, withholding, _notes(period, names, code))


def _notes(period: PeriodStatement, names: dict[str, str], code: str) -> tuple[Safe, ...]:
    notes = []
    for line in period.lines:
        who = escape(names.get(line.key.payee, line.key.payee))
        tier = escape(tier_label(line))
        if line.carried:
            notes.append(Safe(f"{tier}: {who} is owed {_money(line.carried, code)} more than it has been "
                              "paid; the shortfall is carried forward and paid from later receipts before "
                              "anything below this tier."))
        if line.ahead:
            notes.append(Safe(f"{tier}: {who} has been paid {_money(line.ahead, code)} more than the "
                              "waterfall now gives it (a cost arrived after it was paid); nothing is clawed "
                              "back, and it is paid nothing more at this tier until the waterfall catches "
                              "up."))
    return tuple(notes)


def beneficiary_view(project: Project, statements: Statements, payee: str) -> BeneficiaryView:
    """The view of *payee*'s statement over every period."""
    code = statements.currency
    manager = project.recoupment.collection_account.manager if project.recoupment.collection_account \
        else "the collection account"
    rows = tuple((period.span.label, _figure(period.paid_to(payee), code),
                  _figure(period.paid_to_date(payee), code)) for period in statements.periods)
    last = statements.periods[-1].paid_to_date(payee) if statements.periods else Decimal(0)
    return BeneficiaryView(project.film.title, manager, payee_names(project).get(payee, payee), code,
                           Table(("period", "paid this period", "paid to date"), rows, frozenset({1, 2})),
                           _money(last, code))
