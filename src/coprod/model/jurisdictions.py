"""Jurisdictions: where a contract's law, courts or arbitral seat are, which is not always a country.

Canada, the United States, Australia, the United Kingdom and Spain have several systems of contract law,
so "the law of Canada" governs nothing. `jurisdictions.json` (data, with its sources) lists those
countries and their jurisdictions; a bare code of one of them is refused with the choices. Every other
country is one jurisdiction, written as its ISO 3166-1 code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated

import pycountry
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from coprod.model.types import describe


@dataclass(frozen=True, slots=True)
class JurisdictionEntry:
    """One jurisdiction of a country with several legal systems, as the data file names it."""

    code: str
    """'CA-QC', 'GB-EAW'."""
    name: str
    """'Québec', 'England and Wales'."""
    place: str
    """How a seat there is named: 'Québec, Canada'."""
    law: str
    """The phrase after 'governed by': 'the laws of the Province of Québec and the federal laws ...'."""
    courts: str
    """'the courts of the Province of Québec'."""


@dataclass(frozen=True, slots=True)
class MultiSystemCountry:
    """A country whose contract law is not one system, with its jurisdictions and the source."""

    country: str
    source: str
    jurisdictions: tuple[JurisdictionEntry, ...]


@cache
def multi_system_countries() -> dict[str, MultiSystemCountry]:
    """The countries of the data file, by ISO 3166-1 code."""
    text = resources.files("coprod.model").joinpath("jurisdictions.json").read_text(encoding="utf-8")
    data = json.loads(text)["countries"]
    return {code: MultiSystemCountry(code, entry["source"],
                                     tuple(JurisdictionEntry(**item) for item in entry["jurisdictions"]))
            for code, entry in data.items()}


def jurisdiction_entry(code: str) -> JurisdictionEntry | None:
    """The data file's entry for *code* ('CA-QC'); None for a country that is one jurisdiction ('IT')."""
    country = multi_system_countries().get(code.split("-", 1)[0])
    if country is None:
        return None
    return next((j for j in country.jurisdictions if j.code == code), None)


def country_of(code: str) -> str:
    """The ISO 3166-1 country of a jurisdiction code: 'CA' for 'CA-QC'."""
    return code.split("-", 1)[0]


def _choices(country: MultiSystemCountry) -> str:
    names = [f"{j.code} ({j.name})" for j in country.jurisdictions]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _jurisdiction(value: object) -> str:
    text = value.strip() if isinstance(value, str) else None
    country_code, _, _ = (text or "").partition("-")
    country = pycountry.countries.get(alpha_2=country_code.upper()) if len(country_code) == 2 else None
    if text is None or country is None:
        raise PydanticCustomError(
            "jurisdiction", "expected a jurisdiction: an ISO 3166-1 country code such as FR, or for a "
            "country with several legal systems a jurisdiction code such as GB-EAW or CA-QC, found {found}",
            {"found": describe(value)})
    multi = multi_system_countries().get(country.alpha_2)
    if multi is None:
        if text == country.alpha_2:
            return text
        raise PydanticCustomError(
            "jurisdiction", "expected the country code {code} ({name} has one legal system), found {found}",
            {"code": country.alpha_2, "name": country.name, "found": describe(value)})
    if any(j.code == text for j in multi.jurisdictions):
        return text
    guess = next((j.code for j in multi.jurisdictions if j.code == text.upper()), None)
    hint = f" (did you mean '{guess}'?)" if guess else ""
    raise PydanticCustomError(
        "jurisdiction",
        "expected one jurisdiction of {name}, whose contract law is not one system: {choices}, found "
        "{found}{hint}",
        {"name": _the(country.name), "choices": _choices(multi), "found": describe(value), "hint": hint})


def _the(name: str) -> str:
    """'the United Kingdom', 'the United States', 'Canada'."""
    return f"the {name}" if name.startswith("United") else name


Jurisdiction = Annotated[str, BeforeValidator(_jurisdiction),
                         WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}(-[A-Z0-9]{2,6})?$",
                                         "description": "ISO 3166-1 country code, or a jurisdiction code "
                                                        "(GB-EAW, CA-QC, US-NY, AU-NSW, ES-CT) for a "
                                                        "country with several legal systems"})]
"""Where a law, a court or an arbitral seat is: 'IT', 'CA-QC', 'GB-EAW'."""
