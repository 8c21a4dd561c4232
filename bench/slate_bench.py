"""How fast is ``coprod build`` on a slate, against the naive way, measured in one run?

On a synthetic slate (``bench/slate.py``; 200 projects by default) in a temporary folder, with a copy of
the templates (so a clause can be edited without touching the repository):

1. full build: ``coprod build --jobs N`` as a whole process;
2. no-op rebuild: the same command again (best and median of several runs), as a whole process;
3. one project changed: asserts that exactly that project's targets were rebuilt;
4. one clause template changed: asserts that exactly the targets whose recorded inputs include it were
   rebuilt;
5. the naive baseline, in this process: per project, load and analyse, a fresh Jinja environment for the
   Markdown (compiling the templates again), a fresh Word renderer (loading the docxtpl shell again) for
   every Word document, every file written, every time. It is measured on a sample of projects and scaled
   to the slate, which the script says;
6. peak memory (largest resident set of any process of the build) of full builds at 50, 100 and 200.

Run: ``.venv/bin/python bench/slate_bench.py [--projects 200] [--jobs N] [--sample 20]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coprod.commands.build import default_jobs
from slate import make_slate

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


# Builds run with bytecode caching on, as in any installed coprod: this sandbox sets
# PYTHONDONTWRITEBYTECODE, which would make every no-op build compile coprod's modules again.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


class Slate:
    """A slate folder and the ``coprod build`` command that builds it."""

    def __init__(self, folder: Path, count: int, jobs: int, templates: Path) -> None:
        self.folder = folder
        self.env = {**ENV, "PYTHONPYCACHEPREFIX": str(folder.parent / "pycache")}
        self.slugs = make_slate(folder, count)
        self.command = [
            sys.executable,
            "-m",
            "coprod",
            "build",
            "--jobs",
            str(jobs),
            "--templates",
            str(templates),
        ]

    def build(self, *extra: str) -> tuple[float, list[str], int, float]:
        """Run one build; return (seconds, files built, peak RSS in MiB, CPU seconds).

        Peak RSS is that of its largest process; CPU seconds add up all its processes.
        """
        start = time.perf_counter()
        process = subprocess.Popen([*self.command, "--json", *extra], cwd=self.folder, env=self.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        out, err = process.stdout.read(), process.stderr.read()
        _pid, status, usage = os.wait4(process.pid, 0)  # maxrss and times cover the workers it waited for
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            raise SystemExit(f"build failed ({process.returncode}):\n{err.decode()}")
        built: list[str] = json.loads(out)["built"]
        return seconds, built, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime

    def reasons(self) -> Counter[str]:
        """How many targets a dry run finds stale, by reason."""
        out = subprocess.run([*self.command, "--dry-run", "--json"], cwd=self.folder, env=self.env,
                             check=True, capture_output=True).stdout
        stale: dict[str, list[str]] = json.loads(out)["stale"]
        return Counter(reason for reasons in stale.values() for reason in reasons)

    def quiet_build_seconds(self) -> float:
        """A no-op build as users run it (no JSON), as a whole process."""
        start = time.perf_counter()
        subprocess.run([*self.command, "--quiet"], cwd=self.folder, env=self.env, check=True)
        return time.perf_counter() - start

    def targets(self, where: str = "1", *params: str) -> set[str]:
        """Outputs recorded in the build state that match an SQL condition."""
        db = sqlite3.connect(self.folder / "build" / ".coprod" / "state.sqlite")
        try:
            return {row[0] for row in db.execute(f"SELECT output FROM targets WHERE {where}", params)}
        finally:
            db.close()


def _same(label: str, built: set[str], expected: set[str], reasons: Mapping[str, int]) -> None:
    """Stop with a short account if the rebuilt targets are not exactly the expected ones."""
    if built != expected:
        extra, missing = sorted(built - expected), sorted(expected - built)
        raise SystemExit(f"{label}: {len(extra)} targets rebuilt beyond those expected (e.g. {extra[:3]}), "
                         f"{len(missing)} expected but not rebuilt (e.g. {missing[:3]}); dry-run reasons: "
                         f"{dict(reasons)}")


def naive_seconds_per_project(slate: Slate, sample: int, templates: Path, out: Path) -> tuple[float, float]:
    """The naive way, in this process: no reuse, no state, everything made every time.

    Returns (seconds, CPU seconds) per project.
    """
    from coprod.analysis import analyse
    from coprod.loading.project import load_project
    from coprod.rendering.documents import DocumentRenderer
    from coprod.rendering.word import WordRenderer

    start, cpu = time.perf_counter(), time.process_time()
    for slug in slate.slugs[:sample]:
        loaded = load_project(slate.folder / "projects" / slug / "project.yaml")
        documents = DocumentRenderer(templates).render(loaded.project, analyse(loaded.project))
        for document in documents:
            path = out / slug / document.relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(document.markdown, encoding="utf-8")
            word = WordRenderer().render(document.markdown, document.meta, name=document.relpath)
            path.with_suffix(".docx").write_bytes(word)
    return (time.perf_counter() - start) / sample, (time.process_time() - cpu) / sample


def _clause_to_edit(slate: Slate) -> str:
    """The clause template that the most targets depend on, besides those every document includes."""
    db = sqlite3.connect(slate.folder / "build" / ".coprod" / "state.sqlite")
    counts: dict[str, int] = {}
    for items, uses in db.execute(
        "SELECT d.items, COUNT(*) FROM targets t JOIN depsets d ON t.depset = d.id GROUP BY d.id"
    ):
        for kind, name, _path, _digest in json.loads(items):
            if kind == "template" and name.startswith("clauses/"):
                counts[name] = counts.get(name, 0) + uses
    db.close()
    total = len(slate.targets())
    partial = {name: count for name, count in counts.items() if count < total}
    return max(sorted(partial), key=lambda name: partial[name])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--sample", type=int, default=20, help="projects the naive baseline builds")
    parser.add_argument("--no-memory", action="store_true", help="skip the 50/100-project builds")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="coprod-bench-") as temp:
        base = Path(temp)
        templates = base / "templates"
        subprocess.run(["cp", "-rL", str(TEMPLATES), str(templates)], check=True)
        slate = Slate(base / "slate", args.projects, args.jobs, templates)
        print(f"slate: {args.projects} projects, {args.jobs} jobs, {os.cpu_count()} CPUs")

        full, built, full_rss, full_cpu = slate.build()
        print(f"full build:            {full:8.2f} s  ({len(built)} files; {full_cpu:.1f} CPU s; "
              f"peak RSS {full_rss} MiB)")

        noop = [slate.quiet_build_seconds() for _ in range(7)]
        _seconds, built, _rss, _cpu = slate.build()
        assert built == [], built
        print(
            f"no-op rebuild:         {min(noop):8.3f} s best, {statistics.median(noop):.3f} s median "
            "(whole process)"
        )

        changed = slate.slugs[len(slate.slugs) // 2]
        project = slate.folder / "projects" / changed / "project.yaml"
        project.write_text(
            project.read_text(encoding="utf-8").replace("draft:\n  number: ", "draft:\n  number: 1")
        )
        expected = slate.targets("slug = ?", changed)
        one, built, _rss, _cpu = slate.build()
        _same("one project changed", set(built), expected, {})
        print(f"one project changed:   {one:8.2f} s  (rebuilt exactly its {len(expected)} targets)")

        slate.build()  # catch up, should someone have changed a framework file in the shared tree meanwhile
        clause = _clause_to_edit(slate)
        expected = slate.targets("depset IN (SELECT id FROM depsets WHERE items LIKE ?)", f'%"{clause}"%')
        with (templates / clause).open("a", encoding="utf-8") as handle:
            handle.write("\n")
        reasons = slate.reasons()
        edit, built, _rss, _cpu = slate.build()
        _same(f"clause {clause} changed", set(built), expected, reasons)
        print(
            f"clause {clause} changed: {edit:.2f} s  (rebuilt exactly the {len(expected)} targets "
            "that include it)"
        )

        sample = min(args.sample, args.projects)
        per_project, per_project_cpu = naive_seconds_per_project(slate, sample, templates, base / "naive")
        naive, naive_cpu = per_project * args.projects, per_project_cpu * args.projects
        print(
            f"naive baseline:        {naive:8.2f} s  ({naive_cpu:.1f} CPU s; measured on {sample} projects, "
            f"scaled to {args.projects}; a no-op costs the same)"
        )
        # CPU seconds are compared too: unlike wall time, they hardly move when the machine is shared.
        print(
            f"ratios against the naive baseline: full build {naive / full:.1f}x faster "
            f"({naive_cpu / full_cpu:.1f}x less CPU); no-op {naive / min(noop):.0f}x; "
            f"one project changed {naive / one:.0f}x"
        )

        peaks = {args.projects: full_rss}
        if not args.no_memory:
            for count in (50, 100):
                if count < args.projects:
                    small = Slate(base / f"slate-{count}", count, args.jobs, templates)
                    peaks[count] = small.build()[2]
        print(
            "peak RSS of a full build: "
            + ", ".join(f"{count} projects {peaks[count]} MiB" for count in sorted(peaks))
        )


if __name__ == "__main__":
    main()
