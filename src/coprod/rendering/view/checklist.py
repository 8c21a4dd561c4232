"""A partner's checklist: what it must supply and do, by when, and which clause or rule asks for it.

Items are derived from the data: company documents, chain of title, evidence for each finance source by
status, the budget and schedule in national format, the application to its competent authority (due the
framework's lead time before principal photography), insurance, bank details for the collection account,
its deliveries, and its dated applications in the timeline. Sorted by due date; items due on signature
come first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from coprod.model.finance import FinanceStatus, FinanceType
from coprod.model.production import MilestoneKind
from coprod.model.project import Project
from coprod.rendering.escape import Safe, escape, one_line
from coprod.rendering.filters import date, figures
from coprod.rendering.view.common import DraftView, PartyView, draft_view, party_view
from coprod.rendering.view.framework import FrameworkView

EVIDENCE = {
    FinanceType.EQUITY: "evidence of funds (a bank letter or the signed investment agreement)",
    FinanceType.PUBLIC_GRANT: "the award letter or funding agreement",
    FinanceType.PUBLIC_LOAN: "the award letter or loan agreement",
    FinanceType.TAX_INCENTIVE: "the certificate or confirmation of eligibility",
    FinanceType.PRESALE: "the signed licence agreement",
    FinanceType.MINIMUM_GUARANTEE: "the signed distribution agreement",
    FinanceType.GAP: "the signed loan agreement",
    FinanceType.DEFERMENT: "the signed deferment agreement",
    FinanceType.IN_KIND: "the in-kind agreement with its valuation",
}
"""What proves each type of finance."""


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One task."""

    due: dt.date | None
    """None: due on signature of the agreement."""
    due_text: Safe
    task: Safe
    owner: str
    source: Safe


@dataclass(frozen=True, slots=True)
class ChecklistView:
    """Everything a partner's checklist prints."""

    draft: DraftView
    film_title: str
    heading: Safe
    """The partner's company name on one line, for the title heading (a heading is one line)."""
    partner: PartyView
    official: bool
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True, slots=True)
class _Context:
    project: Project
    partner: PartyView
    owner: str
    framework: FrameworkView | None
    clauses: Mapping[str, str]
    shoot: dt.date | None

    @property
    def finance_due(self) -> dt.date | None:
        """Pending finance is due with the application to the authorities, or else by the shoot."""
        deadline = self.framework.application_deadline if self.framework else None
        return min((day for day in (deadline, self.shoot) if day is not None), default=None)

    def source(self, label: str, fallback: str = "Co-production Agreement") -> Safe:
        number = self.clauses.get(label)
        return Safe("Co-production Agreement, {number}").format(number=number) if number else \
            escape(fallback)

    def item(self, due: dt.date | None, task: Safe, label: str, rule: str | None = None) -> ChecklistItem:
        source = self.source(label)
        if rule:
            source = Safe("{source}; {rule}").format(source=source, rule=rule)
        return ChecklistItem(due, date(due) if due else Safe("On signature"), task, self.owner, source)


def _company(ctx: _Context) -> list[ChecklistItem]:
    partner = ctx.partner
    return [
        ctx.item(None, Safe("Supply an up-to-date extract of the company register ({registration}) and proof "
                            "that {name} may sign for {company}.").format(
            registration=partner.registration, name=partner.signatory_name, company=partner.company),
            "parties"),
        ctx.item(None, Safe("Sign the Co-production Agreement."), "signatures"),
        ctx.item(ctx.shoot, Safe("Supply copies of the chain-of-title documents for the rights and services "
                                 "{company} brings to the Film.").format(company=partner.company),
                 "chain-of-title"),
    ]


