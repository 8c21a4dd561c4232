"""One build, stage by stage: validate -> lock -> check -> run -> record -> pages -> report.

`build` is the whole of ``coprod build`` below the command line. Up to the point where something must be
made it imports nothing heavy: the graph check, the state and the staleness check are plain Python over
SQLite and ``stat()``. Producers (and with them pydantic, Jinja and python-docx) are built only for work.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coprod.errors import BuildError
from coprod.pipeline.atomic import sweep_temps
from coprod.pipeline.fingerprint import Hasher
from coprod.pipeline.lock import build_lock
from coprod.pipeline.producer import Producer, ProducerFactory
from coprod.pipeline.publish import PageWord, Publisher
from coprod.pipeline.record import Finished, commit, remove_output
from coprod.pipeline.report import BuildSummary, Reporter
from coprod.pipeline.staleness import Checker, ProjectSource, ProjectStatus, Settings
from coprod.pipeline.state import BuildState, open_state
from coprod.pipeline.targets import PROJECT_README, STATE_DIR, check_projects
from coprod.pipeline.worker import JobRequest

if TYPE_CHECKING:
    from coprod.pipeline.runner import Workers

BATCH_PROJECTS = 16
BATCH_SECONDS = 0.5
"""Finished projects are committed in batches (one file-system sync each) of this many, or this old."""


@dataclass(frozen=True, slots=True)
class BuildPlan:
    """Everything ``coprod build`` was asked to do."""

    out: Path
    sources: tuple[ProjectSource, ...]
    settings: Settings
    factory: ProducerFactory
    jobs: int = 1
    whole_slate: bool = False
    """True when building every project: projects gone from the slate are removed from the folder."""
    dry_run: bool = False


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


def _check(state: BuildState | None, plan: BuildPlan, hasher: Hasher) -> list[ProjectStatus]:
    records = state.targets() if state is not None else {}
    projects = state.projects() if state is not None else {}
    failed = {slug for slug, record in projects.items() if record.summary.get("failed")}
    checker = Checker(str(plan.out), hasher, plan.settings)
    return [checker.project(source, records.get(source.slug, []), failed=source.slug in failed)
            for source in plan.sources]


def dry_run(plan: BuildPlan) -> BuildSummary:
    """What a build would do, and why; writes nothing (not even the build folder)."""
    state = open_state(plan.out, create=False) if plan.out.is_dir() else None
    try:
        hasher = Hasher(state.stamps() if state is not None else {})
        statuses = _check(state, plan, hasher)
    finally:
        if state is not None:
            state.close()
    summary = BuildSummary(projects=len(plan.sources), dry_run=True)
    for status in statuses:
        summary.up_to_date += status.up_to_date
        for output, reasons in status.stale.items():
            summary.stale[f"{status.source.slug}/{output}"] = reasons
    return summary


def _request(plan: BuildPlan, status: ProjectStatus) -> JobRequest:
    settings = plan.settings
    return JobRequest(status.source.slug, status.source.project_file, str(plan.out / status.source.slug),
                      settings.formats, settings.clean, settings.options, settings.version,
                      status.recorded, status.forced_outputs(), settings.force)


class _Session:
    """A build holding the folder's lock, with its state open."""

    def __init__(self, plan: BuildPlan, state: BuildState, reporter: Reporter) -> None:
        self.plan = plan
        self.state = state
        self.reporter = reporter
        self.summary = BuildSummary(projects=len(plan.sources))
        self._producer: Producer | None = None

    def producer(self) -> Producer:
        """A producer in this process, built on first use (for the Word index page, or --jobs 1)."""
        if self._producer is None:
            self._producer = self.plan.factory()
        return self._producer

    def run(self) -> BuildSummary:
        plan, state = self.plan, self.state
        if state.meta("dirty") == "1":
            sweep_temps(plan.out)  # a killed build may have left temporary files
        hasher = Hasher(state.stamps())
        statuses = _check(state, plan, hasher)
        with state.transaction():
            state.save_stamps(hasher.fresh)
            for status in statuses:
                for output, stamp in status.refreshed.items():
                    state.refresh_output(output, stamp)
        for status in statuses:
            self.summary.up_to_date += status.up_to_date
        todo = [status for status in statuses if status.needs_build]
        vanished = self._vanished()
        changed = bool(todo or vanished)
        if changed:
            with state.transaction():
                state.set_meta("dirty", "1")
        if todo:
            from coprod.pipeline.runner import Workers  # multiprocessing: only when there is work

            with Workers(plan.factory, plan.jobs, len(todo), self.producer) as workers:
                self._build(todo, workers)
                self._finish(vanished, changed, workers.page_word)
        else:
            self._finish(vanished, changed, lambda *page: self.producer().page_word(*page))
        return self.summary

    def _finish(self, vanished: Sequence[str], changed: bool, page_word: PageWord) -> None:
        for slug in vanished:
            self._remove_project(slug)
        publisher = Publisher(self.plan.out, self.state, self.plan.settings, page_word)
        self.summary.pages, failures = publisher.refresh(changed)
        self.summary.failures.extend(failures)
        if changed:
            sweep_temps(self.plan.out)  # a worker that died mid-job leaves its temporary files
            with self.state.transaction():
                self.state.set_meta("dirty", "0")

    def _vanished(self) -> list[str]:
        if not self.plan.whole_slate:
            return []
        present = {source.slug for source in self.plan.sources}
        return [slug for slug in self.state.projects() if slug not in present]

    def _build(self, todo: Sequence[ProjectStatus], workers: Workers) -> None:
        records = self.state.targets()
        known = self.state.projects()
        by_slug = {status.source.slug: status for status in todo}
        requests = {status.source.slug: _request(self.plan, status) for status in todo}
        self.reporter.start(len(todo))
        batch: list[Finished] = []
        started = time.monotonic()
        for result in workers.run(list(requests.values())):
            slug = result.slug
            batch.append(Finished(by_slug[slug].source, requests[slug], result, records.get(slug, []),
                                  known.get(slug)))
            if len(batch) >= BATCH_PROJECTS or time.monotonic() - started >= BATCH_SECONDS:
                self._commit(batch)
                batch, started = [], time.monotonic()
        self._commit(batch)

    def _commit(self, batch: list[Finished]) -> None:
        for done in commit(self.state, self.plan.out, batch):
            self.summary.built.extend(done.built)
            self.summary.up_to_date += done.kept
            self.summary.removed.extend(done.removed)
            self.summary.failures.extend(done.failures)
            self.reporter.project(done)

    def _remove_project(self, slug: str) -> None:
        out = self.plan.out
        for record in self.state.targets().get(slug, []):
            remove_output(out, record.output)
            self.summary.removed.append(record.output)
        remove_output(out, f"{slug}/{PROJECT_README}")
        with self.state.transaction():
            self.state.forget_project(slug)


def build(plan: BuildPlan, reporter: Reporter) -> BuildSummary:
    """Run *plan*: make what is out of date, record it, refresh the pages, and summarise.

    Raises:
        BuildError: the graph is invalid, or the build folder cannot be used.
    """
    check_projects([(source.slug, source.project_file) for source in plan.sources])
    if plan.dry_run:
        summary = dry_run(plan)
        reporter.finish(summary)
        return summary
    _prepare(plan.out)
    with build_lock(plan.out / STATE_DIR, reporter.waiting):
        state = open_state(plan.out)
        assert state is not None
        try:
            summary = _Session(plan, state, reporter).run()
        finally:
            state.close()
    reporter.finish(summary)
    return summary
