"""tracker.xlsx and deadlines.ics, read back with the libraries a producer's tools use."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
from icalendar import Calendar, Component
from openpyxl.worksheet.worksheet import Worksheet

from coprod.analysis import analyse
from coprod.model.progress import TaskProgress, TaskStatus
from coprod.model.project import Project
from coprod.rendering.calendar import deadlines_ics
from coprod.rendering.sheets.tracker import HEADER, tracker_xlsx
from tests.rendering.rendering_support import EXAMPLES, example


def _tracker(project: Project) -> Worksheet:
    workbook = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(project, analyse(project).schedule)))
    return workbook["Tasks"]


def test_the_tracker_has_every_task_with_filters_a_frozen_header_real_dates_and_a_status_list() -> None:
    for slug in EXAMPLES:
        project = example(slug)
        schedule = analyse(project).schedule
        sheet = _tracker(project)
        assert tuple(cell.value for cell in sheet[1]) == HEADER
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:N{len(schedule.tasks) + 1}"
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert [row[0] for row in rows] == [task.id for task in schedule.tasks]
        dues = [row[5] for row in rows]
        assert all(isinstance(d, dt.datetime) for d in dues)  # real dates, not text
        assert [d.date() for d in dues if isinstance(d, dt.datetime)] == [t.due for t in schedule.tasks]
        (validation,) = sheet.data_validations.dataValidation
        assert validation.type == "list"
        assert validation.formula1 == '"open,in_progress,done,waived"'
        assert str(validation.sqref) == f"I2:I{len(rows) + 1}"


def test_a_status_recorded_in_the_project_file_comes_back_in_the_tracker() -> None:
    project = example("the-salt-road")
    recorded = project.model_copy(update={"progress": {
        "vltava.application": TaskProgress(status=TaskStatus.DONE, evidence="SFK receipt 2027/114")}})
    row = next(r for r in _tracker(recorded).iter_rows(min_row=2, values_only=True)
               if r[0] == "vltava.application")
    assert (row[8], row[9], row[10]) == ("done", "done", "SFK receipt 2027/114")


def test_the_tracker_is_the_same_bytes_each_time_with_fixed_dates() -> None:
    project = example("the-last-ferry")
    schedule = analyse(project).schedule
    first = tracker_xlsx(project, schedule)
    assert first == tracker_xlsx(project, schedule)
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2026-11-24T00:00:00Z</dcterms:modified>" in core


def _events(data: bytes) -> list[Component]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_the_calendar_parses_with_one_event_and_alarm_per_dated_task() -> None:
    project = example("the-salt-road")
    schedule = analyse(project).schedule
    events = _events(deadlines_ics(project, "the-salt-road", schedule))
    dated = [task for task in schedule.tasks if task.due is not None]
    assert len(events) == len(dated) > 40
    for event, task in zip(events, dated, strict=True):
        assert str(event["uid"]) == f"{task.id}@the-salt-road.coprod"
        assert event.decoded("dtstart") == task.due
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("trigger") == dt.timedelta(days=-7)
    reports = next(e for e in events if str(e["uid"]).startswith("production.cost-reports@"))
    assert b"RRULE:FREQ=MONTHLY;UNTIL=20271215;INTERVAL=1" in reports.to_ical()


def test_a_rebuilt_calendar_keeps_its_uids_and_the_newer_draft_wins() -> None:
    project = example("the-salt-road")
    before = _events(deadlines_ics(project, "the-salt-road", analyse(project).schedule))
    draft = project.draft.model_copy(update={"number": 4, "date": dt.date(2027, 1, 10)})
    moved = project.model_copy(update={"draft": draft})
    after = _events(deadlines_ics(moved, "the-salt-road", analyse(moved).schedule))
    assert [str(e["uid"]) for e in after] == [str(e["uid"]) for e in before]
    assert {e.decoded("sequence") for e in after} == {4}
    assert deadlines_ics(moved, "the-salt-road", analyse(moved).schedule) == \
        deadlines_ics(moved, "the-salt-road", analyse(moved).schedule)
