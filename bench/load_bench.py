"""What does loading a project file cost? Timed against plain PyYAML, measured in the same run.

For every example project, and for a large synthetic one (the Salt Road with its finance plan and
delivery list repeated to about 400 lines each):

- load: ``coprod.loading.load_project`` (read, YAML tree with positions, pydantic, cross-field rules);
- tree: the YAML stage alone (``read_tree``: events -> data and position maps);
- baseline: ``yaml.load`` with libyaml's ``CSafeLoader``, which keeps no positions and checks nothing.

Run: ``.venv/bin/python bench/load_bench.py [repeats]``. Prints medians and ratios, not absolute claims.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

from coprod.loading.project import load_project
from coprod.loading.yaml_source import read_tree
from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent


def synthetic(folder: Path) -> Path:
    """The Salt Road with 400 extra delivery items and 400 more timeline milestones: a big but valid file."""
    text = (ROOT / "projects" / "the-salt-road" / "project.yaml").read_text(encoding="utf-8")
    items = "".join(f"  - {{partner: nord, item: Extra deliverable {n}, due: 2028-01-15}}\n"
                    for n in range(400))
    dates = "".join(f"  - {{milestone: Review {n}, kind: other, date: 2027-03-01}}\n"
                    for n in range(400))
    text = text.replace("\ntimeline:\n", f"{items}\ntimeline:\n{dates}")
    path = folder / "big-project" / "project.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def main(repeats: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        paths = [*sorted((ROOT / "projects").glob("*/project.yaml")), synthetic(Path(scratch))]
        print(f"{'project':<24} {'lines':>6} {'load ms':>9} {'tree ms':>9} {'pyyaml ms':>10} "
              f"{'load/pyyaml':>12} {'tree/pyyaml':>12}")
        for path in paths:
            text = path.read_text(encoding="utf-8")
            load = median_seconds(lambda: load_project(path), repeats)  # noqa: B023 - used at once
            tree = median_seconds(lambda: read_tree(text, path), repeats)  # noqa: B023
            base = median_seconds(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeats)  # noqa: B023
            print(f"{path.parent.name:<24} {text.count(chr(10)):>6} {load * 1000:>9.2f} {tree * 1000:>9.2f} "
                  f"{base * 1000:>10.2f} {load / base:>12.1f} {tree / base:>12.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
