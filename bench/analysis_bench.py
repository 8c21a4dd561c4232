"""What does the deal analysis cost, next to loading the file it analyses? Measured in the same run.

For every example project:

- analyse: ``coprod.analysis.analyse`` with the built-in frameworks (catalog loaded once beforehand);
- load: ``coprod.loading.project.load_project`` of the same file, the baseline;
- catalog: ``load_catalog`` of a user folder holding a copy of every built-in framework file, the first
  time (parsed) and again (read, but parsed texts are remembered), against loading one project.

Run: ``.venv/bin/python bench/analysis_bench.py [repeats]``. Prints medians and ratios, not absolute claims.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from coprod.analysis import analyse
from coprod.loading.frameworks import builtin_catalog, load_catalog
from coprod.loading.project import load_project
from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("the-salt-road", "the-last-ferry", "the-listening-station")


def main(repeats: int) -> None:
    catalog = builtin_catalog()
    print(f"{'project':<24}{'load ms':>10}{'analyse ms':>12}{'analyse/load':>14}")
    for slug in EXAMPLES:
        path = ROOT / "projects" / slug / "project.yaml"
        loaded = load_project(path)
        load = median_seconds(lambda path=path: load_project(path), repeats)  # type: ignore[misc]
        run = median_seconds(lambda loaded=loaded: analyse(loaded.project, catalog), repeats)  # type: ignore[misc]
        print(f"{slug:<24}{load * 1000:>10.2f}{run * 1000:>12.2f}{run / load:>14.2f}")
    load = median_seconds(lambda: load_project(ROOT / "projects" / EXAMPLES[0] / "project.yaml"), repeats)
    with tempfile.TemporaryDirectory() as folder:
        first = []
        for index in range(repeats):  # a new folder (and new texts) each time: nothing remembered
            copy = Path(folder) / str(index)
            copy.mkdir()
            for entry in catalog.entries.values():
                text = entry.path.read_text(encoding="utf-8") + f"# copy {index}\n"
                (copy / entry.path.name).write_text(text, encoding="utf-8")
            first.append(median_seconds(lambda copy=copy: load_catalog([copy]), 1))  # type: ignore[misc]
        again = median_seconds(lambda: load_catalog([Path(folder) / "0"]), repeats)
        count = len(catalog.entries)
        print(f"{count} user framework files, first reading: {statistics.median(first) * 1000:.2f} ms "
              f"({statistics.median(first) / load:.2f} x loading one project); again: {again * 1000:.2f} ms "
              f"({again / load:.2f} x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
