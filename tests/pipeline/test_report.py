"""What the build prints: a progress bar on a terminal, plain lines otherwise, JSON for scripts."""

from __future__ import annotations

import io
import json

from coprod.pipeline.record import Committed
from coprod.pipeline.report import BuildSummary, Mode, Reporter
from coprod.pipeline.targets import Reason, Why


def _run(mode: Mode) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    reporter = Reporter(mode, out, err)
    reporter.start(2)
    reporter.project(Committed("alpha", built=["alpha/agreement.md", "alpha/agreement.docx"]))
    reporter.project(Committed("beta", failures=[("beta/*", "projects/beta/project.yaml:3:1: bad\nworse")]))
    reporter.finish(BuildSummary(projects=2, built=["alpha/agreement.md", "alpha/agreement.docx"],
                                 up_to_date=7, failures=[("beta/*", "bad")]))
    return out.getvalue(), err.getvalue()


def test_plain_lines_when_not_a_terminal() -> None:
    out, err = _run(Mode.PLAIN)
    assert out == "built alpha: 2 files\nbuilt 2 files in 1 project; 7 up to date; 1 failed\n"
    assert err == "failed beta/*:\n    projects/beta/project.yaml:3:1: bad\n    worse\n"


def test_progress_bar_on_a_terminal() -> None:
    out, err = _run(Mode.PROGRESS)
    assert out == "built 2 files in 1 project; 7 up to date; 1 failed\n"
    bar = "\r[" + "-" * 30 + "] 0/2 projects"
    assert err.startswith(bar + "\r\x1b[K\r[" + "#" * 15 + "-" * 15 + "] 1/2 projects\r\x1b[K")
    assert err.endswith("\r[" + "#" * 30 + "] 2/2 projects\r\x1b[K")


def test_quiet_and_json() -> None:
    out, err = _run(Mode.QUIET)
    assert out == "" and err.startswith("failed beta/*:")
    out, _ = _run(Mode.JSON)
    assert json.loads(out) == {"projects": 2, "built": ["alpha/agreement.md", "alpha/agreement.docx"],
                               "up_to_date": 7, "failed": [{"target": "beta/*", "message": "bad"}],
                               "removed": [], "pages": []}


def test_dry_run_listing() -> None:
    out = io.StringIO()
    summary = BuildSummary(projects=1, up_to_date=3, dry_run=True, stale={
        "alpha/agreement.md": [Reason(Why.PROJECT_CHANGED), Reason(Why.INPUT_CHANGED, "template x.md.j2")]})
    Reporter(Mode.PLAIN, out, io.StringIO()).finish(summary)
    assert out.getvalue() == ("alpha/agreement.md: project file changed; template x.md.j2 changed\n"
                              "1 target would be rebuilt; 3 up to date\n")
