"""Each co-producer's own tasks: company papers, signature, rights, creatives, finance, applications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coprod.analysis.figures import money
from coprod.analysis.schedule.context import Context, after, before, covers, long_date, slug
from coprod.analysis.schedule.model import OwnerRole, Phase, Task
from coprod.model.finance import FinanceStatus
from coprod.model.parties import CreativeRole, KeyCreative, Partner, PartnerRole
from coprod.model.production import MilestoneKind

AUTHORS = frozenset({CreativeRole.DIRECTOR, CreativeRole.SCREENWRITER})
"""Engaged before the agreement is signed: the chain of title and the application need their contracts."""

SIGNATURE_RULE = "signed for the first application"


def _signature_rule(ctx: Context) -> str:
    return SIGNATURE_RULE if ctx.facts.official else "by the close of financing"


def company(ctx: Context, partner: Partner) -> list[Task]:
    """Register extract, signature, chain of title."""
    pid, signature = partner.id, ctx.signature
    dossier = ctx.application_date(partner) or signature
    return [
        Task(id=f"{pid}.register-extract", partner=pid, phase=Phase.CONTRACTS,
             title=f"Supply an up-to-date extract of the company register ({partner.registration}) and proof "
                   f"that {partner.signatory.name} may sign for {partner.company.rstrip('.')}.",
             owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, partner), due=signature,
             due_rule=_signature_rule(ctx), evidence="A register extract and the signatory's power to sign",
             clause="parties", path=("partners", ctx.project.partners.index(partner), "registration")),
        Task(id=f"{pid}.sign-agreement", partner=pid, phase=Phase.CONTRACTS,
             title="Sign the Co-production Agreement.",
             owner=ctx.owner(OwnerRole.SIGNATORY, partner), due=signature, due_rule=_signature_rule(ctx),
             evidence=f"The agreement signed for {partner.company}", clause="signatures",
             depends_on=(f"{pid}.register-extract",),
             path=("partners", ctx.project.partners.index(partner), "signatory")),
        Task(id=f"{pid}.chain-of-title", partner=pid, phase=Phase.CONTRACTS,
             title=f"Supply copies of the chain-of-title documents for the rights and services "
                   f"{partner.company} brings to the Film.",
             owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, partner), due=dossier,
             due_rule="with the application dossier" if ctx.application_date(partner) else
             _signature_rule(ctx),
             evidence="Copies of the option, rights and screenplay agreements", clause="chain-of-title"),
    ]


def engaged_by(ctx: Context, partner: Partner) -> list[KeyCreative]:
    """The key creatives *partner* engages: its country's nationals.

    The delegate producer also engages those from no co-producing country.
    """
    countries = {p.country for p in ctx.project.partners if p.role is not PartnerRole.FINANCIAL}
    return [c for c in ctx.project.key_creatives
            if c.nationality == partner.country
            or (partner.id == ctx.delegate.id and c.nationality not in countries)]


def _names(creatives: list[KeyCreative]) -> str:
    return ", ".join(dict.fromkeys(f"{c.name} ({c.role.value.replace('_', ' ')})" for c in creatives))


def creatives(ctx: Context, partner: Partner) -> list[Task]:
    """Contracts of the key creatives it engages, and evidence of their nationality for the points table."""
    engaged = engaged_by(ctx, partner)
    if not engaged or partner.role is PartnerRole.FINANCIAL:
        return []
    pid, tasks = partner.id, []
    authors = [c for c in engaged if c.role in AUTHORS]
    others = [c for c in engaged if c.role not in AUTHORS]
    if authors:
        tasks.append(Task(
            id=f"{pid}.contracts-authors", partner=pid, phase=Phase.CONTRACTS,
            title=f"Sign the contracts of {_names(authors)}, with the assignment of their rights.",
            owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, partner), due=ctx.application_date(partner) or
            ctx.signature, due_rule="with the chain of title, before the application",
            evidence="The signed director's and writers' agreements", clause="film-creatives",
            path=("key_creatives",)))
    if others:
        tasks.append(Task(
            id=f"{pid}.contracts-cast-crew", partner=pid, phase=Phase.PREPARATION,
            title=f"Sign the contracts of {_names(others)}.",
            owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, partner), due=before(ctx.dates.shoot, 1),
            due_rule="before principal photography", evidence="The signed cast and crew agreements",
            clause="film-creatives", path=("key_creatives",)))
    if ctx.facts.points_source and partner.country in ctx.facts.authorities:
        tasks.append(Task(
            id=f"{pid}.nationality-evidence", partner=pid, phase=Phase.APPLICATIONS,
            title=f"Supply proof of nationality or residence of {_names(engaged)}, who earn points for "
                  f"{partner.company} in the points table.",
            owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=ctx.application_date(partner),
            due_rule="with the application dossier",
            evidence="Copies of passports or residence permits", rule=ctx.facts.points_source,
            path=("key_creatives",)))
    return tasks


def finance(ctx: Context, partner: Partner) -> list[Task]:
    """Evidence of confirmed money; confirmation of the rest by the close; bridges and final certificates."""
    project, practice, pid = ctx.project, ctx.practice, partner.id
    tasks = []
    for index, line in enumerate(project.financing):
        if line.partner != pid:
            continue
        amount = _amount(line.amount, line.currency or project.structure.currency)
        evidence = practice.evidence_for(line.type, line.source)
        base = f"{pid}.finance.{line.id}"
        if line.status is FinanceStatus.CONFIRMED:
            tasks.append(Task(
                id=base, partner=pid, phase=Phase.FINANCE,
                title=f"Supply {evidence} for {line.source} ({amount}, confirmed).",
                owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner),
                due=ctx.application_date(partner) or ctx.signature,
                due_rule="with the application dossier" if ctx.application_date(partner) else
                _signature_rule(ctx), evidence=evidence[0].upper() + evidence[1:],
                clause="finance-plan", path=("financing", index)))
        else:
            tasks.append(Task(
                id=base, partner=pid, phase=Phase.FINANCE,
                title=f"Confirm {line.source} ({amount}, now {line.status.value}) and supply {evidence}, "
                      "or replace it.",
                owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=ctx.finance_close,
                due_rule="by the close of financing", evidence=evidence[0].upper() + evidence[1:],
                clause="finance-pending",
                path=("financing", index, "status")))
        after_completion = line.paid_after_completion
        if after_completion is None:
            after_completion = line.type in practice.post_completion_incentives.types
        if not after_completion:
            continue
        if line.bridge is None:
            tasks.append(Task(
                id=f"{base}.bridge", partner=pid, phase=Phase.FINANCE,
                title=f"Arrange the bridge that cash-flows {line.source} until it is paid after completion, "
                      "and record the lender in the finance plan (bridge).",
                owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=ctx.finance_close,
                due_rule="by the close of financing", evidence="The signed bridge loan or assignment",
                clause="finance-plan", path=("financing", index)))
        tasks.append(Task(
            id=f"{base}.certificate", partner=pid, phase=Phase.COMPLETION,
            title=f"Apply for the final certificate of {line.source} on the audited cost of production.",
            owner=ctx.owner(OwnerRole.ACCOUNTANT, partner), due=final_approval_due(ctx),
            due_rule="after the audited final cost statement",
            evidence="The final certificate and the payment", clause="finance-plan",
            depends_on=("production.audit",),
            path=("financing", index)))
    return tasks


def _amount(amount: Decimal, currency: str) -> str:
    """'EUR 480,000' for whole amounts, 'EUR 1,234.50' otherwise."""
    return f"{currency} {amount:,}" if amount == amount.to_integral_value() else money(amount, currency)


def audit_due(ctx: Context) -> dt.date | None:
    """When the audited final cost statement is due."""
    return after(ctx.dates.delivery, ctx.practice.after_completion.audit_days_after_delivery)


def final_approval_due(ctx: Context) -> dt.date | None:
    """When final approvals and final certificates are applied for."""
    return after(audit_due(ctx), ctx.practice.after_completion.final_approval_days_after_audit)


def applications(ctx: Context, partner: Partner) -> list[Task]:
    """Official status and fund applications.

    For official status: the national-format budget, the application (merged with the project's own
    milestone), the provisional approval before the shoot and the final approval after completion.
    """
    pid, facts, tasks = partner.id, ctx.facts, []
    authority = facts.authorities.get(partner.country)
    if authority is not None:
        milestone = ctx.authority_milestone(pid)
        due = ctx.application_date(partner)
        if milestone is not None:
            rule = f"project timeline, '{milestone[1].milestone}'"
            if facts.deadline is not None and due is not None and due < facts.deadline:
                rule += f"; the framework allows until {long_date(facts.deadline)}"
            path: tuple[str | int, ...] = ("timeline", milestone[0])
        else:
            rule = (f"{facts.lead_days} days before principal photography" if facts.lead_days
                    else "before principal photography")
            path = ("timeline",)
        depends = [f"{pid}.sign-agreement", f"{pid}.national-budget", f"{pid}.chain-of-title",
                   f"{pid}.register-extract"]
        if facts.points_source and engaged_by(ctx, partner) and partner.role is not PartnerRole.FINANCIAL:
            depends.append(f"{pid}.nationality-evidence")
        tasks += [
            Task(id=f"{pid}.national-budget", partner=pid, phase=Phase.APPLICATIONS,
                 title=f"Prepare the budget and shooting schedule in the national format required by "
                       f"{authority}.", owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=due,
                 due_rule="with the application dossier", evidence="The budget and schedule as filed",
                 clause="approval-applications", path=("budget",)),
            Task(id=f"{pid}.application", partner=pid, phase=Phase.APPLICATIONS,
                 title=f"File the application for official co-production status with {authority}.",
                 owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=due, due_rule=rule,
                 latest=facts.deadline, evidence="The authority's acknowledgement of a complete file",
                 clause="approval-applications", rule=facts.lead_source, depends_on=tuple(depends),
                 path=path),
            _approval(ctx, partner, authority),
            Task(id=f"{pid}.final-approval", partner=pid, phase=Phase.COMPLETION,
                 title=f"Apply to {authority} for final approval with the final script, the final list of "
                       "contributions, the audited final cost statement, the final finance plan, the "
                       "signed agreement and proof of delivery.",
                 owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=final_approval_due(ctx),
                 due_rule="after completion, on the audited final cost statement",
                 evidence="The authority's final approval", clause="approval-applications",
                 rule=ctx.practice.after_completion.final_approval_source,
                 depends_on=(f"{pid}.provisional-approval", "production.audit"), path=("timeline",)),
        ]
    for index, other in enumerate(ctx.project.timeline):
        if other.kind is MilestoneKind.APPLICATION and covers(other, pid) and \
                not ctx.is_authority_application(other):
            tasks.append(Task(
                id=f"{pid}.{slug(other.milestone)}", partner=pid, phase=Phase.APPLICATIONS,
                title=f"File: {other.milestone.rstrip('.')}.",
                owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=other.first_day,
                due_rule="project timeline", evidence="The fund's acknowledgement of the application",
                path=("timeline", index)))
    return tasks


def _approval(ctx: Context, partner: Partner, authority: str) -> Task:
    pid = partner.id
    found = [(m.first_day, i) for i, m in enumerate(ctx.project.timeline)
             if m.kind is MilestoneKind.APPROVAL and covers(m, pid)]
    if found:
        day, index = min(found)
        return Task(id=f"{pid}.provisional-approval", partner=pid, phase=Phase.APPLICATIONS,
                    title=f"Obtain the provisional approval of {authority}.",
                    owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=day,
                    due_rule=f"project timeline, '{ctx.project.timeline[index].milestone}'",
                    evidence="The provisional approval", clause="approval-condition",
                    depends_on=(f"{pid}.application",), path=("timeline", index))
    return Task(id=f"{pid}.provisional-approval", partner=pid, phase=Phase.APPLICATIONS,
                title=f"Obtain the provisional approval of {authority}.",
                owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner), due=before(ctx.dates.shoot, 1),
                due_rule="before principal photography (prior approval)",
                evidence="The provisional approval", clause="approval-condition",
                depends_on=(f"{pid}.application",), path=("timeline",))


def collection(ctx: Context, partner: Partner) -> list[Task]:
    """Every co-producer is paid from the collection account: it signs the CAMA and sends bank details."""
    account = ctx.project.recoupment.collection_account
    if account is None:
        return []
    depends = ("production.sales-agreement",) if ctx.project.rights.world_sales else ()
    return [Task(
        id=f"{partner.id}.collection-account", partner=partner.id, phase=Phase.CONTRACTS,
        title=f"Sign the collection account management agreement with {account.manager} and send "
              f"{partner.company}'s bank details for payments from the Collection Account.",
        owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, partner), due=ctx.first_receipts,
        due_rule="before the first receipts", evidence="The signed collection account management agreement",
        clause="collection", depends_on=depends,
        path=("recoupment", "collection_account"))]


def deliveries(ctx: Context, partner: Partner) -> list[Task]:
    """Its delivery items (the errors and omissions certificate is the delegate producer's policy task)."""
    tasks = []
    for index, item in enumerate(ctx.project.delivery):
        if item.partner != partner.id or is_e_and_o(ctx, item.item):
            continue
        tasks.append(Task(
            id=f"{partner.id}.delivery-{slug(item.item)}", partner=partner.id, phase=Phase.DELIVERY,
            title=f"Deliver: {item.item}.", owner=ctx.owner(OwnerRole.PRODUCTION_OFFICE, partner),
            due=item.due, due_rule="delivery schedule", evidence="The recipient's acceptance of delivery",
            clause="delivery", path=("delivery", index, "due")))
    return tasks


def is_e_and_o(ctx: Context, text: str) -> bool:
    """Whether a delivery item is the errors and omissions certificate."""
    return any(word in text.lower() for word in ctx.practice.e_and_o_words)
