"""Value types shared by the whole model: codes, identifiers, text, exact amounts and percentages.

Every type here validates strictly: an amount is never a binary float, a flag is never the word "yes", a
country is an ISO 3166-1 alpha-2 code that pycountry knows. Validators raise `PydanticCustomError` whose
message says what was expected and what was found; the loader prints it next to the file position.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import pycountry
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError


class Base(BaseModel):
    """Base of every model class: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=False, validate_default=True)


class YamlFloat(Decimal):
    """A number written in the file as a YAML float (``2.5``), kept exactly as its text.

    The loader produces it so that percentages such as ``2.5`` are exact, while amounts of money, which
    must be written as quoted decimals or whole numbers, can still refuse it.
    """

    __slots__ = ()


class BasedInt(int):
    """A whole number written in the file in hexadecimal or octal (``0x10``, ``0o17``), with its text.

    YAML 1.2 reads these as integers; amounts and percentages accept only decimal notation, so they
    refuse it, naming what was written.
    """

    text: str

    @classmethod
    def read(cls, text: str) -> BasedInt:
        """The number *text* (``0x10``) stands for, remembering the text."""
        number = cls(int(text, 0))
        number.text = text
        return number


def describe(value: object) -> str:
    """Describe a found value for an error message, the way a producer would read it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, BasedInt):
        kind = "hexadecimal" if value.text[:2] == "0x" else "octal"
        return f"{value.text} ({kind} for {int(value)})"
    if isinstance(value, YamlFloat):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the float {value!r}"
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def plain(value: Decimal) -> str:
    """An exact number for a message: a whole number without decimals ('25'), any other as it is ('12.50')."""
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _fail(kind: str, expected: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(kind, "expected {expected}, found {found}", {"expected": expected,
                                                                              "found": describe(value)})


# --- text ---------------------------------------------------------------------------------------------

# Characters XML 1.0 forbids; a single one makes a .docx part unreadable, so the model refuses them. C1
# controls (U+0080-U+009F) are invisible leftovers of a wrong encoding, never meant.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates make text display in another order than it is stored
# and signed ("Trojan Source"): in a contract a party's name could read differently from what it is.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("\r\n?")


def _text(value: object) -> str:
    if isinstance(value, bool | int | float | Decimal):
        raise PydanticCustomError("text_type", "expected text, found {found} (write it in quotes if it is "
                                               "meant as text)", {"found": describe(value)})
    if not isinstance(value, str):
        raise _fail("text_type", "text", value)
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise PydanticCustomError(
            "text_illegal_character",
            "expected text without control characters, found the character U+{code} at position {pos}",
            {"code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1},
        )
    bidi = _BIDI_CONTROL.search(value)
    if bidi:
        raise PydanticCustomError(
            "text_bidi_control",
            "expected text without bidirectional override characters (they make text display in another "
            "order than it is written, so a name could read differently from what is signed), found "
            "U+{code} at position {pos}", {"code": f"{ord(bidi.group()):04X}", "pos": bidi.start() + 1})
    # One rule for line breaks in data: CR LF and a lone CR are line breaks, as LF is. NFC: a name typed
    # on one system and pasted from another is the same name.
    stripped = unicodedata.normalize("NFC", _LINE_BREAK.sub("\n", value)).strip()
    if not stripped:
        raise PydanticCustomError("text_empty", "expected text, found an empty string", {})
    return stripped


Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string", "minLength": 1})]
"""Free text: any characters but XML-illegal control characters; surrounding blanks are removed."""

_IDENTIFIER = re.compile(r"[a-z][a-z0-9_-]{0,39}")


def _identifier(value: object) -> str:
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        raise _fail("identifier", "an id of lower-case letters, digits, '-' or '_' starting with a letter, "
                    "such as 'aurora' or 'it-tax-credit'", value)
    return value


Identifier = Annotated[str, BeforeValidator(_identifier),
                       WithJsonSchema({"type": "string", "pattern": f"^{_IDENTIFIER.pattern}$"})]


# --- ISO codes ----------------------------------------------------------------------------------------

_NOT_ISO_COUNTRIES = {"UK": "GB", "EL": "GR"}
"""Country codes in common (EU) use that ISO 3166-1 spells differently."""


def _code_error(kind: str, expected: str, value: object, guess: str | None) -> PydanticCustomError:
    hint = f" (did you mean '{guess}'?)" if guess and guess != value else ""
    return PydanticCustomError(kind, "expected {expected}, found {found}{hint}",
                               {"expected": expected, "found": describe(value), "hint": hint})


def _guess(value: object, lookup: Any, attribute: str) -> str | None:
    """The code a name or a wrongly cased code stands for (``France`` -> ``FR``), if pycountry knows it."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return getattr(lookup(value.strip()), attribute, None)
    except LookupError:
        return None


