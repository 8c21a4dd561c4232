"""Rewrite the pinned ``coprod check --json`` output of every example project.

Run from the repository root after a deliberate change to the analysis or its wording:

    .venv/bin/python -m tests.analysis.regenerate_snapshots

then review the diff of ``tests/analysis/snapshots/`` before committing it.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from coprod.cli import main

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
EXAMPLES = ("the-salt-road", "the-last-ferry", "the-listening-station")


def check_json(slug: str) -> tuple[int, str]:
    """Exit status and standard output of ``coprod check --json projects/<slug>``, run at the root."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["check", "--json", f"projects/{slug}"])
    finally:
        os.chdir(here)
    return status, out.getvalue()


def snapshot_path(slug: str) -> Path:
    """Where the pinned output of *slug* lives."""
    return SNAPSHOTS / f"{slug}.check.json"


if __name__ == "__main__":
    SNAPSHOTS.mkdir(exist_ok=True)
    for slug in EXAMPLES:
        _, text = check_json(slug)
        snapshot_path(slug).write_text(text, encoding="utf-8")
        print(f"wrote {snapshot_path(slug).relative_to(ROOT)}")
