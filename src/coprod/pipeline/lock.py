"""One build per build folder at a time: an exclusive POSIX lock (``lockf``) on ``<out>/.coprod/lock``.

A second build of the same folder waits for the first to finish (it says so once, naming the process
that holds the lock), then finds most or all of its work done. Waiting, rather than stopping, is the
choice because two people or two CI jobs building a slate at once both want a complete folder at the end.
The lock dies with its process, so a killed build never leaves the folder locked. It is a POSIX record
lock rather than ``flock`` because forked worker processes do not inherit it: a worker outliving a killed
build must not keep the folder locked.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from coprod.errors import BuildError


def _open(state_dir: Path) -> int:
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        return os.open(state_dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise BuildError(f"cannot lock the build folder {state_dir.parent}: "
                         f"{(error.strerror or str(error)).lower()}") from None


def _acquire(state_dir: Path, on_wait: Callable[[str], None]) -> int:
    """Lock the lock file, retrying if ``coprod clean`` removed it while this process waited."""
    waited = False
    while True:
        fd = _open(state_dir)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN):
                os.close(fd)
                raise BuildError(f"cannot lock the build folder {state_dir.parent}: "
                                 f"{(error.strerror or str(error)).lower()}") from None
            if not waited:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                on_wait(f"waiting for another build of {state_dir.parent} to finish (process {holder})")
                waited = True
            fcntl.lockf(fd, fcntl.LOCK_EX)
        try:
            same = os.fstat(fd).st_ino == (state_dir / "lock").stat().st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


@contextmanager
def build_lock(state_dir: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the build folder's lock for the block; call *on_wait* with a message if it must wait.

    Raises:
        BuildError: the lock file cannot be created.
    """
    fd = _acquire(state_dir, on_wait)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