def _country(value: object) -> str:
    if isinstance(value, str) and len(value) == 2 and value.isupper() and \
            pycountry.countries.get(alpha_2=value) is not None:
        return value
    guess = _NOT_ISO_COUNTRIES.get(str(value).strip().upper()) or _guess(value, pycountry.countries.lookup,
                                                                         "alpha_2")
    raise _code_error("country_code", "an ISO 3166-1 country code such as FR", value, guess)


NOT_CURRENCIES = {
    "XAU": "gold", "XAG": "silver", "XPD": "palladium", "XPT": "platinum", "XTS": "a code for testing",
    "XXX": "the code for 'no currency'", "XBA": "a bond-market unit", "XBB": "a bond-market unit",
    "XBC": "a bond-market unit", "XBD": "a bond-market unit", "XDR": "the IMF's special drawing right",
    "XSU": "the SUCRE accounting unit", "XUA": "the ADB unit of account",
}
"""ISO 4217 codes that are not money anyone pays a film with (metals, test and accounting units)."""


def _currency(value: object) -> str:
    if isinstance(value, str) and value in NOT_CURRENCIES:
        raise PydanticCustomError("currency_code", "expected an ISO 4217 currency code such as EUR, found "
                                  "{found}, which is {what}, not a currency",
                                  {"found": describe(value), "what": NOT_CURRENCIES[value]})
    if isinstance(value, str) and len(value) == 3 and value.isupper() and \
            pycountry.currencies.get(alpha_3=value) is not None:
        return value
    guess = _guess(value, pycountry.currencies.lookup, "alpha_3")
    raise _code_error("currency_code", "an ISO 4217 currency code such as EUR", value, guess)


def _language(value: object) -> str:
    if isinstance(value, str) and len(value) == 2 and value.islower() and \
            pycountry.languages.get(alpha_2=value) is not None:
        return value
    guess = _guess(value, pycountry.languages.lookup, "alpha_2")
    raise _code_error("language_code", "an ISO 639-1 language code such as fr", value, guess)


Country = Annotated[str, BeforeValidator(_country),
                    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$",
                                    "description": "ISO 3166-1 alpha-2 country code"})]
Currency = Annotated[str, BeforeValidator(_currency),
                     WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$",
                                     "description": "ISO 4217 currency code"})]
Language = Annotated[str, BeforeValidator(_language),
                     WithJsonSchema({"type": "string", "pattern": "^[a-z]{2}$",
                                     "description": "ISO 639-1 language code"})]


# --- exact numbers ------------------------------------------------------------------------------------

_DECIMAL_TEXT = re.compile(r"[0-9]+(\.[0-9]+)?")


def _exact(value: object, expected: str, *, allow_yaml_float: bool) -> Decimal:
    """Turn text, a whole number or (if allowed) an exactly-read YAML number into a finite Decimal."""
    if isinstance(value, bool | float):
        raise _fail("exact_number", expected, value)
    if isinstance(value, BasedInt):
        raise PydanticCustomError("exact_number", "expected {expected} in decimal digits, found {found}",
                                  {"expected": expected, "found": describe(value)})
    if isinstance(value, YamlFloat):
        if not allow_yaml_float:
            raise PydanticCustomError(
                "amount_unquoted",
                "expected an amount as a quoted decimal such as \"{value}\" (so no program reads it as an "
                "inexact float), found the unquoted number {value}", {"value": str(value)})
        number = Decimal(value)
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value.strip()):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise _fail("exact_number", expected, value) from None
    else:
        raise _fail("exact_number", expected, value)
    if not number.is_finite() or number < 0:
        raise _fail("exact_number", expected, value)
    return number


MAX_AMOUNT = Decimal("1000000000000000")
"""Amounts must be below this (10^15): far above any film budget in any currency, and small enough for
every sum, share and conversion to stay exact in 28-digit decimal arithmetic."""


