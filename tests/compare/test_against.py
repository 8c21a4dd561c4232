"""The older draft: a file, or a git revision; every mistake one clear line, and nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from coprod.cli import main
from tests.compare.compare_support import EXAMPLE


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(repo), "PATH": os.environ.get("PATH", "/usr/bin:/bin")})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the example as projects/salt/project.yaml, committed once."""
    if shutil.which("git") is None:  # pragma: no cover - git is on every machine coprod is tested on
        pytest.fail("git is needed for these tests")
    folder = tmp_path / "projects" / "salt"
    folder.mkdir(parents=True)
    shutil.copyfile(EXAMPLE, folder / "project.yaml")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "draft 3")
    return tmp_path


def _run(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.chdir(repo)
    return main(["compare", "projects/salt", *args])


def test_a_revision_is_compared_with_the_working_file(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = repo / "projects" / "salt" / "project.yaml"
    project.write_text(project.read_text().replace("start: 2027-05-03", "start: 2027-05-10"))
    assert _run(repo, monkeypatch, "--against", "HEAD") == 0
    out = capsys.readouterr().out
    assert "1 change(s) in the deal" in out and "against revision HEAD (" in out
    redline = (repo / "build" / "salt" / "redlines" / "agreement.compare.md").read_text()
    assert "planned from {--3--}{++10++} May 2027" in redline


def test_identical_drafts_are_said_to_be_identical(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(repo, monkeypatch, "--against", "main") == 0
    assert capsys.readouterr().out.startswith("The drafts are identical")


def test_an_unknown_revision_is_refused(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(repo, monkeypatch, "--against", "no-such-branch") == 2
    err = capsys.readouterr().err
    assert ("expected a git revision (a commit, branch or tag) or an existing file, "
            "found 'no-such-branch'") in err
    assert "Traceback" not in err
    assert not (repo / "build").exists()


def test_a_project_that_did_not_exist_at_the_revision_is_refused(
        repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    other = repo / "projects" / "other"
    shutil.copytree(repo / "projects" / "salt", other)
    monkeypatch.chdir(repo)
    assert main(["compare", "projects/other", "--against", "HEAD"]) == 2
    assert "projects/other/project.yaml did not exist at revision HEAD" in capsys.readouterr().err


def test_an_invalid_older_draft_names_its_revision_and_line(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = repo / "projects" / "salt" / "project.yaml"
    good = project.read_text()
    project.write_text(good.replace("    country: BE\n", "    country: XX\n"))
    _git(repo, "commit", "-q", "-am", "a broken draft")
    project.write_text(good)
    assert _run(repo, monkeypatch, "--against", "HEAD") == 2
    err = capsys.readouterr().err
    line = good[: good.index("    country: BE\n")].count("\n") + 1
    assert "projects/salt/project.yaml@" in err and f":{line}:14: partners[1].country: expected" in err


def test_an_invalid_newer_draft_is_reported_as_itself(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    project = repo / "projects" / "salt" / "project.yaml"
    project.write_text(project.read_text().replace("    country: BE\n", "    country: XX\n"))
    assert _run(repo, monkeypatch, "--against", "HEAD") == 2
    err = capsys.readouterr().err
    assert "projects/salt/project.yaml:" in err and "@" not in err.split(":", 1)[0]


def test_outside_a_repository_a_revision_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "projects" / "salt"
    folder.mkdir(parents=True)
    shutil.copyfile(EXAMPLE, folder / "project.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert main(["compare", "projects/salt", "--against", "HEAD"]) == 2
    assert "is not in a git repository" in capsys.readouterr().err


def test_a_revision_that_looks_like_an_option_is_refused(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(repo, monkeypatch, "--against=--output=/tmp/x") == 2
    assert "expected a revision or a file, found '--output=/tmp/x'" in capsys.readouterr().err


def test_a_draft_kept_by_the_build_is_compared_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "projects" / "salt"
    folder.mkdir(parents=True)
    project = folder / "project.yaml"
    shutil.copyfile(EXAMPLE, project)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--keep-drafts", "--format", "md", "-q"]) == 0
    kept = tmp_path / "build" / "salt" / "drafts" / "draft-3"
    assert (kept / "project.yaml").read_bytes() == EXAMPLE.read_bytes()
    assert (kept / "agreement.md").read_bytes() == (tmp_path / "build" / "salt" / "agreement.md").read_bytes()
    text = project.read_text()
    project.write_text(text.replace("  number: 3\n", "  number: 4\n", 1).replace(
        "start: 2027-05-03", "start: 2027-05-10"))
    assert main(["build", "--keep-drafts", "--format", "md", "-q"]) == 0
    assert (tmp_path / "build" / "salt" / "drafts" / "draft-4" / "project.yaml").read_bytes() == \
        project.read_bytes()
    assert (kept / "project.yaml").read_bytes() == EXAMPLE.read_bytes()  # draft 3 is kept as it was
    capsys.readouterr()
    assert main(["compare", "projects/salt", "--against", str(kept)]) == 0
    assert "Milestone Principal photography, start: 2027-05-03 → 2027-05-10" in \
        capsys.readouterr().out
