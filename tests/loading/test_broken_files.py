"""Every kind of broken project file gives its exact message, at its line and column, and exit status 2."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from coprod.cli import main
from coprod.loading import load_project
from coprod.loading.reading import MAX_BYTES

from .fixture_file import Case, read_fixture_file

FIXTURES = Path(__file__).parent / "fixtures"
CASES = read_fixture_file(FIXTURES / "broken.md")


def check(tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    folder = tmp_path / "projects" / "case"
    folder.mkdir(parents=True)
    (folder / "project.yaml").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    status = main(["check", "projects/case"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("case", CASES, ids=[case.title for case in CASES])
def test_broken_file(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    status, _, err = check(tmp_path, case.data, capsys, monkeypatch)
    assert err.rstrip("\n") == case.expected
    assert status == case.exit_code


def test_the_corpus_covers_every_kind_of_problem() -> None:
    assert len(CASES) >= 45
    titles = " ".join(case.title for case in CASES)
    for kind in ("syntax", "tab", "byte-order", "UTF-8", "control character", "XML", "duplicate", "alias",
                 "tag", "nesting", "unknown key", "misspelt", "left out", "country", "currency", "share",
                 "spend", "references", "exchange rate", "wrong order"):
        assert kind in titles, kind


def test_the_base_file_of_the_corpus_is_valid() -> None:
    project = load_project(FIXTURES / "minimal.yaml").project
    assert (project.film.title, project.budget.total) == ("Tide", Decimal(1000000))


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    status, _, err = check(tmp_path, b"coprod: 1\n" + b"#" * MAX_BYTES, capsys, monkeypatch)
    assert err == ("projects/case/project.yaml:1:1: expected a project file of at most 2 MiB, found a larger "
                   "file (is this the right file?)\n")
    assert status == 2


def test_a_utf16_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    status, _, err = check(tmp_path, "coprod: 1\n".encode("utf-16"), capsys, monkeypatch)
    assert err == ("projects/case/project.yaml:1:1: expected plain UTF-8 text, found a UTF-16 byte-order "
                   "mark at the start of the file (save it as UTF-8)\n")
    assert status == 2


def test_a_billion_laughs_is_refused_without_expanding(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 30)]
    status, _, err = check(tmp_path, "\n".join(lines).encode(), capsys, monkeypatch)
    assert status == 2
    assert err.count("anchors and aliases are not supported") == 59  # 30 anchors, 29 alias names


def test_deep_nesting_is_refused_without_recursing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    status, _, err = check(tmp_path, b"a: " + b"[" * 100_000 + b"]" * 100_000, capsys, monkeypatch)
    assert err == ("projects/case/project.yaml:1:1003: expected at most 32 levels of nesting, found more "
                   "than 1000\n")
    assert status == 2
