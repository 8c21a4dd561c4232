"""Copyright ownership, territories kept by each co-producer, and the world-sales agent."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Tag

from coprod.model.types import (
    Amount,
    Base,
    Country,
    Identifier,
    Percent,
    PositiveAmount,
    PositiveInt,
    Text,
    described,
    word_or_list,
)

SalesTerritories = Annotated[
    Annotated[Literal["rest_of_world"], Tag("word")] | Annotated[list[Country], Tag("list")],
    Discriminator(word_or_list("rest_of_world"), custom_error_type="sales_territories",
                  custom_error_message="expected 'rest_of_world' or a list of country codes "
                                       "such as [FR, BE]"),
]


class KeptTerritory(Base):
    """Territories a co-producer exploits itself; their receipts stay outside the collection account."""

    partner: Identifier = described("The partner that keeps these territories.")
    countries: list[Country] = described("The countries kept (ISO 3166-1).", min_length=1)
    common_pot_above: Amount | None = described(
        "If set, the partner's receipts from these territories above this amount (base currency) are "
        "paid into the collection account.", default=None)
    market_rationale: Text | None = described(
        "Why this split of territories is fair (market sizes), where a framework asks for it.", default=None)


class WorldSales(Base):
    """The sales agent that sells the film in the territories no partner keeps."""

    agent: Text = described("Sales company name.")
    territories: SalesTerritories = described(
        "'rest_of_world' (every territory no partner keeps) or a list of countries.",
        default="rest_of_world")
    commission: Percent = described("Commission, per cent of gross receipts.")
    expense_cap: Amount = described("Cap on recoupable sales expenses, base currency.")
    term_years: PositiveInt = described("Term of the sales agreement, in years.")
    minimum_guarantee: PositiveAmount | None = described(
        "Minimum guarantee the agent pays, base currency, if any.", default=None)


class Rights(Base):
    """Who owns the film and who exploits it where."""

    copyright: dict[Identifier, Percent] = described(
        "Copyright ownership per partner id, per cent; adds up to 100.", min_length=1)
    territories: list[KeptTerritory] = described("Territories kept by co-producers.", default_factory=list)
    world_sales: WorldSales | None = described("The world-sales agent, if one is attached.", default=None)
