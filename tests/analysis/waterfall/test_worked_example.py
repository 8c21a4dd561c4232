"""The worked example in docs/waterfall.md: its project block runs, and every number in it is right."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from coprod.analysis.waterfall import Receipts, WaterfallResult, break_even, scenarios
from coprod.analysis.waterfall.plan import Pool
from coprod.analysis.waterfall.report import money
from coprod.model.consistency import check_consistency
from coprod.model.project import Project
from tests.analysis.waterfall.waterfall_support import read_yaml, variant

DOC = Path(__file__).resolve().parents[3] / "docs" / "waterfall.md"
POOLS = {Pool.FINANCIERS: "financiers' pool", Pool.TALENT_FROM_PRODUCERS: "talent, from the producers' pool",
         Pool.PRODUCERS: "producers' pool", Pool.TALENT_OFF_TOP: "talent, off the top"}


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(doc: str) -> Project:
    section = doc.split("## Worked example", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    project = variant("the-salt-road", read_yaml(block.group(1)))
    assert check_consistency(project) == []
    return project


@pytest.fixture(scope="module")
def results(project: Project) -> tuple[WaterfallResult, ...]:
    return scenarios(project, [Receipts(Decimal(1000000), {"nord": Decimal(150000)}), Decimal(400000)])


def rows(result: WaterfallResult) -> list[str]:
    """The result as the rows of the doc's tables."""
    last = {payment.tier_index: index for index, payment in enumerate(result.payments)}
    out = []
    for index, payment in enumerate(result.payments):
        number = "-" if payment.tier_index is None else str(payment.tier_index + 1)
        tier = payment.tier if payment.pool is None else f"{payment.tier}: {POOLS[payment.pool]}"
        left = ""
        if payment.tier_index is not None and last[payment.tier_index] == index:
            left = money(result.tiers[payment.tier_index].left)
        cells = [number, tier, payment.payee, money(payment.amount), left]
        out.append(" ".join(["|", " | ".join(cells), "|"]).replace("  |", " |"))
    return out


def paid(result: WaterfallResult) -> list[tuple[str, str]]:
    return [(payment.payee, str(payment.amount)) for payment in result.payments]


def test_scenario_one_pays_every_line_as_the_doc_says(results: tuple[WaterfallResult, ...], doc: str) -> None:
    first = results[0]
    assert first.pot == Decimal("1050000.00")
    assert paid(first) == [
        ("nord", "100000.00"), ("cam", "10500.00"), ("sales_agent", "200000.00"), ("sales_agent", "45000.00"),
        ("be-cca", "79450.00"), ("aurora-equity", "360000.00"), ("be-cca", "20550.00"),
        ("vltava-equity", "120000.00"), ("director", "4500.00"), ("be-cca", "21000.00"),
        ("aurora-equity", "63000.00"), ("vltava-equity", "21000.00"), ("director", "10500.00"),
        ("aurora", "56700.00"), ("nord", "23625.00"), ("vltava", "14175.00")]
    assert first.total_paid == Decimal("1150000.00")
    for row in rows(first):
        assert row in doc


def test_scenario_two_rounds_the_group_by_largest_remainder(results: tuple[WaterfallResult, ...],
                                                            doc: str) -> None:
    second = results[1]
    group = [payment for payment in second.payments if payment.tier == "Equity"]
    assert [str(payment.exact) for payment in group] == ["292680000/1843", "59267700/1843", "97560000/1843"]
    assert [payment.amount for payment in group] == [Decimal("158806.29"), Decimal("32158.28"),
                                                     Decimal("52935.43")]
    assert second.total_paid == Decimal("400000.00")
    assert all(payment.amount == 0 for payment in second.payments if payment.kind in ("split", "deferment",
                                                                                         "kept"))
    for row in rows(second):
        if "Net profits" not in row:
            assert row in doc


def test_break_even_matches_the_doc(project: Project, doc: str) -> None:
    points = break_even(project)
    assert [(p.line, p.entitlement, p.receipts) for p in points.parties] == [
        ("be-cca", Decimal("100000"), Decimal("791139.25")),
        ("aurora-equity", Decimal("360000"), Decimal("791139.25")),
        ("vltava-equity", Decimal("120000"), Decimal("791139.25"))]
    assert points.net_profits_from == Decimal("796835.45")
    for party in points.parties:
        assert f"| {party.line} | {money(party.entitlement)} | 791,139.25 |" in doc
    assert "Net profits begin at 796,835.45." in doc
