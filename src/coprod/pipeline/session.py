"""The working part of a build: run the jobs, commit them in batches, remove what left, refresh pages.

`orchestrate` decides, cheaply, whether there is anything to do; only then is this module (and with it
the worker machinery) imported.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coprod.errors import BuildError
from coprod.pipeline.atomic import sweep_temps, write_temp
from coprod.pipeline.fingerprint import digest_bytes
from coprod.pipeline.plan import BuildPlan
from coprod.pipeline.producer import Producer
from coprod.pipeline.publish import PageWord, Publisher
from coprod.pipeline.record import Finished, commit, remove_output
from coprod.pipeline.report import BuildSummary, Reporter
from coprod.pipeline.staleness import ProjectStatus
from coprod.pipeline.state import BuildState, TargetRecord
from coprod.pipeline.targets import PROJECT_README, STATE_DIR, Format
from coprod.pipeline.worker import JobRequest, JobResult, Made

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
        held: list[tuple[Finished, tuple[Made, ...]]] = []
        for result in workers.run(list(requests.values())):
            slug = result.slug
            pdfs = tuple(made for made in result.made if made.format is Format.PDF)
            result = dataclasses.replace(result, made=tuple(made for made in result.made if made not in pdfs))
            finished = Finished(by_slug[slug].source, requests[slug], result, records.get(slug, []),
                                known.get(slug))
            batch.append(finished)
            if pdfs:  # converted together once every job is done: one LibreOffice run per build
                held.append((finished, pdfs))
            if len(batch) >= BATCH_PROJECTS or time.monotonic() - started >= BATCH_SECONDS:
                self._commit(batch)
                batch, started = [], time.monotonic()
        self._commit(batch)
        if held:
            self._convert(held)

    def _convert(self, held: Sequence[tuple[Finished, tuple[Made, ...]]]) -> None:
        """Convert the Word files of every PDF target in one LibreOffice run; place and record the PDFs."""
        from coprod.pipeline.pdf import INSTALL_HINT, convert_all, find_libreoffice

        sources = [Path(made.temp) for _, pdfs in held for made in pdfs]
        soffice = find_libreoffice()
        if soffice is None:
            for source in sources:
                source.unlink(missing_ok=True)
            self.summary.failures.append(("*.pdf", INSTALL_HINT))
            self.reporter.failure("*.pdf", INSTALL_HINT)
            return
        converted = iter(convert_all(soffice, sources, self.plan.out / STATE_DIR))
        batch = []
        for finished, pdfs in held:
            made: list[Made] = []
            failures: list[tuple[str, str]] = []
            for word in pdfs:
                result = next(converted)
                Path(word.temp).unlink(missing_ok=True)
                try:
                    if result.pdf is None:
                        raise BuildError(result.error)
                    temp = write_temp(Path(finished.request.folder, word.output), result.pdf)
                except BuildError as error:
                    failures.append((word.output, str(error)))
                    continue
                made.append(dataclasses.replace(word, temp=str(temp), digest=digest_bytes(result.pdf)))
            job = JobResult(finished.source.slug, made=tuple(made), failures=tuple(failures))
            batch.append(Finished(finished.source, finished.request, job, (), None))
        for done in commit(self.state, self.plan.out, batch):
            self.summary.built.extend(done.built)
            self.summary.failures.extend(done.failures)
            self.reporter.converted(done)

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