def _amount(value: object) -> Decimal:
    number = _exact(value, "an amount such as \"1250000\" or \"1250000.50\"", allow_yaml_float=False)
    if number >= MAX_AMOUNT:
        raise PydanticCustomError("amount_range", "expected an amount below 1,000,000,000,000,000 (10^15), "
                                  "found {found}", {"found": describe(value)})
    if number != number.quantize(Decimal("0.01")):
        raise PydanticCustomError("amount_precision",
                                  "expected an amount with at most two decimals (cents), found {found}",
                                  {"found": describe(value)})
    return number


def _percent(value: object) -> Decimal:
    number = _exact(value, "a percentage from 0 to 100 such as 25 or 12.5", allow_yaml_float=True)
    if number > 100:
        raise PydanticCustomError("percent_range",
                                  "expected a percentage from 0 to 100, found {found}",
                                  {"found": describe(value)})
    return number


def _rate(value: object) -> Decimal:
    number = _exact(value, "an exchange rate as a quoted decimal such as \"0.0400\"", allow_yaml_float=True)
    if number == 0 or number >= MAX_AMOUNT:
        raise _fail("rate_zero", "an exchange rate above zero and below 10^15", value)
    return number


_NUMBER_SCHEMA = {"anyOf": [{"type": "string", "pattern": _DECIMAL_TEXT.pattern.join("^$")},
                            {"type": "integer", "minimum": 0}]}

Amount = Annotated[Decimal, BeforeValidator(_amount),
                   WithJsonSchema({**_NUMBER_SCHEMA, "description": "exact amount of money"})]
"""Money in the unit of a currency; exact; at most two decimals; written quoted or as a whole number."""

Percent = Annotated[Decimal, BeforeValidator(_percent),
                    WithJsonSchema({"anyOf": [{"type": "string", "pattern": _DECIMAL_TEXT.pattern.join("^$")},
                                              {"type": "number", "minimum": 0, "maximum": 100}],
                                    "description": "per cent, from 0 to 100"})]
"""A percentage out of 100, exact."""

Rate = Annotated[Decimal, BeforeValidator(_rate),
                 WithJsonSchema({"anyOf": [{"type": "string", "pattern": _DECIMAL_TEXT.pattern.join("^$")},
                                           {"type": "number", "exclusiveMinimum": 0}],
                                 "description": "units of the base currency for one unit of this currency"})]


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise PydanticCustomError("amount_zero", "expected an amount above zero, found {found}",
                                  {"found": describe(value)})
    return value


PositiveAmount = Annotated[Amount, AfterValidator(_positive)]


MAX_WHOLE = 1_000_000_000


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < MAX_WHOLE:
        raise _fail("whole_number", "a whole number from 1 to 999,999,999", value)
    return int(value)


PositiveInt = Annotated[int, BeforeValidator(_whole),
                        WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_WHOLE - 1})]


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _fail("flag", "true or false", value)
    return value


Flag = Annotated[bool, BeforeValidator(_flag), WithJsonSchema({"type": "boolean"})]
"""A yes/no setting, written ``true`` or ``false``; YAML 1.1's ``yes``/``no``/``on`` are refused."""


FIRST_YEAR, LAST_YEAR = 1900, 2199
"""Dates of a deal lie between these years; 9999-12-31 is a typo (and would overflow date arithmetic)."""


def _iso_date(value: object) -> dt.date:
    date: dt.date | None = None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        date = value
    elif isinstance(value, str):
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                date = dt.date.fromisoformat(value)
        except ValueError:
            pass
    if date is None:
        raise _fail("date", "a date written YYYY-MM-DD such as 2027-05-03", value)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise PydanticCustomError("date_range",
                                  "expected a date from {first} to {last}, found {found} (a typo?)",
                                  {"first": FIRST_YEAR, "last": LAST_YEAR, "found": date.isoformat()})
    return date


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date),
                    WithJsonSchema({"type": "string", "format": "date"})]


def word_or_list(word: str) -> Callable[[object], str | None]:
    """A discriminator for a field that takes one fixed *word* or a list, such as ``all`` or ``[aurora]``.

    Tagging the union this way makes pydantic report the errors of the form the user chose (a bad id in
    the list), not of both forms; anything else gets the union's own error, which names both forms.
    """

    def pick(value: object) -> str | None:
        if value == word:
            return "word"
        if isinstance(value, list):
            return "list"
        return None

    return pick


def described(description: str, **kwargs: Any) -> Any:
    """Shorthand for a ``Field`` that carries the documentation of a project-file field."""
    return Field(description=description, **kwargs)
