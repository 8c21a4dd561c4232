"""The readiness report's view model: the analysis in a form a producer reads in two minutes.

Verdict first, then the readiness checks, eligibility rule by rule with sources, the finance and spend
tables, and every open finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from coprod.analysis.eligibility.consents import cited
from coprod.analysis.eligibility.schema import Derogation
from coprod.analysis.eligibility.verdict import STANDING_WORDS
from coprod.analysis.figures import shown
from coprod.analysis.findings import Finding, Severity
from coprod.analysis.readiness import ReadinessCheck
from coprod.analysis.run import Analysis
from coprod.model.money import Money
from coprod.model.project import Project
from coprod.rendering.escape import Safe
from coprod.rendering.filters import figures, percent, plain
from coprod.rendering.view.common import Cell, DraftView, Table, country_name, draft_view
from coprod.rendering.view.framework import FrameworkView
from coprod.rendering.view.timeline import TimelineView, timeline_view

DEFAULT_REMEDY = "Ask each competent authority for its written consent before principal photography."

NEED_WORDS = {Derogation.CONSENT: "Consent", Derogation.DISCRETIONARY: "Discretionary approval"}

STATUS_WORDS = {"passed": "Passed", "failed": "Failed", "attention": "Needs attention",
                "not_applicable": "Not applicable", "ready": "Ready", "not_ready": "Not ready"}


def _status(value: StrEnum) -> str:
    return STATUS_WORDS.get(value.value, value.value.replace("_", " ").capitalize())


@dataclass(frozen=True, slots=True)
class ReadinessView:
    """Everything the readiness report prints."""

    draft: DraftView
    film_title: str
    verdict: str
    official: bool
    framework: FrameworkView | None
    qualifies: bool | None
    """Whether the deal qualifies under its framework; None for a creative co-production."""
    open_findings: str
    """'2 errors and 1 warning', 'no errors and no warnings'."""
    checks: Table | None
    eligibility: Table | None
    standing: str | None
    """The verdict in words ('qualifies subject to the authorities' consent'); None for a creative deal."""
    approvals: Table | None
    """What the competent authorities must consent to or approve at their discretion, and what to show."""
    finance: Table
    finance_gap: Safe
    finance_by_status: Table
    spend: Table
    findings: Table | None
    timeline: TimelineView


def _checks(checks: tuple[ReadinessCheck, ...]) -> Table | None:
    if not checks:
        return None
    rows = tuple((check.group.capitalize(), check.title, _status(check.status),
                  " ".join(f.message.rstrip(".") + "." for f in check.findings) or "In place.")
                 for check in checks)
    return Table(("Group", "Check", "Status", "Findings"), rows)


def _eligibility(analysis: Analysis) -> Table | None:
    verdict = analysis.eligibility
    if verdict is None:
        return None
    rows: list[tuple[Cell, ...]] = []
    for outcome in verdict.outcomes:
        rows.append((outcome.rule, outcome.title, _status(outcome.status), outcome.reason,
                     Safe("{text} [{confidence}]").format(text=outcome.citation.text,
                                                          confidence=outcome.citation.confidence.value)))
    return Table(("Rule", "What it checks", "Result", "Reason", "Source"), tuple(rows))


def _approvals(project: Project, analysis: Analysis) -> Table | None:
    verdict = analysis.eligibility
    if verdict is None:
        return None
    asked = [o for need in (Derogation.DISCRETIONARY, Derogation.CONSENT) for o in verdict.outcomes
             if o.framework == verdict.instrument and o.needs is need]
    rows = tuple((NEED_WORDS[o.needs] if o.needs else "", o.title,
                  o.reason.replace(f" {o.remedy}", "") if o.remedy else o.reason, o.remedy or DEFAULT_REMEDY,
                  "; ".join(cited(project.consents[i]) for i in o.consents) or "Not yet")
                 for o in asked)
    return Table(("The authorities must give", "Rule", "Why", "What the application must show", "On record"),
                 rows) if rows else None


def _finance(project: Project, analysis: Analysis) -> tuple[Table, Safe, Table]:
    summary = analysis.finance
    currency = summary.currency

    def cash(value: Decimal) -> Safe:
        return figures(Money(value, currency))

    rows: list[tuple[Cell, ...]] = [
        (p.company, country_name(p.country), percent(p.declared_share), cash(p.contribution),
         Safe("{sign}{amount}").format(sign=_sign(p.difference), amount=cash(abs(p.difference))),
         cash(p.confirmed), cash(p.public_support))
        for p in summary.by_partner]
    shares = sum((p.declared_share for p in summary.by_partner), Decimal(0))
    confirmed = sum((p.confirmed for p in summary.by_partner), Decimal(0))
    rows.append((Safe("**Total**"), "", percent(shares), cash(summary.total),
                 Safe("{sign}{amount}").format(sign=_sign(-summary.gap), amount=cash(abs(summary.gap))),
                 cash(confirmed), cash(summary.public_support)))
    table = Table(("Co-Producer", "Country", "Share", "Finance raised", "Against its share", "Confirmed",
                   "Public support"), tuple(rows), frozenset({2, 3, 4, 5, 6}))
    if summary.gap > 0:
        gap = Safe("The finance plan is {gap} short of the budget of {budget}.").format(
            gap=cash(summary.gap), budget=cash(summary.budget))
    elif summary.gap < 0:
        gap = Safe("The finance plan exceeds the budget of {budget} by {surplus}.").format(
            budget=cash(summary.budget), surplus=cash(-summary.gap))
    else:
        gap = Safe("The finance plan covers the budget of {budget} exactly.").format(
            budget=cash(summary.budget))
    statuses = tuple((total.key, cash(total.amount), percent(_two(total.percent)))
                     for total in summary.by_status)
    by_status = Table(("Status", "Amount", "Share of the plan"), statuses, frozenset({1, 2}))
    return table, gap, by_status


def _count(findings: tuple[Finding, ...], severity: Severity) -> str:
    number = sum(finding.severity is severity for finding in findings)
    word = severity.value
    return f"no {word}s" if number == 0 else f"1 {word}" if number == 1 else f"{number} {word}s"


def _two(value: Decimal) -> Decimal:
    """Round a percentage to two decimals for display (the analysis keeps it exact)."""
    return value.quantize(Decimal("0.01"))


def _sign(value: Decimal) -> str:
    # A typographic minus: a leading '-' would be escaped as possible list syntax.
    return "+" if value > 0 else "\N{MINUS SIGN}" if value < 0 else ""


def _spend(analysis: Analysis) -> Table:
    summary = analysis.spend
    rows = tuple((country_name(row.country), figures(Money(row.amount, summary.currency)),
                  percent(_two(row.percent)), percent(_two(row.financial_share)),
                  Safe("{sign}{pp} points").format(sign=_sign(row.deviation),
                                                   pp=plain(shown(abs(row.deviation), 2))))
                 for row in summary.by_country)
    return Table(("Country", "Planned spend", "Share of budget", "Financial share", "Difference"), rows,
                 frozenset({1, 2, 3, 4}))


def _findings(findings: tuple[Finding, ...]) -> Table | None:
    if not findings:
        return None
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ranked = sorted(findings, key=lambda f: order[f.severity])
    rows = tuple((f.severity.value.capitalize(), f.message, f.where or "—",
                  Safe("{text} [{confidence}]").format(text=f.source.text,
                                                       confidence=f.source.confidence.value))
                 for f in ranked)
    return Table(("Severity", "Finding", "Field", "Source"), rows)


def readiness_view(project: Project, analysis: Analysis,
                   framework: FrameworkView | None) -> ReadinessView:
    """Build the readiness report's view from the analysis."""
    finance, gap, by_status = _finance(project, analysis)
    findings = tuple(analysis.findings)
    verdict = analysis.eligibility
    return ReadinessView(
        draft=draft_view(project), film_title=project.film.title, verdict=analysis.verdict,
        official=project.structure.kind == "official", framework=framework,
        qualifies=None if verdict is None else verdict.qualifies,
        open_findings=f"{_count(findings, Severity.ERROR)} and {_count(findings, Severity.WARNING)}",
        checks=_checks(analysis.readiness.checks), eligibility=_eligibility(analysis),
        standing=STANDING_WORDS[analysis.standing] if analysis.standing else None,
        approvals=_approvals(project, analysis),
        finance=finance, finance_gap=gap, finance_by_status=by_status, spend=_spend(analysis),
        findings=_findings(findings), timeline=timeline_view(project, analysis.schedule))
