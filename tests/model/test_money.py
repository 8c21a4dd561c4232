from decimal import Decimal

import pytest

from coprod.model.money import CurrencyMismatch, ExchangeRates, Money, total


def test_money_adds_within_one_currency() -> None:
    assert Money(Decimal("1.10"), "EUR") + Money(Decimal("2.25"), "EUR") == Money(Decimal("3.35"), "EUR")


def test_money_refuses_to_mix_currencies() -> None:
    with pytest.raises(CurrencyMismatch, match="cannot combine EUR with CZK"):
        Money(Decimal(1), "EUR") + Money(Decimal(1), "CZK")


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError, match="Decimal amount"):
        Money(1.5, "EUR")  # type: ignore[arg-type]


def test_conversion_is_exact_and_conserves_money() -> None:
    rates = ExchangeRates("EUR", {"CZK": Decimal("0.0400")})
    lines = [Money(Decimal(amount), "CZK") for amount in ("4750000", "3750000", "3750000")]
    converted = total((rates.to_base(m) for m in lines), "EUR")
    assert converted == rates.to_base(total(lines, "CZK"))
    assert converted.amount == Decimal("490000")


def test_conversion_keeps_every_digit() -> None:
    # 30 significant digits in the product: more than the default decimal precision of 28.
    rates = ExchangeRates("EUR", {"CZK": Decimal("0.040000000000000000000000001")})
    converted = rates.to_base(Money(Decimal("1000.01"), "CZK"))
    assert converted.amount == Decimal("40.00040000000000000000000100001")


def test_missing_rate_is_named() -> None:
    with pytest.raises(CurrencyMismatch, match="no exchange rate for USD into EUR"):
        ExchangeRates("EUR", {}).to_base(Money(Decimal(1), "USD"))
