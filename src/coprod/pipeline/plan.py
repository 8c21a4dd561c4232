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

    @property
    def options(self) -> str:
        """The options that are part of every target's identity, as recorded in the state."""
        notes = "clean" if self.clean else "notes"
        return f"{notes}|templates={self.templates}" if self.templates else notes


def options_change(recorded: str, settings: Settings) -> str:
    """Say how *settings* differ from the *recorded* options: ``--clean``, ``templates from DIR``."""
    notes, _, templates = recorded.partition("|templates=")
    changes = []
    if (notes == "clean") != settings.clean:
        changes.append("--clean" if settings.clean else "without --clean")
    if templates != settings.templates:
        changes.append(f"templates from {settings.templates or 'coprod'}")
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
