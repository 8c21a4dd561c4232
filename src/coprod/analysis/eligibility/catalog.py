"""The frameworks coprod knows: the built-in files plus any a user added, by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from coprod.analysis.eligibility.schema import Framework, FrameworkKind


@dataclass(frozen=True, slots=True)
class LoadedFramework:
    """A framework and the file it was read from (a build input)."""

    framework: Framework
    path: Path
    builtin: bool


@dataclass(frozen=True, slots=True)
class FrameworkCatalog:
    """Frameworks by id; a user's file with a built-in id replaces the built-in one."""

    entries: Mapping[str, LoadedFramework] = field(default_factory=dict)

    def get(self, framework_id: str) -> Framework | None:
        """The framework with *framework_id*, or None."""
        entry = self.entries.get(framework_id)
        return entry.framework if entry else None

    def selectable(self) -> list[str]:
        """Ids a project may name in ``structure.framework`` (treaties, conventions, programmes)."""
        kinds = {FrameworkKind.CONVENTION, FrameworkKind.TREATY, FrameworkKind.PROGRAMME}
        return sorted(i for i, entry in self.entries.items() if entry.framework.kind in kinds)

    def of_kind(self, kind: FrameworkKind) -> list[Framework]:
        """Every framework of *kind*, by id."""
        return [self.entries[i].framework for i in sorted(self.entries)
                if self.entries[i].framework.kind is kind]

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every framework file, sorted; the pipeline hashes them as build inputs."""
        return tuple(sorted(entry.path for entry in self.entries.values()))
