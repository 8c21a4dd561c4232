"""The readiness report's timeline: key dates, the critical paths, what is late or due soon, a Gantt chart.

Every row comes from `Analysis.schedule`, the same tasks as the checklists, tracker.xlsx and deadlines.ics.
"""

from __future__ import annotations

from dataclasses import dataclass

from coprod.analysis.schedule import Schedule, Timing
from coprod.analysis.schedule.paths import critical_path
from coprod.analysis.schedule.production_tasks import DELIVERY, FINANCE_CLOSE, SHOOT
from coprod.model.project import Project
from coprod.rendering.escape import Safe
from coprod.rendering.filters import date
from coprod.rendering.view.checklist import numbering, status_text
from coprod.rendering.view.common import Cell, Table

CHART = "readiness-timeline.svg"
"""The Gantt chart's file, beside readiness.md."""


@dataclass(frozen=True, slots=True)
class TimelineView:
    """What the timeline section prints."""

    as_of: Safe
    at_risk_days: int
    key_dates: Table
    to_shoot: Table | None
    to_delivery: Table | None
    watch: Table | None
    """Open tasks late or due within ``at_risk_days`` of the draft date; None when there are none."""
    chart: str
    """The chart's file name, for the Markdown image."""


def _where(project: Project, schedule: Schedule, task_id: str, numbers: dict[str, tuple[str, int]]) -> str:
    partner, number = numbers[task_id]
    return f"{project.partner(partner).company} #{number}"


def _path(project: Project, schedule: Schedule, target: str) -> Table | None:
    ids = {task.id for task in schedule.tasks}
    if target not in ids or schedule.task(target).due is None:
        return None
    numbers = numbering(schedule)
    rows: list[tuple[Cell, ...]] = []
    for step in critical_path(schedule, target):
        task = step.task
        rows.append((date(task.due) if task.due else "Not dated", task.title, task.owner.text,
                     _where(project, schedule, task.id, numbers), status_text(schedule, task),
                     "—" if step.slack_days is None else _days(step.slack_days)))
    return Table(("Due", "Task", "Owner", "Checklist", "Status", "Days to the next step"), tuple(rows),
                 frozenset({5}))


def timeline_view(project: Project, schedule: Schedule) -> TimelineView:
    """The timeline section of *project*'s readiness report."""
    numbers = numbering(schedule)
    key = []
    for task_id, words in ((FINANCE_CLOSE, "Close of financing"), (SHOOT, "Principal photography starts"),
                           (DELIVERY, "Delivery to the sales agent")):
        task = next((t for t in schedule.tasks if t.id == task_id), None)
        if task is not None and task.due is not None:
            key.append((words, date(task.due), task.due_rule[:1].upper() + task.due_rule[1:]))
    watch = [task for task in schedule.tasks if schedule.timing(task) in {Timing.LATE, Timing.AT_RISK}]
    watch_rows: tuple[tuple[Cell, ...], ...] = tuple(
        (date(t.due) if t.due else "", t.title, t.owner.text, _where(project, schedule, t.id, numbers),
         status_text(schedule, t)) for t in watch)
    return TimelineView(
        as_of=date(schedule.as_of), at_risk_days=schedule.at_risk_days,
        key_dates=Table(("Milestone", "Date", "How the date is set"), tuple(key)),
        to_shoot=_path(project, schedule, SHOOT), to_delivery=_path(project, schedule, DELIVERY),
        watch=Table(("Due", "Task", "Owner", "Checklist", "Status"), watch_rows) if watch_rows else None,
        chart=CHART)


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
