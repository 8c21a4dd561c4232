"""Read framework files: the built-in ones shipped in ``coprod/frameworks/`` and a user's own.

A user adds a framework by dropping ``<id>.yaml`` into a ``frameworks/`` folder next to ``projects/`` (or
into a folder given with ``coprod check --frameworks-dir``); no Python changes. A malformed file is an
`InputError` naming file, line, column and field, like a malformed project file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from coprod.analysis.eligibility.catalog import FrameworkCatalog, LoadedFramework
from coprod.analysis.eligibility.schema import Framework
from coprod.errors import InputError, Problem
from coprod.loading.project import shown_path
from coprod.loading.yaml_source import child, read_tree
from coprod.location import FieldPath, SourceLocation, SourceMap
from coprod.model.types import describe

USER_FOLDER = "frameworks"
"""Name of the user's frameworks folder, next to ``projects/``."""

_MESSAGES = {
    "missing": "expected a value for this required field, found none",
    "extra_forbidden": "expected a known field, found an unknown key",
}


def _data_path(data: object, loc: Sequence[str | int]) -> FieldPath:
    """Pydantic's *loc* as a path into *data*: drops the union tag it inserts (a rule's ``kind``)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        present, value = child(node, part)
        if not present and isinstance(node, dict) and part == node.get("kind"):
            continue  # the discriminator, not a key of the file
        node = value  # a missing or unknown key stays in the path, for the message, and ends the walk
        path.append(part)
    return tuple(path)


def _message(error: ErrorDetails) -> str:
    """Pydantic's message as 'expected ..., found ...' (the model's own messages already read so)."""
    kind = error["type"]
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    message = error["msg"]
    found = describe(error["input"])
    if kind == "union_tag_invalid":
        tags = error.get("ctx", {}).get("expected_tags", "")
        return f"expected a rule kind ({tags}), found {describe(error.get('ctx', {}).get('tag'))}"
    if message.startswith("expected"):
        return message if ", found " in message else f"{message}, found {found}"
    return f"expected a valid value ({message[0].lower()}{message[1:]}), found {found}"


def _problem(error: ErrorDetails, data: object, values: SourceMap, keys: SourceMap) -> Problem:
    path = _data_path(data, error["loc"])
    if error["type"] == "union_tag_invalid":
        path = (*path, "kind")
    where = keys if error["type"] == "extra_forbidden" else values
    return Problem(where.locate(path), _message(error))


def parse_framework(text: str, file: Path) -> Framework:
    """Validate the framework file *text* read from *file*; InputError lists every problem with its place."""
    tree = read_tree(text, file)  # parse_yaml's values, plus where each key stands (for unknown keys)
    data, source_map, keys = tree.data, SourceMap(file, tree.values), SourceMap(file, tree.keys)
    if not isinstance(data, dict):
        raise InputError([Problem(source_map.locate(()), "expected a framework: a mapping starting with "
                                                         f"'version: 1', found {describe(data)}")])
    try:
        framework = Framework.model_validate(data)
    except ValidationError as error:
        problems = [_problem(e, data, source_map, keys) for e in error.errors(include_url=False)]
        raise InputError(problems) from None
    if framework.id != file.stem:
        where = source_map.locate(("id",))
        raise InputError([Problem(where, f"expected the id '{file.stem}' (the file's name), "
                                         f"found '{framework.id}'")])
    return framework


def load_framework(file: Path) -> Framework:
    """Read and validate one framework file (text read before is not parsed again)."""
    shown = shown_path(file)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError([Problem(SourceLocation(shown, 1, 1), f"cannot read the file: {error.strerror}")]) \
            from None
    return _parsed(text, shown)


@lru_cache(maxsize=256)
def _parsed(text: str, shown: Path) -> Framework:
    """`parse_framework`, remembered by text: a slate checks many projects against the same user files."""
    return parse_framework(text, shown)


@cache
def _builtin() -> tuple[LoadedFramework, ...]:
    folder = resources.files("coprod").joinpath("frameworks")
    loaded = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".yaml"):
            path = Path(str(item))
            loaded.append(LoadedFramework(parse_framework(item.read_text(encoding="utf-8"), path), path,
                                          builtin=True))
    return tuple(loaded)


def _user(folders: Iterable[Path]) -> list[LoadedFramework]:
    loaded: list[LoadedFramework] = []
    seen: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            framework = load_framework(path)
            if framework.id in seen:
                raise InputError([Problem(SourceLocation(path, 1, 1, ("id",)),
                                          f"expected one file per framework id, found '{framework.id}' "
                                          f"also in {seen[framework.id]}")])
            seen[framework.id] = path
            loaded.append(LoadedFramework(framework, path, builtin=False))
    return loaded


def user_folder(project_file: Path) -> Path:
    """The ``frameworks/`` folder next to the ``projects/`` folder that holds *project_file*."""
    project_dir = project_file.resolve().parent
    root = project_dir.parent.parent if project_dir.parent.name == "projects" else project_dir
    return root / USER_FOLDER


def catalog_for(project_file: Path, extra: Sequence[Path] = ()) -> FrameworkCatalog:
    """The frameworks a project sees: built-in, those next to its ``projects/`` folder, those in *extra*."""
    return load_catalog([user_folder(project_file), *extra])


def load_catalog(folders: Sequence[Path] = ()) -> FrameworkCatalog:
    """The built-in frameworks, then those in *folders* (missing folders are skipped)."""
    entries = {entry.framework.id: entry for entry in _builtin()}
    for entry in _user(folders):
        entries[entry.framework.id] = entry
    return FrameworkCatalog(entries)


def builtin_catalog() -> FrameworkCatalog:
    """Only the frameworks shipped with coprod."""
    return load_catalog(())
