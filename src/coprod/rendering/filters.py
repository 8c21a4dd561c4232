"""Formatting for documents: money in figures and words, percentages, dates in full, lists of names.

This is the only place where numbers and dates become text. Every function returns `Safe` Markdown, with
any data it was given escaped. Amounts stay exact `Decimal` all the way: nothing here goes through float.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, get_currency_name, get_currency_precision
from num2words import num2words

from coprod.model.money import Money
from coprod.rendering.escape import Safe, escape

LOCALE = "en_GB"
"""Documents are drafted in British English: '3 May 2027', 'A, B and C'."""


def _digits(currency: str) -> int:
    return int(get_currency_precision(currency))


def _to_minor_unit(value: str, digits: int) -> Decimal:
    """*value* rounded (half to even) to the currency's smallest unit, *digits* decimals."""
    return Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


def amount(value: Decimal, currency: str, *, cents: bool = False) -> str:
    """'EUR 2,400,000' or 'EUR 1,250,000.50': cents shown when there are any, or always if *cents*."""
    return _amount(str(value), currency, cents)


# Formatting through babel and num2words is slow and documents print the same amounts many times: the
# results are remembered by the amount's exact text (so 1.0 and 1, or -0 and 0, are never confused).
@lru_cache(maxsize=4096)
def _amount(value: str, currency: str, cents: bool) -> str:
    digits = _digits(currency)
    exact = _to_minor_unit(value, digits)
    whole = exact == exact.to_integral_value() and not cents
    pattern = "#,##0" if whole or not digits else "#,##0." + "0" * digits
    figures = format_decimal(exact, format=pattern, locale=LOCALE, decimal_quantization=True)
    return f"{currency} {figures}"


def _words(number: int) -> str:
    # num2words writes "two million, four hundred thousand"; contracts do without the commas.
    return str(num2words(number, lang="en")).replace(",", "")


def amount_in_words(value: Decimal, currency: str) -> str:
    """'two million four hundred thousand euros'; a fraction is written as '... and 50/100'."""
    return _amount_in_words(str(value), currency)


@lru_cache(maxsize=4096)
def _amount_in_words(value: str, currency: str) -> str:
    digits = _digits(currency)
    exact = _to_minor_unit(value, digits)
    units = int(exact)
    minor = int((exact - units).scaleb(digits))
    # CLDR names: 'euros', 'euro', 'Czech korunas', 'British pounds'.
    name = get_currency_name(currency, count=units, locale=LOCALE)
    words = f"{_words(units)} {name}"
    if minor:
        words += f" and {minor}/{10 ** digits}"
    return words


def money(value: Money | Decimal, currency: str | None = None) -> Safe:
    """Amount in figures and words, as contracts write it: 'EUR 2,400,000 (two million ... euros)'."""
    number, code = _split(value, currency)
    return escape(f"{amount(number, code)} ({amount_in_words(number, code)})")


def figures(value: Money | Decimal, currency: str | None = None, *, cents: bool = False) -> Safe:
    """Amount in figures only, for tables: 'EUR 2,400,000' ('EUR 2,400,000.00' with *cents*)."""
    number, code = _split(value, currency)
    return escape(amount(number, code, cents=cents))


def _split(value: Money | Decimal, currency: str | None) -> tuple[Decimal, str]:
    if isinstance(value, Money):
        return value.amount, value.currency
    if currency is None:
        raise TypeError("an amount without a currency needs one: use money(amount, 'EUR')")
    return value, currency


def plain(value: Decimal | int) -> str:
    """A number exactly as it is, without trailing zeros: '60', '12.5', '2.75'."""
    number = Decimal(value)
    return format(number.normalize(), "f") if number != number.to_integral_value() else str(int(number))


def number(value: Decimal | int) -> Safe:
    """A number without trailing zeros ('16', '2.5'), for points and counts in tables."""
    return escape(plain(value))


def percent(value: Decimal | int) -> Safe:
    """'60%', '12.5%', '2.75%': exact, without trailing zeros."""
    return escape(f"{plain(value)}%")


def date(value: dt.date) -> Safe:
    """A date in full: '3 May 2027'."""
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, found {type(value).__name__}")
    return escape(format_date(value, "d MMMM y", locale=LOCALE))


def join(items: Iterable[Any], conjunction: str = "and") -> Safe:
    """'A, B and C' (or 'A, B or C'); each item escaped unless it is already Markdown."""
    parts = [str(escape(item)) for item in items]
    if conjunction == "and":
        return Safe(format_list(parts, locale=LOCALE))
    if conjunction == "or":
        return Safe(format_list(parts, style="or", locale=LOCALE))
    raise ValueError(f"expected the conjunction 'and' or 'or', found {conjunction!r}")


def ordinal(value: int) -> Safe:
    """'first', 'second', 'third'."""
    return escape(num2words(value, lang="en", to="ordinal"))


def count(value: int) -> Safe:
    """A small number in words with figures: 'ten (10)'."""
    return escape(f"{num2words(value, lang='en')} ({value})")


FILTERS = {
    "money": money,
    "figures": figures,
    "percent": percent,
    "number": number,
    "date": date,
    "join": join,
    "ordinal": ordinal,
    "count": count,
}
"""The filters templates may use; Jinja's built-in filters are not available (see environment.py)."""
