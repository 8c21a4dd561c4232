"""The schedule: every dated obligation of a deal, with owner role, evidence, source and dependencies."""

from coprod.analysis.schedule.build import build_schedule
from coprod.analysis.schedule.facts import FrameworkFacts, framework_facts
from coprod.analysis.schedule.model import Owner, OwnerRole, Phase, Schedule, Task, Timing

__all__ = ["FrameworkFacts", "Owner", "OwnerRole", "Phase", "Schedule", "Task", "Timing", "build_schedule",
           "framework_facts"]
