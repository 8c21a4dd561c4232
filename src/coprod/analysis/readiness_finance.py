"""Readiness of the money: finance that escalates as the shoot nears, bridges, budget lines, fund gaps.

Thresholds, percentages and their sources come from the schedule's practice data (``practice.yaml``);
nothing here holds a number of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from coprod.analysis.eligibility.schema import Framework
from coprod.analysis.figures import money, pct, percent_of
from coprod.analysis.findings import Citation, Finding, Severity
from coprod.analysis.schedule.context import long_date
from coprod.analysis.schedule.practice import EscalationLevel, SchedulePractice
from coprod.model.finance import FinanceSource, FinanceStatus
from coprod.model.production import MilestoneKind
from coprod.model.project import Project

AREA = "readiness"


def _finding(code: str, severity: Severity, message: str, path: tuple[str | int, ...],
             source: Citation) -> Finding:
    return Finding(code=f"readiness.{code}", severity=severity, area=AREA, message=message, path=path,
                   source=source)


def paid_after_completion(line: FinanceSource, practice: SchedulePractice) -> bool:
    """Whether *line* is paid only after completion (the line says so, or practice for its type)."""
    if line.paid_after_completion is not None:
        return line.paid_after_completion
    return line.type in practice.post_completion_incentives.types


def secured(line: FinanceSource, practice: SchedulePractice) -> bool:
    """Money the production can spend: confirmed, and bridged if it is paid after completion."""
    if paid_after_completion(line, practice):
        return line.status is FinanceStatus.CONFIRMED and line.bridge is not None
    return line.status is FinanceStatus.CONFIRMED


def escalation(practice: SchedulePractice, days_to_shoot: int | None,
               open_percent: Decimal) -> EscalationLevel | None:
    """The first level whose window holds *days_to_shoot* and whose threshold *open_percent* passes."""
    for level in practice.finance_escalation:
        in_window = level.within_days_of_shoot is None or \
            (days_to_shoot is not None and days_to_shoot <= level.within_days_of_shoot)
        if in_window and open_percent > level.unconfirmed_above:
            return level
    return None


def finance_security(project: Project, practice: SchedulePractice) -> list[Finding]:
    """Unsecured finance: a warning that becomes an error as principal photography nears."""
    currency = project.structure.currency
    total = sum((project.in_base(line).amount for line in project.financing), Decimal(0))
    unsecured = [line for line in project.financing if not secured(line, practice)]
    if not unsecured or total == 0:
        return []
    amount = sum((project.in_base(line).amount for line in unsecured), Decimal(0))
    share = percent_of(amount, total)
    shoots = [m.first_day for m in project.timeline if m.kind is MilestoneKind.SHOOT]
    shoot = min(shoots, default=None)
    days = None if shoot is None else (shoot - project.draft.date).days
    level = escalation(practice, days, share)
    if level is None:
        return []
    unbridged = [line for line in unsecured if paid_after_completion(line, practice)
                 and line.status is FinanceStatus.CONFIRMED]
    parts = []
    for status in (FinanceStatus.APPLIED, FinanceStatus.PLANNED):
        lines = [line for line in unsecured if line.status is status and line not in unbridged]
        if lines:
            subtotal = sum((project.in_base(line).amount for line in lines), Decimal(0))
            parts.append(f"{status.value} {money(subtotal, currency)} "
                         f"({', '.join(line.source for line in lines)})")
    if unbridged:
        parts.append(f"confirmed but paid after completion with no bridge recorded "
                     f"({', '.join(line.source for line in unbridged)})")
    when = (f"{days} days before principal photography on {long_date(shoot)}" if shoot is not None and days
            is not None else "with no principal photography in the timeline")
    action = ("Contract or replace it before the shoot, or move the shoot."
              if level.severity is Severity.ERROR
              else "Confirm it, or record a bridge, before the close of financing.")
    message = (f"On {long_date(project.draft.date)}, {when}, {money(amount, currency)} ({pct(share)} of the "
               f"finance plan) is not secured: {'; '.join(parts)}. {action}")
    return [_finding("finance.unsecured", level.severity, message, ("financing",), level.citation)]


def _categories(project: Project, words: Sequence[str]) -> list[str]:
    by_category = project.budget.by_category or {}
    return [name for name in by_category if any(word in name.lower() for word in words)]


def budget_sanity(project: Project, practice: SchedulePractice) -> list[Finding]:
    """The budget lines that must hold the completion guarantor's fee and the contingency do."""
    rules, budget = practice.budget, project.budget
    if budget.by_category is None:
        return []
    currency = project.structure.currency
    contingency = budget.total * rules.contingency_percent / 100
    contingency_lines = _categories(project, rules.contingency_words)
    findings = []
    bond = project.insurance.completion_bond
    bond_citation = Citation(text=rules.bond_source, confidence=rules.bond_confidence)
    contingency_citation = Citation(text=rules.contingency_source, confidence=rules.contingency_confidence)
    if bond is not None:
        fee = budget.total * bond.fee_percent / 100
        lines = _categories(project, rules.bond_words)
        if not lines:
            findings.append(_finding(
                "budget.no-bond-line", Severity.WARNING,
                f"The budget has no line for the completion guarantor's fee of {money(fee, currency)} "
                f"({pct(bond.fee_percent)} of the budget, payable to {bond.guarantor}): add one.",
                ("budget", "by_category"), bond_citation))
        else:
            shared = [name for name in lines if name in contingency_lines]
            needed = fee + (contingency if shared else Decimal(0))
            held = sum((budget.by_category[name] for name in lines), Decimal(0))
            if held < needed:
                what = f"the completion guarantor's fee of {money(fee, currency)} ({pct(bond.fee_percent)})"
                if shared:
                    what += (f" and a contingency of {money(contingency, currency)} "
                             f"({pct(rules.contingency_percent)} of the budget)")
                names = ", ".join(f"'{name}'" for name in lines)
                findings.append(_finding(
                    "budget.bond-line-short", Severity.WARNING,
                    f"{names} holds {money(held, currency)} but must hold {what}: it is "
                    f"{money(needed - held, currency)} short. Raise the line or show where the rest is "
                    "budgeted.", ("budget", "by_category", lines[0]), bond_citation))
            if shared:
                return findings  # the contingency was judged with the bond line
    if not contingency_lines:
        findings.append(_finding(
            "budget.no-contingency", Severity.WARNING,
            f"The budget has no contingency line; guarantors and financiers usually expect about "
            f"{pct(rules.contingency_percent)} of the budget ({money(contingency, currency)}).",
            ("budget", "by_category"), contingency_citation))
    else:
        held = sum((budget.by_category[name] for name in contingency_lines), Decimal(0))
        if held < contingency:
            findings.append(_finding(
                "budget.contingency-short", Severity.WARNING,
                f"The contingency of {money(held, currency)} is {pct(percent_of(held, budget.total))} of the "
                f"budget; guarantors and financiers usually expect about {pct(rules.contingency_percent)} "
                f"({money(contingency, currency)}).", ("budget", "by_category", contingency_lines[0]),
                contingency_citation))
    return findings


def fund_gaps(project: Project, funds: Sequence[Framework]) -> list[Finding]:
    """A fund the timeline applies to with no line in the finance plan: the plan cannot show its effect."""
    findings = []
    for index, milestone in enumerate(project.timeline):
        if milestone.kind is not MilestoneKind.APPLICATION:
            continue
        for fund in funds:
            names = [name.lower() for name in fund.applies_when_named]
            if not any(name in milestone.milestone.lower() for name in names):
                continue
            if any(name in line.source.lower() for name in names for line in project.financing):
                continue
            findings.append(_finding(
                "finance.fund-not-in-plan", Severity.WARNING,
                f"The timeline applies to {fund.name} ('{milestone.milestone}', "
                f"{long_date(milestone.first_day)}) but the finance plan has no line from it: add it as "
                "applied with the amount asked for, and say which source it replaces if it is awarded, or "
                "what gap it closes.",
                ("timeline", index), Citation(text=fund.source, confidence=fund.confidence)))
    return findings
