"""Outputs that are files, not Markdown documents.

The readiness report's chart, the producer's tracker and calendar, the finance plan workbook. Each is
deterministic bytes (the pipeline's file outputs), made from the same analysis as the documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from coprod.analysis.run import Analysis
from coprod.model.project import Project
from coprod.rendering.calendar import deadlines_ics
from coprod.rendering.sheets.finance_plan import finance_plan_xlsx
from coprod.rendering.sheets.tracker import tracker_xlsx
from coprod.rendering.timeline_chart import gantt
from coprod.rendering.view.timeline import CHART

TRACKER = "tracker.xlsx"
CALENDAR = "deadlines.ics"
FINANCE_PLAN = "finance-plan.xlsx"


@dataclass(frozen=True, slots=True)
class FileOutput:
    """One file of a project's build folder."""

    relpath: str
    kind: str
    title: str
    data: bytes


def file_outputs(project: Project, analysis: Analysis, slug: str,
                 levels: Sequence[Decimal]) -> tuple[FileOutput, ...]:
    """Every file output of *project* (*slug* names its calendar's events; *levels* its scenarios)."""
    title = project.film.title
    schedule = analysis.schedule
    return (FileOutput(CHART, "chart", f"{title} — Timeline", gantt(project, schedule).svg),
            FileOutput(TRACKER, "tracker", f"{title} — Tracker", tracker_xlsx(project, schedule)),
            FileOutput(CALENDAR, "calendar", f"{title} — Deadlines", deadlines_ics(project, slug, schedule)),
            FileOutput(FINANCE_PLAN, "finance-plan", f"{title} — Finance plan",
                       finance_plan_xlsx(project, levels)))
