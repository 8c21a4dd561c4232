"""The deal's terms as the agreement and the term sheet print them: money, rights, control.

The waterfall's words are in ``waterfall.py``, read from the plan the engine runs.

Both documents describe the same deal, so both take these pieces from here; each adds what only it needs
(the agreement its schedules, the term sheet its scenarios).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from coprod.model.finance import FinanceStatus
from coprod.model.money import Money, total
from coprod.model.project import Project
from coprod.rendering.escape import Safe
from coprod.rendering.filters import date, figures, money, percent
from coprod.rendering.view.common import Cell, Table, country_in_text, country_name, party_names, safe_join

FINANCE_TYPES = {
    "equity": "Equity", "public_grant": "Public grant", "public_loan": "Public loan",
    "tax_incentive": "Tax incentive", "presale": "Pre-sale", "minimum_guarantee": "Minimum guarantee",
    "gap": "Gap finance", "deferment": "Deferment", "in_kind": "In kind",
}


def base(project: Project, amount: Decimal) -> Money:
    """An amount of the base currency."""
    return Money(amount, project.structure.currency)


def finance_table(project: Project) -> Table:
    """Every finance line: partner, source, type, status, amount in its currency and in the base currency."""
    rows: list[tuple[Cell, ...]] = []
    for line in project.financing:
        in_base = project.in_base(line).cents()
        original = project.money(line)
        rows.append((project.partner(line.partner).company, line.source, FINANCE_TYPES[line.type.value],
                     line.status.value, figures(original), figures(in_base),
                     "yes" if line.recoupable else "no"))
    everything = total((project.in_base(line) for line in project.financing), project.structure.currency)
    rows.append((Safe("**Total**"), "", "", "", "", Safe(f"**{figures(everything.cents())}**"), ""))
    return Table(("Co-Producer", "Source", "Type", "Status", "Amount",
                  f"In {project.structure.currency}", "Recoupable"), tuple(rows), frozenset({4, 5}))


def contributions_table(project: Project) -> Table:
    """Each co-producer's share, contribution, and finance raised (confirmed and total)."""
    currency = project.structure.currency
    raised: dict[str, Money] = defaultdict(lambda: Money.zero(currency))
    confirmed: dict[str, Money] = defaultdict(lambda: Money.zero(currency))
    for line in project.financing:
        raised[line.partner] += project.in_base(line)
        if line.status is FinanceStatus.CONFIRMED:
            confirmed[line.partner] += project.in_base(line)
    rows: list[tuple[Cell, ...]] = []
    for partner in project.partners:
        contribution = base(project, project.budget.total * partner.share / 100).cents()
        rows.append((partner.company, country_name(partner.country), percent(partner.share),
                     figures(contribution), figures(raised[partner.id].cents()),
                     figures(confirmed[partner.id].cents())))
    rows.append((Safe("**Total**"), "", percent(sum((p.share for p in project.partners), Decimal(0))),
                 figures(base(project, project.budget.total)),
                 figures(total(raised.values(), currency).cents()),
                 figures(total(confirmed.values(), currency).cents())))
    return Table(("Co-Producer", "Country", "Share", "Contribution", "Finance raised", "Of which confirmed"),
                 tuple(rows), frozenset({2, 3, 4, 5}))


def spend_table(project: Project) -> Table:
    """Planned spend by country against each country's financial share."""
    budget = project.budget
    shares: dict[str, Decimal] = defaultdict(Decimal)
    for partner in project.partners:
        shares[partner.country] += partner.share
    rows: list[tuple[Cell, ...]] = []
    for code, amount in budget.spend_by_country.items():
        rows.append((country_name(code), figures(base(project, amount)),
                     percent((amount * 100 / budget.total).quantize(Decimal("0.01"))),
                     percent(shares.get(code, Decimal(0)))))
    rows.append((Safe("**Total**"), figures(base(project, budget.total)), percent(Decimal(100)),
                 percent(sum(shares.values(), Decimal(0)))))
    return Table(("Country", "Planned spend", "Share of budget", "Financial share"), tuple(rows),
                 frozenset({1, 2, 3}))


def category_table(project: Project) -> Table | None:
    """The budget top sheet by category, if the project gives one."""
    categories = project.budget.by_category
    if not categories:
        return None
    rows: list[tuple[Cell, ...]] = [(name, figures(base(project, amount)))
                                    for name, amount in categories.items()]
    rows.append((Safe("**Total**"), figures(base(project, project.budget.total))))
    return Table(("Category", "Amount"), tuple(rows), frozenset({1}))


def rates(project: Project) -> tuple[Safe, ...]:
    """'1 CZK = EUR 0.04', one per agreed exchange rate."""
    return tuple(Safe("1 {code} = {currency} {rate}").format(
        code=code, currency=project.structure.currency, rate=format(rate.normalize(), "f"))
        for code, rate in project.structure.exchange_rates.items())


def copyright_table(project: Project) -> Table:
    """Copyright ownership per co-producer."""
    rows = tuple((project.partner(pid).company, percent(share))
                 for pid, share in project.rights.copyright.items())
    return Table(("Co-Producer", "Copyright share"), rows, frozenset({1}))


