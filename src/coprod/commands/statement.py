"""``coprod statement PROJECT``: collection account statements from the project's receipts ledger."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from coprod.errors import UsageError

PERIODS = ("month", "quarter", "half")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The project, the period, the last day, the manager's statement to check, and --json."""
    parser.add_argument("project", metavar="PROJECT", help="project folder or its project.yaml")
    parser.add_argument("--period", choices=PERIODS,
                        help="statement period (default: the deal's, or quarter)")
    parser.add_argument("--to", metavar="DATE", help="last day to state, YYYY-MM-DD (default: the ledger's "
                                                     "last row)")
    parser.add_argument("--compare", metavar="MANAGER.csv", type=Path,
                        help="a manager's statement (period,payee,amount) to check against the deal")
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/statements.md)")


def parse_date(text: str, option: str) -> dt.date:
    """A command-line date written YYYY-MM-DD; UsageError otherwise."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"{option}: expected a date written YYYY-MM-DD such as 2029-06-30, found '{text}'")


def run(args: argparse.Namespace) -> int:
    """Load project and ledger, run the statements, print them; 1 if the manager's statement differs."""
    from coprod.analysis.statements import first_day, run_statements
    from coprod.analysis.statements.compare import compare
    from coprod.analysis.statements.report import format_text, report_json
    from coprod.loading.discover import find_projects
    from coprod.loading.ledger import find_ledger, load_ledger
    from coprod.loading.manager import load_manager
    from coprod.loading.project import load_project, shown_path
    from coprod.model.accounting import Period

    to = parse_date(args.to, "--to") if args.to else None
    loaded = load_project(find_projects([args.project], Path.cwd())[0])
    ledger_path = find_ledger(loaded.path)
    if ledger_path is None:
        folder = shown_path(loaded.path.parent)
        raise UsageError(f"expected a receipts ledger, {folder / 'receipts.csv'} (or receipts.yaml), found "
                         "none; docs/statements.md describes its columns")
    ledger = load_ledger(ledger_path, loaded.project)
    start = first_day(loaded.project, ledger)
    if to is not None and start is not None and to < start:
        raise UsageError(f"--to: expected a date on or after {start.isoformat()}, the first day statements "
                         f"cover, found {to.isoformat()}")
    statements = run_statements(loaded.project, ledger, period=Period(args.period) if args.period else None,
                                to=to)
    differences = None
    if args.compare is not None:
        manager = load_manager(args.compare, [p.span.label for p in statements.periods],
                               {p.span.end.isoformat() for p in statements.periods}, set(statements.payees()))
        differences = compare(statements, manager)
    if args.json:
        json.dump(report_json(loaded.slug, statements, differences), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(loaded.project, statements, differences))
    return 1 if differences else 0
