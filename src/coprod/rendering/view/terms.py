"""The rights and recoupment term sheet's view model: the deal in brief, scenarios and break-even."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from coprod.analysis.waterfall import BreakEven, WaterfallResult, break_even, scenarios
from coprod.analysis.waterfall.plan import UNALLOCATED, compile_plan
from coprod.model.money import Money
from coprod.model.project import Project
from coprod.rendering.escape import Safe
from coprod.rendering.filters import amount, figures, percent
from coprod.rendering.view import deal
from coprod.rendering.view.accounting import AccountingView, accounting_view
from coprod.rendering.view.common import (
    Cell,
    DraftView,
    FilmView,
    PartyView,
    Table,
    draft_view,
    film_view,
    party_view,
)
from coprod.rendering.view.rounding import whole_units
from coprod.rendering.view.waterfall import TierView, WaterfallWords, point_sentence, waterfall_words


@dataclass(frozen=True, slots=True)
class TermSheetView:
    """Everything the term sheet prints."""

    draft: DraftView
    film: FilmView
    parties: tuple[PartyView, ...]
    official: bool
    currency: str
    budget: Money
    rates: tuple[Safe, ...]
    contributions: Table
    finance: Table
    copyright: Table
    kept: tuple[deal.KeptView, ...]
    rights: Table
    sales: deal.SalesView | None
    cam: str | None
    tiers: tuple[TierView, ...]
    recoupment: WaterfallWords
    """The waterfall in words, from the plan the engine runs."""
    scenario_levels: Safe
    """'50%, 100%, 150% and 200% of the Budget'."""
    scenarios: Table
    break_even: Table
    points: Safe
    """The two named points: where the split first receives money, where every tier above it is paid in
    full."""
    net_profit_split: Safe
    approvals: tuple[deal.ApprovalRow, ...]
    sales_term: int | None
    accounting: AccountingView | None
    """Statement periods, reserve and audit (clauses/terms/accounting.md.j2), from the project's terms."""


def _payee(project: Project, payee: str) -> str:
    if payee == UNALLOCATED:
        return "Unallocated (no net-profit split agreed)"
    return deal.payee_name(project, payee)


def _scenario_table(project: Project, levels: Sequence[Decimal], results: Sequence[WaterfallResult]
                    ) -> Table:
    currency = project.structure.currency
    header = ["Payee"] + [f"{percent(level)} ({amount(result.receipts.collection, currency)})"
                          for level, result in zip(levels, results, strict=True)]
    payees: list[str] = []
    for result in results:
        for payment in result.payments:
            if payment.payee not in payees:
                payees.append(payment.payee)
    paying = [payee for payee in payees if any(result.paid_to(payee) for result in results)]
    # Whole units, each column rounded as a whole so that it still adds up to its total.
    columns = [whole_units([result.paid_to(payee) for payee in paying]) for result in results]
    rows: list[tuple[Cell, ...]] = [
        (_payee(project, payee), *(figures(Money(column[row], currency)) for column in columns))
        for row, payee in enumerate(paying)
    ]
    totals = (figures(Money(sum(column, Decimal(0)), currency)) for column in columns)
    rows.append((Safe("**Total**"), *totals))
    return Table(tuple(header), tuple(rows), frozenset(range(1, len(results) + 1)))


def _break_even_table(project: Project, result: BreakEven) -> Table:
    currency = project.structure.currency
    rows: list[tuple[Cell, ...]] = []
    for party in result.parties:
        line = project.finance_line(party.line)
        needed = figures(Money(party.receipts, currency), cents=True) if party.receipts is not None else \
            Safe("not reached")
        rows.append((line.source, project.partner(party.partner).company,
                     figures(Money(party.entitlement, currency).cents(), cents=True), needed))
    return Table(("Investment", "Brought by", "Recoups (with premium)", "Recouped in full at receipts of"),
                 tuple(rows), frozenset({2, 3}))


def term_sheet_view(project: Project, levels: Sequence[Decimal]) -> TermSheetView:
    """Build the term sheet's view; *levels* are the scenarios' receipts, per cent of the budget."""
    budget = project.budget.total
    receipts = [(budget * level / 100).quantize(Decimal("0.01")) for level in levels]
    results = scenarios(project, receipts)
    points = break_even(project)
    words = waterfall_words(project, compile_plan(project))
    sales = deal.sales_view(project)
    return TermSheetView(
        draft=draft_view(project), film=film_view(project),
        parties=tuple(party_view(project, p) for p in project.partners),
        official=project.structure.kind == "official", currency=project.structure.currency,
        budget=deal.base(project, budget), rates=deal.rates(project),
        contributions=deal.contributions_table(project), finance=deal.finance_table(project),
        copyright=deal.copyright_table(project), kept=deal.kept_territories(project),
        rights=deal.rights_table(project), sales=sales,
        cam=project.recoupment.collection_account.manager if project.recoupment.collection_account
        else None,
        tiers=words.tiers, recoupment=words,
        scenario_levels=Safe(", ".join(str(percent(level)) for level in levels[:-1]) +
                             (" and " if len(levels) > 1 else "") + str(percent(levels[-1]))),
        scenarios=_scenario_table(project, levels, results), break_even=_break_even_table(project, points),
        points=point_sentence(project.structure.currency, points.net_profits_from, points.tiers_paid_from,
                              words.receipts_term, points.unallocated),
        net_profit_split=words.split,
        approvals=deal.approvals(project), sales_term=sales.term_years if sales else None,
        accounting=accounting_view(project))
