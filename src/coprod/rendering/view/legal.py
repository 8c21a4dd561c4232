"""The agreement's legal terms as its clauses print them: law, disputes, language, deadlock."""

from __future__ import annotations

from dataclasses import dataclass

from coprod.model.jurisdictions import jurisdiction_entry
from coprod.model.production import Decision
from coprod.model.project import Project
from coprod.rendering.escape import Safe
from coprod.rendering.view import deal
from coprod.rendering.view.common import country_in_text, language_name, safe_join

LIBRARY_LANGUAGE = "en"
"""The language coprod's clause library is written in: every document it drafts is in this language."""

@dataclass(frozen=True, slots=True)
class JurisdictionView:
    """A jurisdiction as sentences name it."""

    law: str
    """'the law of Italy', 'the laws of the Province of Québec and the federal laws of Canada ...'."""
    place: str
    """'Italy', 'Québec, Canada', 'England and Wales'."""
    courts: str
    """'the courts of Italy', 'the courts of England and Wales'."""


def jurisdiction_view(code: str) -> JurisdictionView:
    """The names of jurisdiction *code*: the data file's for a multi-system country, else the country's."""
    entry = jurisdiction_entry(code)
    if entry is not None:
        return JurisdictionView(entry.law, entry.place, entry.courts)
    country = country_in_text(code)
    return JurisdictionView(f"the law of {country}", country, f"the courts of {country}")


@dataclass(frozen=True, slots=True)
class LawView:
    """Governing law, disputes and the agreement's language."""

    governing_law: str
    arbitration: bool
    rules: str | None
    arbitrators: int
    seat: str
    """'Montréal, Québec, Canada' (the city, if given, then the jurisdiction)."""
    courts: str
    """'The courts of England and Wales', or with a city 'The competent courts of Rome, Italy' (a
    sentence starts with it)."""
    arbitration_language: str | None
    authentic_language: str
    """The language of the signed, authentic text: 'French'."""
    document_language: str
    """The language this document is written in: 'English'."""
    translation: bool
    """True when this document is a translation of an authentic text in another language."""


def law_view(project: Project) -> LawView:
    """The legal terms of *project*."""
    legal = project.legal
    disputes = legal.disputes
    seat = jurisdiction_view(disputes.seat)
    place = f"{disputes.city}, {seat.place}" if disputes.city else seat.place
    courts = f"the competent courts of {place}" if disputes.city else seat.courts
    courts = courts[0].upper() + courts[1:]
    return LawView(
        governing_law=jurisdiction_view(legal.governing_law).law, arbitration=disputes.kind == "arbitration",
        rules=disputes.rules, arbitrators=disputes.arbitrators, seat=place, courts=courts,
        arbitration_language=language_name(disputes.language) if disputes.language else None,
        authentic_language=language_name(legal.language), document_language=language_name(LIBRARY_LANGUAGE),
        translation=legal.language != LIBRARY_LANGUAGE)


@dataclass(frozen=True, slots=True)
class DeadlockView:
    """Who breaks a deadlock, after how long, and which approvals stay with their approvers."""

    decides: str
    business_days: int
    excluded: Safe | None
    """'the final cut and the choice of director', or None if the deciding partner decides them all."""
    accountant: bool


def deadlock_view(project: Project) -> DeadlockView:
    """The deadlock terms of *project*."""
    deadlock = project.control.deadlock
    # The approvals rows come in the order of the Decision enum.
    rows = zip(Decision, deal.approvals(project), strict=True)
    excluded = [row.decision for decision, row in rows if decision in deadlock.excluded]
    return DeadlockView(project.partner(deadlock.decides).company, deadlock.after_business_days,
                        safe_join(excluded) if excluded else None, deadlock.cost_disputes_to_accountant)
