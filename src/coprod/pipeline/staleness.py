"""Decide which targets are out of date, and why, from the build state and ``stat()`` alone.

Checks go from cheap to dear (doit's order): is there a record; the coprod version and options; the
output's stat (then its hash, if the stat moved); each input's stat (then its hash). Every reason found
is kept, so ``--dry-run`` can say all of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coprod.pipeline.fingerprint import Hasher, Stamp, stamp_file
from coprod.pipeline.plan import ProjectSource, Settings, options_change
from coprod.pipeline.state import BuildState, QuickCheck, TargetRecord
from coprod.pipeline.targets import (
    INDEX_PAGES,
    MISSING,
    PROJECT_README,
    Dep,
    Format,
    Reason,
    Why,
    document_of,
    formats_for,
)

PAGES_VERSION = "pages_version"
"""Meta key: the coprod version that wrote the index pages."""


@dataclass(slots=True)
class ProjectStatus:
    """The state of one project's targets before the build."""

    source: ProjectSource
    stale: dict[str, list[Reason]] = field(default_factory=dict)
    """Output path (relative to the project folder) -> reasons; ``*`` for a project never built."""
    recorded: dict[str, str] = field(default_factory=dict)
    """Output path -> input hash of its last successful build."""
    up_to_date: int = 0
    refreshed: dict[str, Stamp] = field(default_factory=dict)
    """Outputs touched without being changed: their new stamps, keyed by build-folder path."""

    @property
    def needs_build(self) -> bool:
        """True if any target of the project must be built."""
        return bool(self.stale)

    def forced_outputs(self) -> frozenset[str]:
        """Outputs to rebuild whatever their inputs say (missing, changed by hand, forced)."""
        output_reasons = {Why.OUTPUT_MISSING, Why.OUTPUT_CHANGED, Why.FORCED}
        return frozenset(out for out, reasons in self.stale.items()
                         if any(reason.why in output_reasons for reason in reasons))


def _output_reason(out: str, path: str, record: TargetRecord, status: ProjectStatus) -> Reason | None:
    try:
        stat = os.stat(path)  # noqa: PTH116 - hot path: one stat per output of the slate
    except FileNotFoundError:
        return Reason(Why.OUTPUT_MISSING)
    if record.stamp.matches(stat, racy=False):
        return None
    fresh = stamp_file(path)
    if fresh is None:
        return Reason(Why.OUTPUT_MISSING)
    if fresh.digest != record.stamp.digest:
        return Reason(Why.OUTPUT_CHANGED)
    status.refreshed[out] = fresh
    return None


