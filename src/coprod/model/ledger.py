"""The receipts ledger: dated receipts and costs, one validated entry per row of ``receipts.csv``.

A receipt is money a payer (distributor, broadcaster, platform) paid for a territory and a medium: its
gross amount in the currency paid, the withholding tax deducted at source, and the rate the bank
applied to convert it. A cost is an expense the waterfall recoups (as incurred) or a deferment (as it
falls due), in an ``expense`` or ``deferment`` tier named by the row. Cross-row rules (duplicates,
dates, rates, kept territories, tiers) are in `coprod.model.ledger_checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from coprod.model.accounting import Medium
from coprod.model.money import CENT
from coprod.model.types import (
    Amount,
    Base,
    Country,
    Currency,
    Identifier,
    IsoDate,
    Rate,
    Text,
    YamlFloat,
    describe,
    described,
)

_SIGNED = re.compile(r"-?[0-9]+(\.[0-9]{1,2})?")


def _signed_amount(value: object) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and _SIGNED.fullmatch(value.strip()):
        return Decimal(value.strip())
    if isinstance(value, YamlFloat):
        raise PydanticCustomError("amount_unquoted", "expected an amount as a quoted decimal such as "
                                  "\"{value}\", found the unquoted number {value}", {"value": str(value)})
    raise PydanticCustomError("signed_amount", "expected an amount such as 12500 or 12500.50 (a minus sign "
                              "for a refund, at most two decimals, no thousands separators), found {found}",
                              {"found": describe(value)})


SignedAmount = Annotated[Decimal, BeforeValidator(_signed_amount),
                         WithJsonSchema({"type": "string", "pattern": f"^{_SIGNED.pattern}$"})]
"""An amount of money that may be negative (a refund), exact, at most two decimals."""


class EntryKind(StrEnum):
    """What a ledger row records."""

    RECEIPT = "receipt"
    EXPENSE = "expense"
    DEFERMENT = "deferment"


class LedgerEntry(Base):
    """One row of the ledger."""

    date: IsoDate = described("Date the money reached the account (receipt) or the cost was incurred.")
    kind: EntryKind = described("receipt, expense (incurred) or deferment (fallen due).",
                                default=EntryKind.RECEIPT)
    payer: Text | None = described("Who paid: distributor, broadcaster, platform (receipts).", default=None)
    territory: Country | None = described("Territory the receipt comes from (ISO 3166-1).", default=None)
    medium: Medium | None = described("Medium the receipt comes from.", default=None)
    amount: SignedAmount = described("Gross amount, in `currency`; negative only with a `reason`.")
    currency: Currency = described("Currency of the amount (ISO 4217).")
    withholding: Amount = described("Withholding tax deducted at source, in `currency`.",
                                    default=Decimal(0))
    credited_to: Identifier | None = described("Partner or finance line the withholding tax is credited to.",
                                               default=None)
    rate: Rate | None = described("Units of the base currency the bank gave for one unit of `currency`; "
                                  "the project's fixed rate if left out.", default=None)
    kept_by: Identifier | None = described("Partner that keeps the territory and reports this receipt.",
                                           default=None)
    tier: Text | None = described("Waterfall tier a cost belongs to (expense or deferment tier name).",
                                  default=None)
    reference: Text | None = described("Invoice, contract or bank reference.", default=None)
    reason: Text | None = described("Why an amount is negative (a refund, a chargeback).", default=None)

    @property
    def is_receipt(self) -> bool:
        """True for a receipt, False for a cost."""
        return self.kind is EntryKind.RECEIPT


def to_cents(amount: Decimal) -> Decimal:
    """A converted amount rounded to the cent, half to even, as a bank credits it."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True, slots=True)
class Converted:
    """A ledger entry in the base currency: gross, withholding and net, each in cents."""

    gross: Decimal
    withholding: Decimal

    @property
    def net(self) -> Decimal:
        """What reached the account: gross less withholding tax."""
        return self.gross - self.withholding


def convert(entry: LedgerEntry, base: str, fixed: dict[str, Decimal]) -> Converted:
    """*entry*'s amounts in *base*, at the bank's rate or else the fixed one (KeyError if neither)."""
    if entry.currency == base:
        return Converted(entry.amount, entry.withholding)  # already in cents: nothing to round
    rate = entry.rate if entry.rate is not None else fixed[entry.currency]
    return Converted(to_cents(entry.amount * rate), to_cents(entry.withholding * rate))


@dataclass(frozen=True, slots=True)
class Ledger:
    """A project's ledger: its entries in file order, and where each came from (for messages)."""

    file: str
    """How messages name the file: ``projects/x/receipts.csv``."""
    entries: tuple[LedgerEntry, ...]
    lines: tuple[int, ...]
    """Line of each entry in the file (the row's first line)."""
    columns: tuple[dict[str, tuple[int, int]], ...]
    """Per entry, the line and column of each field written."""

    def first_date(self) -> dt.date | None:
        """The earliest date in the ledger, or None for an empty one."""
        return min((entry.date for entry in self.entries), default=None)

    def last_date(self) -> dt.date | None:
        """The latest date in the ledger, or None for an empty one."""
        return max((entry.date for entry in self.entries), default=None)


@dataclass(frozen=True, slots=True)
class ManagerLine:
    """One line of a collection account manager's statement, to check against the deal."""

    period: str
    """The period's label (``2028-Q1``) or its last day (``2028-03-31``)."""
    payee: str
    amount: Decimal
    tier: str | None
    line: int
    """Its line in the manager's file."""
