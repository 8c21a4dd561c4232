"""Readiness: the six things that must be in place and the four alignments, each with a status.

Each check gathers its own findings (`readiness_checks`) and the findings of the other analyses that bear
on it (the finance plan's gap for "finance plan", late applications for "timeline"...), so the readiness
report explains every status without repeating a finding in the overall list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coprod.analysis import readiness_checks as checks
from coprod.analysis import readiness_finance as money
from coprod.analysis.eligibility.schema import Framework, RuleBase
from coprod.analysis.findings import Finding, Severity
from coprod.analysis.schedule.practice import SchedulePractice
from coprod.model.project import Project


class ReadinessStatus(StrEnum):
    """Where a check stands: an error means not ready; a warning needs attention."""

    READY = "ready"
    ATTENTION = "attention"
    NOT_READY = "not_ready"


class ReadinessCheck(BaseModel):
    """One of the six essentials or four alignments."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    group: str
    """'essentials' or 'alignments'."""
    status: ReadinessStatus
    findings: tuple[Finding, ...]


class Readiness(BaseModel):
    """Every readiness check, essentials first."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    checks: tuple[ReadinessCheck, ...]

    @property
    def ready(self) -> bool:
        """True when no check is not ready."""
        return all(check.status is not ReadinessStatus.NOT_READY for check in self.checks)


Related = Callable[[Finding], bool]


def _codes(*prefixes: str) -> Related:
    return lambda finding: finding.code.startswith(prefixes)


def _area(*areas: str) -> Related:
    return lambda finding: finding.area in areas


def own_findings(project: Project, spend_tolerance: Decimal | None,
                 practice: Sequence[RuleBase] = (), schedule: SchedulePractice | None = None,
                 funds: Sequence[Framework] = ()) -> dict[str, list[Finding]]:
    """The readiness checks' own findings, by check id.

    Spend alignment is checked only with a practice *spend_tolerance*; the legal check applies the
    *practice* file's rights and contract rules (market rationales, named key creatives); the budget and
    finance checks apply the *schedule* practice data (escalation, contingency, bond fee) and look for
    applications to *funds* that the finance plan does not show.
    """
    budget = checks.budget(project) + (money.budget_sanity(project, schedule) if schedule else [])
    finance = money.finance_security(project, schedule) if schedule else []
    finance += money.fund_gaps(project, funds)
    return {
        "story": checks.story(project),
        "producers": checks.producers(project),
        "budget": budget,
        "legal": checks.legal(project, practice),
        "finance": finance,
        "timeline": checks.timeline(project),
        "story-alignment": checks.story_alignment(project),
        "spend-alignment": checks.spend_alignment(project, spend_tolerance) if spend_tolerance is not None
        else [],
        "control-alignment": checks.control_alignment(project),
        "delivery-alignment": checks.delivery_alignment(project),
    }


CHECKS: tuple[tuple[str, str, str, Related], ...] = (
    ("story", "Story and territorial logic", "essentials", lambda f: False),
    ("producers", "Qualified producers in each territory", "essentials",
     _codes("spend.no-partner-in-country", "authority.", "parties.", "non-party.", "third-country.")),
    ("budget", "Budget and spend plan by country", "essentials", _area("spend")),
    ("legal", "Rights, recoupment and producer roles", "essentials",
     lambda f: f.area == "waterfall" or f.code.startswith(("share.", "financial-only.", "instrument."))),
    ("finance", "Finance plan by territory", "essentials", _area("finance")),
    ("timeline", "Applications, approvals and delivery", "essentials", _codes("timeline.")),
    ("story-alignment", "Story alignment", "alignments",
     _codes("points.", "proportionality.creative", "creative.", "cast.", "location.")),
    ("spend-alignment", "Spend alignment", "alignments",
     _codes("proportionality.spend", "spend.national-minimum", "spend.non-party")),
    ("control-alignment", "Control alignment", "alignments", lambda f: False),
    ("delivery-alignment", "Delivery alignment", "alignments", lambda f: False),
)
"""Check id, title, group, and which other findings bear on it."""


def _status(findings: Sequence[Finding]) -> ReadinessStatus:
    if any(f.severity is Severity.ERROR for f in findings):
        return ReadinessStatus.NOT_READY
    if any(f.severity is Severity.WARNING for f in findings):
        return ReadinessStatus.ATTENTION
    return ReadinessStatus.READY


def assess(own: dict[str, list[Finding]], others: Sequence[Finding]) -> Readiness:
    """Each check with its own findings and the other analyses' findings that bear on it."""
    result = []
    for check_id, title, group, related in CHECKS:
        findings = [*own[check_id], *(f for f in others if related(f))]
        result.append(ReadinessCheck(id=check_id, title=title, group=group, status=_status(findings),
                                     findings=tuple(findings)))
    return Readiness(checks=tuple(result))
