"""Tell the user what the build does: a progress bar on a terminal, plain lines otherwise, a summary.

``--quiet`` prints only failures; ``--json`` prints one JSON document at the end, for scripts. Failures
always go to standard error, with the target and the message that explains it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, TextIO

from coprod.pipeline.targets import Reason

if TYPE_CHECKING:
    from coprod.pipeline.record import Committed


class Mode(Enum):
    """How much the build says, and how."""

    PROGRESS = "progress"
    PLAIN = "plain"
    QUIET = "quiet"
    JSON = "json"


@dataclass(slots=True)
class BuildSummary:
    """What a build did (or, for a dry run, would do)."""

    projects: int = 0
    built: list[str] = field(default_factory=list)
    up_to_date: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    stale: dict[str, list[Reason]] = field(default_factory=dict)
    """For a dry run: target -> reasons it would be rebuilt."""
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        """True if nothing failed."""
        return not self.failures

    def to_json(self) -> dict[str, object]:
        """The summary for ``--json``."""
        data: dict[str, object] = {
            "projects": self.projects, "built": self.built, "up_to_date": self.up_to_date,
            "failed": [{"target": target, "message": message} for target, message in self.failures],
            "removed": self.removed, "pages": self.pages}
        if self.dry_run:
            data = {"projects": self.projects, "dry_run": True, "up_to_date": self.up_to_date,
                    "stale": {target: [str(r) for r in reasons] for target, reasons in self.stale.items()}}
        return data

    def line(self) -> str:
        """One line for people: ``built 24 files in 2 projects; 2376 up to date; 1 failed``."""
        if self.dry_run:
            parts = [f"{len(self.stale)} target{_s(len(self.stale))} would be rebuilt"]
        else:
            projects = len({target.split("/", 1)[0] for target in self.built})
            parts = [f"built {len(self.built)} file{_s(len(self.built))} in {projects} project{_s(projects)}"]
        parts.append(f"{self.up_to_date} up to date")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return "; ".join(parts)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


class Reporter:
    """Prints build events in the chosen `Mode`."""

    def __init__(self, mode: Mode, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.mode = mode
        self._out = out if out is not None else sys.stdout
        self._err = err if err is not None else sys.stderr
        self._total = 0
        self._done = 0
        self._bar_shown = False

    def waiting(self, message: str) -> None:
        """The build waits for the folder's lock."""
        print(f"coprod: {message}", file=self._err, flush=True)

    def start(self, projects: int) -> None:
        """The build starts work on *projects* projects."""
        self._total = projects
        self._done = 0
        self._bar()

    def project(self, done: Committed) -> None:
        """One project's job is finished and recorded."""
        self._done += 1
        self._clear_bar()
        for target, message in done.failures:
            self.failure(target, message)
        if self.mode is Mode.PLAIN and done.built:
            print(f"built {done.slug}: {len(done.built)} file{_s(len(done.built))}", file=self._out,
                  flush=True)
        self._bar()

    def converted(self, done: Committed) -> None:
        """One project's PDF files are converted and recorded (after every project's job)."""
        self._clear_bar()
        for target, message in done.failures:
            self.failure(target, message)
        if self.mode is Mode.PLAIN and done.built:
            print(f"converted {done.slug}: {len(done.built)} PDF file{_s(len(done.built))}", file=self._out,
                  flush=True)

    def failure(self, target: str, message: str) -> None:
        """Print one failure (a target, or ``slug/*`` for a whole project)."""
        indented = message.replace("\n", "\n    ")
        print(f"failed {target}:\n    {indented}", file=self._err, flush=True)

    def finish(self, summary: BuildSummary) -> None:
        """The build is over: print the summary (or the dry run's list)."""
        self._clear_bar()
        if self.mode is Mode.JSON:
            json.dump(summary.to_json(), self._out, indent=2, ensure_ascii=False)
            self._out.write("\n")
            return
        if summary.dry_run and self.mode is not Mode.QUIET:
            for target, reasons in summary.stale.items():
                print(f"{target}: {'; '.join(str(reason) for reason in reasons)}", file=self._out)
        if self.mode is not Mode.QUIET:
            print(summary.line(), file=self._out, flush=True)

    def _bar(self) -> None:
        if self.mode is not Mode.PROGRESS or not self._total:
            return
        width = 30
        filled = width * self._done // self._total
        bar = "#" * filled + "-" * (width - filled)
        self._err.write(f"\r[{bar}] {self._done}/{self._total} projects")
        self._err.flush()
        self._bar_shown = True

    def _clear_bar(self) -> None:
        if self._bar_shown:
            self._err.write("\r\x1b[K")
            self._err.flush()
            self._bar_shown = False
