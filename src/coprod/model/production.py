"""Control, delivery, timeline, insurance, legal terms and the draft's own details."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Discriminator, Tag, model_validator
from pydantic_core import PydanticCustomError

from coprod.model.types import (
    Base,
    Flag,
    Identifier,
    IsoDate,
    Percent,
    PositiveInt,
    Text,
    described,
    word_or_list,
)

Approvers = Annotated[
    Annotated[Literal["all"], Tag("word")] | Annotated[list[Identifier], Tag("list")],
    Discriminator(word_or_list("all"), custom_error_type="approvers",
                  custom_error_message="expected 'all' or a list of partner ids such as [aurora, nord]"),
]
"""'all' (every co-producer) or a list of partner ids."""


class BudgetChanges(Base):
    """Budget changes above a threshold need approval."""

    threshold_percent: Percent = described("Changes above this per cent of the budget need approval.")
    approvers: Approvers = described("'all' or a list of partner ids.")


class Approvals(Base):
    """Who must approve each key decision."""

    script: Approvers = described("Approval of the final shooting script.")
    director: Approvers = described("Approval of the director.")
    lead_cast: Approvers = described("Approval of the lead cast.")
    heads_of_department: Approvers = described("Approval of heads of department.")
    final_cut: Approvers = described("Who has final cut.")
    budget_changes: BudgetChanges = described("Approval of budget changes over a threshold.")

    def decisions(self) -> list[tuple[tuple[str, ...], Approvers]]:
        """Who approves each decision, with the field path of its approvers under ``approvals``."""
        return [(("script",), self.script), (("director",), self.director), (("lead_cast",), self.lead_cast),
                (("heads_of_department",), self.heads_of_department), (("final_cut",), self.final_cut),
                (("budget_changes", "approvers"), self.budget_changes.approvers)]


class Decision(StrEnum):
    """The decisions of the approvals list, as a deadlock rule names them."""

    SCRIPT = "script"
    DIRECTOR = "director"
    LEAD_CAST = "lead_cast"
    HEADS_OF_DEPARTMENT = "heads_of_department"
    FINAL_CUT = "final_cut"
    BUDGET_CHANGES = "budget_changes"


class Deadlock(Base):
    """How a deadlock on an approval is broken: who decides, after how long, and what it cannot decide.

    The matters that decide the film's national status and incentives (shares, spend by country, the
    nationality of key creatives, the language versions) are reserved in the agreement whatever this says:
    no casting vote decides them.
    """

    decides: Identifier = described("The partner whose decision prevails after the waiting period (a "
                                    "creative co-producer, usually the majority or delegate producer).")
    after_business_days: PositiveInt = described(
        "Business Days without agreement, after a written request, before that partner decides.")
    excluded: list[Decision] = described(
        "Approvals the deciding partner cannot decide alone: they stay with their approvers "
        "(script, director, lead_cast, heads_of_department, final_cut, budget_changes).",
        default_factory=list)
    cost_disputes_to_accountant: Flag = described(
        "True if a dispute about the amount of a cost goes to an independent production accountant.",
        default=False)


class Control(Base):
    """Creative and business control."""

    approvals: Approvals = described("Who approves what.")
    deadlock: Deadlock = described("How a deadlock between the partners is broken.")


class Delivery(Base):
    """One delivery item owed by a partner."""

    partner: Identifier = described("The partner that delivers.")
    item: Text = described("What is delivered.")
    due: IsoDate = described("Due date, YYYY-MM-DD.")


class MilestoneKind(StrEnum):
    """Kinds of milestone; applications are checked against the framework's lead time."""

    DEVELOPMENT = "development"
    FINANCING = "financing"
    APPLICATION = "application"
    APPROVAL = "approval"
    """A competent authority's approval (provisional or final); some frameworks limit how long it lasts."""
    SHOOT = "shoot"
    POST = "post"
    DELIVERY = "delivery"
    RELEASE = "release"
    OTHER = "other"


class Milestone(Base):
    """A dated event (``date``) or a period (``start`` and ``end``)."""

    milestone: Text = described("What happens.")
    kind: MilestoneKind = described("development, financing, application, approval (a competent "
                                    "authority's approval, e.g. a provisional approval), shoot, post, "
                                    "delivery, release or other.")
    date: IsoDate | None = described("Date of a one-day event.", default=None)
    start: IsoDate | None = described("First day of a period.", default=None)
    end: IsoDate | None = described("Last day of a period.", default=None)
    parties: Approvers = described("Partners concerned: 'all' or a list of partner ids.", default="all")

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        if self.date is not None and (self.start is not None or self.end is not None):
            raise PydanticCustomError("milestone_form", "expected either date, or start and end, found both",
                                      {})
        if self.date is None and (self.start is None or self.end is None):
            raise PydanticCustomError("milestone_form", "expected a date, or both start and end", {})
        return self

    @property
    def first_day(self) -> dt.date:
        """The day the milestone starts."""
        day = self.date or self.start
        assert day is not None  # guaranteed by the validator
        return day

    @property
    def last_day(self) -> dt.date:
        """The day the milestone ends."""
        day = self.date or self.end
        assert day is not None  # guaranteed by the validator
        return day


class CompletionBond(Base):
    """A completion guarantee, if the financiers require one."""

    guarantor: Text = described("The completion guarantor.")
    fee_percent: Percent = described("The guarantor's fee, per cent of the budget.")


class Insurance(Base):
    """Insurance the production carries."""

    production_package: Flag = described("A production insurance package is taken out.", default=True)
    errors_and_omissions: Flag = described("An errors and omissions (E&O) policy is taken out.", default=True)
    completion_bond: CompletionBond | None = described("The completion bond, if any.", default=None)


class Draft(Base):
    """The draft's own details, printed on every document; taken from here, never from the clock."""

    number: PositiveInt = described("Draft number.", default=1)
    date: IsoDate = described("Date of the draft, YYYY-MM-DD.")
    legend: Text = described(
        "Legend printed in the footer of every Word page, e.g. 'Without prejudice'.",
        default="Subject to contract \u2014 privileged and confidential",
    )
