"""Safe YAML 1.2 reading that keeps the line and column of every key and value.

The tree is built from PyYAML's *events*, not its constructors, so nothing here can run code or expand an
alias, and every decision is ours:

- plain scalars resolve with the YAML 1.2 core schema: only ``true``/``false`` are booleans, ``null``/``~``
  and an empty value are null, and integers and floats are what they look like; ``yes``, ``no``, ``on``,
  ``NO`` (Norway) and dates stay strings. A plain float such as ``2.5`` becomes `YamlFloat`, exact;
- anchors, aliases, tags (except ``!!str``), duplicate keys, keys that are not text, a second document and
  nesting deeper than `MAX_DEPTH` are refused, each with its position;
- syntax errors, tabs and illegal characters are reported at their line and column in plain words
  (`coprod.loading.syntax`).

Everything is collected: one pass reports every structural problem, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from coprod.errors import InputError, Problem
from coprod.loading.syntax import Position, syntax_problem
from coprod.loading.syntax import position as _position
from coprod.location import FieldPath, SourceLocation
from coprod.model.types import BasedInt, YamlFloat, describe

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists a project file may use (the model needs 6)."""


_FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plain scalars only.
_NULL = re.compile(r"null|Null|NULL|~|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_DECIMAL_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)")
_OTHER_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+"
                          r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN")

_STR_TAG = "tag:yaml.org,2002:str"


def resolve_plain(text: str) -> object:
    """The value of an unquoted scalar under the YAML 1.2 core schema.

    Floats written as decimals stay exact (`YamlFloat`); exponents, ``.inf`` and ``.nan`` become Python
    floats, which every number in the model refuses with a message saying what it expected.
    """
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return BasedInt.read(text) if text[:2] in ("0o", "0x") else int(text)
    if _DECIMAL_FLOAT.fullmatch(text):
        return YamlFloat(text)
    if _OTHER_FLOAT.fullmatch(text):
        return WrittenFloat(text)
    return text


class WrittenFloat(float):
    """A YAML float the model cannot take exactly (``1e3``, ``.inf``, ``.nan``); shown as it was written."""

    text: str

    def __new__(cls, text: str) -> WrittenFloat:
        """The float *text* means in YAML, remembering *text* for messages."""
        value = super().__new__(cls, text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        value.text = text
        return value

    def __repr__(self) -> str:
        return self.text


@dataclass
class YamlTree:
    """A parsed document: plain Python data, and where each value and each mapping key stands."""

    data: object
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)


def child(node: object, part: str | int) -> tuple[bool, object]:
    """Whether the plain *node* has the key or index *part*, and the value there (None when it has not)."""
    if isinstance(node, dict) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def parse_yaml(text: str, file: Path) -> tuple[object, dict[FieldPath, Position]]:
    """Read *text* (the contents of *file*) safely; return the data and the position of every value.

    Raises:
        InputError: listing every syntax or structural problem, each at its line and column.
    """
    tree = read_tree(text, file)
    return tree.data, tree.values


def read_tree(text: str, file: Path) -> YamlTree:
    """Like `parse_yaml`, but also keep the positions of mapping keys (unknown keys are reported there)."""
    try:
        builder = _Builder(file, yaml.parse(text, Loader=_FAST_LOADER))
        tree = builder.document()
    except yaml.YAMLError as error:
        raise InputError([syntax_problem(error, text, file, MAX_DEPTH, _field_at)]) from None
    if builder.problems:
        raise InputError(sorted(builder.problems, key=lambda p: (p.location.line, p.location.column)))
    return tree


def _field_at(text: str, position: Position) -> FieldPath:
    """The field whose value holds *position*, found by parsing *text* with unprintable characters blanked."""
    cleaned = yaml.reader.Reader.NON_PRINTABLE.sub(" ", text)
    try:
        tree = _Builder(Path(), yaml.parse(cleaned, Loader=_FAST_LOADER)).document()
    except yaml.YAMLError:
        return ()
    before = [(where, path) for path, where in tree.values.items() if where <= position]
    return max(before, key=lambda item: (item[0], len(item[1])))[1] if before else ()


