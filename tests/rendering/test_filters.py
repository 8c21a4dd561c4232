"""Money in figures and words, percentages, dates and lists, exactly as contracts print them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.model.money import Money
from coprod.rendering.filters import amount, date, figures, join, money, percent


def test_money_in_figures_and_words() -> None:
    assert money(Money(Decimal("2400000"), "EUR")) == \
        "EUR 2,400,000 (two million four hundred thousand euros)"
    assert money(Decimal("1"), "EUR") == "EUR 1 (one euro)"
    assert money(Decimal("1250000.50"), "EUR") == \
        "EUR 1,250,000.50 (one million two hundred and fifty thousand euros and 50/100)"


def test_money_per_currency() -> None:
    assert money(Decimal("4750000"), "CZK") == \
        "CZK 4,750,000 (four million seven hundred and fifty thousand Czech korunas)"
    assert money(Decimal("5000"), "JPY") == "JPY 5,000 (five thousand Japanese yen)"
    assert money(Decimal("12.5"), "GBP") == "GBP 12.50 (twelve British pounds and 50/100)"


def test_figures_show_cents_only_when_there_are_any_unless_asked() -> None:
    assert figures(Money(Decimal("60000"), "EUR")) == "EUR 60,000"
    assert figures(Money(Decimal("60000"), "EUR"), cents=True) == "EUR 60,000.00"
    assert figures(Money(Decimal("1099267.16"), "EUR")) == "EUR 1,099,267.16"


def test_an_amount_without_a_currency_is_refused() -> None:
    with pytest.raises(TypeError, match="needs one"):
        money(Decimal("10"))


@given(st.integers(min_value=0, max_value=10**13), st.integers(min_value=0, max_value=99))
def test_figures_are_exact(units: int, cents: int) -> None:
    value = Decimal(units) + Decimal(cents) / 100
    shown = amount(value, "EUR", cents=True)
    assert Decimal(shown.removeprefix("EUR ").replace(",", "")) == value


def test_percentages_are_exact_without_trailing_zeros() -> None:
    assert percent(Decimal("60")) == "60%"
    assert percent(Decimal("12.50")) == "12.5%"
    assert percent(Decimal("2.75")) == "2.75%"
    assert percent(100) == "100%"


def test_dates_in_full() -> None:
    assert date(dt.date(2027, 5, 3)) == "3 May 2027"


def test_lists_with_and_or_or_each_item_escaped() -> None:
    assert join(["A", "B", "C"]) == "A, B and C"
    assert join(["A", "B"], "or") == "A or B"
    assert join(["Smith & Sons"]) == "Smith \\& Sons"
    assert join([]) == ""
