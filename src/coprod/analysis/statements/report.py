"""Statements for people and for programs: a text statement per period, and a JSON document.

The JSON document's layout is in docs/statements.md; bump `JSON_FORMAT` when it changes in a way that
breaks readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from coprod.analysis.statements.compare import Difference
from coprod.analysis.statements.results import LineStatement, PeriodStatement, Statements
from coprod.analysis.waterfall.report import money, payee_names
from coprod.model.money import CENT
from coprod.model.project import Project

JSON_FORMAT = 1


def tier_label(line: LineStatement) -> str:
    """The tier as a statement names it, with the net-profit pool where there is one."""
    return f"{line.key.tier}: {line.key.pool.replace('_', ' ')}" if line.key.pool else line.key.tier


def _table(rows: Sequence[Sequence[str]], right: int) -> list[str]:
    """Rows as aligned text columns; columns from *right* on are right-aligned (amounts)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.rjust(widths[i]) if i >= right else cell.ljust(widths[i])
                      for i, cell in enumerate(row)).rstrip() for row in rows]


def format_period(project: Project, period: PeriodStatement, currency: str) -> list[str]:
    """One period's statement as text lines."""
    names = payee_names(project)
    span = period.span
    out = [f"{span.label} ({span.start.isoformat()} to {span.end.isoformat()}), {currency}",
           f"  receipts: gross {money(period.gross)}, withholding tax "
           f"{money(period.gross - period.net)}, net {money(period.net)}; reserve held "
           f"{money(period.reserve_held)}, released {money(period.reserve_released)}, balance "
           f"{money(period.reserve_balance)}; paid out {money(period.distributed)}"]
    rows = [("tier", "payee", "entitled to date", "paid now", "paid to date", "carried", "ahead")]
    rows += [(tier_label(line), f"{names.get(line.key.payee, line.key.payee)} ({line.key.payee})",
              money(line.entitled), money(line.paid), money(line.paid_to_date), money(line.carried),
              money(line.ahead)) for line in period.lines if line.entitled or line.paid_to_date]
    out += ["  " + row for row in _table(rows, 2)]
    if period.positions:
        held = [("finance line", "invested", "premium", "recouped to date", "per cent")]
        held += [(position.line_id, money(position.invested), money(position.premium.quantize(CENT)),
                  money(position.recouped), f"{position.percent}%") for position in period.positions]
        out += ["  " + row for row in _table(held, 1)]
    return out


def format_text(project: Project, statements: Statements, differences: Sequence[Difference] | None) -> str:
    """Every period's statement, then the differences with the manager's statement if one was given."""
    if not statements.periods:
        return "No statement: the ledger has no rows.\n"
    out: list[str] = [f"{project.film.title}: collection account statements"]
    for period in statements.periods:
        out += ["", *format_period(project, period, statements.currency)]
    if differences is not None:
        out += ["", "Compared with the manager's statement:"]
        out += [f"  {difference}" for difference in differences] or ["  every line agrees with the deal"]
    return "\n".join(out) + "\n"


def _amount(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _period_json(period: PeriodStatement) -> dict[str, Any]:
    return {
        "label": period.span.label, "start": period.span.start.isoformat(),
        "end": period.span.end.isoformat(),
        "receipts": [{"payer": group.payer, "territory": group.territory, "medium": group.medium,
                      "kept_by": group.kept_by, "gross": _amount(group.gross),
                      "withholding": _amount(group.withholding), "net": _amount(group.net)}
                     for group in period.receipts],
        "costs": [{"date": cost.date, "kind": cost.kind, "tier": cost.tier, "amount": _amount(cost.amount),
                   "reference": cost.reference} for cost in period.costs],
        "gross": _amount(period.gross), "net": _amount(period.net),
        "reserve": {"held": _amount(period.reserve_held), "released": _amount(period.reserve_released),
                    "balance": _amount(period.reserve_balance)},
        "paid_out": _amount(period.distributed),
        "withholding_by_party": {party: _amount(amount)
                                 for party, amount in sorted(period.withholding.items())},
        "lines": [{"tier": line.key.tier, "tier_index": line.key.tier_index, "kind": line.key.kind,
                   "payee": line.key.payee, "pool": line.key.pool, "entitled_to_date": _amount(line.entitled),
                   "paid": _amount(line.paid), "paid_to_date": _amount(line.paid_to_date),
                   "carried": _amount(line.carried), "ahead": _amount(line.ahead)} for line in period.lines],
        "positions": [{"line": position.line_id, "partner": position.partner,
                       "invested": _amount(position.invested), "premium": _amount(position.premium),
                       "recouped_to_date": _amount(position.recouped), "percent": str(position.percent)}
                      for position in period.positions],
    }


def report_json(slug: str, statements: Statements, differences: Sequence[Difference] | None
                ) -> dict[str, Any]:
    """The statements as a JSON-ready document (docs/statements.md, "JSON")."""
    document: dict[str, Any] = {"format": JSON_FORMAT, "project": slug, "currency": statements.currency,
                                "periods": [_period_json(period) for period in statements.periods]}
    if differences is not None:
        document["differences"] = [difference.to_json() for difference in differences]
    return document
