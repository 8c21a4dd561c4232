"""The build folder's lock: portable (filelock's native lock), waits, and never held by a forked worker."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest
from filelock import lock_descriptor

from coprod.errors import BuildError
from coprod.pipeline import lock
from coprod.pipeline.lock import build_lock


def _try_lock(path: Path) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        return lock_descriptor(fd, blocking=False)
    finally:
        os.close(fd)


def test_the_lock_excludes_others_while_held_and_records_the_holder(tmp_path: Path) -> None:
    state = tmp_path / "build" / ".coprod"
    with build_lock(state, lambda message: None):
        assert (state / "lock").read_text() == str(os.getpid())
        assert not _try_lock(state / "lock")
    assert _try_lock(state / "lock")


def test_lock_module_uses_no_posix_only_module() -> None:
    source = Path(lock.__file__).read_text("utf-8")
    assert "fcntl" not in source.replace("``flock``", "") and "pread" not in source and "pwrite" not in source


def _hold(ready: multiprocessing.synchronize.Event, done: multiprocessing.synchronize.Event) -> None:
    ready.set()
    done.wait(30)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not fork")
def test_a_forked_worker_does_not_keep_the_folder_locked(tmp_path: Path) -> None:
    state = tmp_path / ".coprod"
    context = multiprocessing.get_context("fork")
    ready, done = context.Event(), context.Event()
    with build_lock(state, lambda message: None):
        worker = context.Process(target=_hold, args=(ready, done))
        worker.start()
        assert ready.wait(30)
    try:
        assert worker.is_alive()
        assert _try_lock(state / "lock")  # the build ended; its worker lives on and holds nothing
    finally:
        done.set()
        worker.join(30)


def test_a_lock_folder_that_cannot_be_made_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "build").write_text("a file where the build folder should be")
    with pytest.raises(BuildError, match=r"cannot lock the build folder .*build"), \
            build_lock(tmp_path / "build" / ".coprod", lambda message: None):
        pass
