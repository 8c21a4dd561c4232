"""The Jinja a house-style shell may hold: the clause templates' sandbox and limits, for XML.

A shell is a file from outside, so its tags get what clause templates get: the immutable sandbox, no
globals (no ``range``, ``lipsum``, ``cycler``, ``namespace``), resource limits (`rendering.limits`), and a
short list of harmless filters (never ``safe``: a value must not reach the XML raw). ``{% autoescape %}``,
``{% include %}``, ``{% import %}`` and ``{% extends %}`` are refused when the shell is loaded. Every error,
when compiling or rendering, names the shell file, the part and the line (one paragraph a line).

Values are text, never XML: autoescape is on, and a line break (or tab) in a value prints as a space,
as it does in the body of the Word document, so data cannot start a line, a paragraph or a page of its own.
docxtpl's escape markers for literal braces (``{_{`` ... ``}_}`` in the shell) are turned into text when
the shell is compiled, so data that looks like them prints as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from coprod.errors import TemplateError
from coprod.rendering.limits import LimitedSandbox, LimitExceeded, render_bounded

ALLOWED_FILTERS: Final = frozenset({"upper", "lower", "title", "capitalize", "trim", "length", "count",
                                    "first", "last", "join", "default", "d", "replace", "string", "escape",
                                    "e"})
"""Filters a shell may use: none of them lets a value through unescaped."""
_REFUSED_NODES: Final = {
    nodes.Extends: "{% extends %}", nodes.Include: "{% include %}", nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}", nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.EvalContextModifier: "{% autoescape %}",
}
_MARKERS: Final = re.compile(r"\{_\{|\}_\}|\{_%|%_\}")
_BREAKS: Final = re.compile(r"\r\n|[\r\n\t\v\f\x85\u2028\u2029]")
_LINE: Final = " (one paragraph a line)"


def literal_markers(source: str) -> str:
    """Turn docxtpl's literal-brace markers in the shell's own text into Jinja string literals."""
    return _MARKERS.sub(lambda match: '{{ "' + match.group(0).replace("_", "") + '" }}', source)


def _finalize(value: Any) -> Any:
    """A value's line breaks and tabs print as spaces (as in the document's body); XML escaping follows."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _BREAKS.sub(" ", value)


class ShellTemplate(jinja2.Template):
    """A compiled shell part: renders within the limits, and its errors name the shell, part and line."""

    part: str = ""
    shell: Path = Path()

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render the part; every failure is a `TemplateError` naming the shell file, part and line."""
        context: Mapping[str, Any] = dict(*args, **kwargs)
        try:
            return render_bounded(self, context)
        except Exception as error:  # anything a hostile shell can make Jinja raise
            raise self._error(error) from None

    def _error(self, error: BaseException) -> TemplateError:
        line = None
        trace = error.__traceback__
        while trace is not None:
            if trace.tb_frame.f_code.co_filename == "<template>":
                line = trace.tb_lineno
            trace = trace.tb_next
        where = f"{self.part}, line {line}{_LINE}" if line else self.part
        if isinstance(error, LimitExceeded):
            detail = f"too much for a template: {error}"
        elif isinstance(error, jinja2.exceptions.SecurityError):
            detail = f"blocked by the sandbox: {error}"
        elif isinstance(error, jinja2.UndefinedError):
            detail = f"undefined: {error.message}"
        else:
            detail = f"{type(error).__name__}: {error}"
        return TemplateError(f"{where}: {detail}", template=str(self.shell))


class ShellEnvironment(LimitedSandbox, ImmutableSandboxedEnvironment):
    """Sandboxed, bounded, strict, autoescaping, with no globals and only `ALLOWED_FILTERS`."""

    template_class = ShellTemplate

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                         finalize=_finalize, auto_reload=False)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS if name in self.filters}

    def shell_template(self, source: str, part: str, shell: Path) -> ShellTemplate:
        """Compile the part *part* of the shell file *shell*."""
        template = self.from_string(source)
        assert isinstance(template, ShellTemplate)
        template.part, template.shell = part, shell
        return template


def check_shell_template(tree: nodes.Template, part: str, shell: Path) -> None:
    """Refuse tags a shell has no use for and that would reach past its sandbox.

    Raises:
        TemplateError: naming the shell, the part and the line.
    """
    for kind, tag in _REFUSED_NODES.items():
        for node in tree.find_all(kind):
            raise TemplateError(f"{part}, line {node.lineno}{_LINE}: {tag} is not allowed in a house style",
                                template=str(shell))
    for used in tree.find_all(nodes.Filter):
        if used.name not in ALLOWED_FILTERS:
            allowed = ", ".join(sorted(ALLOWED_FILTERS))
            raise TemplateError(f"{part}, line {used.lineno}{_LINE}: the filter '{used.name}' is not allowed "
                                f"in a house style (allowed: {allowed})", template=str(shell))


__all__ = ["ALLOWED_FILTERS", "ShellEnvironment", "ShellTemplate", "check_shell_template", "literal_markers"]
