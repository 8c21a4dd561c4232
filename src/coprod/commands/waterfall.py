"""``coprod waterfall PROJECT --receipts AMOUNT ...``: who is paid what, and when each financier recoups."""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

from coprod.errors import UsageError

_AMOUNT = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
_EXAMPLE = "such as 1500000 or 1500000.50"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The project, the receipt levels, optional kept-territory receipts, and --json."""
    parser.add_argument("project", metavar="PROJECT", help="project folder or its project.yaml")
    parser.add_argument("--receipts", metavar="AMOUNT", nargs="+", required=True,
                        help="receipts into the collection account, base currency; one scenario each")
    parser.add_argument("--kept", metavar="PARTNER=AMOUNT[,AMOUNT...]", action="append", default=[],
                        help="receipts from PARTNER's kept territories: one amount for every scenario, or "
                             "one per scenario separated by commas (repeatable, one partner each)")
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/waterfall-json.md)")


def parse_amount(text: str, option: str) -> Decimal:
    """A command-line amount: digits with at most two decimals; UsageError otherwise."""
    if not _AMOUNT.fullmatch(text):
        raise UsageError(f"{option}: expected an amount {_EXAMPLE}, found '{text}'")
    return Decimal(text)


def parse_kept(items: list[str], scenarios: int) -> list[dict[str, Decimal]]:
    """``--kept`` options as one mapping per scenario; UsageError for a malformed or repeated one.

    ``PARTNER=AMOUNT`` gives the same amount to every scenario; ``PARTNER=A1,A2,...`` one per scenario.
    """
    kept: list[dict[str, Decimal]] = [{} for _ in range(scenarios)]
    for item in items:
        partner, sep, text = item.partition("=")
        if not sep or not partner:
            raise UsageError(f"--kept: expected PARTNER=AMOUNT such as aurora=250000, found '{item}'")
        if partner in kept[0]:
            raise UsageError(f"--kept: expected each partner once, found '{partner}' twice")
        amounts = [parse_amount(amount, f"--kept {partner}") for amount in text.split(",")]
        if len(amounts) not in (1, scenarios):
            raise UsageError(f"--kept {partner}: expected one amount, or one per scenario ({scenarios}), "
                             f"found {len(amounts)}")
        for index, per_scenario in enumerate(kept):
            per_scenario[partner] = amounts[index if len(amounts) > 1 else 0]
    return kept


def run(args: argparse.Namespace) -> int:
    """Load the project, run every scenario and the break-even search, print a table or JSON."""
    from coprod.analysis.waterfall import Receipts, break_even, scenarios
    from coprod.analysis.waterfall.report import format_report, report_json
    from coprod.loading.discover import find_projects
    from coprod.loading.project import load_project

    levels = [parse_amount(text, "--receipts") for text in args.receipts]
    kept = parse_kept(args.kept, len(levels))
    paths = find_projects([args.project], Path.cwd())
    loaded = load_project(paths[0])
    project = loaded.project
    keeping = {entry.partner for entry in project.rights.territories}
    for partner in kept[0]:
        if partner not in keeping:
            keepers = ", ".join(sorted(keeping)) or "none"
            raise UsageError(f"--kept: expected a partner that keeps territories ({keepers}), "
                             f"found '{partner}'")
    results = scenarios(project, [Receipts(level, own) for level, own in zip(levels, kept, strict=True)])
    points = break_even(project)
    if args.json:
        document = report_json(loaded.slug, project, results, points)
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_report(project, results, points))
    return 0
