"""The readiness report's Gantt chart.

The project's milestones as bars and diamonds, each phase of the schedule as the span of its tasks' due
dates, and the draft date as a line. Drawn through `coprod.rendering.charts.draw`, so its SVG and PNG
bytes are deterministic.
"""

from __future__ import annotations

import datetime as dt

from matplotlib.figure import Figure

from coprod.analysis.schedule import Phase, Schedule
from coprod.model.project import Project
from coprod.rendering.charts import Chart, draw

MILESTONE_COLOUR = "#2f5d8a"
PHASE_COLOUR = "#9bb7d4"
DRAFT_COLOUR = "#b03a2e"


def _x(day: dt.date) -> float:
    """A date's position on the axis: its ordinal day number."""
    return float(day.toordinal())


def _quarters(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the quarters from *first* to *last*, for the axis ticks."""
    day = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    ticks = []
    while day <= last:
        ticks.append(day)
        month = day.month + 3
        day = dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
    return ticks


def _rows(project: Project, schedule: Schedule) -> list[tuple[str, dt.date, dt.date, bool]]:
    """(label, first day, last day, is a milestone) from top to bottom."""
    rows = [(m.milestone, m.first_day, m.last_day, True)
            for m in sorted(project.timeline, key=lambda m: (m.first_day, m.last_day))]
    for phase in Phase:
        days = [t.due for t in schedule.tasks if t.phase is phase and t.due is not None]
        if days:
            count = len(days)
            rows.append((f"{phase.value.capitalize()} tasks ({count})", min(days), max(days), False))
    return rows


def gantt(project: Project, schedule: Schedule) -> Chart:
    """The chart for *project*'s readiness report."""
    rows = _rows(project, schedule)

    def paint(figure: Figure) -> None:
        axes = figure.add_subplot()
        for position, (_label, first, last, milestone) in enumerate(rows):
            colour = MILESTONE_COLOUR if milestone else PHASE_COLOUR
            if first == last:
                axes.plot([_x(first)], [position], marker="D", color=colour, markersize=5)
            else:
                start = _x(first)
                axes.barh(position, _x(last) - start, left=start, height=0.5, color=colour)
        axes.axvline(_x(schedule.as_of), color=DRAFT_COLOUR, linestyle="--", linewidth=1)
        axes.text(_x(schedule.as_of), len(rows) - 0.4, " draft", color=DRAFT_COLOUR, fontsize=7)
        axes.set_yticks(range(len(rows)), [label for label, *_ in rows])
        axes.invert_yaxis()
        first = min([schedule.as_of, *(row[1] for row in rows)])
        last = max([schedule.as_of, *(row[2] for row in rows)])
        ticks = _quarters(first, last)
        axes.set_xticks([_x(day) for day in ticks], [f"{day.strftime('%b')} {day.year}" for day in ticks])
        axes.grid(axis="x", linewidth=0.3)

    return draw(paint, width_inches=6.3, height_inches=0.9 + 0.25 * len(rows))
