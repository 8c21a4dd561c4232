"""`build_schedule`: every dated obligation of the deal, computed once, with the findings about its dates.

The tasks are each partner's (company, creatives, finance, applications, collection, deliveries), the
delegate producer's duties and the milestones they lead to; then the project file's recorded progress;
then the checks: a task due before what it depends on, a close of financing later than the practice lead
time, progress recorded for a task that does not exist.
"""

from __future__ import annotations

import datetime as dt

from coprod.analysis.findings import Citation, Confidence, Finding, Severity
from coprod.analysis.schedule import partner_tasks as per_partner
from coprod.analysis.schedule import production_tasks as production
from coprod.analysis.schedule.context import Context, long_date
from coprod.analysis.schedule.facts import FrameworkFacts, key_dates
from coprod.analysis.schedule.model import Schedule, Task
from coprod.analysis.schedule.practice import SchedulePractice
from coprod.model.project import Project

AREA = "readiness"
SCHEDULE = Citation(text="The schedule computed from the project file", confidence=Confidence.PRACTICE)


def _tasks(ctx: Context) -> list[Task]:
    tasks: list[Task] = []
    for partner in ctx.project.partners:
        tasks += per_partner.company(ctx, partner)
        tasks += per_partner.creatives(ctx, partner)
        tasks += per_partner.applications(ctx, partner)
        tasks += per_partner.finance(ctx, partner)
        tasks += per_partner.collection(ctx, partner)
        tasks += per_partner.deliveries(ctx, partner)
    tasks += production.delegate_duties(ctx)
    tasks += production.milestones(ctx, tasks)
    known = {task.id for task in tasks}
    # A dependency on a task this deal does not have (no sales agent, no nationality evidence) is dropped.
    return [task.model_copy(update={"depends_on": tuple(d for d in task.depends_on if d in known)})
            for task in tasks]


def _with_progress(project: Project, tasks: list[Task]) -> list[Task]:
    recorded = project.progress
    return [task.model_copy(update={"status": recorded[task.id].status,
                                    "recorded_evidence": recorded[task.id].evidence})
            if task.id in recorded else task for task in tasks]


def _dependency_findings(tasks: list[Task]) -> list[Finding]:
    by_id = {task.id: task for task in tasks}
    findings = []
    for task in tasks:
        for dep_id in task.depends_on:
            dep = by_id[dep_id]
            if task.due is None or dep.due is None or dep.due <= task.due:
                continue
            if dep.latest is not None and dep.due > dep.latest:
                continue  # the dependency breaks its own rule: that finding (a late application) says it
            message = (f"'{task.title}' ({task.owner.text}) is due on {long_date(task.due)}, but it "
                       f"needs '{dep.title}' ({dep.owner.text}), due only on {long_date(dep.due)}: bring "
                       "the second forward or move the first back.")
            findings.append(Finding(code="timeline.dependency-order", severity=Severity.WARNING, area=AREA,
                                    message=message, path=task.path, source=SCHEDULE))
    return findings


def _financing_findings(ctx: Context) -> list[Finding]:
    financing, shoot = ctx.dates.financing, ctx.dates.shoot
    rule = ctx.practice.finance_close
    if financing is None or shoot is None:
        return []
    index, milestone = financing
    days = (shoot - milestone.first_day).days
    if days >= rule.days_before_shoot:
        return []
    message = (f"'{milestone.milestone}' is on {long_date(milestone.first_day)}, {days} days before "
               f"principal photography on {long_date(shoot)}; financiers and guarantors expect the financing "
               f"closed at least {rule.days_before_shoot} days before. Close earlier or move the shoot.")
    return [Finding(code="timeline.late-financing-close", severity=Severity.WARNING, area=AREA,
                    message=message, path=("timeline", index), source=rule.citation)]


def _progress_findings(project: Project, tasks: list[Task]) -> list[Finding]:
    known = {task.id for task in tasks}
    return [Finding(code="timeline.unknown-task", severity=Severity.WARNING, area=AREA,
                    message=f"The progress recorded for '{task_id}' matches no task of this deal's schedule; "
                            "copy the id from the tracker's Id column.",
                    path=("progress", task_id), source=SCHEDULE)
            for task_id in project.progress if task_id not in known]


def build_schedule(project: Project, facts: FrameworkFacts, practice: SchedulePractice) -> Schedule:
    """The schedule of *project* under *facts* (its framework's) and coprod's *practice* data."""
    ctx = Context(project, practice, facts, key_dates(project))
    tasks = _with_progress(project, _tasks(ctx))
    order = {task.id: index for index, task in enumerate(tasks)}
    tasks.sort(key=lambda t: (t.due is None, t.due or dt.date.min, order[t.id]))
    findings = [*_dependency_findings(tasks), *_financing_findings(ctx), *_progress_findings(project, tasks)]
    return Schedule(as_of=project.draft.date, tasks=tuple(tasks), findings=tuple(findings),
                    shoot_start=ctx.dates.shoot, delivery=ctx.dates.delivery,
                    at_risk_days=practice.at_risk_days)
