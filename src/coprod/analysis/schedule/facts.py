"""What the schedule needs from the treaty framework and the timeline, gathered once.

Framework facts come from the eligibility verdict and the instrument's file (authorities, lead time and
its citation, the points table's citation); key dates come from the project's milestones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coprod.analysis.eligibility.catalog import FrameworkCatalog
from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.schema import LeadTime, Points
from coprod.analysis.eligibility.verdict import Verdict
from coprod.model.production import Milestone, MilestoneKind
from coprod.model.project import Project


@dataclass(frozen=True, slots=True)
class FrameworkFacts:
    """The instrument's facts the schedule uses; empty for a creative co-production."""

    authorities: dict[str, str] = field(default_factory=dict)
    """Country -> competent authority's name."""
    deadline: dt.date | None = None
    """The last day to apply under the instrument's lead time."""
    lead_days: int | None = None
    lead_source: str | None = None
    points_source: str | None = None
    instrument: str | None = None

    @property
    def official(self) -> bool:
        """True under a treaty framework."""
        return self.instrument is not None


def framework_facts(project: Project, verdict: Verdict | None, catalog: FrameworkCatalog) -> FrameworkFacts:
    """The facts of the instrument in effect; empty when there is none."""
    if verdict is None:
        return FrameworkFacts()
    framework = catalog.get(verdict.instrument)
    authorities = {country: name.name for country, name in verdict.authorities.items()}
    if framework is None:
        return FrameworkFacts(authorities, verdict.application_deadline, instrument=verdict.instrument_label)
    deal = Deal(project, framework, framework.id)
    leads = [rule for rule in framework.rules if isinstance(rule, LeadTime) and deal.holds(rule.when)]
    lead = max(leads, key=lambda rule: rule.days, default=None)
    points = next((rule for rule in framework.rules
                   if isinstance(rule, Points) and rule.elements and deal.holds(rule.when)), None)
    return FrameworkFacts(
        authorities=authorities, deadline=verdict.application_deadline,
        lead_days=lead.days if lead else None,
        lead_source=framework.citation(lead).text if lead else None,
        points_source=framework.citation(points).text if points else None,
        instrument=framework.instrument)


@dataclass(frozen=True, slots=True)
class KeyDates:
    """The project's anchor dates, from its milestones."""

    shoot: dt.date | None
    wrap: dt.date | None
    delivery: dt.date | None
    """Delivery to the sales agent: the delivery milestone, else the last delivery item."""
    delivery_milestone: int | None
    financing: tuple[int, Milestone] | None
    """The first financing milestone (the close of financing) and its index."""


def key_dates(project: Project) -> KeyDates:
    """Anchor dates from *project*'s timeline."""
    timeline = project.timeline
    shoots = [m for m in timeline if m.kind is MilestoneKind.SHOOT]
    deliveries = [(m.first_day, i) for i, m in enumerate(timeline) if m.kind is MilestoneKind.DELIVERY]
    financing = next(((i, m) for i, m in enumerate(timeline) if m.kind is MilestoneKind.FINANCING), None)
    delivery, index = min(deliveries, default=(None, None))
    if delivery is None:
        delivery = max((item.due for item in project.delivery), default=None)
    return KeyDates(shoot=min((m.first_day for m in shoots), default=None),
                    wrap=max((m.last_day for m in shoots), default=None),
                    delivery=delivery, delivery_milestone=index, financing=financing)
