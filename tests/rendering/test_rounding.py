"""Whole units in the term sheet's scenario table: each column still adds up to its total; break-even
points keep the cent."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.analysis.waterfall import scenarios
from coprod.rendering.documents import DEFAULT_LEVELS
from coprod.rendering.view.rounding import whole_units
from tests.rendering.rendering_support import EXAMPLES, example, rendered

_CENTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def test_remainders_go_to_the_figures_that_lost_most() -> None:
    assert whole_units([Decimal("1.40"), Decimal("1.40"), Decimal("1.20")]) == [2, 1, 1]
    assert whole_units([Decimal("0.50"), Decimal("0.50")]) == [1, 0]  # a tie: the earlier figure
    assert whole_units([]) == []


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="not negative"):
        whole_units([Decimal("-1")])


@given(st.lists(_CENTS, max_size=12))
def test_the_column_adds_up_and_each_figure_moves_less_than_one_unit(values: list[Decimal]) -> None:
    rounded = whole_units(values)
    assert sum(rounded) == sum(values, Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    assert all(value == value.to_integral_value() for value in rounded)
    assert all(abs(new - old) < 1 for new, old in zip(rounded, values, strict=True))


def _cells(markdown: str, header: str) -> list[list[str]]:
    lines = markdown.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip(" *") for cell in line.strip("|").split(" | ")])
    return rows


def _number(cell: str) -> Decimal:
    return Decimal(re.sub(r"[^0-9.]", "", cell))


@pytest.mark.parametrize("slug", EXAMPLES)
def test_scenarios_show_whole_units_close_to_the_engine_and_break_even_keeps_the_cent(slug: str) -> None:
    markdown = rendered(slug)["term-sheet.md"].markdown
    rows = _cells(markdown, "| Payee |")
    assert rows and all(re.fullmatch(r"[A-Z]{3} [\d,]+", cell) for row in rows for cell in row[1:])
    project = example(slug)
    budget = project.budget.total
    exact_totals = [result.total_paid for result in scenarios(
        project, [(budget * level / 100).quantize(Decimal("0.01")) for level in DEFAULT_LEVELS])]
    shown_totals = [_number(cell) for cell in rows[-1][1:]]
    assert all(abs(shown - exact) < 1 for shown, exact in zip(shown_totals, exact_totals, strict=True))
    break_even = _cells(markdown, "| Investment |")
    assert all(re.search(r"\.\d\d$", row[2]) for row in break_even)  # "EUR 408,000.00": the cent is kept
