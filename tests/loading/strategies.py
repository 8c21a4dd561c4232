"""Hypothesis strategies for project data the model accepts, derived from the model's own annotations.

Each value type is recognised by the validator that defines it, so a new field needs no new strategy; only
`Milestone` and `Disputes` get hand-written ones, because their validators tie fields together (a date *or*
a period; an arbitration's language, which courts do not take).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pycountry
from annotated_types import MinLen
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from coprod.model import Project, jurisdictions, types
from coprod.model.legal import Disputes
from coprod.model.production import Milestone

_ILLEGAL = "".join(chr(c) for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                                    *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFFFE, 0xFFFF])
text = st.text(st.characters(codec="utf-8", exclude_characters=_ILLEGAL), min_size=1,
               max_size=30).filter(lambda s: bool(s.strip()))
"""Anything `Text` accepts: every character XML allows but C1 controls and bidirectional overrides,
including the Unicode line separators."""
dates = st.dates(dt.date(types.FIRST_YEAR, 1, 1), dt.date(types.LAST_YEAR, 12, 31))


def _decimal_text(low: str, high: str, places: int) -> st.SearchStrategy[str]:
    return st.decimals(Decimal(low), Decimal(high), places=places).map(lambda d: format(d, "f"))


_MULTI = jurisdictions.multi_system_countries()
_BY_VALIDATOR: dict[object, st.SearchStrategy[Any]] = {
    types._text: text,
    types._identifier: st.from_regex(r"[a-z][a-z0-9_-]{0,39}", fullmatch=True),
    types._country: st.sampled_from(sorted(c.alpha_2 for c in pycountry.countries)),
    types._currency: st.sampled_from(sorted(c.alpha_3 for c in pycountry.currencies
                                            if c.alpha_3 not in types.NOT_CURRENCIES)),
    types._language: st.sampled_from(sorted(lang.alpha_2 for lang in pycountry.languages
                                            if hasattr(lang, "alpha_2"))),
    types._amount: _decimal_text("0", "1000000000000", 2) | st.integers(0, 10**12),
    types._percent: _decimal_text("0", "100", 4) | st.integers(0, 100),
    types._rate: _decimal_text("0.000001", "100000", 6),
    types._whole: st.integers(1, 10**6),
    types._flag: st.booleans(),
    types._iso_date: dates | dates.map(dt.date.isoformat),
    jurisdictions._jurisdiction: st.sampled_from(
        sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in _MULTI)
        + sorted(j.code for country in _MULTI.values() for j in country.jurisdictions)),
}


def _annotation(field: FieldInfo) -> Any:
    if field.metadata:
        return Annotated[(field.annotation, *field.metadata)]
    return field.annotation


def _min_length(field: FieldInfo) -> int:
    return max([m.min_length for m in field.metadata if isinstance(m, MinLen)], default=0)


def strategy_for(annotation: Any, min_size: int = 0) -> st.SearchStrategy[Any]:
    """Values that *annotation* accepts (lists and mappings with at least *min_size* entries)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        found = [_BY_VALIDATOR[m.func] for m in metadata
                 if isinstance(m, BeforeValidator) and m.func in _BY_VALIDATOR]
        if found:
            if any(isinstance(m, AfterValidator) for m in metadata):  # above zero
                return found[0].filter(lambda value: Decimal(value) > 0)
            return found[0]
        return strategy_for(base, min_size)
    if origin in (Union, UnionType):
        return st.one_of([st.none() if member is type(None) else strategy_for(member)
                          for member in get_args(annotation)])
    if origin is list:
        return st.lists(strategy_for(get_args(annotation)[0]), min_size=min_size, max_size=min_size + 2)
    if origin is dict:
        key, value = get_args(annotation)
        return st.dictionaries(strategy_for(key), strategy_for(value), min_size=min_size,
                               max_size=min_size + 2)
    if origin is Literal:
        return st.sampled_from(get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from([member.value for member in annotation])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_data(annotation)
    raise TypeError(f"no strategy for {annotation!r}")


def model_data(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings that validate as *model*: every required field, and any of the optional ones."""
    if model is Milestone:
        return _milestone()
    if model is Disputes:
        return _disputes()
    required = {name: strategy_for(_annotation(f), _min_length(f))
                for name, f in model.model_fields.items() if f.is_required()}
    optional = {name: strategy_for(_annotation(f), _min_length(f))
                for name, f in model.model_fields.items() if not f.is_required()}
    return st.fixed_dictionaries(required, optional=optional)


def _milestone() -> st.SearchStrategy[dict[str, Any]]:
    fields = Milestone.model_fields
    common = {name: strategy_for(_annotation(fields[name])) for name in ("milestone", "kind")}
    one_day = st.fixed_dictionaries({**common, "date": dates})
    period = st.fixed_dictionaries({**common, "start": dates, "end": dates})
    return one_day | period


def _disputes() -> st.SearchStrategy[dict[str, Any]]:
    fields = Disputes.model_fields
    common = {name: strategy_for(_annotation(fields[name])) for name in ("seat",)}
    city = {"city": strategy_for(_annotation(fields["city"]))}
    arbitration = st.fixed_dictionaries(
        {**common, "kind": st.just("arbitration"), "language": _BY_VALIDATOR[types._language]},
        optional={**city, "rules": text, "arbitrators": st.sampled_from([1, 3])})
    courts = st.fixed_dictionaries({**common, "kind": st.just("courts")}, optional=city)
    return arbitration | courts


projects = model_data(Project)
"""Project data that `Project.model_validate` accepts (cross-field consistency aside)."""
