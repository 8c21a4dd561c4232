"""The delegate producer's tasks for the whole production, and the milestones every task leads to."""

from __future__ import annotations

from coprod.analysis.schedule.context import Context, before, months_after
from coprod.analysis.schedule.model import Owner, OwnerRole, Phase, Task
from coprod.analysis.schedule.partner_tasks import audit_due, is_e_and_o

FINANCE_CLOSE = "production.finance-close"
SHOOT = "production.shoot"
DELIVERY = "production.delivery"


def delegate_duties(ctx: Context) -> list[Task]:
    """Insurance, E&O, the completion guarantee, cost reports, the audit, laboratory letters, sales."""
    project, delegate = ctx.project, ctx.delegate
    did, tasks = delegate.id, []
    producer = ctx.owner(OwnerRole.DELEGATE_PRODUCER, delegate)
    insurance = project.insurance
    if insurance.production_package:
        tasks.append(Task(
            id="production.insurance", partner=did, phase=Phase.PREPARATION,
            title="Take out the production insurance package naming every Co-Producer and send the "
                  "insurance certificates to each of them.", owner=producer,
            due=before(ctx.dates.shoot, 1), due_rule="before principal photography",
            evidence="Insurance certificates naming every Co-Producer", clause="production-insurance",
            path=("insurance", "production_package")))
    if insurance.errors_and_omissions:
        item = next(((i, d) for i, d in enumerate(project.delivery) if is_e_and_o(ctx, d.item)), None)
        due = item[1].due if item else before(ctx.dates.delivery, 1)
        tasks.append(Task(
            id="production.errors-omissions", partner=did, phase=Phase.DELIVERY,
            title="Take out the errors and omissions policy and deliver its certificate.", owner=producer,
            due=due, due_rule="delivery schedule" if item else "before delivery",
            evidence="The errors and omissions certificate", clause="errors-omissions",
            path=("delivery", item[0], "due") if item else ("insurance", "errors_and_omissions")))
    if insurance.completion_bond is not None:
        tasks.append(Task(
            id="production.completion-guarantee", partner=did, phase=Phase.FINANCE,
            title=f"Sign the completion guarantee with {insurance.completion_bond.guarantor.rstrip('.')}.",
            owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, delegate), due=ctx.finance_close,
            due_rule="by the close of financing", evidence="The signed completion guarantee",
            clause="completion-guarantee", path=("insurance", "completion_bond")))
    if ctx.dates.shoot is not None:
        reports = ctx.practice.cost_reports
        tasks.append(Task(
            id="production.cost-reports", partner=did, phase=Phase.PRODUCTION,
            title=f"Send a cost report to every Co-Producer every {_months(reports.every_months)} from "
                  "principal photography until delivery.", owner=producer,
            due=months_after(ctx.dates.shoot, reports.every_months), due_rule="first report",
            evidence="Cost reports against the approved budget", clause="cost-reports",
            repeat_months=reports.every_months, until=ctx.dates.delivery, path=("budget",)))
    after = ctx.practice.after_completion
    tasks.append(Task(
        id="production.audit", partner=did, phase=Phase.COMPLETION,
        title="Have the final cost of production audited and send the audited final cost statement to every "
              "Co-Producer.", owner=ctx.owner(OwnerRole.ACCOUNTANT, delegate), due=audit_due(ctx),
        due_rule=f"{after.audit_days_after_delivery} days after delivery", evidence="The audited final cost "
        "statement", clause="cost-reports", depends_on=(DELIVERY,), path=("budget",)))
    tasks.append(Task(
        id="production.lab-letters", partner=did, phase=Phase.DELIVERY,
        title="Issue laboratory access letters giving every Co-Producer, the sales agent and the "
              "distributors access to the master materials.",
        owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, delegate),
        due=ctx.dates.delivery, due_rule="with delivery", evidence="Signed laboratory access letters",
        clause="delivery", path=("delivery",)))
    sales = project.rights.world_sales
    if sales is not None:
        tasks.append(Task(
            id="production.sales-agreement", partner=did, phase=Phase.CONTRACTS,
            title=f"Sign the sales agency agreement with {sales.agent.rstrip('.')}.",
            owner=ctx.owner(OwnerRole.LEGAL_COUNSEL, delegate), due=ctx.first_receipts,
            due_rule="before the first receipts", evidence="The signed sales agency agreement",
            clause="sales", path=("rights", "world_sales")))
        tasks.append(Task(
            id="production.delivery-acceptance", partner=did, phase=Phase.DELIVERY,
            title="Accept the delivery materials in writing, or list what is missing.",
            owner=Owner(role=OwnerRole.SALES_AGENT, organisation=sales.agent), due=ctx.dates.delivery,
            due_rule="on delivery", evidence="The sales agent's notice of acceptance", clause="delivery",
            depends_on=(DELIVERY,), path=("rights", "world_sales")))
    account = project.recoupment.collection_account
    if account is not None:
        tasks.append(Task(
            id="production.collection-account", partner=did, phase=Phase.CONTRACTS,
            title="Open the collection account and send its details to the sales agent and every "
                  "Co-Producer.", owner=Owner(role=OwnerRole.COLLECTION_ACCOUNT_MANAGER,
                                               organisation=account.manager),
            due=ctx.first_receipts, due_rule="before the first receipts",
            evidence="The collection account's bank details", clause="collection",
            depends_on=tuple(f"{p.id}.collection-account" for p in project.partners),
            path=("recoupment", "collection_account")))
    return tasks


