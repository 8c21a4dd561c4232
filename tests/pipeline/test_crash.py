"""A build killed with SIGKILL leaves only complete outputs, and the next build finishes the job.

Two builds of one folder at once: the second waits for the first, and nothing is corrupted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from tests.pipeline.pipeline_support import END, Kit

REPOSITORY = Path(__file__).resolve().parents[2]
TARGETS_PER_PROJECT = 10
PROJECTS = 24


def _start(kit: Kit, jobs: int = 2) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.pipeline.fake_build", str(kit.root), str(jobs)],
                            cwd=REPOSITORY, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition: object, deadline: float = 60.0) -> None:
    assert callable(condition)
    end = time.monotonic() + deadline
    while not condition():
        assert time.monotonic() < end, "the build did not get that far"
        time.sleep(0.01)


def _outputs(kit: Kit) -> list[Path]:
    return [path for path in kit.out.rglob("*") if path.suffix in (".md", ".docx")]


def _assert_complete(path: Path) -> None:
    if path.suffix == ".md":
        text = path.read_text()
        page = path.name in ("index.md", "README.md")
        assert text.startswith("---\n") and (text.endswith(END) or page), path
    else:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path


def test_sigkill_leaves_complete_outputs_and_the_next_build_finishes(kit: Kit) -> None:
    for number in range(PROJECTS):
        kit.project(f"film-{number:02d}", delay="0.1")
    build = _start(kit)
    _wait_for(lambda: len(_outputs(kit)) >= 1)  # the first batch is in place; more are being made
    os.kill(build.pid, signal.SIGKILL)
    build.communicate()
    present = _outputs(kit)
    assert 1 <= len(present) < PROJECTS * TARGETS_PER_PROJECT
    for path in present:
        _assert_complete(path)
    again = kit.build(jobs=2)
    assert again.failures == []
    assert len(again.built) + again.up_to_date == PROJECTS * TARGETS_PER_PROJECT
    assert again.built, "the killed build cannot have finished everything"
    for path in _outputs(kit):
        _assert_complete(path)
    assert not list(kit.out.rglob("*.coprod-tmp"))
    assert kit.build().built == []


def test_two_builds_at_once_wait_for_each_other_and_corrupt_nothing(kit: Kit) -> None:
    gate = kit.root / "gate"
    for number in range(6):
        kit.project(f"film-{number:02d}", gate=str(gate))
    first = _start(kit)
    lock = kit.out / ".coprod" / "lock"
    _wait_for(lambda: lock.is_file() and lock.read_text() == str(first.pid))
    second = _start(kit)
    assert second.stderr is not None
    waiting = second.stderr.readline()  # the first build is held at the gate, so the second must wait
    gate.touch()
    out_first, err_first = first.communicate(timeout=120)
    out_second, err_second = second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), (err_first, err_second)
    assert waiting == f"coprod: waiting for another build of {kit.out} to finish (process {first.pid})\n"
    built_first, built_second = json.loads(out_first)["built"], json.loads(out_second)["built"]
    assert len(built_first) == 6 * TARGETS_PER_PROJECT
    assert built_second == []
    for path in _outputs(kit):
        _assert_complete(path)
    assert kit.build().built == []
