"""Reading project files: bytes -> text -> YAML tree with positions -> validated `Project`.

The only package that imports the YAML library. Every problem it finds is an `InputError` whose problems
name the file, line, column and field path.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coprod.loading.project import LoadedProject, load_project

__all__ = ["LoadedProject", "load_project"]


def __getattr__(name: str) -> object:
    # Lazy, so that ``coprod.loading.discover`` stays light: a no-op ``coprod build`` must not import
    # pydantic and the YAML library just to find the project files.
    if name in __all__:
        from coprod.loading import project

        return getattr(project, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
