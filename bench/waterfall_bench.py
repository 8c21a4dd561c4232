"""Waterfall benchmark: a scenario table at 1,000 receipt levels, against baselines run in the same process.

Run: ``.venv/bin/python bench/waterfall_bench.py``. Prints seconds per run and ratios, never asserts:
timings live here, not in the test suite.

- baseline: one ``run_waterfall`` call per level, compiling the project's plan every time (what a
  caller gets without ``scenarios``);
- ``scenarios``: the plan compiled once, then 1,000 exact runs with rounding;
- exact flow only: the same 1,000 levels through the exact engine, without rounding or result objects;
- ``break_even``: the break-even of every recouping line plus where net profits begin, solved in closed
  form; against the former bisection search (kept as the tests' oracle,
  ``tests/analysis/waterfall/bisection.py``), with the ratio old / new and a check that both agree.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from coprod.analysis.waterfall import Receipts, break_even, run_waterfall, scenarios
from coprod.analysis.waterfall.engine import flow
from coprod.analysis.waterfall.plan import compile_plan
from coprod.loading.project import load_project
from coprod.model.project import Project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the bisection oracle lives in the tests package
from tests.analysis.waterfall.bisection import break_even_by_bisection  # noqa: E402

EXAMPLES = ("the-salt-road", "the-last-ferry", "the-listening-station")
LEVELS = [Decimal(step * 7919).scaleb(-2) * 1000 for step in range(1, 1001)]  # up to about 79 million


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """Best of *repeat* wall-clock runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def bench(project: Project) -> dict[str, float]:
    plan = compile_plan(project)
    return {
        "baseline: run_waterfall per level": timed(
            lambda: [run_waterfall(project, Receipts(level)) for level in LEVELS]),
        "scenarios (plan compiled once)": timed(lambda: scenarios(project, LEVELS)),
        "exact flow only": timed(lambda: [flow(plan, Fraction(level)) for level in LEVELS]),
        "break_even": timed(lambda: break_even(project)),
        "break_even by bisection (former)": timed(lambda: break_even_by_bisection(project)),
    }


def main() -> None:
    print(f"{len(LEVELS)} receipt levels per scenario table; best of 3 runs\n")
    for slug in EXAMPLES:
        project = load_project(ROOT / "projects" / slug / "project.yaml").project
        results = bench(project)
        baseline = results["baseline: run_waterfall per level"]
        print(slug)
        for name, seconds in results.items():
            print(f"  {name:<36} {seconds * 1000:9.1f} ms   {seconds / baseline:6.3f} x baseline")
        new, old = results["break_even"], results["break_even by bisection (former)"]
        same = "same points" if break_even(project) == break_even_by_bisection(project) else "POINTS DIFFER"
        print(f"  break-even, bisection / closed form: {old / new:6.1f} x faster ({same})\n")


if __name__ == "__main__":
    main()
