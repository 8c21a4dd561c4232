"""Points tables: who earns which element, the score, and each country's creative share.

An element held by several people (two screenwriters) splits its points equally between them; cast
elements (``cast_1``, ``cast_2``...) go to the cast ranked by shooting days, as Appendix II requires; places
(studio or shooting location, VFX, post-production) earn for the country where the work is done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.outcome import RuleOutcome, conclude, not_applicable
from coprod.analysis.eligibility.schema import Points, PointsElement, Proportionality
from coprod.analysis.figures import HUNDRED, pct, percent_of, points, pp
from coprod.analysis.findings import Finding, Severity
from coprod.location import FieldPath
from coprod.model.parties import CreativeRole, KeyCreative


@dataclass(frozen=True, slots=True)
class Holder:
    """Who (or where) holds an element: countries that can earn it and the field path of the value."""

    nationality: str
    residence: str | None
    path: FieldPath


@dataclass(frozen=True, slots=True)
class ElementScore:
    """One element of a table: its points, what the deal earned, by country."""

    element: str
    points: Decimal
    earned: Decimal
    by_country: dict[str, Decimal]
    holders: tuple[Holder, ...]


def _person(index: int, creative: KeyCreative) -> Holder:
    return Holder(creative.nationality, creative.residence, ("key_creatives", index, "nationality"))


def holders(deal: Deal, element: str) -> tuple[Holder, ...]:
    """Who holds *element* in this deal (nobody: an empty tuple)."""
    project = deal.project
    places = project.locations
    where: dict[str, tuple[str | None, FieldPath]] = {
        "studio_or_shooting": (places.studio_or_shooting,
                               ("locations", "studio") if places.studio else ("locations", "shooting", 0)),
        "shooting": (places.shooting[0], ("locations", "shooting", 0)),
        "vfx": (places.vfx, ("locations", "vfx")),
        "post_production": (places.post_production, ("locations", "post_production")),
    }
    if element in where:
        country, path = where[element]
        return () if country is None else (Holder(country, None, path),)
    if element.startswith("cast_"):
        rank = int(element[5:])
        cast = deal.ranked_cast
        return (_person(*cast[rank - 1]),) if rank <= len(cast) else ()
    role = CreativeRole(element)
    return tuple(_person(i, c) for i, c in enumerate(project.key_creatives) if c.role is role)


def score(deal: Deal, elements: Sequence[PointsElement], eligible: set[str],
          count_residence: bool) -> list[ElementScore]:
    """Score every element: points earned by holders from *eligible* countries, and points by nationality."""
    scores = []
    for item in elements:
        people = holders(deal, item.element)
        each = item.points / len(people) if people else Decimal(0)
        earned = Decimal(0)
        by_country: dict[str, Decimal] = {}
        for holder in people:
            if holder.nationality in eligible or (count_residence and holder.residence in eligible):
                earned += each
            by_country[holder.nationality] = by_country.get(holder.nationality, Decimal(0)) + each
        scores.append(ElementScore(item.element, item.points, earned, by_country, people))
    return scores


def _missed(scores: Sequence[ElementScore]) -> str:
    """The elements that fell short: those nobody holds, then those held from outside the parties."""
    absent = [s.element.replace("_", " ") for s in scores if not s.holders]
    outside = [f"{s.element.replace('_', ' ')} ({', '.join(h.nationality for h in s.holders)}) "
               f"{points(s.earned)}/{points(s.points)}" for s in scores if s.holders and s.earned < s.points]
    parts = []
    if absent:
        parts.append(f"not in the file: {', '.join(absent)}")
    if outside:
        parts.append(f"held outside the parties: {'; '.join(outside)}")
    return "; ".join(parts)


def points_rule(deal: Deal, rule: Points) -> RuleOutcome:
    """The deal's points score reaches the threshold (below it, approval is discretionary)."""
    if rule.elements is None or rule.threshold is None:
        target = "the points threshold"
        if rule.threshold is not None:
            out_of = f" of {points(rule.total)}" if rule.total is not None else ""
            target = f"at least {points(rule.threshold)}{out_of} points"
        finding = deal.finding(rule, "points.table-missing",
                               f"coprod has no {deal.project.film.format.value} points table for "
                               f"{deal.framework.instrument}; check by hand that the film scores {target}",
                               ("key_creatives",), Severity.WARNING)
        return conclude(deal, rule, [finding], "", derogable=False)
    eligible = set(rule.eligible or deal.framework.parties)
    scores = score(deal, rule.elements, eligible, rule.count_residence)
    total = sum((s.points for s in scores), Decimal(0))
    earned = sum((s.earned for s in scores), Decimal(0))
    missed = _missed(scores)
    findings: list[Finding] = []
    if earned < rule.threshold:
        findings.append(deal.finding(rule, "points.below-threshold",
                                     f"The film scores {points(earned)} of {points(total)} points, below the "
                                     f"{points(rule.threshold)} needed ({missed})",
                                     ("key_creatives",)))
    detail = f" ({missed})" if missed else ""
    return conclude(deal, rule, findings, f"The film scores {points(earned)} of {points(total)} points, "
                                          f"at least {points(rule.threshold)} needed{detail}.")


