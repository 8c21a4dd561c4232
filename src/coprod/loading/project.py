"""Load one project file: read, parse, validate, check consistency; every problem reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from coprod.errors import InputError, Problem
from coprod.loading.messages import validation_problems
from coprod.loading.reading import read_text
from coprod.loading.yaml_source import YamlTree, read_tree
from coprod.location import SourceLocation, SourceMap
from coprod.model import Project, check_consistency
from coprod.model.types import describe


@dataclass(frozen=True, slots=True)
class LoadedProject:
    """A valid project and where it came from."""

    path: Path
    """The YAML file, as given."""
    slug: str
    """The project's folder name, e.g. ``the-salt-road``."""
    project: Project
    """The validated, consistent model."""
    source_map: SourceMap
    """Line and column of every value, by field path; its file is the path as messages show it."""
    text: str
    """The file's text."""


def shown_path(path: Path) -> Path:
    """*path* as messages show it: relative to the working directory when it lies inside it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path
    return path


def load_project(path: Path) -> LoadedProject:
    """Read and validate the project file at *path*.

    Raises:
        InputError: listing every problem in the file, each with its line, column and field path.
    """
    shown = shown_path(path)
    text = read_text(path, shown)
    tree = read_tree(text, shown)
    project = validate_tree(tree, shown)
    return LoadedProject(path=path, slug=path.resolve().parent.name, project=project,
                         source_map=SourceMap(shown, tree.values), text=text)


def load_text(text: str, file: Path) -> Project:
    """Validate project-file *text* as if read from *file* (for checks of generated files and tests)."""
    return validate_tree(read_tree(text, file), file)


def validate_tree(tree: YamlTree, file: Path) -> Project:
    """Validate a parsed tree with the model, then the cross-field rules.

    The cross-field rules run only on a model that validated: they need every field in place.
    """
    if not isinstance(tree.data, dict):
        line, column = tree.values.get((), (1, 1))
        found = "an empty file" if tree.data is None else describe(tree.data)
        raise InputError([Problem(SourceLocation(file, line, column),
                                  "expected a mapping of sections starting with 'coprod: 1', "
                                  f"found {found}")])
    try:
        project = Project.model_validate(tree.data)
    except ValidationError as error:
        raise InputError(validation_problems(error, tree, file)) from None
    values, keys = SourceMap(file, tree.values), SourceMap(file, tree.keys)
    problems = [Problem((keys if item.at_key else values).locate(item.path), item.message)
                for item in check_consistency(project)]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.location.line, p.location.column)))
    return project
