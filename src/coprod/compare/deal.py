"""What changed in the deal between two drafts, in plain words, and which findings came or went.

The two project models are compared field by field. A list of records is matched by each record's ``id``
(else its name, else its position), so a finance line added in the middle is one addition, not a change
to every line after it. Each change is said with the record's own name: "Vltava Pictures s.r.o.: share
15 → 12", "Finance line cz-incentive: status applied → confirmed", "New tier in recoupment, waterfall:
Overcost".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coprod.analysis.findings import Finding
from coprod.model.project import Project

_NAME_FIELDS = ("company", "name", "milestone", "source", "item", "title", "id")
"""The field that names a record, in order of preference."""
_LIST_NOUNS = {"partners": "partner", "financing": "finance line", "waterfall": "tier",
               "key_creatives": "key creative", "delivery": "delivery item", "timeline": "milestone"}


@dataclass(frozen=True, slots=True)
class DealChange:
    """One change in the project file."""

    where: str
    """The record and field, as a reader names them: ``Vltava Pictures s.r.o., share``."""
    before: str | None
    """None when the value is new."""
    after: str | None
    """None when the value is gone."""

    def __str__(self) -> str:
        if self.before is None:
            return f"New {self.where}: {self.after}"
        if self.after is None:
            return f"Removed {self.where}: {self.before}"
        return f"{self.where[:1].upper()}{self.where[1:]}: {self.before} → {self.after}"


def _words(field: str) -> str:
    return field.replace("_", " ")


def _name(record: Mapping[str, Any]) -> str | None:
    for field in _NAME_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and value:
            return value
    return None


def _said(value: Any) -> str:
    if isinstance(value, Mapping):
        name = _name(value)
        if name is not None:
            return name
        return ", ".join(f"{_words(str(k))} {_said(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_said(item) for item in value) or "none"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _described(record: Mapping[str, Any]) -> str:
    """A record in full: its name, then its other fields (``Writers deferment (kind deferment, ...)``)."""
    name = _name(record)
    rest = ", ".join(f"{_words(str(k))} {_said(v)}" for k, v in record.items()
                     if v not in (None, [], {}, "") and v != name)
    return f"{name} ({rest})" if name and rest else name or rest


def _keyed(items: Sequence[Any]) -> dict[str, Any] | None:
    """A list of records by id or name; None when it is not such a list (compare it whole)."""
    if not items or not all(isinstance(item, Mapping) for item in items):
        return None
    keys = [str(item.get("id") or _name(item) or "") for item in items]
    if "" in keys or len(set(keys)) != len(keys):
        return None
    return dict(zip(keys, items, strict=True))


def _changes(before: Any, after: Any, where: tuple[str, ...]) -> Iterator[DealChange]:
    if before == after:
        return
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        for key in [*before, *(k for k in after if k not in before)]:
            yield from _changes(before.get(key), after.get(key), (*where, _words(str(key))))
        return
    if isinstance(before, list) and isinstance(after, list):
        old, new = _keyed(before), _keyed(after)
        if old is not None and new is not None:
            noun = _LIST_NOUNS.get(where[-1].replace(" ", "_")) if where else None
            parent = where[:-1] if noun else where  # "partner Aurora", not "partners, partner Aurora"
            for key in [*old, *(k for k in new if k not in old)]:
                item = new[key] if key in new else old[key]
                label = f"{noun or 'entry'} {_name(item) or key}"
                if key not in old or key not in new:  # a whole record came or went
                    place = (noun or "entry") + (f" in {', '.join(parent)}" if parent else "")
                    described = _described(item)
                    yield DealChange(place, None if key not in old else described,
                                     None if key not in new else described)
                else:
                    yield from _changes(old[key], new[key], (*parent, label))
            return
    where_text = ", ".join(where) or "project"
    if before is None:
        yield DealChange(where_text, None, _said(after))
    elif after is None:
        yield DealChange(where_text, _said(before), None)
    else:
        yield DealChange(where_text, _said(before), _said(after))


def deal_changes(before: Project, after: Project) -> list[DealChange]:
    """Every change from *before* to *after*, in the order of the project file."""
    return list(_changes(before.model_dump(mode="json"), after.model_dump(mode="json"), ()))


@dataclass(frozen=True, slots=True)
class FindingChanges:
    """Findings of the analysis that appeared or were resolved between the drafts."""

    appeared: tuple[Finding, ...]
    resolved: tuple[Finding, ...]


def finding_changes(before: Sequence[Finding], after: Sequence[Finding]) -> FindingChanges:
    """Findings in *after* and not in *before* (by code, severity and wording), and the reverse."""
    def key(finding: Finding) -> tuple[str, str, str]:
        return (finding.code, str(finding.severity), finding.message)

    old, new = {key(f) for f in before}, {key(f) for f in after}
    return FindingChanges(tuple(f for f in after if key(f) not in old),
                          tuple(f for f in before if key(f) not in new))
