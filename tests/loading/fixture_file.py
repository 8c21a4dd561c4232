"""Read fixture files of broken project files, in the style of markdown-it-py's fixture files.

A fixture file holds many cases. Each case is a ``## title`` line, then three blocks that each end with a
line holding a single ``.``: the input, the expected message (every line ``coprod check`` prints on
standard error), and the exit status as ``exit N``.

An input is a whole file, or ``@base.yaml`` followed by edits to that file (next to the fixture file):
each ``-line`` must match exactly one line of the base, and is replaced by the ``+line`` lines that follow
it (none to delete it). Bytes a text file cannot show are written as tokens: ``<TAB>``, ``<BOM>``,
``<U+XXXX>`` for a character, ``<0xXX>`` for a raw byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"<TAB>|<BOM>|<U\+([0-9A-F]{4})>|<0x([0-9A-F]{2})>")


@dataclass(frozen=True)
class Case:
    title: str
    line: int
    data: bytes
    expected: str
    exit_code: int


def _decode(text: str) -> bytes:
    out = bytearray()
    position = 0
    for match in _TOKEN.finditer(text):
        out += text[position:match.start()].encode("utf-8")
        token = match.group()
        if token == "<TAB>":
            out += b"\t"
        elif token == "<BOM>":
            out += b"\xef\xbb\xbf"
        elif match.group(1):
            out += chr(int(match.group(1), 16)).encode("utf-8")
        else:
            out.append(int(match.group(2), 16))
        position = match.end()
    out += text[position:].encode("utf-8")
    return bytes(out)


def _apply(base: list[str], edits: list[str], where: str) -> list[str]:
    lines = list(base)
    index = 0
    while index < len(edits):
        edit = edits[index]
        assert edit.startswith("-"), f"{where}: expected a '-line' edit, found {edit!r}"
        matches = [n for n, line in enumerate(lines) if line == edit[1:]]
        assert len(matches) == 1, f"{where}: {edit[1:]!r} matches {len(matches)} lines of the base"
        index += 1
        added = []
        while index < len(edits) and edits[index].startswith("+"):
            added.append(edits[index][1:])
            index += 1
        lines[matches[0]:matches[0] + 1] = added
    return lines


def read_fixture_file(path: Path) -> list[Case]:
    """Every case in the fixture file at *path*."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("## "):
            index += 1
            continue
        title, start = lines[index][3:].strip(), index + 1
        blocks: list[list[str]] = []
        index += 1
        assert lines[index] == ".", f"{path}:{index + 1}: expected '.' after the title"
        index += 1
        while len(blocks) < 3:
            block: list[str] = []
            while lines[index] != ".":
                block.append(lines[index])
                index += 1
            blocks.append(block)
            index += 1
        source, expected, status = blocks
        if source and source[0].startswith("@"):
            base = (path.parent / source[0][1:]).read_text(encoding="utf-8").split("\n")
            source = _apply(base, source[1:], f"{path}:{start}")
            text = "\n".join(source)
        else:
            text = "\n".join(source) + "\n"
        (word, code), = (s.split() for s in status)
        assert word == "exit", f"{path}:{start}: expected 'exit N'"
        cases.append(Case(title, start, _decode(text), "\n".join(expected), int(code)))
    return cases
