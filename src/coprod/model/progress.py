"""Where each checklist task stands, recorded by the producer so the tracker round-trips."""

from __future__ import annotations

from enum import StrEnum

from coprod.model.types import Base, IsoDate, Text, described


class TaskStatus(StrEnum):
    """A task's status as the producer records it (whether it is late is computed, never recorded)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WAIVED = "waived"
    """Not needed for this film (say why in ``evidence``)."""


class TaskProgress(Base):
    """The recorded state of one task of the schedule, keyed by its id (the tracker's Id column)."""

    status: TaskStatus = described("open, in_progress, done or waived.")
    evidence: Text | None = described("What closed it (a document, a reference), or why it is waived.",
                                      default=None)
    done_on: IsoDate | None = described("The day it was done, YYYY-MM-DD.", default=None)
