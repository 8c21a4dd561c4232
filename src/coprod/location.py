"""Where a value came from: file, line, column and field path.

Field paths are tuples of keys and indexes, as pydantic reports them (``("partners", 1, "country")``);
`format_path` prints them the way a producer reads them (``partners[1].country``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """Render a field path as ``partners[1].country``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """A position in a source file; line and column count from 1, as editors show them."""

    file: Path
    line: int
    column: int
    field_path: FieldPath = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Positions of every key and value in one project file, by field path.

    The loader fills it; analysis findings and cross-field errors carry only a field path, and the CLI asks
    the map where that path stands in the YAML. A path that has no entry of its own (a field left out, so
    filled with its default) is placed at its nearest recorded ancestor.
    """

    file: Path
    positions: dict[FieldPath, tuple[int, int]]

    def locate(self, path: FieldPath) -> SourceLocation:
        """Return the location of *path*, or of its nearest ancestor that the file contains."""
        probe = tuple(path)
        while probe not in self.positions and probe:
            probe = probe[:-1]
        line, column = self.positions.get(probe, (1, 1))
        return SourceLocation(self.file, line, column, tuple(path))
