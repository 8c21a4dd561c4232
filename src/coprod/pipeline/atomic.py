"""Crash-safe writes: a temporary file in the destination's folder, fsynced, then renamed into place.

A rename within one folder is atomic, so a reader (or a build killed at any moment) sees either the old
complete file or the new complete file, never a truncated one. Temporary files carry the `TEMP_SUFFIX`,
and a build that finds some left by a killed build removes them.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from coprod.errors import BuildError

TEMP_SUFFIX = ".coprod-tmp"


def _os_message(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def write_temp(dest: Path, data: bytes) -> Path:
    """Write *data* to a new temporary file beside *dest* and fsync it; return its path.

    Raises:
        BuildError: the folder cannot be created or written.
    """
    folder = dest.parent
    temp = folder / f".{dest.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise BuildError(f"cannot write {dest}: {_os_message(error)}") from None
    return temp


def replace(temp: Path, dest: Path) -> None:
    """Rename *temp* over *dest*, refusing to replace an output the user made read-only.

    Raises:
        BuildError: *dest* is read-only, is a folder, or the rename fails.
    """
    try:
        if dest.is_dir():
            raise BuildError(f"cannot write {dest}: a folder is in the way; remove it")
        if dest.exists() and not os.access(dest, os.W_OK):
            raise BuildError(f"cannot write {dest}: the file is read-only; make it writable or remove it")
        temp.replace(dest)
    except OSError as error:
        raise BuildError(f"cannot write {dest}: {_os_message(error)}") from None
    finally:
        temp.unlink(missing_ok=True)


def fsync_dir(folder: Path) -> None:
    """Make the renames in *folder* durable (best effort: some file systems cannot fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(dest: Path, data: bytes) -> None:
    """Write *data* to *dest* atomically and durably."""
    replace(write_temp(dest, data), dest)
    fsync_dir(dest.parent)


def sweep_temps(root: Path) -> int:
    """Remove temporary files that a killed build left under *root*; return how many."""
    removed = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(TEMP_SUFFIX):
                Path(folder, name).unlink(missing_ok=True)
                removed += 1
    return removed
