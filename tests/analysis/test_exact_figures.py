"""Differences are printed exactly: a one-cent gap is not '0% of the budget', 0.01 points is not '0 pp'."""

from __future__ import annotations

from decimal import Decimal

from coprod.analysis.figures import pct, pp
from tests.analysis.analysis_support import analysed_data, example_data


def test_a_one_cent_finance_gap_shows_its_true_share_of_the_budget() -> None:
    data = example_data("the-last-ferry")
    next(f for f in data["financing"] if f["id"] == "sodec")["amount"] = "849999.99"
    (gap,) = [f for f in analysed_data(data).findings if f.code == "finance.gap"]
    assert "a gap of CAD 0.01 (0.0000002% of the budget). Close the gap" in gap.message


def test_small_and_just_past_the_limit_differences_keep_their_digits() -> None:
    assert pp(Decimal("0.01")) == "+0.01 pp"
    assert pp(Decimal("-0.004")) == "-0.004 pp"
    assert pp(Decimal("10.0000002631578947")) == "+10.0000003 pp"
    assert pct(Decimal("9.996")) == "9.996%"  # not rounded up to the 10% it is not
    assert pct(Decimal("54.761904")) == "54.76%"
    assert (pct(Decimal(0)), pp(Decimal(0))) == ("0%", "0 pp")
