"""``coprod compare PROJECT --against REV|FILE``: redlines of every document against an earlier draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The project, the earlier draft, the output folder and an optional clause library."""
    parser.add_argument("project", metavar="PROJECT", help="project folder or its project.yaml")
    parser.add_argument("--against", metavar="REV|FILE", required=True,
                        help="the earlier draft: a git revision (commit, branch, tag) of the project, or an "
                             "earlier project file (such as one kept by build --keep-drafts)")
    parser.add_argument("--out", metavar="DIR", type=Path,
                        help="where to write the redlines (default: build/<slug>/redlines)")
    parser.add_argument("--templates", metavar="DIR", type=Path,
                        help="a clause library to use instead of coprod's own")


def run(args: argparse.Namespace) -> int:
    """Compare, write the redlines, and print what was written and what changed."""
    from coprod.compare.run import compare, documents_changed
    from coprod.loading.discover import find_projects

    project_file = find_projects([args.project], Path.cwd())[0]
    out = args.out or Path("build") / project_file.resolve().parent.name / "redlines"
    comparison = compare(project_file, args.against, out, templates=args.templates)
    write = sys.stdout.write
    if comparison.identical:
        write(f"The drafts are identical ({comparison.newer} and {comparison.older}): the redlines show "
              "no change.\n")
    else:
        changed = documents_changed(comparison)
        write(f"{len(comparison.deal)} change(s) in the deal, {len(changed)} of "
              f"{len(comparison.documents)} documents changed ({comparison.newer} against "
              f"{comparison.older}).\n")
        for change in comparison.deal:
            write(f"  {change}\n")
    write(f"Wrote {len(comparison.written)} files to {out}: start with {out / 'changes.md'}\n")
    return 0
