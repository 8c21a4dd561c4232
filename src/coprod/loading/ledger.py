"""Load a project's receipts ledger: ``receipts.csv`` (or the same rows as ``receipts.yaml``).

Every problem is reported at once, each at its file, line, column and field, as for the project file:
``projects/x/receipts.csv:14:23: amount: expected an amount such as 12500 ..., found '12,500'``. The file
is bounded in size and rows; cells are text (the CSV is read with Python's csv module, the YAML with the
same safe reader as the project file).
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from coprod.errors import InputError, Problem
from coprod.loading.project import shown_path
from coprod.loading.reading import read_text
from coprod.loading.yaml_source import read_tree
from coprod.location import FieldPath, SourceLocation
from coprod.model.ledger import Ledger, LedgerEntry
from coprod.model.ledger_checks import check_ledger
from coprod.model.project import Project
from coprod.model.types import describe

LEDGER_NAMES = ("receipts.csv", "receipts.yaml", "receipts.yml")
"""File names of a project's ledger, in its project folder."""
MAX_LEDGER_BYTES = 32 * 1024 * 1024
"""Largest ledger read (32 MiB: some 300,000 rows)."""
MAX_ROWS = 250_000
"""Most rows a ledger may hold."""
MAX_CELL = 500
"""Longest cell, in characters."""
MAX_PROBLEMS = 50
"""Problems listed before the rest are summed up (a wrong file would otherwise print thousands)."""

FIELDS = tuple(LedgerEntry.model_fields)


def find_ledger(project_file: Path) -> Path | None:
    """The ledger beside *project_file*, or None; InputError if there are two."""
    found = [project_file.parent / name for name in LEDGER_NAMES if (project_file.parent / name).is_file()]
    if len(found) > 1:
        raise InputError([Problem(SourceLocation(shown_path(found[1]), 1, 1),
                                  f"expected one ledger per project, found both {found[0].name} and "
                                  f"{found[1].name}; keep one")])
    return found[0] if found else None


def load_ledger(path: Path, project: Project) -> Ledger:
    """Read, validate and check the ledger at *path* against *project*.

    Raises:
        InputError: listing every problem, each at its line, column and field.
    """
    shown = shown_path(path)
    text = read_text(path, shown, limit=MAX_LEDGER_BYTES, what="receipts ledger")
    problems: list[Problem] = []
    rows = list(_csv_rows(text, shown, problems) if path.suffix == ".csv" else _yaml_rows(text, shown))
    if len(rows) > MAX_ROWS:
        raise InputError([Problem(SourceLocation(shown, rows[MAX_ROWS][0], 1),
                                  f"expected at most {MAX_ROWS} rows, found {len(rows)}; split the ledger")])
    entries: list[LedgerEntry] = []
    lines: list[int] = []
    columns: list[dict[str, tuple[int, int]]] = []
    for line, cells, where in rows:
        try:
            entries.append(LedgerEntry.model_validate(cells))
        except ValidationError as error:
            problems.extend(_row_problems(error, shown, line, where))
            continue
        lines.append(line)
        columns.append(where)
    ledger = Ledger(str(shown), tuple(entries), tuple(lines), tuple(columns))
    if not problems:
        for issue in check_ledger(project, ledger):
            line, column = ledger.columns[issue.index].get(issue.field, (ledger.lines[issue.index], 1))
            problems.append(Problem(SourceLocation(shown, line, column, (issue.field,)), issue.message))
    if problems:
        raise InputError(_bounded(problems, shown))
    return ledger


def _bounded(problems: list[Problem], file: Path) -> list[Problem]:
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    last = problems[MAX_PROBLEMS]
    return [*problems[:MAX_PROBLEMS],
            Problem(SourceLocation(file, last.location.line, 1), f"and {rest} more problems after this line")]


