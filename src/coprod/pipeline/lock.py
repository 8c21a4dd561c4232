"""One build per build folder at a time: an exclusive lock on ``<out>/.coprod/lock``, on any platform.

A second build of the same folder waits for the first to finish (it says so once, naming the process
that holds the lock), then finds most or all of its work done. Waiting, rather than stopping, is the
choice because two people or two CI jobs building a slate at once both want a complete folder at the end.

The lock itself is `filelock`'s native primitive on a descriptor coprod owns (``flock`` on Linux and
macOS, ``LockFileEx`` on Windows): it dies with its process, so a killed build never leaves the folder
locked. Forked worker processes would share the descriptor (and with ``flock`` the lock), so each closes
its copy right after the fork: a worker outliving a killed build must not keep the folder locked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import lock_descriptor

from coprod.errors import BuildError

_POLL_SECONDS = 0.1
"""How often a waiting build tries the lock again."""
_held: set[int] = set()
"""Descriptors this process holds locked; a forked child closes its copies (see `_close_in_child`)."""


def _close_in_child() -> None:
    for fd in _held:
        with suppress(OSError):
            os.close(fd)
    _held.clear()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_close_in_child)


def _failure(state_dir: Path, error: OSError) -> BuildError:
    return BuildError(f"cannot lock the build folder {state_dir.parent}: "
                      f"{(error.strerror or str(error)).lower()}")


def _open(state_dir: Path) -> int:
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        return os.open(state_dir / "lock", flags, 0o644)
    except OSError as error:
        raise _failure(state_dir, error) from None


def _holder(fd: int) -> str:
    """The process id the holder wrote (Windows locks the bytes, so it may be unreadable there)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode(errors="replace").strip() or "unknown"
    except OSError:
        return "unknown"


def _acquire(state_dir: Path, on_wait: Callable[[str], None]) -> int:
    """Lock the lock file, retrying if ``coprod clean`` removed it while this process waited."""
    waited = False
    while True:
        fd = _open(state_dir)
        try:
            if not lock_descriptor(fd, blocking=False):
                if not waited:
                    on_wait(f"waiting for another build of {state_dir.parent} to finish "
                            f"(process {_holder(fd)})")
                    waited = True
                lock_descriptor(fd, blocking=True, poll_interval=_POLL_SECONDS)
        except OSError as error:
            os.close(fd)
            raise _failure(state_dir, error) from None
        except BaseException:  # Ctrl-C while waiting
            os.close(fd)
            raise
        try:
            same = os.path.samestat(os.fstat(fd), (state_dir / "lock").stat())
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


@contextmanager
def build_lock(state_dir: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the build folder's lock for the block; call *on_wait* with a message if it must wait.

    Raises:
        BuildError: the lock file cannot be created or locked.
    """
    fd = _acquire(state_dir, on_wait)
    _held.add(fd)
    try:
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode())
        except OSError:
            pass  # the holder's id is a courtesy for the message of a waiting build
        yield
    finally:
        _held.discard(fd)
        os.close(fd)  # closing releases the lock
