"""Command line: argument parsing, dispatch and exit codes, nothing else.

Each command lives in ``coprod.commands.<name>`` with ``add_arguments(parser)`` and ``run(args) -> int``.
Only the module of the command being run is imported, so a quick command (a no-op ``build``) does not pay
for importing pydantic, Jinja and python-docx. Every `CoprodError` is printed here and mapped to its exit
code; a user's mistake never shows a traceback.

Exit status: 0 all well; 1 a check found errors or a target failed; 2 bad usage or an invalid input file.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from collections.abc import Sequence
from types import ModuleType

from coprod import __version__
from coprod.errors import CoprodError

COMMANDS: dict[str, str] = {
    "new": "write a commented project file to fill in",
    "check": "validate and analyse projects",
    "build": "build the documents of projects",
    "waterfall": "show who is paid what at given receipts",
    "statement": "collection account statements from the receipts ledger",
    "compare": "redlines of a project's documents against an earlier draft",
    "schema": "print the JSON Schema of the project file",
    "templates": "check the templates (templates check)",
    "clean": "remove what build made",
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"coprod.commands.{name}")


def _chosen(argv: Sequence[str]) -> str | None:
    for arg in argv:
        if arg in COMMANDS:
            return arg
        if not arg.startswith("-"):
            return None
    return None


def build_parser(chosen: str | None) -> argparse.ArgumentParser:
    """The parser; only *chosen* gets its full set of arguments (its module is imported for it)."""
    parser = argparse.ArgumentParser(
        prog="coprod",
        description="Check an international film co-production deal and draft its documents.",
        epilog="Exit status: 0 all well; 1 errors found or a target failed; 2 bad usage or invalid input.",
    )
    parser.add_argument("--version", action="version", version=f"coprod {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, summary in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
        if name == chosen:
            _module(name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run coprod with *argv* (default: the process arguments) and return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    chosen = _chosen(args_list)
    parser = build_parser(chosen)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:  # argparse exits 2 on bad usage, 0 on --help
        return int(exit_.code or 0)
    try:
        status: int = _module(args.command).run(args)
        return status
    except CoprodError as error:
        print(f"coprod: {error}" if "\n" not in str(error) else str(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the exit
        print("coprod: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except OSError as error:  # a file-system fault no command foresaw: one line naming the file
        print(f"coprod: {describe_os_error(error)}", file=sys.stderr)
        return 1


def describe_os_error(error: OSError) -> str:
    """``cannot use PATH: no space left on device``, from an `OSError` (the path when it has one)."""
    reason = (error.strerror or type(error).__name__).lower()
    path = error.filename if error.filename is not None else None
    return f"cannot use {path}: {reason}" if path else reason
