"""The schedule's values: tasks with an owner role, a due date, the evidence that closes them, a source.

A task id is stable across builds (it is made of partner ids, finance line ids and fixed words), so a
producer can record its status in the project file and a calendar can update its event.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coprod.analysis.findings import Finding
from coprod.location import FieldPath
from coprod.model.progress import TaskStatus


class OwnerRole(StrEnum):
    """Who does a task: a role, not the company's signatory (unless the task is to sign)."""

    DELEGATE_PRODUCER = "delegate_producer"
    PRODUCTION_OFFICE = "production_office"
    LEGAL_COUNSEL = "legal_counsel"
    ACCOUNTANT = "accountant"
    SIGNATORY = "signatory"
    SALES_AGENT = "sales_agent"
    COLLECTION_ACCOUNT_MANAGER = "collection_account_manager"

    @property
    def words(self) -> str:
        """The role as a producer writes it: 'Legal counsel'."""
        return self.value.replace("_", " ").capitalize()


class Phase(StrEnum):
    """Where a task falls in the life of the film (rows of the Gantt chart)."""

    CONTRACTS = "contracts"
    APPLICATIONS = "applications"
    FINANCE = "finance"
    PREPARATION = "preparation"
    PRODUCTION = "production"
    DELIVERY = "delivery"
    COMPLETION = "completion"


class Owner(BaseModel):
    """A role at an organisation; a person only where the project names one for that role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: OwnerRole
    organisation: str
    person: str | None = None

    @property
    def text(self) -> str:
        """'Legal counsel, Nord Lumière SRL' or 'Giulia Ferri (Amministratrice unica, Aurora Film S.r.l.)'."""
        if self.person:
            return f"{self.person} ({self.organisation})"
        return f"{self.role.words}, {self.organisation}"


class Task(BaseModel):
    """One thing someone must do, by when, proved by what, on whose authority, after what."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    """Stable id: 'aurora.application', 'nord.finance.be-cca', 'production.cost-reports'."""
    partner: str
    """The partner whose checklist carries the task (the delegate producer's for production tasks)."""
    title: str
    """What to do, one sentence."""
    owner: Owner
    due: dt.date | None
    """None when no date can be computed (no shoot in the timeline)."""
    due_rule: str
    """How the due date was found: 'project timeline', '28 days before principal photography'."""
    latest: dt.date | None = None
    """The latest date a rule allows, when the due date is earlier (a milestone ahead of a lead time)."""
    evidence: str
    """What closes the task."""
    clause: str | None = None
    """Label of the agreement clause that asks for it ('approval-applications')."""
    rule: str | None = None
    """The framework rule or practice source behind the date or the task."""
    depends_on: tuple[str, ...] = ()
    phase: Phase
    path: FieldPath = ()
    """Field path of what the task comes from, for findings."""
    repeat_months: int | None = None
    """Recurs every so many months until ``until`` (cost reports)."""
    until: dt.date | None = None
    status: TaskStatus = TaskStatus.OPEN
    recorded_evidence: str | None = None
    """The evidence the project file records for the task."""


class Timing(StrEnum):
    """Where an open task stands on the draft date."""

    DONE = "done"
    LATE = "late"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"
    UNDATED = "undated"


class Schedule(BaseModel):
    """Every task of the deal once, in dependency order, with the findings about dates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    as_of: dt.date
    """The draft date: lateness is judged on it, never on the clock."""
    tasks: tuple[Task, ...]
    findings: tuple[Finding, ...]
    shoot_start: dt.date | None
    delivery: dt.date | None
    at_risk_days: int

    def task(self, task_id: str) -> Task:
        """The task with *task_id*; KeyError if there is none."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    def of_partner(self, partner_id: str) -> tuple[Task, ...]:
        """The tasks on *partner_id*'s checklist, by due date (undated last)."""
        return tuple(t for t in self.tasks if t.partner == partner_id)

    def timing(self, task: Task) -> Timing:
        """Done, late, at risk (due within ``at_risk_days`` of the draft date), on track, or undated."""
        if task.status in {TaskStatus.DONE, TaskStatus.WAIVED}:
            return Timing.DONE
        if task.due is None:
            return Timing.UNDATED
        if task.due < self.as_of:
            return Timing.LATE
        if (task.due - self.as_of).days <= self.at_risk_days:
            return Timing.AT_RISK
        return Timing.ON_TRACK
