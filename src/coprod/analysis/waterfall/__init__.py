"""The recoupment waterfall: who is paid what at given receipts, and when each financier breaks even.

Public interface (see docs/waterfall.md): `run_waterfall`, `scenarios`, `break_even`, `waterfall_findings`,
and the value types `Receipts`, `WaterfallResult`, `Payment`, `TierFlow`, `BreakEven`, `PartyBreakEven`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from coprod.analysis.waterfall.breakeven import break_even
from coprod.analysis.waterfall.engine import run_plan
from coprod.analysis.waterfall.findings import waterfall_findings
from coprod.analysis.waterfall.plan import compile_plan
from coprod.analysis.waterfall.results import (
    BreakEven,
    PartyBreakEven,
    Payment,
    Receipts,
    TierFlow,
    WaterfallResult,
)
from coprod.model.project import Project

__all__ = [
    "BreakEven",
    "PartyBreakEven",
    "Payment",
    "Receipts",
    "TierFlow",
    "WaterfallResult",
    "break_even",
    "run_waterfall",
    "scenarios",
    "waterfall_findings",
]


def run_waterfall(project: Project, receipts: Receipts) -> WaterfallResult:
    """Pay *receipts* through *project*'s waterfall.

    Args:
        project: A consistent project (as the loader returns it).
        receipts: Receipts into the collection account and, optionally, per kept territory.

    Returns:
        Every payment line, exact and in cents; the cents add up to ``receipts.total``.

    Raises:
        AnalysisError: If the waterfall cannot be run (it does not end with its only split).
        ValueError: If *receipts* name a partner that keeps no territory.
    """
    return run_plan(compile_plan(project), receipts)


def scenarios(project: Project, levels: Sequence[Decimal | Receipts]) -> tuple[WaterfallResult, ...]:
    """The waterfall at several receipt levels (an amount means receipts into the collection account)."""
    plan = compile_plan(project)
    return tuple(run_plan(plan, level if isinstance(level, Receipts) else Receipts(level))
                 for level in levels)
