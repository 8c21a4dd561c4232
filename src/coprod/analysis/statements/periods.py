"""Statement periods: consecutive months, quarters or half-years counted from the first day covered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coprod.model.accounting import Period


@dataclass(frozen=True, slots=True)
class Span:
    """One statement period, first and last day included."""

    index: int
    """Position from 0 (the period starting on the first day covered)."""
    start: dt.date
    end: dt.date
    period: Period

    @property
    def label(self) -> str:
        """``2028-Q1``, ``2028-H2``, ``2028-03``: the period's name and its file name."""
        if self.period is Period.MONTH:
            return f"{self.start:%Y-%m}"
        if self.period is Period.QUARTER and self.start.month % 3 == 1 and self.start.day == 1:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.period is Period.HALF and self.start.month in (1, 7) and self.start.day == 1:
            return f"{self.start.year}-H{1 if self.start.month == 1 else 2}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"


def _add_months(day: dt.date, months: int) -> dt.date:
    """*day* moved by whole months; a start on the 29th to 31st is only allowed where every month has it."""
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, day.day)


def spans(first_day: dt.date, last_day: dt.date, period: Period) -> list[Span]:
    """Every period from *first_day* through the one containing *last_day* (none if it comes before)."""
    if first_day.day > 28:
        raise ValueError(f"expected statements to start on day 1 to 28 of a month, found {first_day}")
    out: list[Span] = []
    start = first_day
    while start <= last_day:
        following = _add_months(first_day, period.months * (len(out) + 1))
        out.append(Span(len(out), start, following - dt.timedelta(days=1), period))
        start = following
    return out
