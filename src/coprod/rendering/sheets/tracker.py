"""tracker.xlsx: every task of every partner in one sheet a producer filters, sorts and updates.

The Id column is what the project file's ``progress`` section records, so the tracker round-trips: a
status chosen here and copied into the project file comes back on the next build.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from coprod.analysis.schedule import Schedule, Task
from coprod.model.progress import TaskStatus
from coprod.model.project import Project
from coprod.rendering.sheets.package import workbook_bytes

HEADER = ("Id", "Partner", "Task", "Owner role", "Owner", "Due", "How the date is set", "Evidence", "Status",
          "On the draft date", "Recorded evidence", "Depends on", "Agreement clause", "Rule")
WIDTHS = (30, 24, 60, 20, 34, 12, 34, 40, 13, 15, 30, 30, 18, 40)
STATUSES = tuple(status.value for status in TaskStatus)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def _row(project: Project, schedule: Schedule, task: Task) -> list[object]:
    return [task.id, project.partner(task.partner).company, task.title, task.owner.role.words,
            task.owner.text, task.due, task.due_rule, task.evidence, task.status.value,
            schedule.timing(task).value.replace("_", " "), task.recorded_evidence or "",
            ", ".join(task.depends_on), task.clause or "", task.rule or ""]


def tracker_xlsx(project: Project, schedule: Schedule) -> bytes:
    """The tracker of *project*'s schedule as .xlsx bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Tasks"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for task in schedule.tasks:
        sheet.append(_row(project, schedule, task))
    last = sheet.max_row
    for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        cell.number_format = "yyyy-mm-dd"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    last_column = chr(ord("A") + len(HEADER) - 1)
    sheet.auto_filter.ref = f"A1:{last_column}{last}"
    status = DataValidation(type="list", formula1=f'"{",".join(STATUSES)}"', allow_blank=False,
                            showErrorMessage=True, errorTitle="Status",
                            error=f"Choose one of: {', '.join(STATUSES)}.")
    status.add(f"I2:I{max(last, 2)}")
    sheet.add_data_validation(status)
    return workbook_bytes(workbook, project.draft.date)
