"""What one rule concluded: passed or not, why, on whose authority, and the findings behind it."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.schema import Derogation, RuleBase
from coprod.analysis.findings import Citation, Finding, Severity


class Status(StrEnum):
    """A rule's conclusion."""

    PASSED = "passed"
    FAILED = "failed"
    ATTENTION = "attention"
    """Not a failure, but needs the authorities' consent or a manual check."""
    NOT_APPLICABLE = "not_applicable"


class RuleOutcome(BaseModel):
    """One rule of one framework applied to the deal."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    framework: str
    """Id of the framework (or fund) the rule belongs to."""
    rule: str
    """The rule's stable name, e.g. 'ECC17-09'."""
    kind: str
    title: str
    status: Status
    reason: str
    """Why, with the figures and the limits."""
    citation: Citation
    findings: tuple[Finding, ...] = ()
    needs: Derogation | None = None
    """For an outcome needing attention: the authorities' consent or discretionary approval that would
    admit the deal anyway (the rule's text allows it); None when it needs only a look."""
    remedy: str | None = None
    """With ``needs``: what the application for that consent or approval must show (the rule's note)."""
    consents: tuple[int, ...] = ()
    """Indices in the project's ``consents`` of those that met the rule (status passed)."""

    @property
    def passed(self) -> bool:
        """True unless the rule failed (attention and not-applicable count as passed)."""
        return self.status is not Status.FAILED


def conclude(deal: Deal, rule: RuleBase, findings: Sequence[Finding], passed_reason: str, *,
             needs: Derogation | None = None, derogable: bool = True) -> RuleOutcome:
    """The outcome of *rule*: failed on an error finding, attention on a warning, else passed.

    An outcome needing attention records what would admit the deal: *needs* if given, else the rule's own
    ``exception`` unless the warning is not about the rule's substance (*derogable* False, e.g. a points
    table coprod lacks).
    """
    if any(f.severity is Severity.ERROR for f in findings):
        status = Status.FAILED
    elif findings:
        status = Status.ATTENTION
    else:
        status = Status.PASSED
    reason = " ".join(f.message for f in findings) if findings else passed_reason
    needed = None
    if status is Status.ATTENTION:
        needed = needs if needs is not None else rule.exception if derogable else None
    return _outcome(deal, rule, status, reason, findings, needed)


def not_applicable(deal: Deal, rule: RuleBase, reason: str) -> RuleOutcome:
    """The outcome of a rule whose conditions do not hold for this deal."""
    return _outcome(deal, rule, Status.NOT_APPLICABLE, reason, ())


def _outcome(deal: Deal, rule: RuleBase, status: Status, reason: str,
             findings: Sequence[Finding], needs: Derogation | None = None) -> RuleOutcome:
    kind = str(getattr(rule, "kind", ""))
    return RuleOutcome(framework=deal.framework.id, rule=rule.name, kind=kind,
                       title=rule.title or kind.replace("_", " ").capitalize(), status=status, reason=reason,
                       citation=deal.framework.citation(rule), findings=tuple(findings), needs=needs,
                       remedy=rule.note if needs is not None else None)
