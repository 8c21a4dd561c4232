"""``coprod templates check``: the variables each template uses; fails on unknown ones."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``check`` action."""
    parser.add_argument("action", choices=["check"],
                        help="check: list the variables each template uses and fail on unknown ones, "
                             "bad attributes and undefined terms")


def run(args: argparse.Namespace) -> int:
    """Run the check; 0 if every template is clean, 1 otherwise."""
    from coprod.rendering.lint import TemplateLinter

    reports, problems = TemplateLinter().check()
    for report in reports:
        documents = ", ".join(sorted(report.documents))
        variables = ", ".join(sorted(report.variables)) or "(none)"
        print(f"{report.name} [{documents}]: {variables}")
    for problem in problems:
        print(f"error: {problem}")
    print(f"{len(reports)} templates checked, {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return 1 if problems else 0
