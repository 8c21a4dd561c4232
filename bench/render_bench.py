"""How much do the Markdown documents cost? Timed against baselines measured in the same run.

For every example project (loaded and analysed once, outside the timings):

- render: ``DocumentRenderer.render`` (all documents: view models, sandboxed Jinja, outline), renderer
  built once as in a build worker;
- unsandboxed: the same, with the sandbox swapped for a plain ``jinja2.Environment`` of the same options
  (the price of the sandbox);
- analyse: ``coprod.analysis.analyse`` on the same project (the stage before, for scale);
- waterfall: the term sheet's scenarios and break-even search (H3's engine, called by the term sheet's
  view model): the share of ``render`` that is arithmetic rather than templates;
- parse: parsing the rendered Markdown with the shared markdown-it parser (what the Word path does next).

Run: ``.venv/bin/python bench/render_bench.py [repeats]``. Prints medians and ratios, not absolute claims.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jinja2

from coprod.analysis import analyse
from coprod.analysis.waterfall import break_even, scenarios
from coprod.loading.project import load_project
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.environment import TEMPLATES, create_environment
from coprod.rendering.markdown import parser

ROOT = Path(__file__).resolve().parent.parent


def _median(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _unsandboxed() -> DocumentRenderer:
    renderer = DocumentRenderer()
    sandboxed = create_environment(TEMPLATES)
    plain = jinja2.Environment(loader=sandboxed.loader, undefined=jinja2.StrictUndefined, autoescape=True,
                               finalize=sandboxed.finalize, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True, auto_reload=False)
    plain.filters.clear()
    plain.filters.update(sandboxed.filters)
    plain.globals.clear()
    renderer.env = plain
    return renderer


def main(repeats: int) -> None:
    renderer = DocumentRenderer()
    unsandboxed = _unsandboxed()
    print(f"{'project':24} {'docs':>4} {'render ms':>10} {'/unsandboxed':>13} {'/analyse':>9} {'/parse':>7} "
          f"{'waterfall share':>16}")
    for path in sorted((ROOT / "projects").glob("*/project.yaml")):
        project = load_project(path).project
        analysis = analyse(project)
        documents = renderer.render(project, analysis)  # warm: templates compiled, caches filled
        unsandboxed.render(project, analysis)
        render = _median(lambda: renderer.render(project, analysis), repeats)  # noqa: B023
        plain = _median(lambda: unsandboxed.render(project, analysis), repeats)  # noqa: B023
        analysed = _median(lambda: analyse(project), repeats)  # noqa: B023
        parsed = _median(lambda: [parser().parse(d.markdown) for d in documents], repeats)  # noqa: B023
        levels = [project.budget.total * level / 100 for level in renderer.levels]
        engine = _median(lambda: (scenarios(project, levels), break_even(project)), repeats)  # noqa: B023
        print(f"{path.parent.name:24} {len(documents):>4} {render * 1000:>10.1f} {render / plain:>12.2f}x "
              f"{render / analysed:>8.2f}x {render / parsed:>6.2f}x {engine / render:>15.0%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
