"""The finance plan in the base currency: totals, the gap, each partner's share and net cost.

Every line is converted exactly at the project's fixed rates; each figure is an exact sum rounded once, to
the cent, when it is stored. Findings say by how much the plan misses the budget or a declared share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coprod.analysis.eligibility.schema import AidIntensity, Framework
from coprod.analysis.figures import RATIO, cents, money, pct, percent_of, pp, stored
from coprod.analysis.findings import ARITHMETIC, Finding, Severity
from coprod.analysis.wording import country, join
from coprod.model.finance import PUBLIC_SUPPORT, FinanceSource, FinanceStatus
from coprod.model.project import Project

AREA = "finance"


class Total(BaseModel):
    """A total for one key (a territory, a type of money, a status)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    amount: Decimal
    """Base currency, to the cent."""
    percent: Decimal
    """Per cent of the finance plan's total."""


class PartnerFinance(BaseModel):
    """What one partner brings, against what its declared share says it should."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    partner: str
    company: str
    country: str
    contribution: Decimal
    """Sum of its finance lines, base currency, to the cent."""
    declared_share: Decimal
    """The share in ``partners[].share``, per cent of the budget."""
    computed_share: Decimal
    """Its contribution as a per cent of the budget."""
    difference: Decimal
    """Contribution less the declared share of the budget; negative when short."""
    confirmed: Decimal
    public_support: Decimal
    net_cost: Decimal
    """Contribution less public support (grants, public loans, tax incentives)."""


class FinanceSummary(BaseModel):
    """The finance plan, analysed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    currency: str
    budget: Decimal
    total: Decimal
    gap: Decimal
    """Budget less the finance total: positive is a gap, negative a surplus."""
    public_support: Decimal
    by_partner: tuple[PartnerFinance, ...]
    by_territory: tuple[Total, ...]
    by_type: tuple[Total, ...]
    by_status: tuple[Total, ...]


def _sum(project: Project, lines: Iterable[FinanceSource]) -> Decimal:
    """Exact sum of *lines* in the base currency."""
    return sum((project.in_base(line).amount for line in lines), Decimal(0))


def _totals(project: Project, key: Callable[[FinanceSource], str], whole: Decimal) -> tuple[Total, ...]:
    groups: dict[str, list[FinanceSource]] = {}
    for line in project.financing:
        groups.setdefault(key(line), []).append(line)
    return tuple(Total(key=k, amount=cents(s := _sum(project, lines)), percent=stored(percent_of(s, whole)))
                 for k, lines in groups.items())


def _partner(project: Project, index: int) -> PartnerFinance:
    partner = project.partners[index]
    lines = [line for line in project.financing if line.partner == partner.id]
    contribution = _sum(project, lines)
    public = _sum(project, (line for line in lines if line.type in PUBLIC_SUPPORT))
    confirmed = _sum(project, (line for line in lines if line.status is FinanceStatus.CONFIRMED))
    declared = project.budget.total * partner.share / 100
    return PartnerFinance(partner=partner.id, company=partner.company, country=partner.country,
                          contribution=cents(contribution), declared_share=partner.share.quantize(RATIO),
                          computed_share=stored(percent_of(contribution, project.budget.total)),
                          difference=cents(contribution - declared), confirmed=cents(confirmed),
                          public_support=cents(public), net_cost=cents(contribution - public))


def summarise(project: Project) -> FinanceSummary:
    """Totals by partner, territory, type and status, and the gap against the budget."""
    total = _sum(project, project.financing)
    public = _sum(project, (line for line in project.financing if line.type in PUBLIC_SUPPORT))
    return FinanceSummary(
        currency=project.structure.currency, budget=cents(project.budget.total), total=cents(total),
        gap=cents(project.budget.total - total), public_support=cents(public),
        by_partner=tuple(_partner(project, i) for i in range(len(project.partners))),
        by_territory=_totals(project, lambda line: line.territory, total),
        by_type=_totals(project, lambda line: line.type.value, total),
        by_status=_totals(project, lambda line: line.status.value, total))


def _finding(code: str, severity: Severity, message: str, path: tuple[str | int, ...]) -> Finding:
    return Finding(code=code, severity=severity, area=AREA, message=message, path=path, source=ARITHMETIC)


def finance_findings(project: Project, summary: FinanceSummary) -> list[Finding]:
    """Gap or surplus, and shares that the finance lines do not bear out.

    Money not yet secured is readiness's finding (``readiness.finance.unsecured``): it escalates as the
    shoot nears.
    """
    currency = summary.currency
    findings = []
    budget = money(summary.budget, currency)
    if summary.gap > 0:
        findings.append(_finding("finance.gap", Severity.ERROR,
                                 f"The finance plan covers {money(summary.total, currency)} of the {budget} "
                                 f"budget: a gap of {money(summary.gap, currency)} "
                                 f"({pct(percent_of(summary.gap, summary.budget))} of the budget). Close "
                                 "the gap before the agreement is signed, or make the commitments it "
                                 "affects conditional on it.",
                                 ("financing",)))
    elif summary.gap < 0:
        findings.append(_finding("finance.surplus", Severity.WARNING,
                                 f"The finance plan adds up to {money(summary.total, currency)}, "
                                 f"{money(-summary.gap, currency)} more than the {budget} budget; say in the "
                                 "agreement who keeps or returns the surplus.",
                                 ("financing",)))
    for index, partner in enumerate(summary.by_partner):
        if partner.difference != 0:
            expected = money(summary.budget * partner.declared_share / 100, currency)
            findings.append(_finding(
                "finance.share-mismatch", Severity.ERROR,
                f"{partner.company}'s finance lines add up to {money(partner.contribution, currency)} "
                f"({pct(partner.computed_share)} of the budget), but its declared share of "
                f"{pct(partner.declared_share)} is {expected} "
                f"({pp(partner.computed_share - partner.declared_share)}). Align the finance plan with "
                "the share stated in the agreement.", ("partners", index, "share")))
    return findings


def aid_intensity_findings(project: Project, rules: Framework) -> list[Finding]:
    """Public support from the rules' member states above the aid-intensity cap (EU Cinema Communication)."""
    members = set(rules.parties)
    lines = [line for line in project.financing if line.type in PUBLIC_SUPPORT and line.territory in members]
    if not lines:
        return []
    findings = []
    cross_border = len({p.country for p in project.partners} & members) > 1
    kind = "a cross-border production" if cross_border else "a production"
    aid = _sum(project, lines)
    share = percent_of(aid, project.budget.total)
    for rule in rules.rules:
        if not isinstance(rule, AidIntensity):
            continue
        cap = rule.max_cross_border if cross_border else rule.max
        if share > cap:
            findings.append(Finding(
                code="finance.aid-intensity", severity=rule.severity, area=AREA,
                message=f"Public support from {join(sorted({country(line.territory) for line in lines}))} is "
                        f"{money(aid, project.structure.currency)}, {pct(share)} of the budget, above the "
                        f"{pct(cap)} aid intensity the {rules.name} allows for {kind}. Replace part of "
                        "it with private finance, or confirm with each fund that its aid stays within the "
                        "cap.",
                path=("financing",), source=rules.citation(rule), rule=rule.name))
    return findings
