"""Warnings on unusual but legal waterfall terms (DOMAIN.md §4.2 to §4.4, rules WF-29 to WF-31).

The thresholds and their sources are data (``norms.json``), not code. A waterfall that cannot work at all
(an unknown payee, a split that does not add up) is not a finding but a consistency error, reported by
the loader (``model/consistency.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from coprod.analysis.findings import Citation, Finding, Severity
from coprod.location import FieldPath
from coprod.model.project import Project
from coprod.model.recoupment import CorridorTier, ExpenseTier, FeeTier, RecoupTier, SplitTier
from coprod.model.types import plain


class Range(BaseModel):
    """A usual range for a term, with where it comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: Decimal | None = None
    high: Decimal | None = None
    source: Citation


class Norms(BaseModel):
    """The market norms the warnings compare against (``norms.json``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sales_commission: Range
    cam_fee: Range
    sales_expenses: Range
    talent_off_top: Range
    recoupment: Range


@cache
def norms() -> Norms:
    """The norms shipped with coprod."""
    text = resources.files(__package__).joinpath("norms.json").read_text(encoding="utf-8")
    return Norms.model_validate(json.loads(text))


def _warn(code: str, message: str, path: FieldPath, source: Citation) -> Finding:
    return Finding(code=code, severity=Severity.WARNING, area="waterfall", message=message, path=path,
                   source=source)


def waterfall_findings(project: Project) -> list[Finding]:
    """Warnings on the project's waterfall terms, in the order of the file."""
    return list(_commission(project)) + list(_cam(project)) + list(_expenses(project)) + \
        list(_corridors(project)) + list(_talent(project)) + list(_unrecouped(project))


def _outside(value: Decimal, usual: Range) -> bool:
    return (usual.low is not None and value < usual.low) or (usual.high is not None and value > usual.high)


def _commission(project: Project) -> Iterator[Finding]:
    usual = norms().sales_commission
    sales = project.rights.world_sales
    if sales is None:
        return  # and a tier paying 'sales_agent' without world sales is a consistency error
    if _outside(sales.commission, usual):
        span = f"{plain(usual.low or Decimal(0))} to {plain(usual.high or Decimal(100))}%"
        yield _warn("waterfall.commission-unusual",
                    f"The sales commission of {plain(sales.commission)}% is outside the usual {span}.",
                    ("rights", "world_sales", "commission"), usual.source)
    for index, tier in enumerate(project.recoupment.waterfall):
        if isinstance(tier, FeeTier) and tier.payee == "sales_agent" and tier.percent != sales.commission:
            yield _warn("waterfall.commission-mismatch",
                        f"The waterfall pays the sales agent {plain(tier.percent)}% in '{tier.name}', but "
                        f"rights.world_sales.commission is {plain(sales.commission)}%.",
                        ("recoupment", "waterfall", index, "percent"), usual.source)


def _cam(project: Project) -> Iterator[Finding]:
    usual = norms().cam_fee
    fees = [(index, tier) for index, tier in enumerate(project.recoupment.waterfall)
            if isinstance(tier, FeeTier) and tier.payee == "cam"]
    for index, tier in fees:
        if _outside(tier.percent, usual):
            yield _warn("waterfall.cam-fee-high",
                        f"The collection account fee of {plain(tier.percent)}% is above the usual "
                        f"{plain(usual.high or Decimal(100))}% of gross receipts.",
                        ("recoupment", "waterfall", index, "percent"), usual.source)
    if project.recoupment.collection_account is not None and not fees:
        yield _warn("waterfall.cam-fee-missing",
                    "A collection account manager is named but no fee tier pays 'cam'; its fee (usually "
                    "a percentage off the top) is not in the waterfall.",
                    ("recoupment", "collection_account"), usual.source)


def _expenses(project: Project) -> Iterator[Finding]:
    usual = norms().sales_expenses
    sales = project.rights.world_sales
    for index, tier in enumerate(project.recoupment.waterfall):
        if not isinstance(tier, ExpenseTier):
            continue
        path: FieldPath = ("recoupment", "waterfall", index)
        if tier.incurred is not None and tier.incurred > tier.cap:
            yield _warn("waterfall.expenses-over-cap",
                        f"'{tier.name}' has {plain(tier.incurred)} of expenses incurred, above its cap of "
                        f"{plain(tier.cap)}; only the cap is recouped.", (*path, "incurred"), usual.source)
        if tier.payee == "sales_agent" and sales is not None and tier.cap > sales.expense_cap:
            yield _warn("waterfall.expense-cap-mismatch",
                        f"'{tier.name}' lets the sales agent recoup up to {plain(tier.cap)}, more than the "
                        f"expense cap of {plain(sales.expense_cap)} in rights.world_sales.expense_cap.",
                        (*path, "cap"), usual.source)


def _corridors(project: Project) -> Iterator[Finding]:
    usual = norms().recoupment
    for index, tier in enumerate(project.recoupment.waterfall):
        if isinstance(tier, CorridorTier) and not tier.until_recouped and tier.cap is None:
            yield _warn("waterfall.corridor-endless",
                        f"The corridor '{tier.name}' has no cap and does not stop when its payee has "
                        f"recouped, so it pays {plain(tier.percent)}% for ever.",
                        ("recoupment", "waterfall", index), usual.source)


def _talent(project: Project) -> Iterator[Finding]:
    usual = norms().talent_off_top
    for index, tier in enumerate(project.recoupment.waterfall):
        if not isinstance(tier, SplitTier):
            continue
        for position, talent in enumerate(tier.talent):
            if talent.paid_from == "all_net_profits":
                yield _warn("waterfall.talent-off-top",
                            f"'{talent.payee}' is paid {plain(talent.percent_of_net_profits)}% off the top "
                            "of all net profits; talent is usually paid from the producers' share.",
                            ("recoupment", "waterfall", index, "talent", position, "paid_from"),
                            usual.source)


def _unrecouped(project: Project) -> Iterator[Finding]:
    usual = norms().recoupment
    recouped: set[str] = set()
    for tier in project.recoupment.waterfall:
        if isinstance(tier, RecoupTier):
            recouped.update(tier.pari_passu)
        elif isinstance(tier, CorridorTier) and tier.until_recouped:
            recouped.add(tier.payee)
    for index, line in enumerate(project.financing):
        if line.recoupable and line.id not in recouped:
            yield _warn("waterfall.recoupable-not-recouped",
                        f"'{line.id}' is recoupable but no waterfall tier recoups it (add it to a recoup "
                        "group or a corridor, or set recoupable: false).",
                        ("financing", index, "recoupable"), usual.source)
    for index, line in enumerate(project.financing):
        if line.recoupable and usual.high is not None and line.premium > usual.high:
            yield _warn("waterfall.premium-high",
                        f"'{line.id}' recoups a premium of {plain(line.premium)}%, above the usual "
                        f"{plain(usual.high)}%.", ("financing", index, "premium"), usual.source)
