"""The schedule's practice data (``practice.yaml`` beside this module): lead times, thresholds, evidence.

Only the shape lives here; the numbers and their sources live in the data file, read by
`coprod.loading.schedule_practice`.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from coprod.analysis.findings import Citation, Confidence, Severity
from coprod.model.finance import FinanceType


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Sourced(_Data):
    """A fact with its source."""

    source: str
    confidence: Confidence

    @property
    def citation(self) -> Citation:
        """The source as a finding cites it."""
        return Citation(text=self.source, confidence=self.confidence)


class FinanceClose(Sourced):
    """When the finance plan must be closed, counted back from principal photography."""

    days_before_shoot: int = Field(ge=0)


class EscalationLevel(Sourced):
    """Unconfirmed finance above ``unconfirmed_above`` per cent, within the window, has ``severity``."""

    within_days_of_shoot: int | None = Field(default=None, ge=0)
    """None: at any time before the shoot."""
    unconfirmed_above: Decimal = Field(ge=0, le=100)
    severity: Severity


class PostCompletion(Sourced):
    """Finance types certified and paid after completion, which need a bridge to be spent."""

    types: list[FinanceType]


class BudgetChecks(_Data):
    """Which budget categories must hold the contingency and the completion guarantor's fee."""

    contingency_percent: Decimal = Field(ge=0, le=100)
    contingency_words: list[str]
    contingency_source: str
    contingency_confidence: Confidence
    bond_words: list[str]
    bond_source: str
    bond_confidence: Confidence


class AfterCompletion(_Data):
    """The audited cost statement and final approval, counted from delivery."""

    audit_days_after_delivery: int = Field(ge=0)
    audit_source: str
    audit_confidence: Confidence
    final_approval_days_after_audit: int = Field(ge=0)
    final_approval_source: str
    final_approval_confidence: Confidence


class CostReports(Sourced):
    """How often the delegate producer reports costs."""

    every_months: int = Field(ge=1, le=12)


class SchedulePractice(_Data):
    """Everything in ``practice.yaml``."""

    version: int = Field(ge=1, le=1)
    finance_close: FinanceClose
    finance_escalation: list[EscalationLevel] = Field(min_length=1)
    post_completion_incentives: PostCompletion
    budget: BudgetChecks
    after_completion: AfterCompletion
    cost_reports: CostReports
    at_risk_days: int = Field(ge=0)
    at_risk_source: str
    at_risk_confidence: Confidence
    authority_application_words: list[str]
    e_and_o_words: list[str]
    evidence: dict[FinanceType, str]
    deferred_words: list[str]
    collection_account: Sourced

    def evidence_for(self, kind: FinanceType, source: str) -> str:
        """What proves a finance line: deferred fees are proved by a deferment letter, not a bank letter."""
        if any(word in source.lower() for word in self.deferred_words):
            return self.evidence[FinanceType.DEFERMENT]
        return self.evidence[kind]
