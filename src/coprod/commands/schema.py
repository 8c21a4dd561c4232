"""``coprod schema``: print the JSON Schema of the project file, for editors and validators."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the schema goes to standard output."""


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    from coprod.model.schema import project_schema

    json.dump(project_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
