"""Keep going means keep going: a dying worker costs only the project that kills it, and Ctrl-C is quiet."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod.pipeline.runner import DIED
from tests.pipeline.pipeline_support import FakeProducer, Kit

RUN_COPROD = "import sys; from coprod.cli import main; sys.exit(main())"


class DyingProducer(FakeProducer):
    """Kills its own worker process on a project with ``die: always``, or ``die: once`` the first time."""

    def render(self, project_file: Path, *, clean: bool):  # type: ignore[no-untyped-def]
        text = project_file.read_text()
        marker = project_file.with_name("died-once")
        if "die: always" in text or ("die: once" in text and not marker.exists()):
            marker.touch()
            os._exit(9)  # as a segfault or the out-of-memory killer would: no exception, no cleanup
        return super().render(project_file, clean=clean)


def _build(kit: Kit, jobs: int = 2):  # type: ignore[no-untyped-def]
    plan = kit.plan(jobs=jobs)
    plan = type(plan)(
        plan.out,
        plan.sources,
        plan.settings,
        functools.partial(DyingProducer, kit.root),
        jobs=jobs,
        whole_slate=True,
    )
    import io

    from coprod.pipeline.orchestrate import build
    from coprod.pipeline.report import Mode, Reporter

    return build(plan, Reporter(Mode.PLAIN, io.StringIO(), io.StringIO()))


def test_a_project_that_kills_its_worker_fails_alone(kit: Kit) -> None:
    for slug in ("alpha", "beta", "gamma", "delta", "epsilon"):
        kit.project(slug)
    kit.project("killer", die="always")
    summary = _build(kit)
    assert summary.failures == [("killer/*", DIED)]
    for slug in ("alpha", "beta", "gamma", "delta", "epsilon"):
        assert (kit.out / slug / "agreement.md").is_file(), slug
        assert (kit.out / slug / "agreement.docx").is_file(), slug
    assert not (kit.out / "killer").exists()
    assert not [path for path in kit.out.rglob("*") if path.name.endswith(".coprod-tmp")]


def test_a_worker_that_dies_once_costs_nothing(kit: Kit) -> None:
    for slug in ("alpha", "beta", "gamma"):
        kit.project(slug)
    kit.project("flaky", die="once")
    summary = _build(kit)
    assert summary.failures == []
    assert (kit.projects / "flaky" / "died-once").exists()  # it did die, once
    assert (kit.out / "flaky" / "agreement.md").is_file()
    assert _build(kit).built == []  # and everything was recorded


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a signal to a process group on POSIX")
def test_ctrl_c_during_a_batch_is_one_line_and_exit_130(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "projects"
    for index in range(12):  # enough work left when the first project lands, even on a fast machine
        folder = tmp_path / "projects" / f"film-{index}"
        folder.mkdir(parents=True)
        (folder / "project.yaml").write_bytes((examples / "the-salt-road" / "project.yaml").read_bytes())
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from coprod.cli import main; sys.exit(main())",
            "build",
            "--jobs",
            "2",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    build = tmp_path / "build"
    deadline = time.monotonic() + 300
    while not list(build.glob("*/agreement.md")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)  # wait until the batch is under way: one project done, others in the workers
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the build and its workers, as at a terminal
    out, err = process.communicate(timeout=300)
    assert process.returncode == 130, (out, err)
    assert err.strip().splitlines()[-1] == "coprod: interrupted"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert not [path for path in build.rglob("*") if path.name.endswith(".coprod-tmp")]
    import zipfile

    for docx in build.rglob("*.docx"):  # every output there is whole: old or new, never partial
        with zipfile.ZipFile(docx) as archive:
            assert archive.testzip() is None
    documents = list(build.glob("*/agreement.md"))
    assert documents, "the batch was interrupted before any project was done"
    for markdown in documents:
        text = markdown.read_text("utf-8")
        assert text.startswith("---\n") and "\n---\n" in text[4:] and text.endswith("\n"), markdown


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_a_worker_starts_where_there_is_no_prctl(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    from coprod.pipeline import runner

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr("ctypes.CDLL", lambda *_args, **_kwargs: (_ for _ in ()).throw(TypeError("no libc")))
    runner._die_with_parent(os.getppid())  # returns: no exception, and this process is not ended
