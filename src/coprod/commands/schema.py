"""``coprod schema``: print the JSON Schema of the project file, for editors and validators.

``--markdown`` prints the reference page instead (``docs/project-file.md``), generated from the same model.
Both checked-in copies are kept equal to this output by a test; regenerate them with::

    coprod schema > docs/project.schema.json
    coprod schema --markdown > docs/project-file.md
"""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--markdown`` for the reference page; the output goes to standard output."""
    parser.add_argument("--markdown", action="store_true",
                        help="print the reference documentation of every field (Markdown) instead")


def run(args: argparse.Namespace) -> int:
    """Print the schema or the reference page."""
    if args.markdown:
        from coprod.model.reference import reference_markdown

        sys.stdout.write(reference_markdown())
        return 0
    from coprod.model.schema import project_schema

    json.dump(project_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
