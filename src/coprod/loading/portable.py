"""Names that work as folder names on Linux, macOS and Windows alike, and paths shown safely in messages.

A project's folder name becomes a folder in the build folder and a name in the index, on whatever
machine a colleague opens them. Some names work on one machine and break on the next, so they are refused,
with the rule: a name Windows reserves (``CON``, ``COM1``), a trailing dot or space (Windows drops them),
a character one system forbids (``<>:"/|?*`` and the backslash), a control or bidirectional character, a
leading ``-`` (read as an option by command-line tools), bytes that are not UTF-8.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Final

MAX_NAME: Final = 100
"""Longest project folder name (Windows paths are short; a slug is a few words)."""
_RESERVED: Final = re.compile(r"(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?")
_FORBIDDEN: Final = set('<>:"/\\|?*')
ALLOWED: Final = ("letters, digits, '-', '_', '.' and inner spaces; not starting with '-' or '.', not "
                  "ending with '.' or a space, not a name Windows reserves (CON, PRN, AUX, NUL, COM1-COM9, "
                  f"LPT1-LPT9), at most {MAX_NAME} characters, for example the-salt-road")
"""The rule for project folder names, as messages state it."""


def shown(path: str | os.PathLike[str]) -> str:
    """*path* as text that can always be printed: bytes that are not UTF-8 appear as backslash escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _character_problem(char: str) -> str | None:
    category = unicodedata.category(char)
    if char in _FORBIDDEN:
        return f"the character {char!r}, which Windows forbids in file names"
    if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        if category == "Cs":
            return "bytes that are not UTF-8"
        return f"the invisible character U+{ord(char):04X}"
    if char != " " and category.startswith("Z"):
        return f"the space character U+{ord(char):04X}"
    return None


def folder_name_problem(name: str) -> str | None:
    """Why *name* is not a portable project folder name, or None if it is one."""
    for char in name:
        problem = _character_problem(char)
        if problem is not None:
            return f"it contains {problem}"
    if not name:
        return "it is empty"
    if len(name) > MAX_NAME:
        return f"it is longer than {MAX_NAME} characters"
    if name.startswith(("-", ".")):
        return f"it starts with {name[0]!r}"
    if name.endswith((".", " ")):
        return "it ends with a dot or a space, which Windows drops"
    if _RESERVED.fullmatch(name):
        return "Windows reserves it for a device"
    return None


def check_folder_name(project_file: Path) -> str | None:
    """The message refusing the folder of *project_file* as a project folder name, or None if it is fine."""
    name = project_file.parent.name
    problem = folder_name_problem(name)
    if problem is None:
        return None
    return (f"{shown(project_file.parent)}: the project folder name '{shown(name)}' is not portable "
            f"({problem}); rename the folder: allowed are {ALLOWED}")
