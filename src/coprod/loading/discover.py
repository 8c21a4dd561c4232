"""Which project files a command works on: the ones named, or every project under ``projects/``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coprod.errors import UsageError

PROJECT_FILE = "project.yaml"
PROJECTS_FOLDER = "projects"


def find_projects(arguments: Sequence[str], root: Path) -> list[Path]:
    """The project files named by *arguments* (folders or YAML files), or every project under *root*.

    With no arguments: every ``projects/*/project.yaml`` under *root*, sorted by folder name. A named
    folder means its ``project.yaml``. The same file named twice is listed once.

    Raises:
        UsageError: a named file or folder does not exist, or a folder has no project file; or there are
            no arguments and no project under *root*.
    """
    if not arguments:
        found = sorted((root / PROJECTS_FOLDER).glob(f"*/{PROJECT_FILE}"))
        if not found:
            raise UsageError(f"no projects found: expected {PROJECTS_FOLDER}/<slug>/{PROJECT_FILE} under "
                             f"{root} (create one with 'coprod new SLUG')")
        return found
    paths: list[Path] = []
    for argument in arguments:
        path = _project_file(Path(argument))
        if path.resolve() not in {p.resolve() for p in paths}:
            paths.append(path)
    return paths


def _project_file(path: Path) -> Path:
    if path.is_dir():
        candidate = path / PROJECT_FILE
        if not candidate.is_file():
            raise UsageError(f"{path}: expected a project folder holding {PROJECT_FILE}, found none")
        return candidate
    if path.is_file():
        if path.suffix not in (".yaml", ".yml"):
            raise UsageError(f"{path}: expected a project folder or its {PROJECT_FILE}, found another file")
        return path
    raise UsageError(f"{path}: expected a project folder or its {PROJECT_FILE}, found nothing there")
