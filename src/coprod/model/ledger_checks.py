"""Rules across the rows of a ledger and the project: each broken rule is one issue at one row and field.

Checked here: a receipt names its payer, territory and medium; a negative amount gives its reason; a
currency has a rate (the bank's on the row, or the project's fixed one); no date comes before the first
day statements cover; withholding tax names whom it is credited to; a kept-territory receipt names a
partner that keeps that territory; a cost names an expense or deferment tier of the waterfall; no row
repeats another (same date, payer or tier, amount and reference); receipts to date never fall below zero.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from coprod.model.ledger import EntryKind, Ledger, LedgerEntry, convert
from coprod.model.project import Project
from coprod.model.recoupment import DefermentTier, ExpenseTier
from coprod.model.types import plain


@dataclass(frozen=True, slots=True)
class LedgerIssue:
    """One broken rule: the entry's index in the ledger, the field it is about, and the message."""

    index: int
    field: str
    message: str


def check_ledger(project: Project, ledger: Ledger) -> list[LedgerIssue]:
    """Every issue of *ledger* against *project*, in row order."""
    issues: list[LedgerIssue] = []
    for index, entry in enumerate(ledger.entries):
        issues.extend(LedgerIssue(index, field, message) for field, message in _row_issues(project, entry))
    issues.extend(_duplicates(ledger))
    issues.extend(_never_negative(project, ledger, {issue.index for issue in issues}))
    return sorted(issues, key=lambda issue: issue.index)


def _row_issues(project: Project, entry: LedgerEntry) -> Iterator[tuple[str, str]]:
    base = project.structure.currency
    accounting = project.accounting
    if accounting is not None and entry.date < accounting.statements_from:
        yield "date", (f"expected a date on or after {accounting.statements_from.isoformat()}, the first day "
                       f"statements cover (accounting.statements_from), found {entry.date.isoformat()}")
    rates = project.structure.exchange_rates
    if entry.currency != base and entry.rate is None and entry.currency not in rates:
        yield "currency", (f"expected a currency with a rate into {base} (a rate on this row, or one in "
                           f"structure.exchange_rates), found '{entry.currency}' without one")
    if entry.amount < 0 and entry.reason is None:
        yield "amount", (f"expected a reason for the negative amount {plain(entry.amount)} (a refund, a "
                         "chargeback), found none")
    if entry.withholding and entry.credited_to is None:
        yield "credited_to", ("expected the partner or finance line the withholding tax is credited to, "
                              "found none")
    if entry.withholding and entry.withholding > abs(entry.amount):
        yield "withholding", (f"expected withholding tax of at most the amount {plain(entry.amount)}, found "
                              f"{plain(entry.withholding)}")
    if entry.credited_to is not None and not _is_party(project, entry.credited_to):
        yield "credited_to", (f"expected a partner or finance line id, found '{entry.credited_to}'")
    if entry.kind is EntryKind.RECEIPT:
        yield from _receipt_issues(project, entry)
    else:
        yield from _cost_issues(project, entry)


def _is_party(project: Project, name: str) -> bool:
    return any(p.id == name for p in project.partners) or any(f.id == name for f in project.financing)


def _receipt_issues(project: Project, entry: LedgerEntry) -> Iterator[tuple[str, str]]:
    for field in ("payer", "territory", "medium"):
        if getattr(entry, field) is None:
            yield field, f"expected the receipt's {field}, found none"
    if entry.tier is not None:
        yield "tier", f"expected no tier on a receipt (only costs name one), found '{entry.tier}'"
    if entry.kept_by is None:
        return
    kept = {rule.partner: rule.countries for rule in project.rights.territories}
    if entry.kept_by not in kept:
        keepers = ", ".join(sorted(kept)) or "none in this project"
        yield "kept_by", f"expected a partner that keeps territories ({keepers}), found '{entry.kept_by}'"
    elif entry.territory is not None and entry.territory not in kept[entry.kept_by]:
        yield "territory", (f"expected one of the territories {entry.kept_by} keeps "
                            f"({', '.join(kept[entry.kept_by])}), found '{entry.territory}'")


def _cost_issues(project: Project, entry: LedgerEntry) -> Iterator[tuple[str, str]]:
    wanted = ExpenseTier if entry.kind is EntryKind.EXPENSE else DefermentTier
    names = [tier.name for tier in project.recoupment.waterfall if isinstance(tier, wanted)]
    if entry.tier is None or entry.tier not in names:
        found = "none" if entry.tier is None else f"'{entry.tier}'"
        options = ", ".join(f"'{name}'" for name in names) or f"none: the waterfall has no {entry.kind} tier"
        yield "tier", f"expected the name of a {entry.kind} tier of the waterfall ({options}), found {found}"
    if entry.kept_by is not None:
        yield "kept_by", f"expected no kept_by on a cost, found '{entry.kept_by}'"


def _duplicates(ledger: Ledger) -> Iterator[LedgerIssue]:
    seen: dict[tuple[object, ...], int] = {}
    for index, entry in enumerate(ledger.entries):
        key = (entry.date, entry.kind, entry.payer, entry.tier, entry.amount, entry.currency, entry.reference)
        first = seen.setdefault(key, index)
        if first != index:
            yield LedgerIssue(index, "reference", f"expected each row once, found a repeat of line "
                              f"{ledger.lines[first]} (same date, {'payer' if entry.is_receipt else 'tier'}, "
                              "amount and reference); give each a distinct reference if both are real")


def _never_negative(project: Project, ledger: Ledger, broken: set[int]) -> Iterator[LedgerIssue]:
    """Receipts to date, in date order, never below zero (a refund larger than what came in before)."""
    fixed = dict(project.structure.exchange_rates)
    total = Decimal(0)
    order = sorted(range(len(ledger.entries)), key=lambda i: (ledger.entries[i].date, i))
    for index in order:
        entry = ledger.entries[index]
        if index in broken or not entry.is_receipt:
            continue
        total += convert(entry, project.structure.currency, fixed).gross
        if total < 0:
            yield LedgerIssue(index, "amount", f"expected receipts to date of at least zero, found "
                              f"{plain(total)} {project.structure.currency} after this refund")
            return
