"""Helpers for the statement tests: ledgers built in memory, and deal variants with accounting terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coprod.model.ledger import Ledger, LedgerEntry
from coprod.model.project import Project
from tests.analysis.waterfall.waterfall_support import variant

ACCOUNTING = {"period": "quarter", "statements_from": "2028-01-01"}


def ledger(rows: Sequence[Mapping[str, Any]]) -> Ledger:
    """A ledger of *rows* (each a mapping of ledger fields), as if read from lines 2, 3, ..."""
    entries = tuple(LedgerEntry.model_validate(dict(row)) for row in rows)
    return Ledger("receipts.csv", entries, tuple(range(2, 2 + len(entries))), tuple({} for _ in entries))


def receipt(date: str, amount: str, **fields: Any) -> dict[str, Any]:
    """A receipt row from the US on SVOD, in EUR, unless *fields* say otherwise."""
    return {"date": date, "payer": "Platform", "territory": "US", "medium": "svod", "amount": amount,
            "currency": "EUR", "reference": f"R-{date}-{amount}", **fields}


def cost(date: str, tier: str, amount: str, kind: str = "expense") -> dict[str, Any]:
    """An expense (or deferment) row for *tier*."""
    return {"date": date, "kind": kind, "tier": tier, "amount": amount, "currency": "EUR",
            "reference": f"C-{date}-{amount}"}


def with_accounting(sections: Mapping[str, Any], **terms: Any) -> Project:
    """The Salt Road with *sections* replaced and accounting terms (quarterly from 2028-01-01 by default)."""
    return variant("the-salt-road", {**sections, "accounting": {**ACCOUNTING, **terms}})
