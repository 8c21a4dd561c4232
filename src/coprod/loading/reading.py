"""From a file on disk to checked text: size limit, byte-order mark and UTF-8, each refused in plain words."""

from __future__ import annotations

from pathlib import Path

from coprod.errors import InputError, Problem
from coprod.location import SourceLocation

MAX_BYTES = 2 * 1024 * 1024
"""Largest project file read (2 MiB); a real one is a few kilobytes."""

_BOMS = (
    (b"\xef\xbb\xbf", "a UTF-8 byte-order mark (BOM)",
     "save it as 'UTF-8' rather than 'UTF-8 with BOM', or remove the first three bytes"),
    (b"\xff\xfe", "a UTF-16 byte-order mark", "save it as UTF-8"),
    (b"\xfe\xff", "a UTF-16 byte-order mark", "save it as UTF-8"),
)


def _refuse(file: Path, line: int, column: int, message: str) -> InputError:
    return InputError([Problem(SourceLocation(file, line, column), message)])


def read_text(path: Path, shown_as: Path | None = None) -> str:
    """The text of the project file at *path*, checked to be a UTF-8 file of sensible size.

    Args:
        path: The file to read.
        shown_as: How to name the file in messages (defaults to *path*).

    Raises:
        InputError: the file is missing, unreadable, too large, has a byte-order mark or is not UTF-8.
    """
    shown = shown_as or path
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise _refuse(shown, 1, 1, f"expected a readable project file, found an error: {reason}") from None
    if len(data) > MAX_BYTES:
        raise _refuse(shown, 1, 1, f"expected a project file of at most {MAX_BYTES // (1024 * 1024)} MiB, "
                                   "found a larger file (is this the right file?)")
    for bom, what, fix in _BOMS:
        if data.startswith(bom):
            raise _refuse(shown, 1, 1, f"expected plain UTF-8 text, found {what} at the start of the file "
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
