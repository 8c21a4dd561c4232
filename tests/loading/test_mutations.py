"""Breaking one value of an example project gives one error, at that value's line and column, exit 2."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from coprod.cli import main
from coprod.loading import LoadedProject, load_project
from coprod.location import FieldPath, format_path

PLAIN_VALUE = re.compile(r"[^,}\]\s#]+")
"""An unquoted value as the examples write it, in block or flow style."""
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "projects").glob("*/project.yaml"))


@dataclass(frozen=True)
class Mutation:
    name: str
    target: Callable[[LoadedProject], FieldPath]
    """The value to change."""
    new: Callable[[str], str]
    """Its new text, from the old."""
    message: Callable[[LoadedProject, str], str]
    """The expected message, given the new text."""
    reported_at: FieldPath | None = None
    """Where a broken total is reported (None: at the value itself)."""


def _first_foreign_line(loaded: LoadedProject) -> FieldPath:
    index = next(i for i, line in enumerate(loaded.project.financing) if line.currency)
    return ("financing", index, "currency")


def _no_rate(loaded: LoadedProject, new: str) -> str:
    base = loaded.project.structure.currency
    return (f"expected a currency with an exchange rate in structure.exchange_rates, found {new} "
            f"(add {new}: a fixed rate into {base})")


def _unknown_partner(loaded: LoadedProject, new: str) -> str:
    known = ", ".join(sorted(p.id for p in loaded.project.partners))
    return f"expected a partner id ({known}), found '{new}'"


MUTATIONS = [
    Mutation("country code", lambda _: ("partners", 1, "country"), lambda _: "XX",
             lambda _, new: f"expected an ISO 3166-1 country code such as FR, found '{new}'"),
    Mutation("share", lambda _: ("partners", 0, "share"), lambda old: str(int(old) + 1),
             lambda _, new: "expected partner shares to add up to 100%, found 101%",
             reported_at=("partners",)),
    Mutation("currency", _first_foreign_line, lambda _: "JPY", _no_rate),
    Mutation("partner reference", lambda _: ("financing", 0, "partner"), lambda _: "nobody",
             _unknown_partner),
    Mutation("date", lambda _: ("draft", "date"), lambda old: old[:5] + "13" + old[7:],
             lambda _, new: f"expected a date written YYYY-MM-DD such as 2027-05-03, found '{new}'"),
]


def _replace(text: str, line: int, column: int, old: str, new: str) -> str:
    lines = text.split("\n")
    start = column - 1
    assert lines[line - 1][start:start + len(old)] == old
    lines[line - 1] = lines[line - 1][:start] + new + lines[line - 1][start + len(old):]
    return "\n".join(lines)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_a_mutated_example_reports_the_right_line_and_field(
        example: Path, mutation: Mutation, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_project(example)
    target = mutation.target(loaded)
    line, column = loaded.source_map.positions[target]
    token = PLAIN_VALUE.match(loaded.text.split("\n")[line - 1], column - 1)
    assert token is not None
    old = token.group()
    new = mutation.new(old)
    folder = tmp_path / "projects" / example.parent.name
    folder.mkdir(parents=True)
    (folder / "project.yaml").write_text(_replace(loaded.text, line, column, old, new), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    status = main(["check", f"projects/{example.parent.name}"])

    reported = mutation.reported_at or target
    where = loaded.source_map.locate(reported)
    expected = (f"projects/{example.parent.name}/project.yaml:{where.line}:{where.column}: "
                f"{format_path(reported)}: {mutation.message(loaded, new)}")
    assert capsys.readouterr().err.rstrip("\n") == expected
    assert status == 2
