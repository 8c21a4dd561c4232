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
from coprod.analysis.waterfall.report import money, payee_names
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
    net_profit_split: Range
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
    """Warnings on the project's waterfall terms, in the order of the file.

    Messages are written for the lawyer reading the draft: the deal's own names, what is unusual and what
    to do; the code and the field path stay in the finding's other fields.
    """
    names = payee_names(project)
    return list(_commission(project)) + list(_cam(project)) + list(_expenses(project, names)) + \
        list(_corridors(project, names)) + list(_talent(project, names)) + list(_unrecouped(project)) + \
        list(_unallocated(project))


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
                    f"{sales.agent}'s sales commission of {plain(sales.commission)}% is outside the usual "
                    f"{span}; confirm it is the agreed rate.",
                    ("rights", "world_sales", "commission"), usual.source)
    for index, tier in enumerate(project.recoupment.waterfall):
        if isinstance(tier, FeeTier) and tier.payee == "sales_agent" and tier.percent != sales.commission:
            yield _warn("waterfall.commission-mismatch",
                        f"The Recoupment Schedule pays {sales.agent} {plain(tier.percent)}% in "
                        f"'{tier.name}', but its sales terms give a commission of "
                        f"{plain(sales.commission)}%; make the two rates the same.",
                        ("recoupment", "waterfall", index, "percent"), usual.source)


def _cam(project: Project) -> Iterator[Finding]:
    usual = norms().cam_fee
    fees = [(index, tier) for index, tier in enumerate(project.recoupment.waterfall)
            if isinstance(tier, FeeTier) and tier.payee == "cam"]
    account = project.recoupment.collection_account
    manager = account.manager if account is not None else "The collection account manager"
    for index, tier in fees:
        if _outside(tier.percent, usual):
            yield _warn("waterfall.cam-fee-high",
                        f"The collection account fee of {plain(tier.percent)}% to {manager} is above the "
                        f"usual {plain(usual.high or Decimal(100))}% of gross receipts; confirm it is "
                        "agreed.",
                        ("recoupment", "waterfall", index, "percent"), usual.source)
    if account is not None and not fees:
        yield _warn("waterfall.cam-fee-missing",
                    f"{manager} is appointed to manage the collection account, but the Recoupment Schedule "
                    "pays it no fee; add its fee (usually a percentage off the top) as the first tier.",
                    ("recoupment", "collection_account"), usual.source)


def _expenses(project: Project, names: dict[str, str]) -> Iterator[Finding]:
    usual = norms().sales_expenses
    sales = project.rights.world_sales
    currency = project.structure.currency
    for index, tier in enumerate(project.recoupment.waterfall):
        if not isinstance(tier, ExpenseTier):
            continue
        path: FieldPath = ("recoupment", "waterfall", index)
        payee = names.get(tier.payee, tier.payee)
        if tier.incurred is not None and tier.incurred > tier.cap:
            yield _warn("waterfall.expenses-over-cap",
                        f"{payee} has incurred {currency} {money(tier.incurred)} of expenses under "
                        f"'{tier.name}', above their cap of {currency} {money(tier.cap)}; only the cap is "
                        "recouped, the rest is its own cost.", (*path, "incurred"), usual.source)
        if tier.payee == "sales_agent" and sales is not None and tier.cap > sales.expense_cap:
            yield _warn("waterfall.expense-cap-mismatch",
                        f"'{tier.name}' lets {payee} recoup up to {currency} {money(tier.cap)} of expenses, "
                        f"more than the {currency} {money(sales.expense_cap)} cap in its sales terms; make "
                        "the two caps the same.", (*path, "cap"), usual.source)


def _corridors(project: Project, names: dict[str, str]) -> Iterator[Finding]:
    usual = norms().recoupment
    for index, tier in enumerate(project.recoupment.waterfall):
        if isinstance(tier, CorridorTier) and not tier.until_recouped and tier.cap is None:
            yield _warn("waterfall.corridor-endless",
                        f"The corridor '{tier.name}' pays {names.get(tier.payee, tier.payee)} "
                        f"{plain(tier.percent)}% for ever: it has no cap and does not stop when its payee "
                        "has recouped; give it a cap or make it stop on recoupment.",
                        ("recoupment", "waterfall", index), usual.source)


def _talent(project: Project, names: dict[str, str]) -> Iterator[Finding]:
    usual = norms().talent_off_top
    for index, tier in enumerate(project.recoupment.waterfall):
        if not isinstance(tier, SplitTier):
            continue
        for position, talent in enumerate(tier.talent):
            if talent.paid_from == "all_net_profits":
                yield _warn("waterfall.talent-off-top",
                            f"{names.get(talent.payee, talent.payee)} is paid "
                            f"{plain(talent.percent_of_net_profits)}% off the top of all Net Profits, which "
                            "reduces the financiers' share too; talent is usually paid out of the "
                            "Co-Producers' share. Confirm the financiers have agreed.",
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
        if line.recoupable and line.recoups_from == "all" and line.id not in recouped:
            yield _warn("waterfall.recoupable-not-recouped",
                        f"{line.source} is to be recouped, but no tier of the Recoupment Schedule recoups "
                        "it; add it to a recoupment tier or a corridor, have it recoup from its "
                        "co-producer's share, or record it as not recoupable.",
                        ("financing", index, "recoupable"), usual.source)
    for index, line in enumerate(project.financing):
        if line.recoupable and usual.high is not None and line.premium > usual.high:
            yield _warn("waterfall.premium-high",
                        f"{line.source} recoups a premium of {plain(line.premium)}%, above the usual "
                        f"{plain(usual.high)}%; confirm it is agreed.", ("financing", index, "premium"),
                        usual.source)


def _unallocated(project: Project) -> Iterator[Finding]:
    waterfall = project.recoupment.waterfall
    if any(isinstance(tier, SplitTier) for tier in waterfall):
        return
    yield _warn("waterfall.unallocated",
                f"The Recoupment Schedule ends with '{waterfall[-1].name}' and has no net-profit split: "
                "what remains after it is unallocated. Agree how Net Profits are shared and add the split "
                "as the last tier.", ("recoupment", "waterfall"), norms().net_profit_split.source)