def _row_problems(error: ValidationError, file: Path, line: int,
                  where: dict[str, tuple[int, int]]) -> Iterator[Problem]:
    for detail in error.errors(include_url=False):
        field = str(detail["loc"][0]) if detail["loc"] else ""
        at_line, column = where.get(field, (line, 1))
        kind = detail["type"]
        if kind == "missing":
            message = f"expected a value ({LedgerEntry.model_fields[field].description}), found none"
        elif kind == "extra_forbidden":
            close = difflib.get_close_matches(field, FIELDS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            message = f"expected one of the ledger's columns ({', '.join(FIELDS)}), found '{field}'{hint}"
        elif kind == "enum":
            expected = detail.get("ctx", {}).get("expected", "")
            message = f"expected {expected}, found {describe(detail['input'])}"
        else:
            message = detail["msg"]
            if ", found " not in message:
                message = f"{message}, found {describe(detail['input'])}"
        yield Problem(SourceLocation(file, at_line, column, (field,) if field else ()), message)


# --- CSV ----------------------------------------------------------------------------------------------

def cell_starts(line: str) -> list[int]:
    """Column (from 1) where each cell of a CSV *line* starts, quotes understood."""
    starts, quoted = [1], False
    for offset, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(offset + 2)
    return starts


def _csv_rows(text: str, file: Path, problems: list[Problem]
              ) -> Iterator[tuple[int, dict[str, object], dict[str, tuple[int, int]]]]:
    """Each data row: its line, its cells by column name (empty cells left out), each cell's position.

    A row with the wrong number of cells or an overlong cell is added to *problems* and skipped.
    """
    lines = text.splitlines()
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InputError([Problem(SourceLocation(file, 1, 1), f"expected a CSV header row, found {error}")]
                         ) from None
    if not header:
        raise InputError([Problem(SourceLocation(file, 1, 1), "expected a header row naming the columns "
                                  f"({', '.join(FIELDS)}), found an empty file")])
    names = [name.strip() for name in header]
    _check_header(names, lines[0], file)
    line = 2
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            raise InputError([Problem(SourceLocation(file, reader.line_num, 1),
                                      f"expected a well-formed CSV row, found {error}")]) from None
        if cells is None:
            return
        first, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(names):
            problems.append(Problem(SourceLocation(file, first, 1),
                                    f"expected {len(names)} cells as the header names, found {len(cells)} "
                                    "(a comma in an amount or a name? quote the cell)"))
            continue
        starts = cell_starts(lines[first - 1]) if first - 1 < len(lines) else []
        row: dict[str, object] = {}
        where: dict[str, tuple[int, int]] = {}
        for position, (name, cell) in enumerate(zip(names, cells, strict=True)):
            where[name] = (first, starts[position] if position < len(starts) else 1)
            if len(cell) > MAX_CELL:
                problems.append(Problem(SourceLocation(file, *where[name], (name,)),
                                        f"expected at most {MAX_CELL} characters, found {len(cell)}"))
                break
            if cell.strip():
                row[name] = cell.strip()
        else:
            yield first, row, where


def _check_header(names: list[str], line: str, file: Path) -> None:
    starts = cell_starts(line)
    problems = []
    for position, name in enumerate(names):
        column = starts[position] if position < len(starts) else 1
        if name not in FIELDS:
            close = difflib.get_close_matches(name, FIELDS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(SourceLocation(file, 1, column),
                                    f"expected a column name ({', '.join(FIELDS)}), found '{name}'{hint}"))
        elif names.index(name) != position:
            problems.append(Problem(SourceLocation(file, 1, column), f"expected each column once, found "
                                                                      f"'{name}' twice"))
    if problems:
        raise InputError(problems)


# --- YAML ---------------------------------------------------------------------------------------------

def _yaml_rows(text: str, file: Path) -> Iterator[tuple[int, dict[str, object], dict[str, tuple[int, int]]]]:
    """The same rows from a YAML ledger: a list of mappings (under ``receipts:`` or at the top)."""
    tree = read_tree(text, file)
    data = tree.data
    prefix_path: FieldPath = ()
    if isinstance(data, dict) and set(data) == {"receipts"}:
        data, prefix_path = data["receipts"], ("receipts",)
    if not isinstance(data, list):
        line, column = tree.values.get(prefix_path, (1, 1))
        raise InputError([Problem(SourceLocation(file, line, column),
                                  f"expected a list of rows (under 'receipts:'), found {describe(data)}")])
    for index, row in enumerate(data):
        path: FieldPath = (*prefix_path, index)
        line, column = tree.values.get(path, (1, 1))
        if not isinstance(row, dict):
            raise InputError([Problem(SourceLocation(file, line, column, path),
                                      f"expected a mapping of the row's fields, found {describe(row)}")])
        where = {str(key): tree.values.get((*path, key), (line, column)) for key in row}
        yield line, {str(key): value for key, value in row.items()}, where
