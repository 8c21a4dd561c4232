"""The treaty framework as the documents name it: instrument, competent authorities, lead time, points.

Facts come from the framework file (H2's data, each with its source); nothing here holds a treaty number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.points import score
from coprod.analysis.eligibility.schema import Framework, LeadTime, Points
from coprod.analysis.eligibility.verdict import Verdict
from coprod.model.parties import CreativeRole
from coprod.model.project import Project
from coprod.rendering.escape import Safe, escape
from coprod.rendering.filters import plain as _number
from coprod.rendering.view.common import Cell, Table, country_in_text, country_name, safe_join


@dataclass(frozen=True, slots=True)
class AuthorityView:
    """One co-producing country's competent authority."""

    country: str
    name: str
    """The authority's name; 'the competent authority of <country>' if the framework file names none."""
    companies: Safe
    """The co-producers established in that country, who apply to it."""
    source: str


@dataclass(frozen=True, slots=True)
class FrameworkView:
    """The framework an official co-production is made under."""

    id: str
    name: str
    instrument: str
    authorities: tuple[AuthorityView, ...]
    lead_time_days: int | None
    """Days before principal photography by which applications must be filed; None if not stated."""
    application_deadline: dt.date | None
    lead_time_source: str | None
    points: Table | None
    """The points table (schedule), where the framework has one for the film's format."""
    points_threshold: str | None


def _lead_time(deal: Deal) -> LeadTime | None:
    rules = [rule for rule in deal.framework.rules if isinstance(rule, LeadTime) and deal.holds(rule.when)]
    return max(rules, key=lambda rule: rule.days, default=None)


def _element_name(element: str) -> str:
    if element.startswith("cast_"):
        return f"Cast, role {element[5:]} (by shooting days)"
    names = {"studio_or_shooting": "Studio or shooting location", "shooting": "Shooting location",
             "vfx": "VFX location", "post_production": "Post-production location"}
    return names.get(element, element.replace("_", " ").capitalize())


def _holder_names(deal: Deal, element: str) -> Safe:
    project = deal.project
    if element.startswith("cast_"):
        rank = int(element[5:])
        cast = deal.ranked_cast
        return escape(cast[rank - 1][1].name) if rank <= len(cast) else Safe("—")
    if element in {"studio_or_shooting", "shooting", "vfx", "post_production"}:
        return Safe("—")
    role = CreativeRole(element)
    names = [c.name for c in project.key_creatives if c.role is role]
    return safe_join(names) if names else Safe("—")


def _points(deal: Deal) -> tuple[Table | None, str | None]:
    rules = [rule for rule in deal.framework.rules if isinstance(rule, Points) and deal.holds(rule.when)]
    rule = next((r for r in rules if r.elements), None)
    if rule is None or rule.elements is None:
        return None, None
    eligible = set(rule.eligible or deal.framework.parties)
    rows: list[tuple[Cell, ...]] = []
    scores = score(deal, rule.elements, eligible, rule.count_residence)
    for element in scores:
        countries = safe_join(country_name(code) for code in element.by_country) if element.by_country \
            else Safe("—")
        rows.append((_element_name(element.element), _holder_names(deal, element.element), countries,
                     _number(element.points), _number(element.earned)))
    earned = sum((element.earned for element in scores), Decimal(0))
    total = sum((item.points for item in rule.elements), Decimal(0))
    rows.append((Safe("**Total**"), "", "", _number(total), _number(earned)))
    threshold = None if rule.threshold is None else \
        f"at least {_number(rule.threshold)} of {_number(total)} points ({deal.framework.instrument}, " \
        f"{rule.source})"
    return Table(("Element", "Held by", "Nationality or place", "Points", "Earned"), tuple(rows),
                 frozenset({3, 4})), threshold


def framework_view(project: Project, verdict: Verdict, framework: Framework) -> FrameworkView:
    """The view of the instrument in effect for *project*, an official co-production.

    Args:
        project: The project.
        verdict: The eligibility verdict (names the instrument in effect, its competent authorities and
            the application deadline).
        framework: The framework file of the instrument in effect (for its citation and points table).
    """
    deal = Deal(project, framework, framework.id)
    authorities = []
    for code in dict.fromkeys(p.country for p in project.partners):
        authority = verdict.authorities.get(code)
        companies = safe_join(p.company for p in project.partners if p.country == code)
        name = authority.name if authority else f"the competent authority of {country_in_text(code)}"
        source = authority.citation.text if authority else "not named in the framework file"
        authorities.append(AuthorityView(country_in_text(code), name, companies, source))
    lead = _lead_time(deal)
    points, threshold = _points(deal)
    return FrameworkView(
        id=framework.id, name=verdict.instrument_name, instrument=framework.instrument,
        authorities=tuple(authorities), lead_time_days=lead.days if lead else None,
        application_deadline=verdict.application_deadline,
        lead_time_source=framework.citation(lead).text if lead else None,
        points=points, points_threshold=threshold)
