"""Put a finished job's outputs in place, then record them: the only writer of target rows.

Order matters for crash safety: each output is renamed into place (atomic), the folders are fsynced, and
only then is the state committed, in one transaction per project. A build killed between the two leaves
outputs the state does not vouch for, which the next build simply makes again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coprod.errors import BuildError
from coprod.pipeline.atomic import fsync_dir, replace
from coprod.pipeline.fingerprint import Stamp
from coprod.pipeline.staleness import ProjectSource
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


def remove_output(out: Path, record: TargetRecord) -> None:
    """Delete *record*'s output and any folder that leaves empty."""
    path = out / record.output
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != out:  # drop folders the removal left empty (checklists/ of a dropped partner)
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def commit(state: BuildState, out: Path, source: ProjectSource, request: JobRequest, result: JobResult,
           previous: Sequence[TargetRecord], known: ProjectRecord | None) -> Committed:
    """Rename *result*'s outputs into place and record them; remove outputs of dropped documents."""
    slug = source.slug
    done = Committed(slug, kept=len(result.kept))
    done.failures = [(f"{slug}/{target}", message) for target, message in result.failures]
    folder = out / slug
    records: list[TargetRecord] = []
    touched: set[Path] = set()
    for made in result.made:
        dest = folder / made.output
        try:
            replace(Path(made.temp), dest)
            stat = dest.stat()
        except (BuildError, OSError) as error:
            done.failures.append((f"{slug}/{made.output}", str(error)))
            continue
        touched.add(dest.parent)
        stamp = Stamp(stat.st_size, stat.st_mtime_ns, made.digest, time.time_ns())
        records.append(TargetRecord(f"{slug}/{made.output}", slug, made.document, made.format.value,
                                    request.version, request.options, made.project_digest, made.deps,
                                    made.input_hash, stamp))
        done.built.append(f"{slug}/{made.output}")
    for path in sorted(touched):
        fsync_dir(path)
    dropped: list[TargetRecord] = []
    if result.summary is not None:
        current = {path for path, _kind, _title in result.documents}
        dropped = [record for record in previous if record.document not in current]
        for record in dropped:
            remove_output(out, record)
            done.removed.append(record.output)
    with state.transaction():
        for record in records:
            state.record_target(record)
        for record in dropped:
            state.forget_target(record.output)
        summary: dict[str, object] | None = None
        if result.summary is not None:
            summary = result.summary.to_json()
            summary["documents"] = [{"path": path, "kind": kind, "title": title}
                                    for path, kind, title in result.documents]
        elif known is not None:
            summary = dict(known.summary)
        if summary is not None:
            whole = [message for target, message in result.failures if target == "*"]
            if whole:
                summary["failed"] = whole[0]
            else:
                summary.pop("failed", None)
            state.record_project(ProjectRecord(slug, source.project_file, summary))
    return done
