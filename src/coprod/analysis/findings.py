"""Findings: what the analysis says about a deal, each with where, why, and on whose authority.

A finding is data, not a print statement: the CLI places it at its YAML line through the field path, the
readiness report lists it, and the document templates turn it into a drafting note next to the clause it
concerns.

Its ``message`` is written for the lawyer who reads the draft: what is wrong, in the deal's own names
(companies, countries, finance sources, dates as the documents write them), and what to do. Everything an
engineer or a script needs stays out of it, in fields of their own that the JSON keeps and the drafting
note prints on a smaller reference line: ``code``, ``rule`` (the framework or practice rule id), ``path``
(the field) and ``source`` (article and confidence). `wording` has the helpers to name things that way.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coprod.location import FieldPath, format_path


class Severity(StrEnum):
    """How much a finding matters: errors fail ``coprod check``; warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Confidence(StrEnum):
    """How sure the source is, as tagged in DOMAIN.md."""

    VERIFIED = "V"  # seen in the official text or the administering agency's page
    SECONDARY = "S"  # seen only in a secondary source (law-firm note, trade press)
    UNCONFIRMED = "U"  # general knowledge or inference; to be confirmed before relying on it
    PRACTICE = "P"  # market practice or arithmetic, not a rule of law

    @property
    def words(self) -> str:
        """How a reference line says it: 'verified', 'secondary source', ..."""
        return _CONFIDENCE_WORDS[self]


_CONFIDENCE_WORDS = {Confidence.VERIFIED: "verified", Confidence.SECONDARY: "secondary source",
                     Confidence.UNCONFIRMED: "unconfirmed", Confidence.PRACTICE: "market practice"}


class Citation(BaseModel):
    """Where a rule comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    """Human citation, e.g. 'CETS 220, Art. 6(2) (Eurimages summary)'."""
    confidence: Confidence
    url: str | None = None


PRACTICE = Citation(text="Market practice", confidence=Confidence.PRACTICE)
ARITHMETIC = Citation(text="Arithmetic of the project file", confidence=Confidence.PRACTICE)


class Finding(BaseModel):
    """One thing the analysis found: a stable code, a severity, a message, a place and a source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    """Stable identifier, e.g. 'share.below-minimum'; scripts and tests match on it."""
    severity: Severity
    area: str
    """Which part of the deal: 'finance', 'spend', 'eligibility', 'readiness', 'waterfall', 'timeline', ..."""
    message: str
    """For a lawyer: what is wrong, in the deal's own names, and what to do. No rule ids, field paths,
    confidence tags or references to coprod's notes: those have fields of their own."""
    path: FieldPath = ()
    """Field path of the value concerned, so the CLI can print its YAML line and column."""
    source: Citation = PRACTICE
    rule: str | None = None
    """The framework or practice rule that found it ('ECC17-08', 'RIGHTS-33'), when one did."""

    @property
    def where(self) -> str:
        """The field path as a producer reads it ('partners[1].share')."""
        return format_path(self.path)

    @property
    def reference(self) -> str:
        """The reference line under a drafting note: source, confidence, rule, field and code.

        'CETS 220, Art. 6(2) (verified) · rule ECC17-08 · field partners[1].share · share.below-minimum'.
        """
        parts = [f"{self.source.text} ({self.source.confidence.words})"]
        if self.rule:
            parts.append(f"rule {self.rule}")
        if self.path:
            parts.append(f"field {self.where}")
        parts.append(self.code)
        return " · ".join(parts)
