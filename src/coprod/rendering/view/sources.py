"""What the documents read from the analysis, named once.

The renderer needs only a few things from H2's ``Analysis``: the findings (for drafting notes and the
readiness report), the eligibility verdict (instrument, competent authorities, deadline, rule outcomes),
the one-line verdict and the readiness checks. `AnalysisLike` says exactly that, so the documents depend on
those fields and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from coprod.analysis.eligibility.verdict import Verdict
from coprod.analysis.finance import FinanceSummary
from coprod.analysis.findings import Finding
from coprod.analysis.spend import SpendSummary


class ReadinessCheckLike(Protocol):
    """One readiness check, as the report prints it."""

    @property
    def title(self) -> str:
        """What is checked, e.g. 'Budget and spend plan by country'."""
        ...

    @property
    def status(self) -> object:
        """The check's status (an enum whose value is printed, e.g. 'ready')."""
        ...

    @property
    def detail(self) -> str:
        """Why, in a sentence."""
        ...


class AnalysisLike(Protocol):
    """The parts of ``coprod.analysis.Analysis`` that documents use."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in the analysis's order."""
        ...

    @property
    def eligibility(self) -> Verdict | None:
        """The eligibility verdict; None for a creative co-production."""
        ...

    @property
    def finance(self) -> FinanceSummary:
        """Finance totals by partner, territory, type and status."""
        ...

    @property
    def spend(self) -> SpendSummary:
        """Spend by country against financial shares."""
        ...

    @property
    def readiness(self) -> Sequence[ReadinessCheckLike]:
        """The readiness checks, in order."""
        ...

    @property
    def verdict(self) -> str:
        """One line on whether the deal is ready."""
        ...
