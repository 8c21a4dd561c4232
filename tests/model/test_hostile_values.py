"""Values accepted that should not be, and refused that should be accepted (issue 17, class 5 and 6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from coprod.loading.yaml_source import resolve_plain
from coprod.model import types
from coprod.model.reference import reference_markdown


class _M(BaseModel):
    text: types.Text | None = None
    identifier: types.Identifier | None = None
    amount: types.Amount | None = None
    percent: types.Percent | None = None
    rate: types.Rate | None = None
    currency: types.Currency | None = None
    date: types.IsoDate | None = None
    whole: types.PositiveInt | None = None


def _error(**values: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        _M(**values)
    errors = caught.value.errors()
    assert len(errors) == 1
    return str(errors[0]["msg"])


@pytest.mark.parametrize("char", ["\u0085", "\u0080", "\u009b", "\u007f"])
def test_c1_controls_are_refused_in_text(char: str) -> None:
    assert _error(text=f"Aurora{char}Films") == (
        f"expected text without control characters, found the character U+{ord(char):04X} at position 7"
    )


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidirectional_overrides_are_refused_in_text(char: str) -> None:
    assert _error(text=f"Aurora {char}smliF").startswith("expected text without bidirectional override")


def test_right_to_left_text_itself_is_fine() -> None:
    assert _M(text="شركة الأفلام \u200f Films").text == "شركة الأفلام \u200f Films"  # a mark, not an override


@pytest.mark.parametrize("value", ["aurora\u202e", "auröra", "a\u0085b"])
def test_such_characters_are_refused_in_identifiers(value: str) -> None:
    assert _error(identifier=value).startswith("expected an id of lower-case letters")


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\ntwo", "one\ntwo"),
        ("a\r\r\nb", "a\n\nb"),
    ],
)
def test_carriage_returns_follow_one_rule(written: str, stored: str) -> None:
    assert _M(text=written).text == stored


def test_text_is_stored_composed() -> None:
    assert _M(text="Cafe\u0301 Films").text == "Café Films"


@pytest.mark.parametrize(
    ("written", "field", "shown"),
    [
        ("0x10", "amount", "0x10 (hexadecimal for 16)"),
        ("0o17", "amount", "0o17 (octal for 15)"),
        ("0x19", "percent", "0x19 (hexadecimal for 25)"),
        ("0o1", "rate", "0o1 (octal for 1)"),
    ],
)
def test_hex_and_octal_numbers_are_refused_for_money_and_percentages(
    written: str, field: str, shown: str
) -> None:
    message = _error(**{field: resolve_plain(written)})
    assert message.endswith(f"in decimal digits, found {shown}"), message


def test_hex_is_still_a_number_where_no_money_is_involved() -> None:
    assert _M.model_validate({"whole": resolve_plain("0x10")}).whole == 16


@pytest.mark.parametrize(
    "value", ["1000000000000000", 10**15, 10**40, "99999999999999999999999999999999999999"]
)
def test_amounts_have_a_documented_maximum(value: object) -> None:
    assert _error(amount=value).startswith("expected an amount below 1,000,000,000,000,000 (10^15)")
    assert "below 1,000,000,000,000,000 (10^15)" in reference_markdown().replace("\n  ", " ")


def test_the_largest_amount_passes() -> None:
    assert _M.model_validate({"amount": "999999999999999.99"}).amount == Decimal("999999999999999.99")


@pytest.mark.parametrize("code", sorted(types.NOT_CURRENCIES))
def test_iso_codes_that_are_not_currencies_are_refused(code: str) -> None:
    message = _error(currency=code)
    assert message.startswith(f"expected an ISO 4217 currency code such as EUR, found '{code}', which is ")
    assert message.endswith(", not a currency")


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_dates_out_of_any_deals_range_are_refused(value: str) -> None:
    assert _error(date=value).startswith("expected a date from 1900 to 2199, found ")


@pytest.mark.parametrize("value", [10**9, 10**40])
def test_whole_numbers_have_a_maximum(value: int) -> None:
    assert _error(whole=value).startswith("expected a whole number from 1 to 999,999,999")
