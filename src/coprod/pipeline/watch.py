"""``coprod build --watch``: build, then build again whenever a watched file changes.

Polling, not file-system events: every interval the watcher stats the files that can change a build (the
project files, every template, the framework files, the Word shell) and runs a build when any of them
appeared, disappeared or changed size or mtime. The build itself then works out what is out of date, so
the watcher needs no knowledge of the graph; a stat of a few hundred files costs a few milliseconds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from coprod.pipeline.orchestrate import build
from coprod.pipeline.plan import BuildPlan
from coprod.pipeline.report import BuildSummary, Reporter

World = frozenset[tuple[str, int, int]]


def snapshot(roots: Iterable[Path], files: Iterable[Path]) -> World:
    """(path, size, mtime) of every file under *roots* and of each of *files* that exists."""
    found: list[Path] = list(files)
    for root in roots:
        if root.is_dir():
            found.extend(path for path in root.rglob("*") if path.is_file())
    seen = []
    for path in found:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        seen.append((os.fspath(path), stat.st_size, stat.st_mtime_ns))
    return frozenset(seen)


def watch(make_plan: Callable[[], BuildPlan], reporter: Reporter, world: Callable[[], World], *,
          interval: float = 1.0, rounds: int | None = None,
          sleep: Callable[[float], None] = time.sleep) -> BuildSummary:
    """Build now and after every change of *world*, until interrupted (or for *rounds* polls).

    *make_plan* is called for each build, so projects added meanwhile are built too. Returns the last
    build's summary.
    """
    seen = world()  # taken before the build: an edit made during it triggers the next one
    summary = build(make_plan(), reporter)
    polls = 0
    while rounds is None or polls < rounds:
        sleep(interval)
        polls += 1
        now = world()
        if now != seen:
            seen = now
            summary = build(make_plan(), reporter)
    return summary
