"""``--watch``: a build now, and another each time a watched file changes."""

from __future__ import annotations

import io
from collections.abc import Callable

from coprod.pipeline.plan import BuildPlan
from coprod.pipeline.report import Mode, Reporter
from coprod.pipeline.watch import snapshot, watch
from tests.pipeline.pipeline_support import Kit


def _do(edit: Callable[[], object]) -> None:
    edit()


def test_watch_builds_again_only_after_a_change(kit: Kit) -> None:
    kit.project("alpha")
    edits: list[Callable[[], object]] = [
        lambda: None,
        lambda: kit.project("alpha", title="Alpha Two"),
        lambda: None,
        lambda: kit.touch_template("clauses/recoupment.md.j2", "## 2. Recoupment\n\nChanged.\n"),
    ]
    plans: list[BuildPlan] = []

    def make_plan() -> BuildPlan:
        plans.append(kit.plan())
        return plans[-1]

    summary = watch(make_plan, Reporter(Mode.QUIET, io.StringIO(), io.StringIO()),
                    lambda: snapshot([kit.root / "templates", kit.projects], []),
                    rounds=len(edits), sleep=lambda _seconds: _do(edits.pop(0)))
    assert len(plans) == 3  # the first build, then one per change; quiet rounds build nothing
    assert sorted(summary.built) == ["alpha/agreement.docx", "alpha/agreement.md",
                                     "alpha/term-sheet.docx", "alpha/term-sheet.md"]
    assert "Alpha Two" in (kit.out / "alpha" / "readiness.md").read_text()