def _finance(ctx: _Context) -> list[ChecklistItem]:
    items = []
    for line in ctx.project.financing:
        if line.partner != ctx.partner.id:
            continue
        money = figures(ctx.project.money(line))
        evidence = EVIDENCE[line.type]
        if line.status is FinanceStatus.CONFIRMED:
            task = Safe("Supply {evidence} for {source} ({money}, confirmed).").format(
                evidence=evidence, source=line.source, money=money)
            items.append(ctx.item(None, task, "finance-plan"))
        else:
            task = Safe("Confirm {source} ({money}, now {status}) and supply {evidence}, or replace "
                        "it.").format(source=line.source, money=money, status=line.status.value,
                                      evidence=evidence)
            items.append(ctx.item(ctx.finance_due, task, "finance-pending"))
    return items


def _applications(ctx: _Context) -> list[ChecklistItem]:
    items = []
    framework = ctx.framework
    if framework is not None:
        authority = next((a for a in framework.authorities if a.country == ctx.partner.country), None)
        if authority is not None:
            rule = f"{framework.lead_time_source}" if framework.lead_time_source else None
            due = framework.application_deadline or ctx.shoot
            items.append(ctx.item(due, Safe("Prepare the budget and shooting schedule in the national format "
                                            "required by {authority}.").format(authority=authority.name),
                                  "approval-applications"))
            items.append(ctx.item(due, Safe("File the application for official co-production status with "
                                            "{authority}.").format(authority=authority.name),
                                  "approval-applications", rule))
    for milestone in ctx.project.timeline:
        if milestone.kind is not MilestoneKind.APPLICATION:
            continue
        if milestone.parties != "all" and ctx.partner.id not in milestone.parties:
            continue
        items.append(ChecklistItem(milestone.first_day, date(milestone.first_day),
                                   Safe("{what}.").format(what=milestone.milestone), ctx.owner,
                                   Safe("Project timeline")))
    return items


def _production(ctx: _Context) -> list[ChecklistItem]:
    project = ctx.project
    items = []
    if ctx.partner.delegate:
        insurance = project.insurance
        if insurance.production_package:
            items.append(ctx.item(ctx.shoot, Safe("Take out the production insurance package and send the "
                                                  "certificates to every Co-Producer."),
                                  "production-insurance"))
        if insurance.errors_and_omissions:
            items.append(ctx.item(ctx.shoot, Safe("Take out the errors and omissions policy."),
                                  "errors-omissions"))
        if insurance.completion_bond is not None:
            items.append(ctx.item(ctx.shoot, Safe("Sign the completion guarantee with {guarantor}.").format(
                guarantor=insurance.completion_bond.guarantor), "completion-guarantee"))
    account = project.recoupment.collection_account
    if account is not None:
        first = min((d.due for d in project.delivery), default=None)
        items.append(ctx.item(first, Safe("Send bank details for payments from the Collection Account and "
                                          "sign the collection account management agreement with "
                                          "{manager}.").format(manager=account.manager), "collection"))
    for delivery in project.delivery:
        if delivery.partner == ctx.partner.id:
            items.append(ctx.item(delivery.due, Safe("Deliver: {item}.").format(item=delivery.item),
                                  "delivery"))
    return items


def checklist_view(project: Project, partner_id: str, framework: FrameworkView | None,
                   clauses: Mapping[str, str]) -> ChecklistView:
    """The checklist of *partner_id*; *clauses* maps agreement labels to 'Clause 6.2'."""
    partner = party_view(project, project.partner(partner_id))
    shoots = [m.first_day for m in project.timeline if m.kind is MilestoneKind.SHOOT]
    ctx = _Context(project, partner, f"{partner.signatory_name} ({partner.company})", framework, clauses,
                   min(shoots, default=None))
    items = _company(ctx) + _finance(ctx) + _applications(ctx) + _production(ctx)
    # On signature first, then by date; ties keep the order above (stable sort).
    items.sort(key=lambda item: (item.due is not None, item.due or dt.date.min))
    return ChecklistView(draft_view(project), project.film.title, one_line(partner.company), partner,
                         project.structure.kind == "official", tuple(items))
