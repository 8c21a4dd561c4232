"""Critical paths: the longest chain of tasks, each waiting on the one before, that ends at a milestone.

The schedule has dates, not durations, so the path is the chain with the most steps; among equally long
chains, the one with the least slack (days between a task's due date and the next one's) is the tighter.
"""

from __future__ import annotations

from dataclasses import dataclass

from coprod.analysis.schedule.model import Schedule, Task


@dataclass(frozen=True, slots=True)
class Step:
    """One task on a critical path, and the days it leaves before the next step is due."""

    task: Task
    slack_days: int | None
    """None for the last step, or when a date is missing."""


def critical_path(schedule: Schedule, target: str) -> tuple[Step, ...]:
    """The critical path that ends at task *target*, first task first."""
    by_id = {task.id: task for task in schedule.tasks}
    best: dict[str, tuple[int, int, tuple[str, ...]]] = {}

    def slack(earlier: Task, later: Task) -> int:
        if earlier.due is None or later.due is None:
            return 0
        return (later.due - earlier.due).days

    def chain(task_id: str) -> tuple[int, int, tuple[str, ...]]:
        # (steps, -total slack, ids): the longest chain, then the tightest; ids break ties for stability.
        if task_id not in best:
            task = by_id[task_id]
            options = [(steps + 1, score - slack(by_id[dep], task), (*ids, task_id))
                       for dep in sorted(task.depends_on)
                       for steps, score, ids in (chain(dep),)]
            best[task_id] = max(options, default=(1, 0, (task_id,)))
        return best[task_id]

    ids = chain(target)[2]
    tasks = [by_id[i] for i in ids]
    return tuple(Step(task, slack(task, tasks[n + 1]) if n + 1 < len(tasks) else None)
                 for n, task in enumerate(tasks))
