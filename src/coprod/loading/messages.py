"""Pydantic's validation errors, reworded as "expected ..., found ..." at the right line and column.

Pydantic reports a ``loc`` tuple per error. It may hold union tags (``'fee'``, ``"literal['all']"``) that
are not in the file; `data_path` walks the data alongside and keeps only what the user wrote. Each error
type a project file can produce gets a readable message; a custom error from the model's value types is
already worded that way and passes through.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from coprod.errors import Problem
from coprod.loading.yaml_source import YamlTree, child
from coprod.location import FieldPath, SourceMap
from coprod.model.project import Project
from coprod.model.types import describe

_KEY_MARK = "[key]"


def validation_problems(error: ValidationError, tree: YamlTree, file: Path) -> list[Problem]:
    """One `Problem` per pydantic error, located in the file, in the order of the file."""
    values = SourceMap(file, tree.values)
    keys = SourceMap(file, tree.keys)
    details = error.errors(include_url=False)
    misspelt = _misspelt_fields(details, tree.data)
    problems = [_problem(detail, tree.data, values, keys) for detail in details
                if not (detail["type"] == "missing" and data_path(detail["loc"], tree.data)[0] in misspelt)]
    return sorted(problems, key=lambda p: (p.location.line, p.location.column, str(p)))


def _misspelt_fields(details: list[ErrorDetails], data: object) -> set[FieldPath]:
    """Required fields reported missing because the user misspelt their key (the unknown key says so)."""
    misspelt: set[FieldPath] = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            path, _ = data_path(detail["loc"], data)
            model = model_at(path[:-1], data)
            close = difflib.get_close_matches(str(path[-1]), list(model.model_fields) if model else [], n=1,
                                              cutoff=0.6)
            if close:
                misspelt.add((*path[:-1], close[0]))
    return misspelt


def _problem(detail: ErrorDetails, data: object, values: SourceMap, keys: SourceMap) -> Problem:
    path, on_key = data_path(detail["loc"], data)
    kind = detail["type"]
    if kind == "union_tag_invalid":  # point at the kind written, not at the whole tier
        path = (*path, str(_ctx(detail).get("discriminator", "'kind'")).strip("'"))
    message = _message(detail, path, data)
    location = (keys if on_key or kind == "extra_forbidden" else values).locate(path)
    return Problem(location, message)


def _has(node: object, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def data_path(loc: tuple[int | str, ...], data: object) -> tuple[FieldPath, bool]:
    """The field path of *loc* as written in the file, and whether the error is about a mapping key."""
    path: list[str | int] = []
    node: object = data
    on_key = False
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if part == _KEY_MARK:
            on_key = True
        elif _has(node, part):
            path.append(part)
            node = node[part]  # type: ignore[index]
        elif last or (index + 1 < len(loc) and loc[index + 1] == _KEY_MARK):
            path.append(part)  # a missing or unknown field: not in the data, but the user's field name
            node = None
        # otherwise a union tag pydantic added to the location: not part of the file
    return tuple(path), on_key


# --- messages -----------------------------------------------------------------------------------------

def _options(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def _suggest(found: object, options: list[str]) -> str:
    if not isinstance(found, str):
        return ""
    close = difflib.get_close_matches(found, options, n=1, cutoff=0.6)
    if not close:
        close = [option for option in options if option.lower() == found.lower()]
    return f" (did you mean '{close[0]}'?)" if close else ""


def _message(detail: ErrorDetails, path: FieldPath, data: object) -> str:
    """The "expected ..., found ..." message for one pydantic error."""
    kind = detail["type"]
    handler = _HANDLERS.get(kind)
    if handler is not None:
        return handler(detail, path, data)
    found = describe(detail["input"])
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, found {found}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of fields, found {found}"
    message = detail["msg"]
    if message.startswith("expected"):  # the model's own errors are already worded for the user
        return message if ", found " in message else f"{message}, found {found}"
    return f"expected a valid value ({message}), found {found}"


def _ctx(detail: ErrorDetails) -> dict[str, Any]:
    return dict(detail.get("ctx") or {})


def _missing(detail: ErrorDetails, path: FieldPath, data: object) -> str:
    parent = model_at(path[:-1], data)
    about = ""
    if parent is not None and isinstance(path[-1], str) and path[-1] in parent.model_fields:
        description = parent.model_fields[path[-1]].description or ""
        about = f" ({description.rstrip('.')})" if description else ""
    return f"expected a value for this required field{about}, found none"


def _choice(detail: ErrorDetails, path: FieldPath, data: object) -> str:
    expected = str(_ctx(detail).get("expected", ""))
    words = "one of " + expected if expected.count("'") > 4 else expected
    value = detail["input"]
    return f"expected {words}, found {describe(value)}{_suggest(value, _options(expected))}"


def _tag_invalid(detail: ErrorDetails, path: FieldPath, data: object) -> str:
    ctx = _ctx(detail)
    expected = str(ctx.get("expected_tags", ""))
    tag = ctx.get("tag")
    field = str(ctx.get("discriminator", "'kind'")).strip("'")
    value = detail["input"]
    if isinstance(value, dict) and field in value:
        tag = value[field]  # as written: pydantic's ctx holds it as text
    return f"expected one of {_or(expected)}, found {describe(tag)}{_suggest(tag, _options(expected))}"


def _tag_missing(detail: ErrorDetails, path: FieldPath, data: object) -> str:
    tags = _union_tags(path, data)
    field = str(_ctx(detail).get("discriminator", "'kind'"))
    if isinstance(detail["input"], dict):
        return f"expected a {field} key saying which kind this is ({tags}), found none"
    return f"expected a mapping with a {field} key ({tags}), found {describe(detail['input'])}"


def _size(detail: ErrorDetails, path: FieldPath, data: object) -> str:
    return _length(detail["type"], _ctx(detail), detail["input"])


def _extra(detail: ErrorDetails, path: FieldPath, data: object) -> str:
    return _unknown_key(path, data)


_HANDLERS: dict[str, Callable[[ErrorDetails, FieldPath, object], str]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "literal_error": _choice,
    "enum": _choice,
    "union_tag_invalid": _tag_invalid,
    "union_tag_not_found": _tag_missing,
    "too_short": _size,
    "too_long": _size,
}


def _or(quoted: str) -> str:
    options = _options(quoted)
    if len(options) < 2:
        return quoted
    return ", ".join(f"'{o}'" for o in options[:-1]) + f" or '{options[-1]}'"


def _length(kind: str, ctx: dict[str, Any], value: object) -> str:
    what = "entry" if isinstance(value, dict) else "item"
    if kind == "too_short":
        limit = int(ctx.get("min_length", 1))
        bound = "at least"
    else:
        limit = int(ctx.get("max_length", 0))
        bound = "at most"
    plural = "" if limit == 1 else ("ies" if what == "entry" else "s")
    noun = what[:-1] if plural == "ies" else what
    actual = ctx.get("actual_length")
    count = len(value) if isinstance(value, list | dict) else actual
    found = "none" if not count else f"{count}"
    return f"expected {bound} {limit} {noun}{plural}, found {found}"


def _unknown_key(path: FieldPath, data: object) -> str:
    key = path[-1]
    model = model_at(path[:-1], data)
    known = sorted(model.model_fields) if model is not None else []
    suggestion = _suggest(key, known)
    if suggestion:
        return f"expected a known field, found the unknown key '{key}'{suggestion}"
    listing = f" (known fields: {', '.join(known)})" if known else ""
    return f"expected a known field, found the unknown key '{key}'{listing}"


# --- walking the model alongside the data -------------------------------------------------------------

def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _kind_of(model: type[BaseModel]) -> object:
    field = model.model_fields.get("kind")
    args = get_args(field.annotation) if field is not None else ()
    return args[0] if len(args) == 1 else None


def _members(annotation: object) -> Iterator[object]:
    for member in get_args(annotation):
        if member is not type(None):
            yield member


def _resolve(annotation: object, node: object) -> object:
    """Strip ``Annotated`` and optional wrappers, and pick the union member that *node* selects."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            members = list(_members(annotation))
            models = [m for m in members if _is_model(m)]
            chosen = [m for m in models if isinstance(node, dict) and _kind_of(m) == node.get("kind")]  # type: ignore[arg-type]
            if len(members) == 1:
                annotation = members[0]
            elif chosen:
                annotation = chosen[0]
            else:
                return None
        else:
            return annotation


def annotation_at(path: FieldPath, data: object) -> object:
    """The type the model expects at *path* in *data* (None when the path leaves the model)."""
    annotation: object = Project
    node = data
    for part in path:
        annotation = _resolve(annotation, node)
        if _is_model(annotation) and isinstance(part, str):
            field = annotation.model_fields.get(part)  # type: ignore[attr-defined]
            if field is None:
                return None
            annotation = field.annotation
        elif get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
        else:
            return None
        _, node = child(node, part)
    return annotation


def model_at(path: FieldPath, data: object) -> type[BaseModel] | None:
    """The model class that validates the mapping at *path* in *data*, if there is one."""
    node: object = data
    for part in path:
        _, node = child(node, part)
    annotation = _resolve(annotation_at(path, data), node)
    return annotation if _is_model(annotation) else None  # type: ignore[return-value]


def _union_tags(path: FieldPath, data: object) -> str:
    """The kinds a tagged union at *path* accepts, as ``'fee', 'expense' or 'split'``."""
    annotation = annotation_at(path, data)
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    kinds = [_kind_of(m) for m in _members(annotation) if _is_model(m)]  # type: ignore[arg-type]
    return _or(", ".join(f"'{k}'" for k in kinds)) if kinds else "see the documentation"
