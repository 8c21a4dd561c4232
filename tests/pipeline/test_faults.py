"""File-system faults: one line naming the path, a non-zero exit, no temp file, earlier outputs kept."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coprod.cli import main
from coprod.errors import BuildError
from coprod.loading.portable import check_folder_name, folder_name_problem
from coprod.pipeline import atomic
from coprod.pipeline.state import BuildState
from tests.pipeline.pipeline_support import Kit

EXAMPLES = Path(__file__).resolve().parents[2] / "projects"


def _temps(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.name.endswith(atomic.TEMP_SUFFIX)]


def _built_then_changed(kit: Kit) -> dict[str, bytes]:
    kit.project("alpha")
    kit.project("beta")
    assert kit.build().failures == []
    before = kit.files()
    kit.touch_template("clauses/recoupment.md.j2", "## 2. Recoupment\n\nChanged.\n")
    return before


def _failing_open(number: int, when: Callable[[str], bool]) -> Callable[..., int]:
    real = os.open

    def fake(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if when(os.fspath(path)):
            raise OSError(number, os.strerror(number), os.fspath(path))
        return real(path, flags, *args, **kwargs)

    return fake


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (errno.EROFS, "read-only file system; make the folder writable or choose another with --out"),
        (errno.EACCES, "permission denied; make the folder writable or choose another with --out"),
        (
            errno.ENOSPC,
            "no space left on device; free some space and build again (earlier outputs are unchanged)",
        ),
    ],
)
def test_a_write_fault_fails_its_targets_and_keeps_earlier_outputs(
    kit: Kit, monkeypatch: pytest.MonkeyPatch, number: int, said: str
) -> None:
    before = _built_then_changed(kit)
    monkeypatch.setattr(os, "open", _failing_open(number, lambda path: path.endswith(atomic.TEMP_SUFFIX)))
    summary = kit.build()
    assert summary.failures, "the fault must fail the build"
    for target, message in summary.failures:
        assert message.startswith(f"cannot write {kit.out / target}: ") or target == "pages", message
        assert message.endswith(said), message
    monkeypatch.undo()
    assert kit.files() == before
    assert _temps(kit.out) == []


def test_a_folder_where_an_output_should_be(kit: Kit) -> None:
    before = _built_then_changed(kit)
    (kit.out / "alpha" / "agreement.md").unlink()
    (kit.out / "alpha" / "agreement.md").mkdir()
    summary = kit.build()
    assert (
        "alpha/agreement.md",
        f"cannot write {kit.out / 'alpha' / 'agreement.md'}: a folder is in the way; remove it",
    ) in summary.failures
    assert kit.files()["beta/agreement.md"] != before["beta/agreement.md"]  # the others are built
    assert _temps(kit.out) == []


def test_an_output_that_is_a_link_out_of_the_build_folder_is_never_followed(kit: Kit, tmp_path: Path) -> None:
    _built_then_changed(kit)
    outside = tmp_path / "outside.md"
    outside.write_text("the user's own file")
    output = kit.out / "alpha" / "agreement.md"
    output.unlink()
    output.symlink_to(outside)
    summary = kit.build()
    message = dict(summary.failures)["alpha/agreement.md"]
    assert message == (
        f"cannot write {output}: {output} is a link (to {outside}); coprod never writes through "
        "a link in the build folder: remove the link"
    )
    assert outside.read_text() == "the user's own file"
    assert output.is_symlink()


def test_a_project_folder_that_is_a_link_out_of_the_build_folder_is_never_followed(
    kit: Kit, tmp_path: Path
) -> None:
    _built_then_changed(kit)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(kit.out / "alpha")
    (kit.out / "alpha").symlink_to(elsewhere, target_is_directory=True)
    summary = kit.build()
    alpha = [message for target, message in summary.failures if target.startswith("alpha/")]
    assert alpha and all(f"{kit.out / 'alpha'} is a link (to {elsewhere})" in message for message in alpha)
    assert list(elsewhere.iterdir()) == []
    assert _temps(kit.out) == []


def test_a_failed_fsync_is_not_ignored(kit: Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _built_then_changed(kit)

    def failing(_fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(atomic, "_syncfs", lambda: failing)
    with pytest.raises(BuildError) as caught:
        kit.build()
    assert str(caught.value) == f"cannot make the files written to {kit.out} durable: input/output error"
    monkeypatch.undo()
    assert kit.files() == before
    assert _temps(kit.out) == []


@pytest.mark.parametrize("sqlite_says", ["database or disk is full", "disk I/O error"])
def test_a_full_disk_under_the_state_says_so(
    kit: Kit, monkeypatch: pytest.MonkeyPatch, sqlite_says: str
) -> None:
    _built_then_changed(kit)

    def full(*_args: object) -> None:
        raise sqlite3.OperationalError(sqlite_says)

    monkeypatch.setattr(BuildState, "record_target", full)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: shutil._ntuple_diskusage(10**9, 10**9, 0))
    with pytest.raises(BuildError) as caught:
        kit.build()
    state = kit.out / ".coprod" / "state.sqlite"
    assert str(caught.value) == (
        f"cannot record the build in {state}: no space left on device; free some "
        "space and build again (earlier outputs are unchanged)"
    )
    assert _temps(kit.out) == []


def test_a_damaged_state_is_one_line(kit: Kit) -> None:
    kit.project("alpha")
    kit.build()
    state = kit.out / ".coprod" / "state.sqlite"
    for extra in state.parent.glob("state.sqlite-*"):
        extra.unlink()
    state.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(BuildError, match=r"^cannot use the build state .*state.sqlite: .*remove .*\.coprod"):
        kit.build()


# -- project folder names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("CON", "Windows reserves it for a device"),
        ("com1", "Windows reserves it for a device"),
        ("LPT9.film", "Windows reserves it for a device"),
        ("film.", "it ends with a dot or a space, which Windows drops"),
        ("film ", "it ends with a dot or a space, which Windows drops"),
        ("-rf", "it starts with '-'"),
        (".hidden", "it starts with '.'"),
        ("a:b", "it contains the character ':', which Windows forbids in file names"),
        ("what?", "it contains the character '?', which Windows forbids in file names"),
        ('say "hi"', "it contains the character '\"', which Windows forbids in file names"),
        ("new\nline", "it contains the invisible character U+000A"),
        ("evil\u202etxt", "it contains the invisible character U+202E"),
        ("caf\udce9", "it contains bytes that are not UTF-8"),
        ("x" * 101, "it is longer than 100 characters"),
    ],
)
def test_non_portable_folder_names_are_refused(name: str, problem: str) -> None:
    assert folder_name_problem(name) == problem


@pytest.mark.parametrize("name", ["the-salt-road", "Été_2027", "film 2", "a.b", "конец", "CONSOLE", "x"])
def test_portable_folder_names_pass(name: str) -> None:
    assert folder_name_problem(name) is None


def test_the_refusal_says_which_names_are_allowed(tmp_path: Path) -> None:
    message = check_folder_name(tmp_path / "projects" / "CON" / "project.yaml")
    assert message is not None
    assert message.startswith(
        f"{tmp_path / 'projects' / 'CON'}: the project folder name 'CON' is not portable"
    )
    assert "allowed are letters, digits, '-', '_', '.' and inner spaces" in message


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux file systems keep names that are not UTF-8")
def test_a_folder_name_that_is_not_utf8_fails_only_its_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    projects = tmp_path / "projects"
    (projects / "the-salt-road").mkdir(parents=True)
    shutil.copy(EXAMPLES / "the-salt-road" / "project.yaml", projects / "the-salt-road")
    bad = os.fsencode(projects) + b"/caf\xe9"
    os.mkdir(bad)  # noqa: PTH102 - a name that is not UTF-8 needs the bytes API
    shutil.copy(EXAMPLES / "the-salt-road" / "project.yaml", os.fsdecode(bad))
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--jobs", "1", "--format", "md"]) == 1
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out
    assert "the project folder name 'caf\\xe9' is not portable (it contains bytes that are not UTF-8)" in out
    assert (tmp_path / "build" / "the-salt-road" / "agreement.md").is_file()
    assert (
        main(
            ["build", "--jobs", "1", "--format", "md", "the-salt-road" if False else "projects/the-salt-road"]
        )
        == 0
    )
    assert "up to date" in capsys.readouterr().out  # the healthy project was recorded
    assert main(["check"]) == 2
    assert "caf\\xe9" in capsys.readouterr().err


# -- a FIFO as a project file -----------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", [["check"], ["build", "--jobs", "1", "--format", "md"]])
def test_a_fifo_as_a_project_file_does_not_hang(tmp_path: Path, command: list[str]) -> None:
    projects = tmp_path / "projects"
    (projects / "pipe").mkdir(parents=True)
    os.mkfifo(projects / "pipe" / "project.yaml")
    (projects / "the-salt-road").mkdir()
    shutil.copy(EXAMPLES / "the-salt-road" / "project.yaml", projects / "the-salt-road")
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from coprod.cli import main; sys.exit(main())", *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "projects/pipe/project.yaml:1:1: expected a project file, found a named pipe (FIFO)" in output
