"""Timing helper shared by the benchmarks (run as scripts: ``bench/`` is the first entry of sys.path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    """The median wall time of *repeats* calls of *work*, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
