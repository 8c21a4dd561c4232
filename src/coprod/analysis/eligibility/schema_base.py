"""The common parts of a framework file's rule entries: sources, thresholds, conditions, the rule base.

Every rule kind in `coprod.analysis.eligibility.schema` extends `RuleBase`, so every entry carries its
stable name, severity, condition (``when``) and its source with a confidence tag.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from coprod.analysis.findings import Confidence, Severity
from coprod.model.consents import Release
from coprod.model.film import FilmFormat
from coprod.model.types import Amount, Country, Currency, Language, Percent, Text

FRAMEWORK_FORMAT = 1
"""Version of the framework-file format this module reads."""


class Strict(BaseModel):
    """Base of every framework-file model: immutable, unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class FrameworkKind(StrEnum):
    """What a framework file describes; only treaties and programmes can be named by a project."""

    CONVENTION = "convention"
    TREATY = "treaty"
    PROGRAMME = "programme"
    FUND = "fund"
    STATE_AID = "state_aid"
    PRACTICE = "practice"


class Sourced(Strict):
    """Anything that carries numbers: where they come from and how sure that source is."""

    source: Text
    """Article or page, e.g. 'Art. 6(2); Eurimages revised-convention page'."""
    confidence: Confidence
    """V (official text), S (secondary source), U (unconfirmed), P (practice), as tagged in DOMAIN.md."""
    url: str | None = None


class Threshold(Strict):
    """An amount of money in a stated currency, e.g. a budget threshold of EUR 5,000,000."""

    amount: Amount
    currency: Currency


class When(Strict):
    """Conditions under which a rule applies; every condition given must hold. None given: always."""

    scope: Literal["bilateral", "multilateral"] | None = None
    """bilateral: co-producers from exactly two countries; multilateral: three or more."""
    formats: list[FilmFormat] | None = None
    releases: list[Release] | None = None
    """The film's intended first release (``film.first_release``; a series counts as television and any
    other format as theatrical when it is not given) is one of these."""
    original_language: list[Language] | None = None
    """The film's main (first) original language is one of these."""
    original_language_not: list[Language] | None = None
    budget_above: Threshold | None = None
    budget_at_most: Threshold | None = None
    countries_include: list[Country] | None = None
    """At least one co-producer is established in one of these countries."""
    any_share_below: Percent | None = None
    """Some co-producing country's share is below this per cent."""
    has_financial_partner: bool | None = None
    instrument_in: list[str] | None = None
    """The framework in effect (after any ratification fallback) is one of these ids."""
    instrument_not_in: list[str] | None = None


class Derogation(StrEnum):
    """What the source text lets the competent authorities do when a deal misses a rule."""

    CONSENT = "consent"
    """The authorities may consent to a departure (e.g. a share in an exceptional band, a foreign lead)."""
    DISCRETIONARY = "discretionary"
    """The authorities may still admit the work at their discretion, after consulting each other."""


class RuleBase(Sourced):
    """Fields every rule entry has."""

    name: Text
    """Stable rule id, e.g. 'ECC17-09'; printed with findings and kept in the verdict."""
    title: Text | None = None
    severity: Severity = Severity.ERROR
    """What a failure costs: error (the deal does not qualify) or warning (needs a look or consent)."""
    when: When = Field(default_factory=When)
    note: Text | None = None
    """Extra words printed with a failure, e.g. what approval can lift it."""
    exception: Derogation | None = None
    """Set when the source text lets the authorities depart from the rule; such a rule is never an error
    (its failure is a warning: the deal qualifies subject to their consent or discretionary approval)."""

    @model_validator(mode="after")
    def _exception_is_not_fatal(self) -> Self:
        if self.exception is not None and self.severity is Severity.ERROR:
            raise PydanticCustomError(
                "exception_severity", "expected severity: warning for a rule whose text allows an exception "
                "(exception: {exception}), found severity: error", {"exception": self.exception.value})
        return self
