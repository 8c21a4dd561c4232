"""``coprod check [PROJECT ...]``: validate project files and report every problem.

For each project: load it (`coprod.loading.load_project`), then `review` it. This first version reviews
nothing beyond the file itself; the deal analysis plugs into `review`, which returns the problems found
and whether they make the check fail.

Exit status: 0 when every project is valid, 2 when a file is invalid or unreadable (as for bad input
everywhere in coprod).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod.errors import InputError, Problem

if TYPE_CHECKING:
    from coprod.loading import LoadedProject


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """PROJECT folders or files, and ``--json``."""
    parser.add_argument("projects", nargs="*", metavar="PROJECT",
                        help="a project folder or its project.yaml (default: every project under projects/)")
    parser.add_argument("--json", action="store_true", help="print one JSON report on standard output")


@dataclass
class Report:
    """What checking one project file found."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""
    exit_code: int = 0


def run(args: argparse.Namespace) -> int:
    """Check every project named (or every project), print the reports, return the worst exit status."""
    from coprod.loading.discover import find_projects

    reports = [check_file(path) for path in find_projects(args.projects, Path.cwd())]
    if args.json:
        json.dump({"projects": [_as_json(report) for report in reports]}, sys.stdout, indent=2,
                  ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for report in reports:
            _print(report)
    return max(report.exit_code for report in reports)


def check_file(path: Path) -> Report:
    """Load the project file at *path* and review it."""
    from coprod.loading import load_project
    from coprod.loading.project import shown_path

    try:
        loaded = load_project(path)
    except InputError as error:
        return Report(shown_path(path), list(error.problems), "invalid", InputError.exit_code)
    return review(loaded)


def review(loaded: LoadedProject) -> Report:
    """Review a valid project. The place where the deal analysis plugs in (its findings become problems)."""
    project = loaded.project
    structure = project.structure
    kind = f"official, {structure.framework}" if structure.kind == "official" else "creative"
    return Report(loaded.source_map.file, [], f"valid ({project.film.title}; {kind})")


def _print(report: Report) -> None:
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"{report.path}: {report.summary}")


def _as_json(report: Report) -> dict[str, Any]:
    return {
        "path": str(report.path),
        "valid": report.exit_code == 0,
        "summary": report.summary,
        "problems": [
            {"file": str(p.location.file), "line": p.location.line, "column": p.location.column,
             "field": _field(p), "message": p.message}
            for p in report.problems
        ],
    }


def _field(problem: Problem) -> str:
    from coprod.location import format_path

    return format_path(problem.location.field_path)