class Checker:
    """Checks targets against their records, sharing one `Hasher` and one memo of dependency sets."""

    def __init__(self, out: str, hasher: Hasher, settings: Settings,
                 depsets: Mapping[int, tuple[Dep, ...]] | None = None) -> None:
        self._out = out
        self._hasher = hasher
        self._settings = settings
        self._options = settings.options
        self._depsets = depsets or {}
        self._depset_memo: dict[int, list[Reason]] = {}

    def _dep_reasons(self, deps: tuple[Dep, ...]) -> list[Reason]:
        memo = self._depset_memo.get(id(deps))  # records of one dependency set share one tuple
        if memo is not None:
            return memo
        reasons = []
        for dep in deps:
            now = self._hasher.digest(dep.path)
            if now != dep.digest:
                why = Why.INPUT_MISSING if now == MISSING else Why.INPUT_CHANGED
                reasons.append(Reason(why, dep.label()))
        self._depset_memo[id(deps)] = reasons
        return reasons

    def target_reasons(self, record: TargetRecord, project_digest: str,
                       status: ProjectStatus) -> list[Reason]:
        """Every reason *record* is out of date (empty if it is up to date)."""
        settings = self._settings
        reasons: list[Reason] = []
        if settings.force:
            reasons.append(Reason(Why.FORCED))
        if record.version != settings.version:
            reasons.append(Reason(Why.UPGRADED))
        if record.options != self._options:
            reasons.append(Reason(Why.OPTIONS_CHANGED, options_change(record.options, settings)))
        output = _output_reason(record.output, f"{self._out}/{record.output}", record, status)
        if output is not None:
            reasons.append(output)
        if record.project_digest != project_digest:
            reasons.append(Reason(Why.PROJECT_CHANGED))
        reasons.extend(self._dep_reasons(record.deps))
        return reasons

    def project(self, source: ProjectSource, records: Sequence[TargetRecord], *,
                failed: bool = False) -> ProjectStatus:
        """The status of every selected target of one project (*failed*: its last build failed)."""
        status = ProjectStatus(source)
        if not records:
            status.stale["*"] = [Reason(Why.NEVER_BUILT)]
            return status
        if failed:  # render it again, if only to clear the failure from the index
            status.stale["*"] = [Reason(Why.LAST_FAILED)]
        project_digest = self._hasher.digest(source.project_file)
        prefix = len(source.slug) + 1
        by_output = {record.output[prefix:]: record for record in records}
        documents = sorted({record.document for record in records})
        for document in documents:
            for fmt in formats_for(document, self._settings.formats):
                out = fmt.output(document)
                record = by_output.get(out)
                if record is None:
                    status.stale[out] = [Reason(Why.NEVER_BUILT)]
                    continue
                status.recorded[out] = record.input_hash
                if self._unchanged(record, project_digest):
                    status.up_to_date += 1
                    continue
                reasons = self.target_reasons(record, project_digest, status)
                if reasons:
                    status.stale[out] = reasons
                else:
                    status.up_to_date += 1
        return status

    def quick(self, source: ProjectSource, check: QuickCheck) -> ProjectStatus | None:
        """The project's status if its quick check clears every selected target; None to check in full."""
        settings = self._settings
        if (settings.force or check.version != settings.version or check.options != self._options
                or check.project_digest != self._hasher.digest(source.project_file)):
            return None
        for depset in check.depsets:
            deps = self._depsets.get(depset)
            if deps is None or self._dep_reasons(deps):
                return None
        stamps = {str(output): (size, mtime) for output, size, mtime in check.outputs}
        documents = {document_of(output) for output in stamps}
        folder = f"{self._out}/{source.slug}/"
        count = 0
        for document in documents:
            for fmt in formats_for(document, settings.formats):
                output = fmt.output(document)
                stamp = stamps.get(output)
                if stamp is None:
                    return None
                try:
                    stat = os.stat(folder + output)  # noqa: PTH116 - hot path
                except FileNotFoundError:
                    return None
                if (stat.st_size, stat.st_mtime_ns) != stamp:
                    return None
                count += 1
        return ProjectStatus(source, up_to_date=count)

    def _unchanged(self, record: TargetRecord, project_digest: str) -> bool:
        """The common case, decided without building reasons: nothing about *record* moved."""
        settings = self._settings
        if (settings.force or record.version != settings.version or record.options != self._options
                or record.project_digest != project_digest or self._dep_reasons(record.deps)):
            return False
        try:
            stat = os.stat(f"{self._out}/{record.output}")  # noqa: PTH116 - hot path
        except FileNotFoundError:
            return False
        return stat.st_size == record.stamp.size and stat.st_mtime_ns == record.stamp.mtime_ns


def wanted_pages(state: BuildState, settings: Settings) -> list[str]:
    """The index and README pages the build folder should hold."""
    pages = [INDEX_PAGES[0]]
    if Format.DOCX in settings.formats:
        pages.append(INDEX_PAGES[1])
    pages.extend(f"{slug}/{PROJECT_README}" for slug in state.slugs())
    return pages


def pages_current(out: Path, state: BuildState, settings: Settings) -> bool:
    """True if every page exists as the state last wrote it, by the same coprod version."""
    if state.meta(PAGES_VERSION) != settings.version:
        return False
    stamps = state.pages()
    for page in wanted_pages(state, settings):
        stamp = stamps.get(page)
        try:
            stat = os.stat(f"{out}/{page}")  # noqa: PTH116 - hot path: one stat per project
        except FileNotFoundError:
            return False
        if stamp is None or not stamp.matches(stat, racy=False):
            return False
    return True
