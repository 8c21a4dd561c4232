"""Accounting terms: how often the collection account manager states, what it holds back, audit rights.

These are deal terms (the term sheet's "Accounting" section is written from them) and the period
engine's settings: the statement period, the first day statements cover, an optional reserve, and
commission rates that differ by territory or medium.
"""

from __future__ import annotations

from enum import StrEnum

from coprod.model.types import Base, Country, IsoDate, Percent, PositiveInt, Text, described


class Period(StrEnum):
    """How often the collection account manager issues statements."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"

    @property
    def months(self) -> int:
        """Length of one period in months."""
        return {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF: 6}[self]

    @property
    def adjective(self) -> str:
        """``quarterly``: how the term sheet names the period."""
        return {Period.MONTH: "monthly", Period.QUARTER: "quarterly", Period.HALF: "half-yearly"}[self]


class Medium(StrEnum):
    """How a film is exploited: the medium column of the receipts ledger."""

    THEATRICAL = "theatrical"
    FREE_TV = "free_tv"
    PAY_TV = "pay_tv"
    SVOD = "svod"
    AVOD = "avod"
    TVOD = "tvod"
    HOME_VIDEO = "home_video"
    NON_THEATRICAL = "non_theatrical"
    AIRLINE = "airline"
    OTHER = "other"


class Reserve(Base):
    """A per cent of each period's collection account receipts held back, then released."""

    percent: Percent = described("Per cent of each period's collection account receipts held back.")
    periods: PositiveInt = described("Number of statement periods a held amount stays in reserve.")


class Audit(Base):
    """The beneficiaries' right to audit the collection account."""

    notice_days: PositiveInt = described("Written notice before an audit, in days.")
    frequency: Text = described("How often an audit may be made, e.g. 'once a year'.",
                                default="once a year")
    years_back: PositiveInt = described("How many years of statements an audit may examine.")


class CommissionRate(Base):
    """A commission rate the deal sets for some territories or media, instead of the tier's own percent."""

    tier: Text = described("Name of the waterfall fee tier this rate replaces, e.g. 'Sales commission'.")
    percent: Percent = described("The rate for these receipts, per cent.")
    territories: list[Country] = described("Territories it applies to; every territory if empty.",
                                           default_factory=list)
    media: list[Medium] = described("Media it applies to; every medium if empty.", default_factory=list)


class Accounting(Base):
    """Collection account statements: period, first day covered, reserve, audit, commission rates."""

    period: Period = described("How often statements are issued: month, quarter or half.",
                               default=Period.QUARTER)
    statements_from: IsoDate = described(
        "First day the statements cover; the ledger holds nothing earlier. Periods are counted from it.")
    days_to_pay: PositiveInt = described("Days after the end of a period within which it is stated and paid.",
                                         default=45)
    reserve: Reserve | None = described("Reserve held back from receipts, if any.", default=None)
    audit: Audit | None = described("Audit rights, if the deal grants them.", default=None)
    commission_rates: list[CommissionRate] = described(
        "Commission rates by territory or medium; the first that matches a receipt applies.",
        default_factory=list)
