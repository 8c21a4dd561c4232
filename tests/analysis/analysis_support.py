"""Helpers for the analysis tests: example projects, edited copies, and ``coprod check`` runs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from coprod.analysis import Analysis, analyse
from coprod.analysis.eligibility.outcome import RuleOutcome
from coprod.cli import main
from coprod.loading.frameworks import builtin_catalog
from coprod.loading.project import load_text
from coprod.loading.yaml_source import parse_yaml
from coprod.model.consistency import check_consistency
from coprod.model.project import Project

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = ROOT / "projects"
EXAMPLES = ("the-salt-road", "the-last-ferry", "the-listening-station")


def example_text(slug: str) -> str:
    """The text of an example project file."""
    return (PROJECTS / slug / "project.yaml").read_text(encoding="utf-8")


def edited(text: str, *edits: tuple[str, str]) -> str:
    """*text* with each (old, new) replaced; each old must occur once, so the test means what it says."""
    for old, new in edits:
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times"
        text = text.replace(old, new)
    return text


def project(slug: str, *edits: tuple[str, str]) -> Project:
    """An example project, edited."""
    return load_text(edited(example_text(slug), *edits), Path(f"projects/{slug}/project.yaml"))


def example_data(slug: str) -> dict[str, Any]:
    """An example project file as plain data, to change before validating."""
    data, _ = parse_yaml(example_text(slug), Path(f"projects/{slug}/project.yaml"))
    assert isinstance(data, dict)
    return data


def analysed_data(data: dict[str, Any]) -> Analysis:
    """The analysis of project *data* (validated and checked for consistency first)."""
    project = Project.model_validate(data)
    assert check_consistency(project) == []
    return analyse(project, builtin_catalog())


def analysed(slug: str, *edits: tuple[str, str]) -> Analysis:
    """The analysis of an edited example with the built-in frameworks."""
    return analyse(project(slug, *edits), builtin_catalog())


def outcome(analysis: Analysis, rule: str, framework: str | None = None) -> RuleOutcome:
    """The outcome of the rule named *rule* (of *framework*, if given)."""
    assert analysis.eligibility is not None
    found = [o for o in analysis.eligibility.outcomes
             if o.rule == rule and (framework is None or o.framework == framework)]
    assert len(found) == 1, [o.rule for o in analysis.eligibility.outcomes]
    return found[0]


def codes(analysis: Analysis) -> list[str]:
    """The codes of every finding, in order."""
    return [f.code for f in analysis.findings]


def position(text: str, marker: str) -> tuple[int, int]:
    """Line and column (from 1) where *marker* starts in *text*; it must occur once."""
    assert text.count(marker) == 1, marker
    index = text.index(marker)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@dataclass(frozen=True)
class CheckRun:
    """One ``coprod check`` run: exit status, standard output and error, and the JSON if asked for."""

    status: int
    out: str
    err: str

    @property
    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out)
        return data

    def findings(self, code: str) -> list[dict[str, Any]]:
        """The JSON findings with *code*, in the only project checked."""
        (entry,) = self.report["projects"]
        return [f for f in entry["findings"] if f["code"] == code]


def run_check(root: Path, slug: str, text: str, capsys: pytest.CaptureFixture[str],
              monkeypatch: pytest.MonkeyPatch, *options: str) -> CheckRun:
    """Write *text* as ``projects/<slug>/project.yaml`` under *root* and run ``coprod check`` there."""
    folder = root / "projects" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "project.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    capsys.readouterr()
    status = main(["check", *options, f"projects/{slug}"])
    captured = capsys.readouterr()
    return CheckRun(status, captured.out, captured.err)


def replace_line(text: str, pattern: str, new: str) -> str:
    """*text* with the single line matching *pattern* (a regular expression) replaced by *new*."""
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    assert len(hits) == 1, (pattern, hits)
    lines[hits[0]] = new
    return "\n".join(lines)
