"""The co-production agreement's view model: everything its clauses print, ready to print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coprod.model.finance import FinanceType
from coprod.model.money import Money
from coprod.model.parties import PartnerRole
from coprod.model.production import MilestoneKind
from coprod.model.project import Project
from coprod.rendering.escape import Safe
from coprod.rendering.view import deal
from coprod.rendering.view.common import (
    DraftView,
    FilmView,
    PartyView,
    Table,
    country_in_text,
    draft_view,
    film_view,
    party_names,
    party_view,
    safe_join,
)
from coprod.rendering.view.framework import FrameworkView
from coprod.rendering.view.legal import DeadlockView, LawView, deadlock_view, law_view
from coprod.rendering.view.notes import Note
from coprod.rendering.view.waterfall import TierView, WaterfallWords, waterfall_words


@dataclass(frozen=True, slots=True)
class SpendView:
    """Who is responsible for the spend in one country."""

    country: str
    amount: Money
    responsible: Safe
    local: bool
    """True when a co-producer established in the country (not the Delegate Producer for the whole film)
    contracts and pays that spend itself."""
    incentives: Safe | None
    """The public funding and tax incentives measured on that spend ('the Belgian tax shelter')."""


@dataclass(frozen=True, slots=True)
class BondView:
    """The completion bond."""

    guarantor: str
    fee_percent: Decimal


@dataclass(frozen=True, slots=True)
class InsuranceView:
    """Insurance the production carries."""

    title: str
    """The clause title: 'Insurance and errors and omissions', '... and completion guarantee'."""
    production_package: bool
    errors_and_omissions: bool
    bond: BondView | None


@dataclass(frozen=True, slots=True)
class AgreementView:
    """Everything the agreement prints."""

    draft: DraftView
    film: FilmView
    parties: tuple[PartyView, ...]
    majority: PartyView
    delegate: PartyView
    creative_parties: tuple[PartyView, ...]
    creative_names: Safe
    financial_parties: tuple[PartyView, ...]
    financial_names: Safe
    official: bool
    framework: FrameworkView | None
    currency: str
    budget: Money
    rates: tuple[Safe, ...]
    contributions: Table
    finance: Table
    spend: Table
    categories: Table | None
    spend_plan: tuple[SpendView, ...]
    shooting: Safe
    studio: str
    post_production: str
    vfx: str | None
    principal_photography: dt.date | None
    principal_photography_end: dt.date | None
    approvals: tuple[deal.ApprovalRow, ...]
    approvals_table: Table
    final_cut: Safe
    deadlock: DeadlockView
    budget_threshold: Decimal
    budget_approvers: Safe
    copyright: Table
    kept: tuple[deal.KeptView, ...]
    rights: Table
    sales: deal.SalesView | None
    cam: str | None
    tiers: tuple[TierView, ...]
    waterfall: Table
    recoupment: WaterfallWords
    """The waterfall in words (definitions, clause, Schedule 4), from the plan the engine runs."""
    delivery: Table
    has_delivery: bool
    delivery_date: dt.date | None
    insurance: InsuranceView
    law: LawView
    step_in: Safe
    """Who may step in if the Delegate Producer defaults: the other creative co-producers, by name."""
    kept_threshold: bool
    """True when a kept territory's receipts above a threshold go to the collection account."""
    eurimages: str | None
    """What Eurimages is, when the Finance Plan includes its support; None otherwise."""
    masters: str
    """The country where the masters are kept (the country of post-production)."""
    long_stop: dt.date | None
    """Official co-productions: the date by which provisional approvals must be granted."""
    bridged: Safe | None
    """The tax incentives of the Finance Plan, which are bridged rather than confirmed before the shoot."""


def rationale_notes(project: Project) -> tuple[Note, ...]:
    """Each kept territory's market rationale, as a drafting note on the rights schedule.

    It is the reasoning for the negotiation and the authorities, not a term of the agreement.
    """
    notes = []
    for kept in project.rights.territories:
        if kept.market_rationale:
            text = Safe("Drafting note: Why {company} keeps {countries} (the project file's reasoning, "
                        "for the negotiation and the authorities; not a term of the Agreement): "
                        "{rationale}").format(
                company=project.partner(kept.partner).company,
                countries=safe_join(country_in_text(code) for code in kept.countries),
                rationale=kept.market_rationale)
            notes.append(Note(text, ("schedule-rights",)))
    return tuple(notes)


def _milestone(project: Project, kind: MilestoneKind) -> tuple[dt.date | None, dt.date | None]:
    for milestone in project.timeline:
        if milestone.kind is kind:
            return milestone.first_day, milestone.last_day
    return None, None


