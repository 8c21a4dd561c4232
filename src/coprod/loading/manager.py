"""Read a collection account manager's statement to check it: ``period,payee,amount`` rows, CSV.

The layout (docs/statements.md, "Checking the manager"): a header row naming the columns ``period``,
``payee`` and ``amount``, and optionally ``tier``; one row per payment. ``period`` is a statement period
as coprod names it (``2028-Q1``, ``2028-H2``, ``2028-03``) or its last day (``2028-03-31``); ``amount``
is what the manager paid the payee that period, base currency, at most two decimals. Errors are located
like the ledger's.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from decimal import Decimal
from pathlib import Path

from coprod.errors import InputError, Problem
from coprod.loading.ledger import MAX_LEDGER_BYTES, MAX_ROWS, cell_starts
from coprod.loading.project import shown_path
from coprod.loading.reading import read_text
from coprod.location import SourceLocation
from coprod.model.ledger import ManagerLine

REQUIRED = ("period", "payee", "amount")
OPTIONAL = ("tier",)
_AMOUNT = re.compile(r"-?[0-9]+(\.[0-9]{1,2})?")


def load_manager(path: Path, labels: Sequence[str], ends: Collection[str],
                 payees: Collection[str]) -> list[ManagerLine]:
    """The manager's lines; InputError listing every bad cell, located, if any.

    Args:
        path: The manager's CSV file.
        labels: The statements' periods, in order (``2028-Q1``, ...).
        ends: The last day of each period, which may stand for it.
        payees: Every payee the deal knows.
    """
    shown = shown_path(path)
    text = read_text(path, shown, limit=MAX_LEDGER_BYTES, what="manager's statement")
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise InputError([Problem(SourceLocation(shown, 1, 1),
                                  "expected a header row (period, payee, amount), found an empty file")])
    header = [name.strip() for name in rows[0]]
    problems = [Problem(SourceLocation(shown, 1, 1), f"expected the column '{name}' in the header, found "
                                                     f"{', '.join(header) or 'none'}")
                for name in REQUIRED if name not in header]
    problems += [Problem(SourceLocation(shown, 1, cell_starts(text.splitlines()[0])[i]),
                         f"expected a column of {', '.join(REQUIRED + OPTIONAL)}, found '{name}'")
                 for i, name in enumerate(header) if name not in REQUIRED + OPTIONAL]
    if problems:
        raise InputError(problems)
    if len(rows) > MAX_ROWS:
        raise InputError([Problem(SourceLocation(shown, MAX_ROWS + 1, 1),
                                  f"expected at most {MAX_ROWS} rows")])
    lines: list[ManagerLine] = []
    raw = text.splitlines()
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        starts = cell_starts(raw[number - 1])
        if len(cells) != len(header):
            problems.append(Problem(SourceLocation(shown, number, 1), f"expected {len(header)} cells as the "
                                    f"header names, found {len(cells)}"))
            continue
        row = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}

        def at(name: str, row_number: int = number, cell_columns: list[int] = starts) -> SourceLocation:
            return SourceLocation(shown, row_number, cell_columns[header.index(name)], (name,))

        if row["period"] not in labels and row["period"] not in ends:
            known = f"{labels[0]} to {labels[-1]}" if labels else "none: the ledger is empty"
            problems.append(Problem(at("period"), f"expected a statement period ({known}, or a period's "
                                    f"last day), found '{row['period']}'"))
        if row["payee"] not in payees:
            problems.append(Problem(at("payee"), f"expected a payee of the waterfall "
                                    f"({', '.join(sorted(payees))}), found '{row['payee']}'"))
        if not _AMOUNT.fullmatch(row["amount"]):
            problems.append(Problem(at("amount"), "expected an amount such as 12500.50 (at most two "
                                    f"decimals, no thousands separators), found '{row['amount']}'"))
            continue
        lines.append(ManagerLine(row["period"], row["payee"], Decimal(row["amount"]),
                                 row.get("tier") or None, number))
    if problems:
        raise InputError(problems)
    return lines
