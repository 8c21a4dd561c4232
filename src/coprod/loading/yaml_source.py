"""Safe YAML 1.2 reading that keeps the line and column of every key and value.

The tree is built from PyYAML's *events*, not its constructors, so nothing here can run code or expand an
alias, and every decision is ours:

- plain scalars resolve with the YAML 1.2 core schema: only ``true``/``false`` are booleans, ``null``/``~``
  and an empty value are null, and integers and floats are what they look like; ``yes``, ``no``, ``on``,
  ``NO`` (Norway) and dates stay strings. A plain float such as ``2.5`` becomes `YamlFloat`, exact;
- anchors, aliases, tags (except ``!!str``), duplicate keys, keys that are not text, a second document and
  nesting deeper than `MAX_DEPTH` are refused, each with its position;
- syntax errors, tabs and illegal characters are reported at their line and column in plain words.

Everything is collected: one pass reports every structural problem, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coprod.errors import InputError, Problem
from coprod.location import FieldPath, SourceLocation
from coprod.model.types import YamlFloat, describe

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists a project file may use (the model needs 6)."""

Position = tuple[int, int]
Runaway = tuple[Position, Position]
"""Start and end of a quoted text that ran over several lines."""

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
_REPARSE_LIMIT = 256 * 1024


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
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
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
    except yaml.YAMLError as fast_error:
        error, runaway = _explained(fast_error, text)
        raise InputError([_syntax_problem(error, text, file, runaway)]) from None
    if builder.problems:
        raise InputError(sorted(builder.problems, key=lambda p: (p.location.line, p.location.column)))
    return tree


def _explained(error: yaml.YAMLError, text: str) -> tuple[yaml.YAMLError, Runaway | None]:
    """The error to report: the pure-Python parser's, whose messages are fuller and the same everywhere.

    Also returns the last quoted text that ran over several lines before the error: a quote left open
    makes YAML read on until the next quote, and the error shows up lines later. Skipped for libyaml's own
    nesting limit (the pure-Python scanner is quadratic in nesting depth) and for very large files.
    """
    problem = getattr(error, "problem", "") or ""
    if "nesting depth" in problem:
        mark = getattr(error, "problem_mark", None)
        too_deep = f"expected at most {MAX_DEPTH} levels of nesting, found more than 1000"
        return yaml.MarkedYAMLError(problem=too_deep, problem_mark=mark), None
    if len(text) > _REPARSE_LIMIT:
        return error, None
    runaway = None
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.ScalarEvent) and event.style in ("'", '"'):
                start, end = _position(event.start_mark), _position(event.end_mark)
                if end[0] > start[0]:
                    runaway = (start, end)
    except yaml.YAMLError as slow_error:
        return slow_error, runaway
    return error, None  # pragma: no cover - both parsers refuse the same texts


def _position(mark: Any) -> Position:
    return int(mark.line) + 1, int(mark.column) + 1


def _line_column(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


_CONTEXTS = {
    "while parsing a flow sequence": "the [list]",
    "while parsing a flow mapping": "the {mapping}",
    "while parsing a block mapping": "the mapping",
    "while parsing a block collection": "the list",
    "while scanning a quoted scalar": "the quoted text",
    "while scanning a double-quoted scalar": "the quoted text",
    "while scanning a simple key": "the key",
    "while scanning a block scalar": "the block of text",
    "while parsing a flow node": "the value",
    "while parsing a block node": "the value",
}
"""PyYAML's parser states, in a producer's words."""

_TOKENS = {
    "'<stream end>'": "the end of the file", "<stream end>": "the end of the file",
    "'<block end>'": "the end of the indented block", "<block end>": "the end of the indented block",
    "'<block mapping start>'": "the start of a new mapping",
    "'<block sequence start>'": "the start of a new list",
    "'<document start>'": "'---'",
    "'<scalar>'": "a value", "'?'": "a key", "'-'": "a list item",
    "unexpected end of stream": "the end of the file",
}

_HINTS = {
    "mapping values are not allowed here":
        "check this line's indentation; text holding ': ' needs quotes",
    "that cannot start any token":
        "text starting with this character needs quotes",
}


def _syntax_problem(error: yaml.YAMLError, text: str, file: Path,
                    runaway: Runaway | None = None) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _line_column(text, error.position)
        found = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        message = (f"expected printable text, found the control character {found}, which YAML does not allow "
                   "(delete it)")
        return Problem(SourceLocation(file, line, column, _field_at(text, (line, column))), message)
    assert isinstance(error, yaml.MarkedYAMLError)
    mark = error.problem_mark or error.context_mark
    line, column = _position(mark) if mark else (1, 1)
    lines = text.splitlines()
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    at_tab = line_text[column - 1: column] == "\t"
    indented_with_tab = "\t" in line_text[: column - 1] and not line_text[: column - 1].strip()
    if at_tab or indented_with_tab:
        message = ("expected spaces, found a tab character: YAML indents with spaces only "
                   "(replace the tab with spaces; a tab inside text goes in double quotes as \\t)")
        return Problem(SourceLocation(file, line, column), message)
    return Problem(SourceLocation(file, line, column), _syntax_message(error, line, runaway))


def _syntax_message(error: yaml.MarkedYAMLError, line: int, runaway: Runaway | None) -> str:
    """PyYAML's problem as "expected ..., found ...", with where the broken part opened and a hint."""
    problem = _plain_words(error.problem or "a syntax error")
    if problem.startswith("expected at most"):
        return problem
    if problem.startswith("expected"):
        message = problem.replace(", but found ", ", found ").replace(", but got ", ", found ")
    elif problem.startswith("found"):
        message = f"expected valid YAML, {problem}"
    else:
        message = f"expected valid YAML, found a syntax error: {problem}"
    notes = []
    where = _CONTEXTS.get(error.context or "")
    if where and error.context_mark is not None and error.context_mark is not error.problem_mark:
        opened_line, opened_column = _position(error.context_mark)
        notes.append(f"in {where} that starts at line {opened_line}, column {opened_column}")
    notes += [hint for clue, hint in _HINTS.items() if clue in (error.problem or "")]
    if runaway is not None and line - runaway[1][0] in (0, 1):
        (start_line, start_column), (end_line, _) = runaway
        notes.append(f"the quoted text that starts at line {start_line}, column {start_column} runs on to "
                     f"line {end_line}: is its closing quote missing?")
    return f"{message} ({'; '.join(notes)})" if notes else message


def _plain_words(problem: str) -> str:
    for token, words in _TOKENS.items():
        problem = problem.replace(token, words)
    return problem


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