def _months(count: int) -> str:
    return "month" if count == 1 else f"{count} months"


def milestones(ctx: Context, tasks: list[Task]) -> list[Task]:
    """Close of financing, principal photography and delivery, each depending on what must precede it."""
    delegate, ids = ctx.delegate, {t.id for t in tasks}
    producer = ctx.owner(OwnerRole.DELEGATE_PRODUCER, delegate)
    financing = ctx.dates.financing
    finance_deps = tuple(t.id for t in tasks if t.id.split(".")[1:2] == ["finance"]
                         and (t.id.endswith(".bridge") or t.due == ctx.finance_close))
    finance_deps += tuple(i for i in ("production.completion-guarantee",) if i in ids)
    needed = (".provisional-approval", ".contracts-cast-crew")
    before_shoot = (*(t.id for t in tasks if t.id.endswith(needed) or t.id == "production.insurance"),
                    FINANCE_CLOSE)
    delivered = tuple(t.id for t in tasks if t.id.startswith(f"{delegate.id}.delivery-")
                      and t.due is not None and ctx.dates.delivery is not None
                      and t.due <= ctx.dates.delivery)
    delivered += (*(i for i in ("production.errors-omissions",) if i in ids), SHOOT)
    return [
        Task(id=FINANCE_CLOSE, partner=delegate.id, phase=Phase.FINANCE,
             title="Close the financing: every source contracted, bridges in place.", owner=producer,
             due=ctx.finance_close,
             due_rule=f"project timeline, '{financing[1].milestone}'" if financing else
             f"{ctx.practice.finance_close.days_before_shoot} days before principal photography",
             evidence="Every finance contract signed",
             clause="financing", depends_on=finance_deps,
             path=("timeline", financing[0]) if financing else ("timeline",)),
        Task(id=SHOOT, partner=delegate.id, phase=Phase.PRODUCTION, title="Start principal photography.",
             owner=producer, due=ctx.dates.shoot, due_rule="project timeline",
             evidence="The first call sheet",
             depends_on=before_shoot, path=("timeline",)),
        Task(id=DELIVERY, partner=delegate.id, phase=Phase.DELIVERY,
             title="Deliver the Film to the sales agent.", owner=producer, due=ctx.dates.delivery,
             due_rule="project timeline" if ctx.dates.delivery_milestone is not None else
             "the last delivery item", evidence="The delivery schedule signed off", clause="delivery",
             depends_on=delivered, path=("timeline", ctx.dates.delivery_milestone)
             if ctx.dates.delivery_milestone is not None else ("delivery",)),
    ]
