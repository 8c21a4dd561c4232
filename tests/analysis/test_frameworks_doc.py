"""docs/frameworks.md's worked example: a user adds a framework file and ``coprod check`` picks it up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod.cli import main
from tests.analysis.analysis_support import ROOT, edited, example_text

DOC = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")


def block(language: str, after: str) -> str:
    """The first fenced block in *language* that follows the text *after* in the doc."""
    start = DOC.index(after)
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(DOC, start)
    assert match is not None
    return match.group(1)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The doc's steps: the framework file in frameworks/, The Last Ferry moved to Switzerland."""
    (tmp_path / "frameworks").mkdir()
    framework = block("yaml", "**1. Write the file.**")
    assert framework.startswith("# frameworks/france-switzerland.yaml\n")
    (tmp_path / "frameworks" / "france-switzerland.yaml").write_text(framework, encoding="utf-8")
    project = edited(example_text("the-last-ferry"),
                     ("framework: canada-france", "framework: france-switzerland"),
                     ("    country: CA\n", "    country: CH\n"))
    (tmp_path / "projects" / "le-lac").mkdir(parents=True)
    (tmp_path / "projects" / "le-lac" / "project.yaml").write_text(project, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_documented_output_is_what_check_prints(workspace: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", "--rules", "projects/le-lac"])
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    for line in block("text", "**3. Check.**").splitlines():
        assert line in out


def test_the_new_framework_is_listed_with_its_file(workspace: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--frameworks"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("france-switzerland ")]
    assert listed == ["france-switzerland         treaty     France\u2013Switzerland Cinematographic "
                      "Co-production Agreement (2004) (frameworks/france-switzerland.yaml)"]


def test_the_documented_error_for_a_malformed_file(workspace: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = workspace / "frameworks" / "france-switzerland.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    min: 10\n", "    min: 95\n"), encoding="utf-8")
    status = main(["check", "projects/le-lac"])
    err = capsys.readouterr().err
    documented = re.search(r"`(coprod: frameworks/france-switzerland\.yaml:\d+:\d+: [^`]*)`", DOC)
    assert documented is not None
    assert (status, err) == (2, documented.group(1) + "\n")


def test_a_framework_folder_given_on_the_command_line(workspace: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "frameworks").rename(workspace / "treaties")
    assert main(["check", "projects/le-lac"]) == 2  # no longer found next to projects/
    assert "found 'france-switzerland', a framework coprod does not have" in capsys.readouterr().err
    assert main(["check", "--frameworks-dir", "treaties", "projects/le-lac"]) == 0
