"""The agreement's legal terms: governing law, how disputes are resolved, and its authentic language."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from coprod.model.jurisdictions import Jurisdiction
from coprod.model.types import Base, IsoDate, Language, PositiveInt, Text, described


class Disputes(Base):
    """How disputes are resolved: arbitration (rules, seat, language) or the courts of a jurisdiction."""

    kind: Literal["arbitration", "courts"] = described("arbitration or courts.")
    seat: Jurisdiction = described(
        "Arbitration: the jurisdiction of the seat (legal place) of arbitration; courts: the jurisdiction "
        "whose courts decide. A country code (IT), or for a country with several legal systems a "
        "jurisdiction code (GB-EAW, CA-QC, US-NY, AU-NSW, ES-CT).")
    city: Text | None = described("The city of the seat or of the courts, e.g. 'Montréal'.", default=None)
    rules: Text | None = described("Arbitration only: the institution's rules, e.g. 'ICC' or 'LCIA'.",
                                   default=None)
    language: Language | None = described(
        "Arbitration only (required there): the language of the arbitration (ISO 639-1); it may differ "
        "from the agreement's language.", default=None)
    arbitrators: PositiveInt = described("Arbitration only: the number of arbitrators, 1 or 3.", default=3)

    @model_validator(mode="after")
    def _fits_kind(self) -> Self:
        if self.kind == "arbitration":
            if self.language is None:
                raise PydanticCustomError(
                    "arbitration_language", "expected the language of the arbitration (language: en), "
                    "found none; it is a term of its own, separate from the agreement's language", {})
            if self.arbitrators not in (1, 3):
                raise PydanticCustomError("arbitrators", "expected 1 or 3 arbitrators, found {found}",
                                          {"found": self.arbitrators})
        elif self.rules is not None or self.language is not None:
            raise PydanticCustomError(
                "courts_terms", "expected no arbitration rules or arbitration language for disputes before "
                "the courts (kind: courts), found {found}",
                {"found": "rules" if self.rules is not None else "language"})
        return self


class Legal(Base):
    """Governing law, disputes and the agreement's authentic language."""

    governing_law: Jurisdiction = described(
        "The jurisdiction whose law governs the agreement: a country code (IT), or for a country with "
        "several legal systems a jurisdiction code (GB-EAW, CA-QC, US-NY, AU-NSW, ES-CT).")
    disputes: Disputes = described("How disputes are resolved.")
    language: Language = described(
        "The language of the agreement's authentic (signed) text (ISO 639-1). coprod drafts in English; "
        "when this is another language, the English draft says it is a translation of that text.")
    long_stop_date: IsoDate | None = described(
        "Official co-productions: the date by which every competent authority must have granted provisional "
        "approval, failing which any partner may terminate; the first day of principal photography if left "
        "out.", default=None)
