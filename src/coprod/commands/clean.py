"""``coprod clean``: remove what ``coprod build`` made in a build folder: outputs, pages and state."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``coprod clean``."""
    parser.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                        help="build folder (default: build)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing")


def run(args: argparse.Namespace) -> int:
    """Clean the build folder and say what was removed and what was left."""
    from coprod.pipeline.cleaning import clean

    done = clean(args.out, lambda message: print(f"coprod: {message}", file=sys.stderr, flush=True))
    if not args.quiet:
        count = len(done.removed)
        print(f"removed {count} file{'' if count == 1 else 's'} from {args.out}")
        if done.left:
            print(f"left {len(done.left)} file{'' if len(done.left) == 1 else 's'} coprod did not make, "
                  f"e.g. {args.out / done.left[0]}")
    return 0
