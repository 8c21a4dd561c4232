"""The waterfall for people and for programs: a text table per scenario, and a JSON document.

The JSON document's schema is in docs/waterfall-json.md; bump `JSON_FORMAT` when it changes in a way
that breaks readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from coprod.analysis.waterfall.plan import Pool, compile_plan
from coprod.analysis.waterfall.results import BreakEven, Payment, WaterfallResult
from coprod.analysis.waterfall.terms import terms_json
from coprod.model.money import CENT
from coprod.model.project import Project

JSON_FORMAT = 2

_POOLS = {
    Pool.TALENT_OFF_TOP: "talent, off the top",
    Pool.FINANCIERS: "financiers' pool",
    Pool.TALENT_FROM_PRODUCERS: "talent, from the producers' pool",
    Pool.PRODUCERS: "producers' pool",
    Pool.RECOUPED_FROM_SHARE: "recouped from its co-producer's share",
}


def exact_text(value: Decimal) -> str:
    """An exact amount as a plain decimal string with at least two decimals ("96000.00", "0.125")."""
    if value == value.quantize(CENT):
        return str(value.quantize(CENT))
    return format(value.normalize(), "f")


def money(value: Decimal) -> str:
    """An amount for the table: thousands separated, two decimals (or exact, if it has more)."""
    if value == value.quantize(CENT):
        return f"{value:,.2f}"
    return f"{value.normalize():,f}"


def payee_names(project: Project) -> dict[str, str]:
    """Who every possible payee is, in words: a company, a finance source or a participant's name."""
    names: dict[str, str] = {partner.id: partner.company for partner in project.partners}
    names.update({line.id: line.source for line in project.financing})
    names.update({person.id: person.name for person in project.recoupment.participants})
    if project.recoupment.collection_account is not None:
        names["cam"] = project.recoupment.collection_account.manager
    if project.rights.world_sales is not None:
        names["sales_agent"] = project.rights.world_sales.agent
    return names


def _label(names: dict[str, str], payee: str) -> str:
    return f"{names.get(payee, payee)} ({payee})"


def _tier_label(payment: Payment) -> str:
    if payment.pool is None:
        return payment.tier
    return f"{payment.tier}: {_POOLS[payment.pool]}"


