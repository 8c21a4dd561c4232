"""The collection account and the recoupment waterfall, tier by tier.

Tiers are a tagged union on ``kind``. Each tier takes money from what reaches it; every percentage says
whether it is taken ``at_source`` (of gross receipts into the collection account) or ``at_tier`` (of what
is left when the money reaches this tier).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from coprod.model.types import Amount, Base, Flag, Identifier, Percent, PositiveAmount, Text, described


class Basis(StrEnum):
    """What a percentage is taken of."""

    AT_SOURCE = "at_source"
    AT_TIER = "at_tier"


class FeeBase(StrEnum):
    """What a fee taken at source is a percentage of."""

    COLLECTED = "collected"
    POT = "pot"


class ProRataTo(StrEnum):
    """How the financiers' pool of net profits is shared among the financiers."""

    INVESTMENT = "investment"
    RECOUPED = "recouped"


class CollectionAccount(Base):
    """The collection account manager (CAM) that receives and pays out receipts."""

    manager: Text = described("The collection account manager's company name.")


class Participant(Base):
    """Someone paid by the waterfall who is not a partner or a financier: talent, for instance."""

    id: Identifier = described("Id used as a payee in the waterfall, e.g. 'director'.")
    name: Text = described("Name of the person or company.")
    role: Text = described("What they are, e.g. 'Director'.")


class FeeTier(Base):
    """A percentage fee such as the CAM fee or the sales commission."""

    kind: Literal["fee"] = described("Always `fee` for this kind of tier.")
    name: Text = described("Name of the tier, as the term sheet shows it.")
    payee: Identifier = described("Who is paid: 'cam', 'sales_agent', a partner, financier or participant.")
    percent: Percent = described("The fee, per cent.")
    basis: Basis = described("at_source (of gross receipts) or at_tier (of what reaches this tier).",
                             default=Basis.AT_TIER)
    cap: PositiveAmount | None = described("Most this fee can ever take, base currency.", default=None)
    on: FeeBase | None = described(
        "Fees at source only: `collected` (the default: the receipts collected from the territories no "
        "co-producer keeps) or `pot` (also kept-territory receipts paid into the collection account above "
        "a threshold).", default=None)


class ExpenseTier(Base):
    """Recoupable expenses, paid in full up to a cap."""

    kind: Literal["expense"] = described("Always `expense` for this kind of tier.")
    name: Text = described("Name of the tier.")
    payee: Identifier = described("Who recoups the expenses.")
    cap: PositiveAmount = described("Contractual cap on the expenses, base currency.")
    incurred: Amount | None = described("Expenses actually incurred, if known; the cap if left out.",
                                        default=None)


class CorridorTier(Base):
    """A percentage paid to one party alongside the main flow, until it recoups or reaches a cap."""

    kind: Literal["corridor"] = described("Always `corridor` for this kind of tier.")
    name: Text = described("Name of the tier.")
    payee: Identifier = described("Who the corridor pays: usually a recoupable finance line.")
    percent: Percent = described("Share of the receipts paid into the corridor, per cent.")
    basis: Basis = described("at_source or at_tier.", default=Basis.AT_TIER)
    until_recouped: Flag = described("Stop once the payee has recouped its finance line (with premium).",
                                     default=True)
    cap: PositiveAmount | None = described("Stop once the corridor has paid this much, base currency.",
                                           default=None)
    credited: Flag = described(
        "When the payee is also recouped by a recoup tier below: true (the default) if the corridor's "
        "payments count towards that recoupment, false if they come on top of it.", default=True)


class RecoupTier(Base):
    """Finance lines recouped pro rata and pari passu, each with its own premium."""

    kind: Literal["recoup"] = described("Always `recoup` for this kind of tier.")
    name: Text = described("Name of the tier.")
    pari_passu: list[Identifier] = described("Recoupable finance line ids recouped together.", min_length=1)


class DefermentTier(Base):
    """A fixed amount deferred until this point of the waterfall."""

    kind: Literal["deferment"] = described("Always `deferment` for this kind of tier.")
    name: Text = described("Name of the tier.")
    payee: Identifier = described("Who is owed the deferment.")
    amount: PositiveAmount = described("The deferred amount, base currency.")


class TalentShare(Base):
    """A talent participation in net profits."""

    payee: Identifier = described("A participant id.")
    percent_of_net_profits: Percent = described(
        "Per cent of all net profits (100%, what reaches the split), whichever pool pays it.")
    paid_from: Literal["producers_share", "all_net_profits"] = described(
        "`producers_share` (usual): the amount is borne by the producers' pool alone; `all_net_profits`: "
        "paid off the top, before the pools are divided.", default="producers_share")


class NetProfitShares(Base):
    """The two net-profit pools."""

    financiers: Percent = described("Financiers' pool, per cent of net profits after talent paid off the "
                                    "top.")
    producers: Percent = described("Producers' pool, per cent of net profits after talent paid off the top; "
                                   "talent paid from the producers' share comes out of it, the rest is "
                                   "shared by copyright ownership.")


class OvercostTier(Base):
    """Overcost financed by a co-producer, recouped (with any premium) at this point of the waterfall."""

    kind: Literal["overcost"] = described("Always `overcost` for this kind of tier.")
    name: Text = described("Name of the tier.")
    payee: Identifier = described("The partner that financed the overcost.")
    amount: PositiveAmount = described("The overcost it financed, base currency.")
    premium: Percent = described("Premium recouped on top of the amount, per cent.", default=0)


class SplitTier(Base):
    """Net profits: everything that reaches this tier, split into pools."""

    kind: Literal["split"] = described("Always `split` for this kind of tier.")
    name: Text = described("Name of the tier.")
    shares: NetProfitShares = described("How net profits divide between financiers and producers.")
    talent: list[TalentShare] = described("Talent participations.", default_factory=list)
    pro_rata_to: ProRataTo = described(
        "How the financiers' pool is shared among the financiers that share in profits: `investment` "
        "(the default: their amounts in base currency, without premium) or `recouped` (what each has "
        "recouped of that amount at that level of receipts).", default=ProRataTo.INVESTMENT)


Tier = Annotated[FeeTier | ExpenseTier | CorridorTier | RecoupTier | DefermentTier | OvercostTier
                 | SplitTier,
                 Field(discriminator="kind")]

SPECIAL_PAYEES = ("cam", "sales_agent")
"""Payees that are not declared elsewhere: the collection account manager and the world-sales agent."""


class Recoupment(Base):
    """How receipts flow: the collection account and the ordered waterfall."""

    collection_account: CollectionAccount | None = described("The collection account manager.",
                                                             default=None)
    participants: list[Participant] = described("Talent and others paid by the waterfall.",
                                                default_factory=list)
    waterfall: list[Tier] = described(
        "Tiers in order; money no tier takes flows to the next. Usually ends with a net-profit split; "
        "without one, what the last tier leaves is reported as unallocated.", min_length=1)
