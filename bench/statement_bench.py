"""Statement benchmark: ten years of monthly statements from a 20,000-line ledger, against a baseline.

Run: ``.venv/bin/python bench/statement_bench.py``. Prints seconds and ratios, never asserts: timings
live here, not in the test suite.

- baseline: one lump-sum ``run_waterfall`` per period, at that period's cumulative receipts (what the
  period engine cannot do with less: it runs the engine once per period end);
- statements: ``run_statements`` over the same ledger (reading nothing from disk): receipts to date, the
  engine per period, the carry-forward allocation and the exact-to-cents rounding;
- an added month: the statement documents rendered for 119 months, then for 120; the periods whose
  Markdown changed are counted (the build rebuilds exactly those: their input hash is their content's).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path

from coprod.analysis.statements import run_statements
from coprod.analysis.waterfall import Receipts, run_waterfall
from coprod.loading.project import load_project
from coprod.model.accounting import Accounting, Period
from coprod.model.ledger import Ledger, LedgerEntry
from coprod.model.project import Project
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.statement_documents import render_statements
from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
ROWS = 20_000
MONTHS = 120
START = dt.date(2028, 1, 1)
TERRITORIES = (("US", "svod"), ("FR", "theatrical"), ("DE", "free_tv"), ("JP", "tvod"), ("GB", "pay_tv"))


def _project() -> Project:
    project = load_project(ROOT / "projects" / "the-salt-road" / "project.yaml").project
    accounting = Accounting.model_validate({"period": "month", "statements_from": START.isoformat(),
                                            "reserve": {"percent": 5, "periods": 2}})
    return project.model_copy(update={"accounting": accounting})


def _ledger(months: int) -> Ledger:
    rng = random.Random(11)
    entries = []
    for number in range(ROWS):
        month = number * MONTHS // ROWS
        if month >= months:
            break
        day = dt.date(START.year + month // 12, month % 12 + 1, 1 + rng.randrange(28))
        territory, medium = TERRITORIES[rng.randrange(len(TERRITORIES))]
        kept = {"kept_by": "aurora", "territory": "IT"} if number % 9 == 0 else {"territory": territory}
        entries.append(LedgerEntry.model_validate({
            "date": day.isoformat(), "payer": f"Payer {number % 37}", "medium": medium, "currency": "EUR",
            "amount": f"{rng.randrange(1, 5_000_00) / 100:.2f}", "reference": f"R{number}", **kept}))
    return Ledger("bench.csv", tuple(entries), tuple(range(2, 2 + len(entries))), tuple({} for _ in entries))


def _baseline(project: Project, ledger: Ledger) -> None:
    """One lump-sum waterfall per month, at the month's cumulative receipts."""
    ordered = sorted(ledger.entries, key=lambda entry: entry.date)
    collection, kept, position = Decimal(0), Decimal(0), 0
    for month in range(MONTHS):
        end = dt.date(START.year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        while position < len(ordered) and ordered[position].date < end:
            entry = ordered[position]
            if entry.kept_by:
                kept += entry.amount
            else:
                collection += entry.amount
            position += 1
        run_waterfall(project, Receipts(collection, {"aurora": kept}))


def main() -> int:
    """Time both runs and count the statements an added month changes."""
    project = _project()
    ledger = _ledger(MONTHS)
    statements = run_statements(project, ledger, period=Period.MONTH)
    print(f"ledger: {len(ledger.entries)} rows, {len(statements.periods)} monthly statements")
    base = median_seconds(lambda: _baseline(project, ledger), 3)
    full = median_seconds(lambda: run_statements(project, ledger, period=Period.MONTH), 3)
    print(f"baseline, one lump-sum waterfall per month: {base:.3f} s")
    print(f"statements, all {MONTHS} months:              {full:.3f} s  ratio {full / base:.2f}x")
    renderer = DocumentRenderer()
    before = {doc.relpath: doc.markdown for doc in render_statements(
        renderer, project, run_statements(project, _ledger(MONTHS - 1), period=Period.MONTH))}
    after = {doc.relpath: doc.markdown for doc in render_statements(renderer, project, statements)}
    periods = [path for path in after if path.count("/") == 1 and path != "statements/statements.csv"]
    changed = sorted(path for path in periods if before.get(path) != after[path])
    print(f"an added month: {len(changed)} of {len(periods)} period statements change: {', '.join(changed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
