"""Put finished jobs' outputs in place, then record them: the only writer of target rows.

Order matters for crash safety. For a batch of finished projects: make the temporary files durable,
rename each output into place (atomic), make the renames durable, and only then commit the state, in one
transaction. A build killed between two steps leaves outputs the state does not vouch for, which the next
build simply makes again; it never leaves a record of an output that is not there.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coprod.errors import BuildError
from coprod.pipeline.atomic import replace, sync_filesystem
from coprod.pipeline.fingerprint import Stamp
from coprod.pipeline.plan import ProjectSource
from coprod.pipeline.state import BuildState, ProjectRecord, TargetRecord
from coprod.pipeline.worker import JobRequest, JobResult


@dataclass(slots=True)
class Committed:
    """What one project's job changed in the build folder."""

    slug: str
    built: list[str] = field(default_factory=list)
    """Outputs written, relative to the build folder."""
    kept: int = 0
    removed: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(target relative to the build folder, message)."""
    records: list[TargetRecord] = field(default_factory=list)
    project: ProjectRecord | None = None


@dataclass(frozen=True, slots=True)
class Finished:
    """A job's result with what the parent knew when it asked for it."""

    source: ProjectSource
    request: JobRequest
    result: JobResult
    previous: Sequence[TargetRecord]
    """The project's target records before this build."""
    known: ProjectRecord | None


def remove_output(out: Path, relpath: str) -> None:
    """Delete the file *relpath* of build folder *out*, and any folder that leaves empty."""
    path = out / relpath
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != out:  # drop folders the removal left empty (checklists/ of a dropped partner)
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def _summary(finished: Finished) -> dict[str, object] | None:
    result = finished.result
    summary: dict[str, object] | None = None
    if result.summary is not None:
        summary = result.summary.to_json()
        summary["documents"] = [{"path": path, "kind": kind, "title": title}
                                for path, kind, title in result.documents]
    elif finished.known is not None:
        summary = dict(finished.known.summary)  # failed now: keep what the folder holds, say it failed
    if summary is not None:
        whole = [message for target, message in result.failures if target == "*"]
        if whole:
            summary["failed"] = whole[0]
        else:
            summary.pop("failed", None)
    return summary


def place(out: Path, finished: Finished) -> Committed:
    """Rename a job's outputs into place and remove the outputs of documents the project dropped."""
    slug, result, request = finished.source.slug, finished.result, finished.request
    done = Committed(slug, kept=len(result.kept))
    done.failures = [(f"{slug}/{target}", message) for target, message in result.failures]
    for made in result.made:
        dest = out / slug / made.output
        try:
            replace(Path(made.temp), dest)
            stat = dest.stat()
        except (BuildError, OSError) as error:
            done.failures.append((f"{slug}/{made.output}", str(error)))
            continue
        stamp = Stamp(stat.st_size, stat.st_mtime_ns, made.digest, time.time_ns())
        done.records.append(TargetRecord(f"{slug}/{made.output}", slug, made.document, made.format.value,
                                         request.version, request.options, made.project_digest, made.deps,
                                         made.input_hash, stamp))
        done.built.append(f"{slug}/{made.output}")
    if result.summary is not None:
        current = {path for path, _kind, _title in result.documents}
        for record in finished.previous:
            if record.document not in current:
                remove_output(out, record.output)
                done.removed.append(record.output)
    summary = _summary(finished)
    if summary is not None:
        done.project = ProjectRecord(slug, finished.source.project_file, summary)
    return done


def commit(state: BuildState, out: Path, batch: Sequence[Finished]) -> list[Committed]:
    """Place and record a batch of finished jobs, durably and in that order."""
    if not batch:
        return []
    temps = [Path(made.temp) for finished in batch for made in finished.result.made]
    try:
        sync_filesystem(out, temps)  # the temporary files' data is on disk before any rename can be
    except BuildError:
        for temp in temps:  # nothing was renamed: the earlier outputs stay, the new ones are dropped
            temp.unlink(missing_ok=True)
        raise
    placed = [place(out, finished) for finished in batch]
    # the renames are on disk before the state says they happened
    sync_filesystem(out, [out / output for done in placed for output in done.built])
    with state.transaction():
        for done in placed:
            for record in done.records:
                state.record_target(record)
            for output in done.removed:
                state.forget_target(output)
            if done.project is not None:
                state.record_project(done.project)
            state.update_quick(done.slug)
    return placed
