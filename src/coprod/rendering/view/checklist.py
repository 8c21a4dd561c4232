"""A partner's checklist: its tasks from the deal's one schedule, as a tracker table.

Every row comes from `Analysis.schedule` (the same tasks as the readiness timeline, tracker.xlsx and
deadlines.ics): the task, who owns it (a role, not the company's signatory), when it is due and why, the
evidence that closes it, its status on the draft date, what it waits for, and the clause or rule behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coprod.analysis.schedule import Schedule, Task, Timing
from coprod.model.progress import TaskStatus
from coprod.model.project import Project
from coprod.rendering.escape import Safe, escape, one_line
from coprod.rendering.filters import date
from coprod.rendering.view.common import Cell, DraftView, PartyView, Table, draft_view, party_view

TIMING_WORDS = {Timing.LATE: "late", Timing.AT_RISK: "due soon"}
STATUS_WORDS = {TaskStatus.OPEN: "Open", TaskStatus.IN_PROGRESS: "In progress", TaskStatus.DONE: "Done",
                TaskStatus.WAIVED: "Waived"}


@dataclass(frozen=True, slots=True)
class ChecklistView:
    """Everything a partner's checklist prints."""

    draft: DraftView
    film_title: str
    heading: Safe
    """The partner's company name on one line, for the title heading (a heading is one line)."""
    partner: PartyView
    official: bool
    tasks: Table
    count: int
    late: int
    """Open tasks past their due date on the draft date."""
    at_risk: int


def status_text(schedule: Schedule, task: Task) -> str:
    """'Open', 'In progress, late', 'Done'."""
    words = STATUS_WORDS[task.status]
    timing = TIMING_WORDS.get(schedule.timing(task))
    return f"{words}, {timing}" if timing else words


def source_text(task: Task, clauses: Mapping[str, str]) -> Safe:
    """'Co-production Agreement, Clause 6.2; CETS 220, Art. 5 ...; due ...' (how the date was found)."""
    parts = []
    if task.clause is not None:
        number = clauses.get(task.clause)
        parts.append(f"Co-production Agreement, {number}" if number else "Co-production Agreement")
    if task.rule:
        parts.append(task.rule)
    parts.append(f"due {task.due_rule}")
    return escape("; ".join(parts))


def due_text(task: Task) -> Safe:
    """The due date ('26 February 2027'); how it was found is in the source column."""
    return date(task.due) if task.due is not None else Safe("Not dated")


def reference(tasks_by_id: Mapping[str, tuple[str, int]], project: Project, partner_id: str,
              task_id: str) -> str:
    """'#4' for a task of the same checklist; 'Nord Lumière SRL #4' for another partner's."""
    owner, number = tasks_by_id[task_id]
    return f"#{number}" if owner == partner_id else f"{project.partner(owner).company} #{number}"


def numbering(schedule: Schedule) -> dict[str, tuple[str, int]]:
    """Each task's partner and its number on that partner's checklist."""
    counts: dict[str, int] = {}
    numbers = {}
    for task in schedule.tasks:
        counts[task.partner] = counts.get(task.partner, 0) + 1
        numbers[task.id] = (task.partner, counts[task.partner])
    return numbers


def checklist_view(project: Project, partner_id: str, schedule: Schedule,
                   clauses: Mapping[str, str]) -> ChecklistView:
    """The checklist of *partner_id*; *clauses* maps agreement labels to 'Clause 6.2'."""
    partner = party_view(project, project.partner(partner_id))
    numbers = numbering(schedule)
    rows: list[tuple[Cell, ...]] = []
    tasks = schedule.of_partner(partner_id)
    for task in tasks:
        ordered = sorted(task.depends_on, key=lambda d: (numbers[d][0] != partner_id, numbers[d]))
        depends = ", ".join(reference(numbers, project, partner_id, d) for d in ordered) or "—"
        evidence = task.evidence if task.recorded_evidence is None else \
            f"{task.evidence}. Recorded: {task.recorded_evidence}"
        rows.append((str(numbers[task.id][1]), due_text(task), task.title, task.owner.text, evidence,
                     status_text(schedule, task), depends, source_text(task, clauses)))
    table = Table(("#", "Due", "Task", "Owner", "Evidence", "Status", "Depends on", "Source"), tuple(rows),
                  frozenset({0}))
    timings = [schedule.timing(task) for task in tasks]
    return ChecklistView(draft_view(project), project.film.title, one_line(partner.company), partner,
                         project.structure.kind == "official", table, len(tasks),
                         timings.count(Timing.LATE), timings.count(Timing.AT_RISK))