@dataclass(frozen=True, slots=True)
class KeptView:
    """Territories one co-producer keeps, and what happens to their receipts."""

    company: str
    countries: Safe
    sentence: Safe


def kept_territories(project: Project) -> tuple[KeptView, ...]:
    """Each co-producer's kept territories, with a sentence on their receipts."""
    views = []
    for kept in project.rights.territories:
        company = project.partner(kept.partner).company
        countries = safe_join(country_in_text(code) for code in kept.countries)
        if kept.common_pot_above is None:
            sentence = Safe("{company} keeps all receipts from {countries}.").format(
                company=company, countries=countries)
        else:
            sentence = Safe("{company} keeps receipts from {countries} up to {cap}; receipts above that "
                            "amount are paid into the Collection Account.").format(
                company=company, countries=countries, cap=money(base(project, kept.common_pot_above)))
        views.append(KeptView(company, countries, sentence))
    return tuple(views)


def rights_table(project: Project, *, rationale: bool = True) -> Table:
    """Who exploits the film where (Schedule: rights by territory).

    *rationale* adds each split's market rationale: fine in the term sheet, which is for negotiation, but
    never in the agreement's binding schedule (the agreement carries it as drafting notes).
    """
    rows: list[tuple[Cell, ...]] = []
    for kept in project.rights.territories:
        cap = "all receipts kept" if kept.common_pot_above is None else \
            Safe("kept up to {cap}, the excess to the Collection Account").format(
                cap=figures(base(project, kept.common_pot_above)))
        rows.append((safe_join(country_name(code) for code in kept.countries),
                     project.partner(kept.partner).company, cap, kept.market_rationale or "—"))
    sales = project.rights.world_sales
    if sales is not None:
        where = Safe("Rest of the world") if sales.territories == "rest_of_world" else \
            safe_join(country_name(code) for code in sales.territories)
        rows.append((where, sales.agent, "through the Collection Account" if project.recoupment.
                     collection_account else "through the Delegate Producer", "—"))
    if not rows:
        rows.append(("Worldwide", "all the Co-Producers jointly", "as the Co-Producers agree", "—"))
    if not rationale:
        return Table(("Territories", "Exploited by", "Receipts"), tuple(row[:3] for row in rows))
    return Table(("Territories", "Exploited by", "Receipts", "Rationale"), tuple(rows))


@dataclass(frozen=True, slots=True)
class SalesView:
    """The world-sales agent and its terms."""

    agent: str
    territories: Safe
    commission: Decimal
    expense_cap: Money
    term_years: int
    minimum_guarantee: Money | None


def sales_view(project: Project) -> SalesView | None:
    """The sales agent's terms, if one is attached."""
    sales = project.rights.world_sales
    if sales is None:
        return None
    where = Safe("all territories not kept by a Co-Producer") if sales.territories == "rest_of_world" \
        else safe_join(country_name(code) for code in sales.territories)
    mg = None if sales.minimum_guarantee is None else base(project, sales.minimum_guarantee)
    return SalesView(sales.agent, where, sales.commission, base(project, sales.expense_cap),
                     sales.term_years, mg)


def payee_name(project: Project, payee: str) -> str:
    """A waterfall payee in words: the CAM, the sales agent, a partner, a financier or a participant."""
    if payee == "cam":
        account = project.recoupment.collection_account
        return account.manager if account else "the collection account manager"
    if payee == "sales_agent":
        sales = project.rights.world_sales
        return sales.agent if sales else "the sales agent"
    for partner in project.partners:
        if partner.id == payee:
            return partner.company
    for line in project.financing:
        if line.id == payee:
            return f"{line.source} ({FINANCE_TYPES[line.type.value].lower()})"
    for participant in project.recoupment.participants:
        if participant.id == payee:
            return f"{participant.name} ({participant.role})"
    return payee


@dataclass(frozen=True, slots=True)
class ApprovalRow:
    """One decision and who approves it."""

    decision: str
    approvers: Safe


def approvals(project: Project) -> tuple[ApprovalRow, ...]:
    """Who approves each key decision."""
    given = project.control.approvals
    rows = [
        ApprovalRow("the final shooting script", party_names(project, given.script)),
        ApprovalRow("the choice of director", party_names(project, given.director)),
        ApprovalRow("the lead cast", party_names(project, given.lead_cast)),
        ApprovalRow("the heads of department", party_names(project, given.heads_of_department)),
        ApprovalRow("the final cut", party_names(project, given.final_cut)),
        ApprovalRow(f"any change to the Budget above {percent(given.budget_changes.threshold_percent)} of "
                    "its total", party_names(project, given.budget_changes.approvers)),
    ]
    return tuple(rows)


def approvals_table(project: Project) -> Table:
    """The approvals as a table."""
    rows = tuple((row.decision, row.approvers) for row in approvals(project))
    return Table(("Decision", "Approved by"), rows)


def delivery_table(project: Project) -> Table:
    """Delivery items, by due date."""
    items = sorted(project.delivery, key=lambda item: (item.due, item.partner))
    rows = tuple((date(item.due), project.partner(item.partner).company, item.item) for item in items)
    return Table(("Due", "Delivered by", "Item"), rows)
