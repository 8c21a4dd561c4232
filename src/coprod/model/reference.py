"""The project file's reference page (``docs/project-file.md``), generated from the model.

Every field's description lives once, in the model (``described(...)``); this module walks the model from
`Project` down, in field order, and writes one section per class with a table of its fields. A test keeps
the checked-in page equal to this output; regenerate it with ``coprod schema --markdown``.
"""

from __future__ import annotations

import inspect
from enum import Enum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import MinLen
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from coprod.model import types
from coprod.model.project import Project

_VALUE_TYPES: dict[object, str] = {
    types._text: "text",
    types._identifier: "id",
    types._country: "country code",
    types._currency: "currency code",
    types._language: "language code",
    types._amount: "amount",
    types._percent: "percentage",
    types._rate: "exchange rate",
    types._whole: "whole number above zero",
    types._flag: "true or false",
    types._iso_date: "date",
}
"""Names of the model's value types, by the validator that defines them."""

HEADER = """\
# The project file

<!-- Generated from the model by `coprod schema --markdown > docs/project-file.md`; do not edit by hand. -->

One file per film, `projects/<slug>/project.yaml`, holds the whole deal. `coprod new SLUG` writes a
commented one to start from; `coprod check` says what is wrong with it, at the line and column; `coprod
schema` prints its JSON Schema (`docs/project.schema.json`), which editors use for completion when the file
starts with `# yaml-language-server: $schema=../../docs/project.schema.json`.

## How values are written

The file is read as YAML 1.2, safely: only `true` and `false` are booleans (`yes`, `no`, `on` and `NO` are
text, so Norway is `NO`), dates stay as written, and anchors, aliases, tags, duplicate keys and a second
document are refused.

- **text**: any characters but control characters (C0 and C1) and bidirectional overrides; blanks around
  it are removed, a carriage return is a line break, and accents are stored composed (NFC). Quote it when
  it looks like a number (`registration: "12345"`). Example: `Aurora Film S.r.l.`
- **id**: lower-case letters, digits, `-` and `_`, starting with a letter, at most 40 characters; used to
  refer to a partner, a finance line or a participant elsewhere in the file. Example: `it-tax-credit`
- **country code**: ISO 3166-1 alpha-2, upper case: `FR`, `CA`, `NO`.
- **currency code**: ISO 4217, upper case: `EUR`, `CAD`; not the codes that are no currency (metals such
  as `XAU`, the test code `XTS`, `XXX`, accounting units such as `XDR`).
- **language code**: ISO 639-1, lower case: `fr`, `en`.
- **amount**: exact money, never negative, at most two decimals, below 1,000,000,000,000,000 (10^15): a
  whole number (`1250000`) or a decimal **in quotes** (`"1250000.50"`), because other programs read an
  unquoted `2.5` as an inexact float. Decimal digits only: `0x10` and `0o17` are refused.
- **percentage**: a number from 0 to 100, exact; decimals may be left unquoted: `25`, `12.5`.
- **exchange rate**: units of the base currency for one unit of the other currency, above zero: `"0.0400"`.
- **date**: `YYYY-MM-DD`, from 1900 to 2199: `2027-05-03`.
- **true or false**: only `true` or `false`.

Every error names the file, line, column and field, and says what was expected and what was found:

```
projects/x/project.yaml:42:7: partners[1].country: expected an ISO 3166-1 country code such as FR, found 'XX'
```

Besides each field's own type, the file must hold together: ids are unique and every reference names an
existing partner, finance line or participant; partner shares and copyright shares add up to exactly 100;
spend by country (and the optional budget categories) add up to the budget; every currency used has a fixed
exchange rate; periods end on or after their start; an official co-production names its framework and a
creative one does not.

## Sections
"""


def reference_markdown() -> str:
    """The reference page: the conventions, then one section per model class, from `Project` down."""
    sections = [HEADER]
    for model, used_at in _models():
        sections.append(_section(model, used_at))
    return "\n".join(sections)


def _models() -> list[tuple[type[BaseModel], str]]:
    """Every model class reachable from `Project`, depth first in field order, with where it is used."""
    found: list[tuple[type[BaseModel], str]] = []
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel], where: str) -> None:
        if model in seen:
            return
        seen.add(model)
        found.append((model, where))
        for name, field in model.model_fields.items():
            for child, suffix in _children(_annotation(field)):
                visit(child, f"{where}.{name}{suffix}".lstrip("."))

    visit(Project, "")
    return found


def _annotation(field: FieldInfo) -> Any:
    if field.metadata:
        return Annotated[(field.annotation, *field.metadata)]
    return field.annotation


def _children(annotation: Any) -> list[tuple[type[BaseModel], str]]:
    """The model classes inside *annotation*, each with the path suffix that reaches it (``[]``)."""
    origin = get_origin(annotation)
    if _is_model(annotation):
        return [(annotation, "")]
    if origin is Annotated:
        return _children(get_args(annotation)[0])
    if origin is list:
        return [(model, f"[]{suffix}") for model, suffix in _children(get_args(annotation)[0])]
    if origin is dict:
        return [(model, f".<key>{suffix}") for model, suffix in _children(get_args(annotation)[1])]
    if origin in (Union, UnionType):
        return [child for member in get_args(annotation) for child in _children(member)]
    return []


def _is_model(annotation: object) -> bool:
    return inspect.isclass(annotation) and issubclass(annotation, BaseModel)


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        named = [_VALUE_TYPES[m.func] for m in metadata
                 if isinstance(m, BeforeValidator) and m.func in _VALUE_TYPES]
        if named:
            positive = any(isinstance(m, AfterValidator) for m in metadata)
            return f"{named[0]} above zero" if positive else named[0]
        return _type_name(base)
    if origin in (Union, UnionType):
        members = [m for m in get_args(annotation) if m is not type(None)]
        return " or ".join(_type_name(m) for m in members)
    if origin is list:
        return f"list of {_type_name(get_args(annotation)[0])}"
    if origin is dict:
        key, value = get_args(annotation)
        return f"mapping of {_type_name(key)} to {_type_name(value)}"
    if origin is Literal:
        return " or ".join(f"`{value}`" for value in get_args(annotation))
    if inspect.isclass(annotation) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    if _is_model(annotation):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return getattr(annotation, "__name__", str(annotation))


def _default(field: FieldInfo) -> str:
    if field.is_required():
        least = [m.min_length for m in field.metadata if isinstance(m, MinLen)]
        return f"required, at least {least[0]}" if least else "required"
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
        return "optional (empty)" if value in ([], {}) else "optional (defaults below)"
    if field.default is None or field.default is PydanticUndefined:
        return "optional"
    value = field.default.value if isinstance(field.default, Enum) else field.default
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    return f"optional, default `{shown}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _section(model: type[BaseModel], used_at: str) -> str:
    doc = inspect.cleandoc(model.__doc__ or "").split("\n\n")[0].replace("\n", " ")
    where = f"At `{used_at}`." if used_at else "The whole file."
    rows = [f"### {model.__name__}", "", f"{doc} {where}", "",
            "| Field | Type | Presence | Description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        rows.append(f"| `{name}` | {_cell(_type_name(_annotation(field)))} | {_default(field)} | "
                    f"{_cell(field.description or '')} |")
    return "\n".join(rows) + "\n"
