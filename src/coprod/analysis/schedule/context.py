"""The dates and names every task generator shares.

When financing closes, when the agreement is signed, when each co-producer applies, who the delegate
producer is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from coprod.analysis.schedule.facts import FrameworkFacts, KeyDates
from coprod.analysis.schedule.model import Owner, OwnerRole
from coprod.analysis.schedule.practice import SchedulePractice
from coprod.model.parties import Partner
from coprod.model.production import Milestone, MilestoneKind
from coprod.model.project import Project


def before(day: dt.date | None, days: int) -> dt.date | None:
    """*days* days before *day* (None stays None)."""
    return None if day is None else day - dt.timedelta(days=days)


def after(day: dt.date | None, days: int) -> dt.date | None:
    """*days* days after *day* (None stays None)."""
    return None if day is None else day + dt.timedelta(days=days)


def months_after(day: dt.date, months: int) -> dt.date:
    """*day* moved on *months* calendar months, kept inside the month (31 January -> 28 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def slug(text: str) -> str:
    """A stable id word from *text*: 'Eurimages application' -> 'eurimages-application' (40 characters)."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)[:40].strip("-") or "item"


def long_date(day: dt.date) -> str:
    """'2 May 2027', as the documents write dates."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def covers(milestone: Milestone, partner_id: str) -> bool:
    """Whether *milestone* concerns *partner_id*."""
    return milestone.parties == "all" or partner_id in milestone.parties


@dataclass(frozen=True)
class Context:
    """One project's schedule inputs."""

    project: Project
    practice: SchedulePractice
    facts: FrameworkFacts
    dates: KeyDates

    @cached_property
    def delegate(self) -> Partner:
        """The delegate producer; the majority co-producer (or the first partner) if none is named."""
        partners = self.project.partners
        return next((p for p in partners if p.delegate_producer),
                    next((p for p in partners if p.role.value == "majority"), partners[0]))

    @cached_property
    def finance_close(self) -> dt.date | None:
        """The financing milestone, else the practice lead time before principal photography."""
        if self.dates.financing is not None:
            return self.dates.financing[1].first_day
        return before(self.dates.shoot, self.practice.finance_close.days_before_shoot)

    def is_authority_application(self, milestone: Milestone) -> bool:
        """An application milestone for official status (not a fund's), judged by its words."""
        if milestone.kind is not MilestoneKind.APPLICATION or not self.facts.official:
            return False
        text = milestone.milestone.lower()
        names = [name.lower() for name in self.facts.authorities.values()]
        return any(word in text for word in self.practice.authority_application_words) or \
            any(name in text for name in names)

    def authority_milestone(self, partner_id: str) -> tuple[int, Milestone] | None:
        """The earliest authority application milestone that covers *partner_id*."""
        found = [(m.first_day, i) for i, m in enumerate(self.project.timeline)
                 if self.is_authority_application(m) and covers(m, partner_id)]
        if not found:
            return None
        index = min(found)[1]
        return index, self.project.timeline[index]

    def application_date(self, partner: Partner) -> dt.date | None:
        """When *partner* applies for official status: its milestone, else the framework's deadline."""
        if partner.country not in self.facts.authorities:
            return None
        milestone = self.authority_milestone(partner.id)
        if milestone is not None:
            return milestone[1].first_day
        return self.facts.deadline or before(self.dates.shoot, 1)

    @cached_property
    def signature(self) -> dt.date | None:
        """The agreement is signed for the first application dossier; in a creative deal, by financing."""
        applications = [d for p in self.project.partners if (d := self.application_date(p)) is not None]
        return min(applications, default=None) or self.finance_close

    @cached_property
    def first_receipts(self) -> dt.date | None:
        """The day before delivery to the sales agent or the close of financing, whichever comes first."""
        days = [d for d in (self.finance_close, before(self.dates.delivery, 1)) if d is not None]
        return min(days, default=None)

    def owner(self, role: OwnerRole, partner: Partner) -> Owner:
        """*role* at *partner*; the signatory by name (the one role a project file names a person for)."""
        if role is OwnerRole.SIGNATORY:
            return Owner(role=role, organisation=partner.company,
                         person=f"{partner.signatory.name}, {partner.signatory.title}")
        return Owner(role=role, organisation=partner.company)
