"""Break-even in closed form: the piecewise-linear algebra it rests on; exact points on small waterfalls."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from coprod.analysis.waterfall import break_even
from coprod.analysis.waterfall import breakeven as module
from coprod.analysis.waterfall.engine import Flow, flow
from coprod.analysis.waterfall.piecewise import Piecewise, first_reaching, minimum
from coprod.analysis.waterfall.plan import Plan
from tests.analysis.waterfall.bisection import break_even_by_bisection
from tests.analysis.waterfall.test_engine import project
from tests.analysis.waterfall.waterfall_support import EXAMPLES, load_example

X = Piecewise.line(Fraction(0), Fraction(1))
GROUP = {"kind": "recoup", "name": "Equity", "pari_passu": ["equity"]}  # owed 1,000 + 20% = 1,200


def at(f: Piecewise, x: int) -> Fraction:
    index = max(i for i, start in enumerate(f.starts) if start <= x)
    a, b = f.lines[index]
    return a + b * x


def test_minimum_splits_a_piece_where_the_lines_cross() -> None:
    capped = minimum(X.scaled(Fraction(1, 2)), Piecewise.line(Fraction(10)))
    assert capped == Piecewise((Fraction(0), Fraction(20)),
                               ((Fraction(0), Fraction(1, 2)), (Fraction(10), Fraction(0))))
    left = X - capped  # what a fee of 50% capped at 10 leaves: x/2, then x - 10
    assert [at(left, x) for x in (0, 10, 20, 30)] == [0, 5, 10, 20]
    assert minimum(left, Piecewise.line(Fraction(7))) == Piecewise(
        (Fraction(0), Fraction(14)), ((Fraction(0), Fraction(1, 2)), (Fraction(7), Fraction(0))))


def test_first_reaching_solves_on_the_piece_that_reaches_the_level() -> None:
    after_five = X - minimum(X, Piecewise.line(Fraction(5)))  # 0 up to 5, then x - 5
    assert first_reaching(after_five, Fraction(0)) == 0
    assert first_reaching(after_five, Fraction(0), strict=True) == 5
    assert first_reaching(after_five, Fraction(1, 3)) == Fraction(16, 3)
    assert first_reaching(minimum(X, Piecewise.line(Fraction(5))), Fraction(6)) is None


def test_break_even_and_net_profits_on_a_small_waterfall() -> None:
    waterfall = project({"kind": "expense", "name": "Expenses", "payee": "sales_agent", "cap": "900"}, GROUP)
    points = break_even(waterfall)
    assert [(p.line, p.receipts) for p in points.parties] == [("equity", Decimal("2100.00"))]
    assert points.net_profits_from == Decimal("2100.01")  # strictly more than the 2,100 paid out above


def test_a_line_behind_a_tier_that_takes_everything_never_breaks_even() -> None:
    waterfall = project({"kind": "fee", "name": "Fee", "payee": "cam", "percent": 100}, GROUP)
    points = break_even(waterfall)
    assert [(p.line, p.receipts) for p in points.parties] == [("equity", None)]
    assert points.net_profits_from is None


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_examples_need_two_engine_runs_per_distinct_point_and_match_the_bisection(
        slug: str, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[Fraction] = []
    def counted(plan: Plan, collection: Fraction) -> Flow:
        runs.append(collection)
        return flow(plan, collection)

    monkeypatch.setattr(module, "flow", counted)
    points = break_even(load_example(slug))
    distinct = {p.receipts for p in points.parties} | {points.net_profits_from, points.tiers_paid_from}
    assert len(runs) == len(set(runs)) <= 2 * len(distinct)
    assert points == break_even_by_bisection(load_example(slug))
