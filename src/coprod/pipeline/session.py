"""The working part of a build: run the jobs, commit them in batches, remove what left, refresh pages.

`orchestrate` decides, cheaply, whether there is anything to do; only then is this module (and with it
the worker machinery) imported.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coprod.pipeline.atomic import sweep_temps
from coprod.pipeline.plan import BuildPlan
from coprod.pipeline.producer import Producer
from coprod.pipeline.publish import PageWord, Publisher
from coprod.pipeline.record import Finished, commit, remove_output
from coprod.pipeline.report import BuildSummary, Reporter
from coprod.pipeline.staleness import ProjectStatus
from coprod.pipeline.state import BuildState, TargetRecord
from coprod.pipeline.targets import PROJECT_README
from coprod.pipeline.worker import JobRequest

if TYPE_CHECKING:
    from coprod.pipeline.runner import Workers

BATCH_PROJECTS = 16
BATCH_SECONDS = 0.5
"""Finished projects are committed in batches (one file-system sync each) of this many, or this old."""


def _request(plan: BuildPlan, status: ProjectStatus) -> JobRequest:
    settings = plan.settings
    return JobRequest(status.source.slug, status.source.project_file, str(plan.out / status.source.slug),
                      settings.formats, settings.clean, settings.options, settings.version,
                      status.recorded, status.forced_outputs(), settings.force)


class Session:
    """A build with work to do, holding the folder's lock, with its state open."""

    def __init__(self, plan: BuildPlan, state: BuildState, reporter: Reporter, summary: BuildSummary) -> None:
        self.plan = plan
        self.state = state
        self.reporter = reporter
        self.summary = summary
        self._producer: Producer | None = None

    def producer(self) -> Producer:
        """A producer in this process, built on first use (for --jobs 1, one project, or the index)."""
        if self._producer is None:
            self._producer = self.plan.factory()
        return self._producer

    def run(self, todo: Sequence[ProjectStatus], vanished: Sequence[str]) -> None:
        """Build *todo*, remove the *vanished* projects, refresh the pages."""
        state = self.state
        if state.meta("dirty") == "1":
            sweep_temps(self.plan.out)  # a killed build may have left temporary files
        with state.transaction():
            state.set_meta("dirty", "1")
        try:
            if todo:
                from coprod.pipeline.runner import Workers  # multiprocessing: only with projects to build

                with Workers(self.plan.factory, self.plan.jobs, len(todo), self.producer) as workers:
                    self._build(todo, workers)
                    self._finish(vanished, workers.page_word)
            else:
                self._finish(vanished, lambda *page: self.producer().page_word(*page))
        except BaseException:  # a full disk, Ctrl-C: the workers have stopped; leave no temporary file
            with contextlib.suppress(OSError):
                sweep_temps(self.plan.out)
            raise

    def _finish(self, vanished: Sequence[str], page_word: PageWord) -> None:
        records = self.state.targets() if vanished else {}  # read once, not once per vanished project
        for slug in vanished:
            self._remove_project(slug, records.get(slug, []))
        publisher = Publisher(self.plan.out, self.state, self.plan.settings, page_word)
        self.summary.pages, failures = publisher.refresh()
        self.summary.failures.extend(failures)
        sweep_temps(self.plan.out)  # a worker that died mid-job leaves its temporary files
        with self.state.transaction():
            self.state.set_meta("dirty", "0")

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

    def _remove_project(self, slug: str, records: Sequence[TargetRecord]) -> None:
        out = self.plan.out
        for record in records:
            remove_output(out, record.output)
            self.summary.removed.append(record.output)
        remove_output(out, f"{slug}/{PROJECT_README}")
        with self.state.transaction():
            self.state.forget_project(slug)