def _spend_plan(project: Project) -> tuple[SpendView, ...]:
    views = []
    for code, amount in project.budget.spend_by_country.items():
        local = [p for p in project.partners if p.country == code and p.role is not PartnerRole.FINANCIAL]
        ids = {p.id for p in local}
        incentives = [line.source for line in project.financing
                      if line.territory == code and line.partner in ids and line.type in _SPEND_BASED]
        responsible = safe_join(p.company for p in local) if local else Safe("the Delegate Producer")
        views.append(SpendView(country_in_text(code), deal.base(project, amount), responsible, bool(local),
                               safe_join(incentives) if incentives else None))
    return tuple(views)


_SPEND_BASED = frozenset({FinanceType.TAX_INCENTIVE, FinanceType.PUBLIC_GRANT, FinanceType.PUBLIC_LOAN})
"""Finance that a country grants on the spend there, and so ties who contracts and pays that spend."""


def _step_in(parties: tuple[PartyView, ...], delegate: PartyView) -> Safe:
    others = [p.company for p in parties if not p.financial_only and p.id != delegate.id]
    if not others:
        return Safe("the other Co-Producers")
    return safe_join(others) + Safe(", acting together,") if len(others) > 1 else safe_join(others)


_EURIMAGES = "the film co-production support fund of the Council of Europe"


def _bridged(project: Project) -> Safe | None:
    """The tax incentives, certified and paid after the spend they are computed on: bridged, not confirmed."""
    names = [line.source for line in project.financing if line.type is FinanceType.TAX_INCENTIVE]
    return safe_join(names) if names else None


def agreement_view(project: Project, framework: FrameworkView | None) -> AgreementView:
    """Build the agreement's view model from the project and its framework (None if creative)."""
    parties = tuple(party_view(project, partner) for partner in project.partners)
    majority = next((p for p in parties if p.role == "majority co-producer"), parties[0])
    delegate = next((p for p in parties if p.delegate), majority)
    approvals = project.control.approvals
    bond = project.insurance.completion_bond
    locations = project.locations
    shoot_start, shoot_end = _milestone(project, MilestoneKind.SHOOT)
    delivery_date, _ = _milestone(project, MilestoneKind.DELIVERY)
    words = waterfall_words(project)
    return AgreementView(
        draft=draft_view(project), film=film_view(project), parties=parties, majority=majority,
        delegate=delegate,
        creative_parties=tuple(p for p in parties if not p.financial_only),
        creative_names=safe_join(p.company for p in parties if not p.financial_only),
        financial_parties=tuple(p for p in parties if p.financial_only),
        financial_names=safe_join(p.company for p in parties if p.financial_only),
        official=project.structure.kind == "official", framework=framework,
        currency=project.structure.currency, budget=deal.base(project, project.budget.total),
        rates=deal.rates(project), contributions=deal.contributions_table(project),
        finance=deal.finance_table(project), spend=deal.spend_table(project),
        categories=deal.category_table(project), spend_plan=_spend_plan(project),
        shooting=safe_join(country_in_text(code) for code in locations.shooting),
        studio=country_in_text(locations.studio_or_shooting),
        post_production=country_in_text(locations.post_production),
        vfx=country_in_text(locations.vfx) if locations.vfx else None,
        principal_photography=shoot_start, principal_photography_end=shoot_end,
        approvals=deal.approvals(project), approvals_table=deal.approvals_table(project),
        final_cut=party_names(project, approvals.final_cut), deadlock=deadlock_view(project),
        budget_threshold=approvals.budget_changes.threshold_percent,
        budget_approvers=party_names(project, approvals.budget_changes.approvers),
        copyright=deal.copyright_table(project), kept=deal.kept_territories(project),
        rights=deal.rights_table(project, rationale=False), sales=deal.sales_view(project),
        cam=project.recoupment.collection_account.manager if project.recoupment.collection_account
        else None,
        tiers=words.tiers, waterfall=words.table, recoupment=words,
        delivery=deal.delivery_table(project), has_delivery=bool(project.delivery),
        delivery_date=delivery_date,
        insurance=InsuranceView(
            "Insurance, errors and omissions and completion guarantee" if bond else
            "Insurance and errors and omissions",
            project.insurance.production_package, project.insurance.errors_and_omissions,
            BondView(bond.guarantor, bond.fee_percent) if bond else None),
        law=law_view(project), step_in=_step_in(parties, delegate),
        kept_threshold=any(k.common_pot_above is not None for k in project.rights.territories),
        eurimages=_EURIMAGES if any("eurimages" in line.source.casefold() for line in project.financing)
        else None,
        masters=country_in_text(locations.post_production),
        long_stop=project.legal.long_stop_date or shoot_start,
        bridged=_bridged(project),
    )

