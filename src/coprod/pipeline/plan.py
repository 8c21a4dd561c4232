"""What ``coprod build`` was asked to do: the projects, the settings, the producer, the workers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coprod.pipeline.targets import Format

if TYPE_CHECKING:  # the producer's module is not needed to decide that nothing is to be done
    from coprod.pipeline.producer import ProducerFactory


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user asked of this build, apart from which projects."""

    formats: tuple[Format, ...] = (Format.MD, Format.DOCX)
    clean: bool = False
    force: bool = False
    version: str = ""
    templates: str = ""
    """A clause library used instead of coprod's own (``--templates``), or empty."""
    frameworks: str = ""
    """The user's framework files by name (``frameworks/*.yaml``), or empty: adding or removing one changes
    what every analysis can read, which no recorded dependency of a target would show."""

    @property
    def options(self) -> str:
        """The options that are part of every target's identity, as recorded in the state."""
        parts = ["clean" if self.clean else "notes"]
        if self.templates:
            parts.append(f"templates={self.templates}")
        if self.frameworks:
            parts.append(f"frameworks={self.frameworks}")
        return "|".join(parts)


def options_change(recorded: str, settings: Settings) -> str:
    """Say how *settings* differ from the *recorded* options: ``--clean``, ``templates from DIR``, ..."""
    notes, *rest = recorded.split("|")
    before = dict(part.partition("=")[::2] for part in rest)
    changes = []
    if (notes == "clean") != settings.clean:
        changes.append("--clean" if settings.clean else "without --clean")
    if before.get("templates", "") != settings.templates:
        changes.append(f"templates from {settings.templates or 'coprod'}")
    if before.get("frameworks", "") != settings.frameworks:
        changes.append("framework files added or removed")
    return ", ".join(changes)


@dataclass(frozen=True, slots=True)
class ProjectSource:
    """A project to build: its folder name (the slug) and its project file."""

    slug: str
    project_file: str


@dataclass(frozen=True, slots=True)
class BuildPlan:
    """Everything ``coprod build`` was asked to do."""

    out: Path
    sources: tuple[ProjectSource, ...]
    settings: Settings
    factory: ProducerFactory
    jobs: int = 1
    whole_slate: bool = False
    """True when building every project: projects gone from the slate are removed from the folder."""
    dry_run: bool = False
    refused: tuple[tuple[str, str], ...] = ()
    """Projects left out because their folder name is not portable: (``slug/*``, message) each."""
