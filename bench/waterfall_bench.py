"""Waterfall benchmark: the engine against the engine before issue 10, per scenario, in the same process.

Run: ``.venv/bin/python bench/waterfall_bench.py``. Prints seconds per run and ratios, never asserts:
timings live here, not in the test suite.

Scenarios: every example project as written, and the same project reduced to the terms both engines
know (``common_terms``: there both compute the same payments, and the bench says so). Both engines run
each scenario in this process:

- the old engine is the frozen copy in ``waterfall_v1.py`` / ``waterfall_v1_breakeven.py`` (commit
  33652a2); on a project as written it ignores the newer terms (``on``, ``credited``, ``pro_rata_to``,
  ``profit_share``, ``recoups_from``) and computes the older rule with the same tiers;
- a scenario table at 1,000 receipt levels (``scenarios``: plan compiled once, exact runs, rounding);
- the exact flow alone at the same levels;
- ``break_even``, which now also solves where every tier above the split is paid in full;
- and, as before, the closed-form break-even against the bisection search kept as the tests' oracle.

The ratio printed is new / old: below 1 the new engine is faster. Times are CPU time of this process.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import partial
from pathlib import Path

import waterfall_v1
import waterfall_v1_breakeven
from coprod.analysis.waterfall import Receipts, WaterfallResult, break_even, scenarios
from coprod.analysis.waterfall.engine import flow
from coprod.analysis.waterfall.plan import compile_plan
from coprod.loading.project import load_project
from coprod.model.project import Project
from coprod.model.recoupment import Basis, FeeBase, FeeTier, ProRataTo, RecoupTier, SplitTier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the bisection oracle lives in the tests package
from tests.analysis.waterfall.bisection import break_even_by_bisection  # noqa: E402

EXAMPLES = ("the-salt-road", "the-last-ferry", "the-listening-station")
LEVELS = [Decimal(step * 7919).scaleb(-2) * 1000 for step in range(1, 1001)]  # up to about 79 million
REPEATS = 5


def median_cpu_seconds(work: Callable[[], object], repeats: int) -> float:
    """The median CPU time of this process over *repeats* calls of *work*, in seconds.

    CPU time rather than wall time: the benchmark runs on machines shared with other jobs, where the wall
    time of a single-threaded computation mostly measures the others.
    """
    times = []
    for _ in range(repeats):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _old_scenarios(project: Project, levels: list[Decimal] = LEVELS) -> list[WaterfallResult]:
    plan = waterfall_v1.compile_plan(project)
    return [waterfall_v1.run_plan(plan, Receipts(level)) for level in levels]


def common_terms(project: Project) -> Project:
    """*project* with only the terms the old engine knew, so both engines compute the same payments.

    Lines recouping from one partner's receipts join the first recoup group; every line shares in
    profits; the financiers' pool is shared pro rata to investment; fees at source take the pot.
    """
    shared = [line.id for line in project.financing if line.recoupable and line.recoups_from != "all"]
    financing = [line.model_copy(update={"recoups_from": "all", "profit_share": None})
                 for line in project.financing]
    tiers = []
    for tier in project.recoupment.waterfall:
        if isinstance(tier, RecoupTier) and shared:
            tier, shared = tier.model_copy(update={"pari_passu": [*tier.pari_passu, *shared]}), []
        elif isinstance(tier, SplitTier):
            tier = tier.model_copy(update={"pro_rata_to": ProRataTo.INVESTMENT})
        elif isinstance(tier, FeeTier) and tier.basis is Basis.AT_SOURCE:
            tier = tier.model_copy(update={"on": FeeBase.POT})
        tiers.append(tier)
    recoupment = project.recoupment.model_copy(update={"waterfall": tiers})
    return project.model_copy(update={"financing": financing, "recoupment": recoupment})


def pairs(project: Project) -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """(new, old) for each measured step."""
    plan, old_plan = compile_plan(project), waterfall_v1.compile_plan(project)
    return {
        "scenario table, 1,000 levels": (partial(scenarios, project, LEVELS),
                                         partial(_old_scenarios, project)),
        "exact flow, 1,000 levels": (
            lambda: [flow(plan, Fraction(level)) for level in LEVELS],
            lambda: [waterfall_v1.flow(old_plan, Fraction(level)) for level in LEVELS]),
        "break_even": (lambda: break_even(project), lambda: waterfall_v1_breakeven.break_even(project)),
    }


def main() -> None:
    print(f"{len(LEVELS)} receipt levels per scenario table; median CPU time of {REPEATS} runs; "
          "ratio = new / old\n")
    scenarios_to_run: list[tuple[str, Project]] = []
    for slug in EXAMPLES:
        project = load_project(ROOT / "projects" / slug / "project.yaml").project
        common = common_terms(project)
        agree = [p.amount for r in scenarios(common, LEVELS[:50]) for p in r.payments] == \
            [p.amount for r in _old_scenarios(common, LEVELS[:50]) for p in r.payments]
        outcome = "same" if agree else "DIFFERENT"
        scenarios_to_run += [(f"{slug} (as written)", project),
                             (f"{slug}, terms both engines know ({outcome} payments)", common)]
    for title, project in scenarios_to_run:
        print(title)
        for name, (new, old) in pairs(project).items():
            new_s, old_s = median_cpu_seconds(new, REPEATS), median_cpu_seconds(old, REPEATS)
            print(f"  {name:<30} new {new_s * 1000:8.1f} ms   old {old_s * 1000:8.1f} ms   "
                  f"new / old {new_s / old_s:5.2f}")
        closed = median_cpu_seconds(partial(break_even, project), REPEATS)
        bisection = median_cpu_seconds(partial(break_even_by_bisection, project), 1)
        same = "same points" if break_even(project) == break_even_by_bisection(project) else "POINTS DIFFER"
        print(f"  break-even, bisection / closed form: {bisection / closed:6.1f} x ({same})\n")


if __name__ == "__main__":
    main()
