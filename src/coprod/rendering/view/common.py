"""View-model pieces every document shares: tables, parties, the film, names of countries and languages.

View models are frozen dataclasses of ready-to-print values: plain strings (escaped when printed), `Safe`
Markdown (sentences and table cells built here, with data escaped), `Money`, `Decimal` percentages and
dates (printed through the filters). Templates only loop and test; anything that needs computing is
computed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale

from coprod.model.film import FilmFormat
from coprod.model.money import Money
from coprod.model.parties import CreativeRole, Partner, PartnerRole
from coprod.model.project import Project
from coprod.rendering.escape import Safe, one_line
from coprod.rendering.filters import LOCALE, join

Cell = str | Safe


@dataclass(frozen=True, slots=True)
class Table:
    """A pipe table: a header row, body rows, and which columns are numbers (right-aligned)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()

    def markdown(self) -> Safe:
        """The table as Markdown; every cell on one line, with pipes and markup escaped."""
        def line(cells: Sequence[Cell]) -> str:
            return "| " + " | ".join(str(one_line(cell)) or " " for cell in cells) + " |"

        rule = ["---:" if index in self.numeric else "---" for index in range(len(self.header))]
        rows = [line(self.header), "| " + " | ".join(rule) + " |"]
        rows += [line(row) for row in self.rows]
        return Safe("\n".join(rows))


def table(value: Table) -> Safe:
    """Print a view-model table as Markdown.

    Used as ``{{ table(finance.by_partner) }}``.
    """
    if not isinstance(value, Table):
        raise TypeError(f"table() expects a Table from the view model, found {type(value).__name__}")
    return value.markdown()


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


def country_name(code: str) -> str:
    """'Italy', 'Czechia', 'United States' (CLDR names)."""
    return str(_locale().territories.get(code, code))


# English short names that take "the" in running text: "the United Kingdom", "the Netherlands".
_THE = re.compile(r"\b(?:Islands|Republic|United|Kingdom|States|Emirates|Federation)\b|"
                  r"^(?:Netherlands|Philippines|Bahamas|Gambia|Maldives|Seychelles|Comoros)$")


def country_in_text(code: str) -> str:
    """A country as a sentence names it: 'Italy', 'the United Kingdom'."""
    name = country_name(code)
    return f"the {name}" if _THE.search(name) else name


def language_name(code: str) -> str:
    """'Italian', 'Czech'."""
    return str(_locale().languages.get(code, code))


def safe_join(items: Iterable[Cell], conjunction: str = "and") -> Safe:
    """'A, B and C' with each item escaped (the `join` filter, for view builders)."""
    return join(items, conjunction)


@dataclass(frozen=True, slots=True)
class DraftView:
    """The draft's number and date, printed under every document's title."""

    number: int
    date: dt.date


def draft_view(project: Project) -> DraftView:
    """The draft details of *project*."""
    return DraftView(project.draft.number, project.draft.date)


ROLE_NAMES = {
    PartnerRole.MAJORITY: "majority co-producer",
    PartnerRole.MINORITY: "minority co-producer",
    PartnerRole.FINANCIAL: "financial co-producer",
}

FORMAT_NAMES = {
    FilmFormat.FICTION: "feature-length fiction film",
    FilmFormat.DOCUMENTARY: "feature-length documentary film",
    FilmFormat.ANIMATION: "feature-length animated film",
    FilmFormat.SERIES: "series",
}


@dataclass(frozen=True, slots=True)
class PartyView:
    """A co-producer as the documents name it."""

    id: str
    company: str
    country: str
    """Country of establishment, in words."""
    registration: str
    address: str
    role: str
    """'majority co-producer', 'minority co-producer' or 'financial co-producer'."""
    financial_only: bool
    delegate: bool
    share: Decimal
    contribution: Money
    """Share of the budget, in the base currency."""
    signatory_name: str
    signatory_title: str
    notice_email: str | None
    description: Safe
    """'Aurora Film S.r.l., a company established in Italy (REA RM-1587342), whose registered office
    is at ...'."""


def party_view(project: Project, partner: Partner) -> PartyView:
    """The view of one partner."""
    country = country_in_text(partner.country)
    contribution = Money(project.budget.total * partner.share / 100, project.structure.currency).cents()
    description = Safe("**{company}**, a company established in {country} (registration: {registration}), "
                       "whose registered office is at {address}").format(
        company=partner.company, country=country, registration=partner.registration,
        address=partner.address)
    return PartyView(
        id=partner.id, company=partner.company, country=country, registration=partner.registration,
        address=partner.address, role=ROLE_NAMES[partner.role],
        financial_only=partner.role is PartnerRole.FINANCIAL, delegate=partner.delegate_producer,
        share=partner.share, contribution=contribution, signatory_name=partner.signatory.name,
        signatory_title=partner.signatory.title, notice_email=partner.signatory.email,
        description=description)


@dataclass(frozen=True, slots=True)
class StoryRow:
    """Why the story belongs in one country."""

    country: str
    reason: str


@dataclass(frozen=True, slots=True)
class FilmView:
    """The film, as the documents describe it."""

    title: str
    original_title: str | None
    kind: str
    """'feature-length fiction film'."""
    running_time: int
    episodes: int | None
    languages: Safe
    """'Italian, French and Czech'."""
    logline: str
    synopsis: str | None
    story: tuple[StoryRow, ...]
    director: Safe
    """The director's name(s), or 'to be agreed'."""
    writers: Safe
    has_director: bool
    """False when the project file names no director: a clause then says how one is chosen."""
    has_writers: bool


def film_view(project: Project) -> FilmView:
    """The view of the film."""
    film = project.film
    return FilmView(
        title=film.title, original_title=film.original_title, kind=FORMAT_NAMES[film.format],
        running_time=film.running_time_minutes, episodes=film.episodes,
        languages=safe_join(language_name(code) for code in film.languages), logline=film.logline,
        synopsis=film.synopsis,
        story=tuple(StoryRow(country_name(code), reason) for code, reason in film.territorial_logic.items()),
        director=_names(project, CreativeRole.DIRECTOR), writers=_names(project, CreativeRole.SCREENWRITER),
        has_director=any(c.role is CreativeRole.DIRECTOR for c in project.key_creatives),
        has_writers=any(c.role is CreativeRole.SCREENWRITER for c in project.key_creatives))


def _names(project: Project, role: CreativeRole) -> Safe:
    names = [creative.name for creative in project.key_creatives if creative.role is role]
    return safe_join(names) if names else Safe("to be agreed by the Co-Producers")


def party_names(project: Project, ids: Iterable[str] | str) -> Safe:
    """Company names for a list of partner ids, or 'all the Co-Producers' for 'all'."""
    if ids == "all":
        return Safe("all the Co-Producers")
    return safe_join(project.partner(partner_id).company for partner_id in ids)