class _Builder:
    """Turns the event stream of one document into data and positions, noting every problem it meets."""

    def __init__(self, file: Path, events: Iterator[yaml.Event]) -> None:
        self.file = file
        self.events = events
        self.tree = YamlTree(None)
        self.problems: list[Problem] = []
        self._first_key: dict[tuple[int, str], Position] = {}
        self._aliases: set[str | None] = set()

    def _problem(self, position: Position, message: str, path: FieldPath = ()) -> None:
        self.problems.append(Problem(SourceLocation(self.file, *position, path), message))

    def _next(self) -> yaml.Event:
        return next(self.events)

    def document(self) -> YamlTree:
        event = self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            return self.tree  # an empty file: no data
        assert isinstance(event, yaml.DocumentStartEvent)
        self.tree.data = self._node(self._next(), (), 0)
        self._next()  # DocumentEndEvent
        event = self._next()
        if isinstance(event, yaml.DocumentStartEvent):
            self._problem(_position(event.start_mark),
                          "expected one YAML document, found a second one (remove the '---' line and what "
                          "follows, or put the second project in its own folder)")
        return self.tree

    def _node(self, event: yaml.Event, path: FieldPath | None, depth: int) -> object:
        """Build the node that starts with *event*; record positions under *path* unless it is None."""
        position = _position(event.start_mark)
        where = path or ()
        if path is not None:
            self.tree.values[path] = position
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self._aliases:  # once per name: an alias bomb repeats them
                self._aliases.add(event.anchor)
                self._problem(position, f"expected a value, found the alias '*{event.anchor}': anchors and "
                                        "aliases are not supported (write the value out in full)", where)
            return None
        assert isinstance(event, yaml.NodeEvent)
        if event.anchor is not None:
            self._problem(position, f"expected a value, found the anchor '&{event.anchor}': anchors and "
                                    "aliases are not supported (write the value out in full)", where)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and not (tag == _STR_TAG and isinstance(event, yaml.ScalarEvent)):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            self._problem(position, f"expected a plain value, found the tag '{shown}': YAML tags are not "
                                    "supported (remove it; put text in quotes instead)", where)
        if isinstance(event, yaml.ScalarEvent):
            if event.implicit[0] and tag is None:  # plain (unquoted) and untagged
                return resolve_plain(event.value)
            return event.value
        if depth >= MAX_DEPTH:
            self._problem(position, f"expected at most {MAX_DEPTH} levels of nesting, found more")
            self._skip()
            return None
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(path, depth)
        assert isinstance(event, yaml.MappingStartEvent)
        return self._mapping(path, depth)

    def _skip(self) -> None:
        """Skip the rest of a container without building it (its depth was already refused)."""
        level = 1
        while level:
            event = self._next()
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1

    def _sequence(self, path: FieldPath | None, depth: int) -> list[object]:
        items: list[object] = []
        while not isinstance(event := self._next(), yaml.SequenceEndEvent):
            child = None if path is None else (*path, len(items))
            items.append(self._node(event, child, depth + 1))
        return items

    def _mapping(self, path: FieldPath | None, depth: int) -> dict[str, object]:
        mapping: dict[str, object] = {}
        where = path or ()
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            key_position = _position(event.start_mark)
            key = self._node(event, None, depth + 1)
            value_event = self._next()
            if not isinstance(key, str):
                self._problem(key_position, f"expected a text key, found {describe(key)} as a key "
                                            "(put it in quotes)", where)
                self._node(value_event, None, depth + 1)
                continue
            if key in mapping:
                first_line, first_column = self._first_key.get((id(mapping), key), key_position)
                self._problem(key_position, f"expected each key once in a mapping, found '{key}' again "
                                            f"(first at line {first_line}, column {first_column})",
                              (*where, key))
                self._node(value_event, None, depth + 1)
                continue
            self._first_key[(id(mapping), key)] = key_position
            child = None if path is None else (*path, key)
            if child is not None:
                self.tree.keys[child] = key_position
            mapping[key] = self._node(value_event, child, depth + 1)
        return mapping
