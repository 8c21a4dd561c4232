"""Exact figures and the way findings print them: per cent of a whole, money, percentages.

Ratios are compared with limits at full Decimal precision (28 significant digits), so 25.00003% is above a
25% cap; results store them to four decimals (`stored`) and messages show two (`pct`). Amounts are exact
Decimals, rounded to the cent only when shown or stored in a result.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from coprod.model.money import CENT, Money

RATIO = Decimal("0.0001")
"""Precision of computed percentages."""

HUNDRED = Decimal(100)


def percent_of(part: Decimal, whole: Decimal) -> Decimal:
    """*part* as a per cent of *whole* (0 when *whole* is 0), at full precision, for comparing with limits."""
    if whole == 0:
        return Decimal(0)
    return part * HUNDRED / whole


def stored(value: Decimal) -> Decimal:
    """A percentage as results store it: four decimals, half to even."""
    return value.quantize(RATIO, rounding=ROUND_HALF_EVEN)


def cents(amount: Decimal) -> Decimal:
    """*amount* rounded to the cent, half to even."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


def shown(value: Decimal, places: int) -> Decimal:
    """*value* rounded to *places* decimals, or to more when that rounding would hide a difference.

    A rounding that lands on a whole number the exact value is not (0.000026 as '0', 10.004 as '10',
    9.996 as '10') takes as many more decimals as it needs, up to twelve, so that a one-cent gap or a
    difference just past a limit never prints as the round number it is not.
    """
    rounded = value
    for digits in range(places, 13):
        rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
        if rounded == value or rounded != rounded.to_integral_value():
            break
    return rounded.normalize()


def pct(value: Decimal) -> str:
    """A percentage as a producer reads it: '10%', '9.99%', '54.76%', '0.00026%' (a tiny share is not 0%)."""
    return f"{format(shown(value, 2), 'f')}%"


def points(value: Decimal) -> str:
    """A points figure: '16', '15.5'."""
    return format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN).normalize(), "f")


def pp(value: Decimal) -> str:
    """A signed difference in percentage points: '+4.21 pp', '-12 pp', '+10.0105 pp', '+10.00000026 pp'.

    At least four decimals where needed, more when fewer would print a whole number the difference is not.
    """
    sign = "+" if value > 0 else ""
    return f"{sign}{format(shown(value, 4), 'f')} pp"


def money(amount: Decimal, currency: str) -> str:
    """An amount as 'EUR 3,800,000.00'."""
    return str(Money(cents(amount), currency))
