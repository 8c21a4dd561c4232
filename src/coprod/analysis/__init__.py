"""Analysis: pure functions from a validated `Project` to typed results and findings.

``analyse(project) -> Analysis`` is the entry point (``coprod.analysis.run``); it is imported lazily so
that modules needing only `coprod.analysis.findings` stay light and no import cycle forms with
``coprod.loading.frameworks``.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coprod.analysis.run import Analysis, analyse

__all__ = ["Analysis", "analyse"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from coprod.analysis import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
