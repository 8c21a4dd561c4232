"""One exception root for coprod; ``cli.py`` is the only place that turns these into exit codes.

Every error a user can cause is a `CoprodError` with a message meant for them. Errors about a file carry
its location as data (`SourceLocation`), and ``__str__`` formats it, so no raise site can forget it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coprod.location import SourceLocation, format_path


class CoprodError(Exception):
    """Root of every error coprod reports to a user."""

    exit_code = 1


class UsageError(CoprodError):
    """The command line asks for something that cannot be done (unknown project, bad option value)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, at one place."""

    location: SourceLocation
    message: str

    def __str__(self) -> str:
        path = format_path(self.location.field_path)
        prefix = f"{self.location}: "
        return f"{prefix}{path}: {self.message}" if path else f"{prefix}{self.message}"


class InputError(CoprodError):
    """A project file (or another input file) cannot be read or is invalid; lists every problem found."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class AnalysisError(CoprodError):
    """The deal analysis cannot run (for example, the project names a framework that does not exist)."""

    exit_code = 2


class TemplateError(CoprodError):
    """A template is broken: syntax, an undefined variable, a bad cross-reference; names template and line."""

    exit_code = 1

    def __init__(self, message: str, template: str | None = None, line: int | None = None) -> None:
        self.template = template
        self.line = line
        self.detail = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.template:
            where = f"{self.template}:{self.line}: " if self.line else f"{self.template}: "
        return f"{where}{self.detail}"


class BuildError(CoprodError):
    """A build target could not be produced or written."""

    exit_code = 1
