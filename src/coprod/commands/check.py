"""``coprod check [PROJECT ...]``: validate project files, analyse the deals, report every finding.

For each project: load it (`coprod.loading.load_project`), then `review` it: the deal analysis
(`coprod.analysis.analyse`) with the built-in frameworks and the user's own (a ``frameworks/`` folder next
to ``projects/``, or ``--frameworks-dir``). The report's wording lives in `coprod.commands.check_report`.

Exit status: 0 when no project has errors; 1 when a project has errors (or warnings, with ``--strict``);
2 when a file is invalid or unreadable (as for bad input everywhere in coprod).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coprod.errors import InputError, Problem
from coprod.location import SourceLocation

if TYPE_CHECKING:
    from coprod.analysis.eligibility.catalog import FrameworkCatalog
    from coprod.commands.check_report import ProjectCheck
    from coprod.loading import LoadedProject


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """PROJECT folders or files, and ``--json``."""
    parser.add_argument("projects", nargs="*", metavar="PROJECT",
                        help="a project folder or its project.yaml (default: every project under projects/)")
    parser.add_argument("--json", action="store_true", help="print one JSON report on standard output "
                        "(schema: docs/check-json.md)")
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    parser.add_argument("--rules", action="store_true", help="list every eligibility rule and its outcome")
    parser.add_argument("--frameworks-dir", action="append", type=Path, default=[], metavar="DIR",
                        help="also read framework files from DIR (besides frameworks/ next to projects/)")
    parser.add_argument("--frameworks", action="store_true",
                        help="list the frameworks a project can name, then exit")


def run(args: argparse.Namespace) -> int:
    """Check every project named (or every project), print the reports, return the worst exit status."""
    from coprod.commands.check_report import document, format_frameworks, format_totals
    from coprod.loading.discover import find_projects
    from coprod.loading.frameworks import USER_FOLDER, load_catalog

    if args.frameworks:
        sys.stdout.write(format_frameworks(load_catalog([Path.cwd() / USER_FOLDER, *args.frameworks_dir])))
        return 0
    checks = [check_file(path, args.frameworks_dir) for path in find_projects(args.projects, Path.cwd())]
    if args.json:
        json.dump(document(checks, strict=args.strict), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for check in checks:
            _print(check, args)
        if len(checks) > 1:
            sys.stdout.write(format_totals(checks, strict=args.strict))
    return max(check.exit_code(args.strict) for check in checks)


def check_file(path: Path, framework_dirs: list[Path] | None = None) -> ProjectCheck:
    """Load the project file at *path* and review it."""
    from coprod.commands.check_report import ProjectCheck
    from coprod.loading import load_project
    from coprod.loading.frameworks import catalog_for
    from coprod.loading.portable import check_folder_name, shown
    from coprod.loading.project import shown_path

    refused = check_folder_name(path)
    if refused is not None:
        location = SourceLocation(Path(shown(shown_path(path))), 1, 1)
        return ProjectCheck(location.file, shown(path.parent.name), problems=(Problem(location, refused),))
    try:
        loaded = load_project(path)
    except InputError as error:
        return ProjectCheck(shown_path(path), path.resolve().parent.name, problems=error.problems)
    return review(loaded, catalog_for(loaded.path, framework_dirs or []))


def review(loaded: LoadedProject, catalog: FrameworkCatalog) -> ProjectCheck:
    """Analyse a valid project; a framework id the catalog lacks is a problem at ``structure.framework``."""
    from coprod.analysis.eligibility.verdict import UnknownFrameworkError
    from coprod.commands.check_report import ProjectCheck, analysed

    try:
        return analysed(loaded, catalog)
    except UnknownFrameworkError as error:
        problem = Problem(loaded.source_map.locate(error.path), str(error))
        return ProjectCheck(loaded.source_map.file, loaded.slug, problems=(problem,))


def _print(check: ProjectCheck, args: argparse.Namespace) -> None:
    from coprod.commands.check_report import format_text

    if check.analysis is None:  # invalid: problems on standard error, as for bad input everywhere
        for problem in check.problems:
            print(problem, file=sys.stderr)
        print(f"{check.path}: invalid")
        return
    sys.stdout.write(format_text(check, strict=args.strict, rules=args.rules))
