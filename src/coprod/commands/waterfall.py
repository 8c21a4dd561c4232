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
    parser.add_argument("--kept", metavar="PARTNER=AMOUNT", action="append", default=[],
                        help="receipts from PARTNER's kept territories, in every scenario (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/waterfall-json.md)")


def parse_amount(text: str, option: str) -> Decimal:
    """A command-line amount: digits with at most two decimals; UsageError otherwise."""
    if not _AMOUNT.fullmatch(text):
        raise UsageError(f"{option}: expected an amount {_EXAMPLE}, found '{text}'")
    return Decimal(text)


def parse_kept(items: list[str]) -> dict[str, Decimal]:
    """``--kept PARTNER=AMOUNT`` options as a mapping; UsageError for a malformed or repeated one."""
    kept: dict[str, Decimal] = {}
    for item in items:
        partner, sep, amount = item.partition("=")
        if not sep or not partner:
            raise UsageError(f"--kept: expected PARTNER=AMOUNT such as aurora=250000, found '{item}'")
        if partner in kept:
            raise UsageError(f"--kept: expected each partner once, found '{partner}' twice")
        kept[partner] = parse_amount(amount, f"--kept {partner}")
    return kept


def run(args: argparse.Namespace) -> int:
    """Load the project, run every scenario and the break-even search, print a table or JSON."""
    from coprod.analysis.waterfall import Receipts, break_even, scenarios
    from coprod.analysis.waterfall.report import format_report, report_json
    from coprod.loading.discover import find_projects
    from coprod.loading.project import load_project

    levels = [parse_amount(text, "--receipts") for text in args.receipts]
    kept = parse_kept(args.kept)
    paths = find_projects([args.project], Path.cwd())
    loaded = load_project(paths[0])
    project = loaded.project
    keepers = ", ".join(sorted({entry.partner for entry in project.rights.territories})) or "none"
    for partner in kept:
        if partner not in {entry.partner for entry in project.rights.territories}:
            raise UsageError(f"--kept: expected a partner that keeps territories ({keepers}), "
                             f"found '{partner}'")
    results = scenarios(project, [Receipts(level, kept) for level in levels])
    points = break_even(project)
    if args.json:
        document = report_json(loaded.slug, project, results, points)
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_report(project, results, points))
    return 0
