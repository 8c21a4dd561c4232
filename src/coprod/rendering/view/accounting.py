"""The term sheet's "Accounting and audit" terms, from the project's `accounting` section.

The same values drive the period engine (`coprod.analysis.statements`), so the words and the statements
cannot disagree; a test renders both and compares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coprod.model.project import Project
from coprod.rendering.escape import Safe, escape
from coprod.rendering.filters import join, percent


@dataclass(frozen=True, slots=True)
class AccountingView:
    """Statement period, first day, payment delay, reserve, audit and commission terms."""

    period: str
    """'quarterly', 'half-yearly' or 'monthly'."""
    first_day: dt.date
    days_to_pay: int
    reserve_percent: Decimal | None
    reserve_periods: int | None
    audit_notice_days: int | None
    audit_frequency: str | None
    audit_years: int | None
    commission_rates: tuple[Safe, ...]
    """'15% on SVOD, AVOD and TVOD receipts (Sales commission)'."""


def _media(names: list[str]) -> str:
    # svod, avod, tvod are written as acronyms; free_tv, home_video as words
    return join([name.upper() if len(name) <= 4 else name.replace("_", " ") for name in names])


def accounting_view(project: Project) -> AccountingView | None:
    """The accounting terms, or None if the project sets none (the term sheet then states the usual ones)."""
    terms = project.accounting
    if terms is None:
        return None
    rates = []
    for rate in terms.commission_rates:
        where = [f"{_media([str(m) for m in rate.media])} receipts"] if rate.media else []
        if rate.territories:
            where.append(f"receipts from {join(rate.territories)}")
        rates.append(escape(f"{percent(rate.percent)} on {' and '.join(where) or 'all receipts'} "
                            f"({rate.tier})"))
    reserve, audit = terms.reserve, terms.audit
    return AccountingView(
        period=terms.period.adjective, first_day=terms.statements_from, days_to_pay=terms.days_to_pay,
        reserve_percent=reserve.percent if reserve else None,
        reserve_periods=reserve.periods if reserve else None,
        audit_notice_days=audit.notice_days if audit else None,
        audit_frequency=audit.frequency if audit else None,
        audit_years=audit.years_back if audit else None, commission_rates=tuple(rates))
