"""The data of required contract contents: items in framework files, and the incentives file's entries.

An item is covered when the agreement carries one of its ``clauses``: a clause label (``overcost``) or a
marker a clause declares with ``provides`` (see docs/templates.md), or one of its defined ``terms``. The
check reads the rendered agreement's outline, never its prose.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from coprod.analysis.eligibility.schema_base import Sourced, Strict
from coprod.model.finance import FinanceType
from coprod.model.types import Country, Text


class ContractItem(Sourced):
    """One thing the contract must contain, with the article that requires it."""

    item: Text
    """What the contract must contain, as a lawyer would list it ('a clause sharing any overcost')."""
    clauses: list[str] = Field(min_length=1)
    """Clause labels or ``provides`` markers, any one of which covers the item."""
    terms: list[Text] = Field(default_factory=list)
    """Defined terms that cover the item when the agreement defines them ('Principal Photography')."""


class Incentive(Sourced):
    """A national incentive or fund, and what it requires of the co-production contract."""

    id: str
    name: Text
    country: Country | None = None
    """The country whose finance lines it applies to; None for an international fund (Eurimages)."""
    types: list[FinanceType] = Field(min_length=1)
    names: list[Text] = Field(min_length=1)
    """Words one of which a finance line's source contains ('tax shelter'), compared in lower case."""
    conditions: list[ContractItem] = Field(min_length=1)


class IncentivesFile(Strict):
    """``analysis/contract/incentives.yaml``."""

    version: Literal[1]
    incentives: list[Incentive]
