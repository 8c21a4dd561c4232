"""One build, stage by stage: validate -> lock -> check -> (work) -> report.

`build` is the whole of ``coprod build`` below the command line. This module decides whether there is
anything to do from the state database and ``stat()`` alone, importing nothing heavy; only when there is
work does it import `session` (and with it the workers, and in them pydantic, Jinja and python-docx).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from coprod.errors import BuildError
from coprod.pipeline.fingerprint import Hasher
from coprod.pipeline.lock import build_lock
from coprod.pipeline.plan import BuildPlan
from coprod.pipeline.report import BuildSummary, Reporter
from coprod.pipeline.staleness import Checker, ProjectStatus, pages_current
from coprod.pipeline.state import BuildState, TargetRecord, open_state, state_error, state_path
from coprod.pipeline.targets import STATE_DIR, check_projects


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError(f"the build folder {out} is a file; remove it or choose another folder with --out")
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise BuildError(f"cannot use {out} as the build folder: {out / STATE_DIR} is a file") from None
    except NotADirectoryError:
        raise BuildError(f"cannot create the build folder {out}: a file is in the way") from None
    except PermissionError:
        raise BuildError(f"cannot create the build folder {out}: permission denied") from None
    if not os.access(out, os.W_OK):
        raise BuildError(f"cannot write to the build folder {out}: permission denied")


def check(state: BuildState | None, plan: BuildPlan, hasher: Hasher) -> list[ProjectStatus]:
    """The status of every project of *plan* (state None: nothing was ever built)."""
    if state is None:
        checker = Checker(str(plan.out), hasher, plan.settings)
        return [checker.project(source, []) for source in plan.sources]
    failed = state.failed()
    quick = state.quick_checks()
    checker = Checker(str(plan.out), hasher, plan.settings, state.depsets())
    statuses: list[ProjectStatus] = []
    records: dict[str, list[TargetRecord]] | None = None
    for source in plan.sources:
        entry = quick.get(source.slug)
        status = checker.quick(source, entry) if entry and source.slug not in failed else None
        if status is None:  # the full per-target check, with every reason
            records = state.targets() if records is None else records
            status = checker.project(source, records.get(source.slug, []), failed=source.slug in failed)
        statuses.append(status)
    return statuses


def dry_run(plan: BuildPlan) -> BuildSummary:
    """What a build would do, and why; writes nothing (not even the build folder)."""
    state = open_state(plan.out, create=False) if plan.out.is_dir() else None
    try:
        hasher = Hasher(state.stamps() if state is not None else {})
        statuses = check(state, plan, hasher)
    finally:
        if state is not None:
            state.close()
    summary = BuildSummary(projects=len(plan.sources), dry_run=True)
    for status in statuses:
        summary.up_to_date += status.up_to_date
        for output, reasons in status.stale.items():
            summary.stale[f"{status.source.slug}/{output}"] = reasons
    return summary


def _locked(plan: BuildPlan, state: BuildState, reporter: Reporter) -> BuildSummary:
    summary = BuildSummary(projects=len(plan.sources))
    hasher = Hasher(state.stamps())
    statuses = check(state, plan, hasher)
    refreshed = [item for status in statuses for item in status.refreshed.items()]
    if hasher.fresh or refreshed:
        with state.transaction():  # remember new stamps, so the next check need not hash again
            state.save_stamps(hasher.fresh)
            for output, stamp in refreshed:
                state.refresh_output(output, stamp)
            for slug in {output.split("/", 1)[0] for output, _stamp in refreshed}:
                state.update_quick(slug)
    summary.up_to_date = sum(status.up_to_date for status in statuses)
    todo = [status for status in statuses if status.needs_build]
    present = {source.slug for source in plan.sources} | {target.split("/")[0] for target, _ in plan.refused}
    vanished = [slug for slug in state.slugs() if slug not in present] if plan.whole_slate else []
    if todo or vanished or state.meta("dirty") == "1" or not pages_current(plan.out, state, plan.settings):
        from coprod.pipeline.session import Session  # the working part: only when there is work

        Session(plan, state, reporter, summary).run(todo, vanished)
    return summary


def build(plan: BuildPlan, reporter: Reporter) -> BuildSummary:
    """Run *plan*: make what is out of date, record it, refresh the pages, and summarise.

    Raises:
        BuildError: the graph is invalid, or the build folder cannot be used.
    """
    check_projects([(source.slug, source.project_file) for source in plan.sources])
    try:
        if plan.dry_run:
            summary = dry_run(plan)
        else:
            _prepare(plan.out)
            with build_lock(plan.out / STATE_DIR, reporter.waiting):
                state = open_state(plan.out)
                assert state is not None
                try:
                    summary = _locked(plan, state, reporter)
                finally:
                    state.close()
    except sqlite3.Error as error:  # a read of the state failed (a write says so itself)
        raise state_error(state_path(plan.out), error) from None
    for target, message in plan.refused:  # projects whose folder name cannot be built
        reporter.failure(target, message)
        summary.failures.append((target, message))
    reporter.finish(summary)
    return summary
