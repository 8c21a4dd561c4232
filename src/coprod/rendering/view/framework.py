"""The treaty framework as the documents name it: instrument, competent authorities, lead time, points.

Facts come from the framework file (H2's data, each with its source); nothing here holds a treaty number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.points import score
from coprod.analysis.eligibility.schema import Framework, LeadTime, Points, ShareBounds
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
    name: Safe
    """The authority's name; 'the competent authority of <country>' if the framework file names none."""
    companies: Safe
    """The co-producers established in that country, who apply to it."""
    source: str


@dataclass(frozen=True, slots=True)
class ConsentView:
    """A consent or approval of a competent authority on record (the project's ``consents``)."""

    authority: str
    date: dt.date
    reference: str
    consented_to: str


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
    share_bounds: Safe | None
    """'at least 10% and at most 70%': what each co-producing country's share must stay within."""
    consents: tuple[ConsentView, ...] = ()
    """Consents and approvals the authorities have given, in file order (recited in the agreement)."""


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
    lead = _lead_time(deal)
    points, threshold = _points(deal)
    return FrameworkView(
        id=framework.id, name=verdict.instrument_name, instrument=framework.instrument,
        authorities=_authorities(project, framework), lead_time_days=lead.days if lead else None,
        application_deadline=verdict.application_deadline,
        lead_time_source=framework.citation(lead).text if lead else None,
        points=points, points_threshold=threshold, share_bounds=_share_bounds(deal),
        consents=tuple(ConsentView(c.authority, c.date, c.reference, c.consented_to)
                       for c in project.consents))


def _authorities(project: Project, framework: Framework) -> tuple[AuthorityView, ...]:
    """One authority per co-producing country, or per region where its authorities are regional.

    Belgium's Communities each have one: a condition cannot name two bodies as alternatives.
    """
    groups: dict[tuple[str, str | None], list[str]] = {}
    for partner in project.partners:
        region = partner.region if framework.regional_authorities(partner.country) else None
        groups.setdefault((partner.country, region), []).append(partner.company)
    views = []
    for (code, region), companies in groups.items():
        regional = bool(framework.regional_authorities(code))
        authority = framework.authority(code, region)
        if regional and authority is not None and authority.region != region:
            authority = None  # the partner did not say which region's authority it applies to
        names = safe_join(companies)
        if authority is None and regional:
            name = Safe("the competent authority of {country} for the region in which {names} is "
                        "established").format(country=country_in_text(code), names=names)
        else:
            name = escape(authority.name) if authority else \
                Safe(escape(f"the competent authority of {country_in_text(code)}"))
        source = framework.citation(authority).text if authority else "not named in the framework file"
        views.append(AuthorityView(country_in_text(code), name, names, source))
    return tuple(views)


def _share_bounds(deal: Deal) -> Safe | None:
    rules = [rule for rule in deal.framework.rules
             if isinstance(rule, ShareBounds) and rule.per == "country" and deal.holds(rule.when)]
    lows = [rule.min for rule in rules if rule.min is not None]
    highs = [rule.max for rule in rules if rule.max is not None]
    parts = ([f"at least {_number(max(lows))}%"] if lows else []) + \
        ([f"at most {_number(min(highs))}%"] if highs else [])
    return Safe(escape(" and ".join(parts))) if parts else None
