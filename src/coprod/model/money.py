"""Money as a value type: an exact Decimal amount in one currency, and the project's fixed exchange rates.

Arithmetic only happens within one currency; crossing currencies goes through `ExchangeRates`, whose rates
come from the project file (the rates the co-producers agreed for the contract), never from a market feed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

CENT = Decimal("0.01")


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were combined without conversion."""


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An exact amount of one currency. Immutable; never a float."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or isinstance(self.amount, bool):
            raise TypeError(f"Money needs a Decimal amount, got {type(self.amount).__name__}")
        if not self.amount.is_finite():
            raise ValueError(f"Money needs a finite amount, got {self.amount}")

    @classmethod
    def zero(cls, currency: str) -> Money:
        """No money, in *currency*."""
        return cls(Decimal(0), currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * factor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def cents(self) -> Money:
        """Round to the cent, half to even (banker's rounding), for display and final figures."""
        return Money(self.amount.quantize(CENT, rounding=ROUND_HALF_EVEN), self.currency)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,.2f}"


def total(amounts: Iterable[Money], currency: str) -> Money:
    """Sum amounts that are all in *currency*; an empty sum is zero."""
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result


@dataclass(frozen=True, slots=True)
class ExchangeRates:
    """Fixed rates: ``rates[X]`` units of *base* buy one unit of currency X."""

    base: str
    rates: Mapping[str, Decimal]

    def to_base(self, money: Money) -> Money:
        """Convert *money* into the base currency exactly (no rounding)."""
        if money.currency == self.base:
            return money
        try:
            rate = self.rates[money.currency]
        except KeyError:
            raise CurrencyMismatch(f"no exchange rate for {money.currency} into {self.base}") from None
        with localcontext() as context:
            # A product has at most as many digits as its two factors together: with that precision,
            # nothing is rounded.
            context.prec = len(money.amount.as_tuple().digits) + len(rate.as_tuple().digits)
            return Money(money.amount * rate, self.base)
