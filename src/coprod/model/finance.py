"""The budget, the spend plan by country and the finance plan."""

from __future__ import annotations

from enum import StrEnum

from coprod.model.types import (
    Amount,
    Base,
    Country,
    Currency,
    Flag,
    Identifier,
    Percent,
    PositiveAmount,
    Text,
    described,
)


class Budget(Base):
    """The production budget, in the base currency."""

    total: PositiveAmount = described("Total production cost in the base currency.")
    spend_by_country: dict[Country, Amount] = described(
        "Where the money is spent, by country; adds up to the total.", min_length=1)
    by_category: dict[Text, Amount] | None = described(
        "Optional top-sheet by category (e.g. 'Above the line'); adds up to the total.", default=None)


class FinanceType(StrEnum):
    """Kinds of money in a finance plan."""

    EQUITY = "equity"
    PUBLIC_GRANT = "public_grant"
    PUBLIC_LOAN = "public_loan"
    TAX_INCENTIVE = "tax_incentive"
    PRESALE = "presale"
    MINIMUM_GUARANTEE = "minimum_guarantee"
    GAP = "gap"
    DEFERMENT = "deferment"
    IN_KIND = "in_kind"


PUBLIC_SUPPORT = frozenset({FinanceType.PUBLIC_GRANT, FinanceType.PUBLIC_LOAN, FinanceType.TAX_INCENTIVE})
"""Finance types that count as public support when computing net cost."""


class FinanceStatus(StrEnum):
    """How firm a finance source is."""

    CONFIRMED = "confirmed"
    APPLIED = "applied"
    PLANNED = "planned"


class FinanceSource(Base):
    """One line of the finance plan."""

    id: Identifier = described("Short id, used by the waterfall, e.g. 'aurora-equity'.")
    partner: Identifier = described("The partner that brings this money.")
    territory: Country = described("Country the money comes from.")
    type: FinanceType = described("equity, public_grant, public_loan, tax_incentive, presale, "
                                  "minimum_guarantee, gap, deferment or in_kind.")
    source: Text = described("Who provides it, e.g. 'Belgian tax shelter'.")
    amount: PositiveAmount = described("Amount in the line's currency.")
    currency: Currency | None = described("Currency of the amount; the base currency if left out.",
                                          default=None)
    status: FinanceStatus = described("confirmed, applied or planned.")
    recoupable: Flag = described("True when the money is recouped from receipts.", default=False)
    premium: Percent = described("Premium recouped on top of the amount, per cent (e.g. 20).",
                                 default=0)
    profit_share: Flag | None = described(
        "Recoupable lines only: whether the line shares in the financiers' pool of net profits once "
        "recouped. Default: true for a line recouped from all receipts, false for one that recoups from "
        "one co-producer's share (`recoups_from`).", default=None)
    recoups_from: Identifier = described(
        "Recoupable lines only: `all` (the waterfall's tiers recoup it from the collection account "
        "receipts) or a partner id: the line then recoups only from that co-producer's receipts, its "
        "kept-territory receipts first and then its share of net profits (a national advance on receipts, "
        "for instance), and no tier names it.", default="all")
    spend_obligation: Amount | None = described(
        "Public support only: the amount (in the line's currency) the funder requires to be spent in its "
        "territory, if any; checked against the spend plan and the EU Cinema Communication caps.",
        default=None)
    paid_after_completion: Flag | None = described(
        "True when the money is paid only after the film is completed (a tax incentive certified on the "
        "audited cost); left out, coprod's practice default for the type applies.", default=None)
    bridge: Text | None = described(
        "Who cash-flows money paid after completion (e.g. the bank that bridges a tax credit); recorded, "
        "the line counts as bridged.", default=None)

    @property
    def shares_in_profits(self) -> bool:
        """Whether the line takes part in the financiers' pool (see `profit_share`)."""
        if self.profit_share is not None:
            return self.profit_share
        return self.recoups_from == "all"
