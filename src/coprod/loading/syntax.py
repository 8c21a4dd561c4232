"""PyYAML's syntax errors in a producer's words: "expected ..., found ...", at the line and column.

The fast parser (libyaml) finds the error; the pure-Python parser reads the text again for its fuller
message, the same on every machine. Its jargon (``<block end>``, "while parsing a flow sequence") becomes
plain words, tabs and refused characters get their own messages, and a quote left open lines before the
error is pointed out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coprod.errors import Problem
from coprod.location import FieldPath, SourceLocation

Position = tuple[int, int]
"""A line and a column, counting from 1."""

Runaway = tuple[Position, Position]
"""Start and end of a quoted text that ran over several lines."""

_REPARSE_LIMIT = 256 * 1024
"""Largest text read again by the pure-Python parser (it is much slower than libyaml)."""


def _explained(error: yaml.YAMLError, text: str, max_depth: int) -> tuple[yaml.YAMLError, Runaway | None]:
    """The error to report: the pure-Python parser's, whose messages are fuller and the same everywhere.

    Also returns the last quoted text that ran over several lines before the error: a quote left open
    makes YAML read on until the next quote, and the error shows up lines later. Skipped for libyaml's own
    nesting limit (the pure-Python scanner is quadratic in nesting depth) and for very large files.
    """
    problem = getattr(error, "problem", "") or ""
    if "nesting depth" in problem:
        mark = getattr(error, "problem_mark", None)
        too_deep = f"expected at most {max_depth} levels of nesting, found more than 1000"
        return yaml.MarkedYAMLError(problem=too_deep, problem_mark=mark), None
    if len(text) > _REPARSE_LIMIT:
        return error, None
    runaway = None
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.ScalarEvent) and event.style in ("'", '"'):
                start, end = position(event.start_mark), position(event.end_mark)
                if end[0] > start[0]:
                    runaway = (start, end)
    except yaml.YAMLError as slow_error:
        return slow_error, runaway
    return error, None  # pragma: no cover - both parsers refuse the same texts


def position(mark: Any) -> Position:
    """A PyYAML mark as (line, column), counting from 1."""
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


def syntax_problem(error: yaml.YAMLError, text: str, file: Path, max_depth: int,
                   field_at: Callable[[str, Position], FieldPath]) -> Problem:
    """The problem to report for a YAML error that stopped the parser, at its line and column.

    Args:
        error: What the fast parser raised.
        text: The text it read.
        file: The file, as messages name it.
        max_depth: The nesting limit, for libyaml's own nesting error.
        field_at: Finds the field at a position of a text (to name the field of a refused character).
    """
    error, runaway = _explained(error, text, max_depth)
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _line_column(text, error.position)
        found = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        message = (f"expected printable text, found the control character {found}, which YAML does not allow "
                   "(delete it)")
        return Problem(SourceLocation(file, line, column, field_at(text, (line, column))), message)
    assert isinstance(error, yaml.MarkedYAMLError)
    mark = error.problem_mark or error.context_mark
    line, column = position(mark) if mark else (1, 1)
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
        opened_line, opened_column = position(error.context_mark)
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
