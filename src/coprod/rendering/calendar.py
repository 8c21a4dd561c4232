"""deadlines.ics: one all-day event per dated task, with an alarm, for any calendar application.

Each event's UID is the task id and the project's slug, so re-importing a rebuilt calendar updates the
events it already holds instead of adding copies; SEQUENCE is the draft number, so the newer draft wins.
DTSTAMP is the draft date, never the clock: the same project gives the same bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event, vRecur

from coprod.analysis.schedule import Schedule, Task
from coprod.model.project import Project

ALARM_DAYS = 7
"""Days before a task is due that its reminder fires."""


def uid(slug: str, task: Task) -> str:
    """The stable UID of *task*'s event."""
    return f"{task.id}@{slug}.coprod"


def _event(project: Project, slug: str, task: Task, stamp: dt.datetime) -> Event:
    assert task.due is not None
    company = project.partner(task.partner).company
    event = Event()
    event.add("uid", uid(slug, task))
    event.add("dtstamp", stamp)
    event.add("sequence", project.draft.number)
    event.add("dtstart", task.due)
    event.add("dtend", task.due + dt.timedelta(days=1))
    event.add("summary", f"{project.film.title}: {task.title}")
    lines = [f"Checklist: {company}", f"Owner: {task.owner.text}", f"Evidence: {task.evidence}",
             f"Due: {task.due_rule}", f"Status: {task.status.value}", f"Task id: {task.id}"]
    if task.rule:
        lines.append(f"Rule: {task.rule}")
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    if task.repeat_months and task.until:
        event.add("rrule", vRecur(freq="MONTHLY", interval=task.repeat_months, until=task.until))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Due in {ALARM_DAYS} days: {task.title}")
    alarm.add("trigger", dt.timedelta(days=-ALARM_DAYS))
    event.add_component(alarm)
    return event


def deadlines_ics(project: Project, slug: str, schedule: Schedule) -> bytes:
    """The calendar of *project*'s dated tasks as .ics bytes."""
    calendar = Calendar()
    calendar.add("prodid", "-//coprod//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{project.film.title} — deadlines")
    day = project.draft.date
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    for task in schedule.tasks:
        if task.due is not None:
            calendar.add_component(_event(project, slug, task, stamp))
    data: bytes = calendar.to_ical()
    return data