def _creative_table(deal: Deal, rule: Proportionality) -> list[PointsElement] | None:
    if rule.elements is not None:
        return rule.elements
    for other in deal.framework.rules:
        if isinstance(other, Points) and other.elements is not None and deal.holds(other.when):
            return other.elements
    return None


def _measured(deal: Deal, rule: Proportionality) -> dict[str, Decimal] | None:
    """Per cent of the creative points or of the spend, by country; None without a creative table."""
    if rule.measure == "spend":
        budget = deal.project.budget
        return {c: percent_of(a, budget.total) for c, a in budget.spend_by_country.items()}
    table = _creative_table(deal, rule)
    if table is None:
        return None
    scores = score(deal, table, set(deal.countries), count_residence=False)
    total = sum((s.points for s in scores), Decimal(0))
    by_country: dict[str, Decimal] = {}
    for s in scores:
        for country, value in s.by_country.items():
            by_country[country] = by_country.get(country, Decimal(0)) + value
    return {c: percent_of(v, total) for c, v in by_country.items()}


def proportionality(deal: Deal, rule: Proportionality) -> RuleOutcome:
    """Each country's creative or spend share is within ``tolerance`` points of its financial share.

    Financial-only partners are exempt from the technical and artistic contribution (Art. 9 of both
    European Conventions): they are left out, and each other country's share is measured against the
    non-financial part of the budget.
    """
    measured = _measured(deal, rule)
    if measured is None:
        return not_applicable(deal, rule, "No creative points table applies to this film.")
    what = "creative share (points)" if rule.measure == "creative" else "spend share"
    path_of = (lambda c: ("budget", "spend_by_country", c)) if rule.measure == "spend" else \
        (lambda c: ("key_creatives",))
    expected = deal.non_financial_shares()
    basis = "" if deal.financial_total == 0 else (
        f" of the {pct(HUNDRED - deal.financial_total)} of the budget not put up by financial-only partners")
    findings = []
    shown = []
    for country in rule.countries or deal.countries:
        if country not in expected:
            continue
        financial = expected[country]
        value = measured.get(country, Decimal(0))
        shown.append(f"{country} {pct(value)} vs {pct(financial)}")
        if abs(value - financial) > rule.tolerance:
            findings.append(deal.finding(rule, f"proportionality.{rule.measure}",
                                         f"{country}'s {what} is {pct(value)} against a financial share "
                                         f"of {pct(financial)}{basis} ({pp(value - financial)}); the "
                                         f"tolerance is {pct(rule.tolerance)[:-1]} percentage points",
                                         path_of(country)))
    if not shown:
        return not_applicable(deal, rule, "Every co-producer of the countries checked is financial-only.")
    exempt = "" if deal.financial_total == 0 else "; financial-only partners are exempt"
    return conclude(deal, rule, findings, f"Each {what} is within {pct(rule.tolerance)[:-1]} points of the "
                                          f"financial share{basis}: {', '.join(shown)}{exempt}.")