def _table(rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(width) if column in right else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return lines


def format_scenario(project: Project, result: WaterfallResult) -> str:
    """One scenario as a table: tier by tier, payee by payee, and what is left after each tier."""
    currency = result.currency
    heading = (f"{project.film.title}: {currency} {money(result.receipts.collection)} "
               "into the collection account")
    kept = [f"{partner} {money(amount)}" for partner, amount in result.receipts.kept.items()]
    lines = [heading]
    if kept:
        lines.append(f"Kept territories: {', '.join(kept)}; the pot is {currency} {money(result.pot)}")
    names = payee_names(project)
    names["unallocated"] = "Unallocated"
    rows: list[list[str]] = [["#", "Tier", "Payee", "Paid", "Left after tier"]]
    last_line = {payment.tier_index: position for position, payment in enumerate(result.payments)}
    for position, payment in enumerate(result.payments):
        number = "-" if payment.tier_index is None else str(payment.tier_index + 1)
        left = ""
        if payment.tier_index is not None and last_line[payment.tier_index] == position:
            left = money(result.tiers[payment.tier_index].left)
        rows.append([number, _tier_label(payment), _label(names, payment.payee),
                     money(payment.amount), left])
    rows.append(["", "Total paid", "", money(result.total_paid), ""])
    lines.extend(_table(rows, right={3, 4}))
    lines.append("")
    totals = [["Payee", "Paid in all"]] + [[_label(names, payee), money(amount)]
                                          for payee, amount in payee_totals(result).items()]
    lines.extend(_table(totals, right={1}))
    return "\n".join(lines)


def payee_totals(result: WaterfallResult) -> dict[str, Decimal]:
    """Each payee's rounded lines added up, in order of first appearance."""
    totals: dict[str, Decimal] = {}
    for payment in result.payments:
        totals[payment.payee] = totals.get(payment.payee, Decimal(0)) + payment.amount
    return totals


def format_break_even(project: Project, break_even: BreakEven) -> str:
    """Break-even of every recouping finance line, and where net profits begin."""
    currency = break_even.currency
    lines = [f"Break-even ({currency} into the collection account, with nothing from kept territories)"]
    names = payee_names(project)
    names["unallocated"] = "Unallocated"
    rows: list[list[str]] = [["Finance line", "Partner", "Owed in full", "Recouped in full at"]]
    for party in break_even.parties:
        at = "never" if party.receipts is None else money(party.receipts)
        rows.append([_label(names, party.line), party.partner,
                     money(party.entitlement), at])
    if break_even.parties:
        lines.extend(_table(rows, right={2, 3}))
    else:
        lines.append("No finance line is recouped by this waterfall.")
    def when(value: Decimal | None) -> str:
        return "never" if value is None else f"at {currency} {money(value)}"

    if break_even.unallocated:
        first = when(break_even.net_profits_from)
        lines.append(f"No net-profit split: money is first left unallocated {first}")
        lines.append(f"Every tier is paid in full {when(break_even.tiers_paid_from)}")
    else:
        lines.append(f"The net-profit split first receives money {when(break_even.net_profits_from)}")
        lines.append(f"Every tier above the split is paid in full {when(break_even.tiers_paid_from)}")
    return "\n".join(lines)


def format_report(project: Project, results: Sequence[WaterfallResult], break_even: BreakEven) -> str:
    """Every scenario's table, then the break-even points."""
    return "\n\n".join([*(format_scenario(project, result) for result in results),
                        format_break_even(project, break_even)]) + "\n"


def _amount(value: Decimal) -> str:
    return str(value.quantize(CENT))


def scenario_json(project: Project, result: WaterfallResult) -> dict[str, Any]:
    """One scenario as JSON-ready data (docs/waterfall-json.md)."""
    keepers = dict.fromkeys(kept.partner for kept in project.rights.territories)
    return {
        "receipts": {
            "collection_account": _amount(result.receipts.collection),
            "kept_territories": {partner: _amount(result.receipts.kept.get(partner, Decimal(0)))
                                 for partner in keepers},
            "total": _amount(result.receipts.total),
        },
        "pot": _amount(result.pot),
        "payments": [{"tier": payment.tier, "tier_index": payment.tier_index, "kind": payment.kind,
                      "pool": None if payment.pool is None else payment.pool.value, "payee": payment.payee,
                      "amount": _amount(payment.amount)} for payment in result.payments],
        "tiers": [{"index": tier.index, "tier": tier.name, "kind": tier.kind,
                   "reaches": _amount(tier.reaches), "paid": _amount(tier.paid), "left": _amount(tier.left)}
                  for tier in result.tiers],
        "totals": {payee: _amount(amount) for payee, amount in payee_totals(result).items()},
    }


def report_json(slug: str, project: Project, results: Sequence[WaterfallResult],
                break_even: BreakEven) -> dict[str, Any]:
    """The whole ``coprod waterfall --json`` document."""
    return {
        "format": JSON_FORMAT,
        "project": slug,
        "title": project.film.title,
        "currency": project.structure.currency,
        "scenarios": [scenario_json(project, result) for result in results],
        "break_even": {
            "parties": [{"line": party.line, "partner": party.partner,
                         "entitlement": exact_text(party.entitlement),
                         "receipts": None if party.receipts is None else _amount(party.receipts)}
                        for party in break_even.parties],
            "net_profits_from": _maybe(break_even.net_profits_from),
            "split_first_receives_money_at": _maybe(break_even.net_profits_from),
            "tiers_above_split_paid_in_full_at": _maybe(break_even.tiers_paid_from),
            "unallocated": break_even.unallocated,
        },
        "terms": terms_json(project, compile_plan(project)),
    }


def _maybe(value: Decimal | None) -> str | None:
    return None if value is None else _amount(value)
