"""Findings: what the analysis says about a deal, each with where, why, and on whose authority.

A finding is data, not a print statement: the CLI places it at its YAML line through the field path, the
readiness report lists it, and the document templates turn it into a drafting note next to the clause it
concerns.
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
    """Plain words for a producer: what is wrong, by how much, what the limit is."""
    path: FieldPath = ()
    """Field path of the value concerned, so the CLI can print its YAML line and column."""
    source: Citation = PRACTICE
    rule: str | None = None
    """Id of the framework rule behind the finding (e.g. 'ECC17-09'), kept out of the message: reports and the
    JSON show it beside the field path, as a reference for counsel."""

    @property
    def where(self) -> str:
        """The field path as a producer reads it ('partners[1].share')."""
        return format_path(self.path)
