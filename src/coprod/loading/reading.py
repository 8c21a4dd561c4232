"""From a file on disk to checked text: a regular file of bounded size, in UTF-8, refused in plain words.

A UTF-8 byte-order mark (Windows Notepad writes one) is dropped silently.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coprod.errors import InputError, Problem
from coprod.location import SourceLocation

MAX_BYTES = 2 * 1024 * 1024
"""Largest project file read (2 MiB); a real one is a few kilobytes."""

_UTF8_BOM = b"\xef\xbb\xbf"
"""Windows Notepad starts UTF-8 files with it: dropped silently."""
_BOMS = (
    (b"\xff\xfe", "a UTF-16 byte-order mark", "save it as UTF-8"),
    (b"\xfe\xff", "a UTF-16 byte-order mark", "save it as UTF-8"),
)


class NotAFile(OSError):
    """The path is a named pipe, a device, a socket or a folder: reading it could block or never end."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), which would never end"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device, not a file"


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most *limit* bytes of the regular file *path*, without blocking on a pipe or device.

    Raises:
        NotAFile: *path* is not a regular file (checked on the open file: no race with a swap).
        OSError: it cannot be opened or read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(_kind(mode))
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(limit)
    finally:
        os.close(fd)


def _refuse(file: Path, line: int, column: int, message: str) -> InputError:
    return InputError([Problem(SourceLocation(file, line, column), message)])


def read_text(path: Path, shown_as: Path | None = None, *, limit: int = MAX_BYTES,
              what: str = "project file") -> str:
    """The text of the project file at *path*, checked to be a UTF-8 file of sensible size.

    Args:
        path: The file to read.
        shown_as: How to name the file in messages (defaults to *path*).
        limit: Largest size read, in bytes (a ledger may be larger than a project file).
        what: What the file is, as messages name it.

    Raises:
        InputError: the file is missing, unreadable, too large, has a byte-order mark or is not UTF-8.
    """
    shown = shown_as or path
    try:
        data = read_regular_file(path, limit + 1)
    except NotAFile as error:
        raise _refuse(shown, 1, 1, f"expected a {what}, found {error.kind}") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise _refuse(shown, 1, 1, f"expected a readable {what}, found an error: {reason}") from None
    data = data.removeprefix(_UTF8_BOM)
    if len(data) > limit:
        raise _refuse(shown, 1, 1, f"expected a {what} of at most {limit // (1024 * 1024)} MiB, "
                                   "found a larger file (is this the right file?)")
    for bom, mark, fix in _BOMS:
        if data.startswith(bom):
            raise _refuse(shown, 1, 1, f"expected plain UTF-8 text, found {mark} at the start of the file "
                                       f"({fix})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
        byte = data[error.start]
        raise _refuse(shown, line, column,
                      f"expected UTF-8 text, found the byte 0x{byte:02X} at byte offset {error.start}, which "
                      "is not UTF-8 (the file is probably in Latin-1 or Windows-1252: save it as UTF-8)"
                      ) from None
