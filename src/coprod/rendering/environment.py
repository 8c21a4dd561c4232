"""The Jinja environment every document is rendered in: sandboxed, strict, and escaping for Markdown.

- ``ImmutableSandboxedEnvironment``: templates cannot reach private attributes, call unsafe methods or
  mutate the view model.
- ``StrictUndefined``: a missing variable or a blocked attribute is an error, never an empty string.
- Escaping: autoescape is on (so macros, ``caller()`` and blocks produce `Safe` text) and ``finalize``
  turns every printed value into escaped Markdown before autoescape sees it (see `escape.py`). Values
  that must be formatted first (amounts, dates, lists) are refused, so a template cannot print
  ``Decimal('3800000')`` by accident.
- Only coprod's filters exist (`filters.FILTERS`): Jinja's built-in filters escape for HTML.
- Limits (`limits.py`): every render is bounded in time, memory and output; huge powers, repetitions and
  runaway loops are refused where they happen, with the template and line.

Every error raised while loading or rendering a template becomes a `TemplateError` naming the template
file (relative to ``templates/``) and the line.
"""

from __future__ import annotations

import datetime as dt
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2 import FileSystemLoader, StrictUndefined, Undefined, nodes
from jinja2.compiler import Frame, optimizeconst
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from coprod.errors import CoprodError, TemplateError
from coprod.rendering.escape import Safe, escape
from coprod.rendering.filters import FILTERS
from coprod.rendering.limits import LimitedCodeGenerator, LimitedSandbox, LimitExceeded, render_bounded

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""The templates shipped with coprod (``src/coprod/templates`` links to the top-level ``templates/``)."""


def _finalize(value: Any) -> Any:
    """Escape every printed value; refuse values that need a filter to be printed properly."""
    if isinstance(value, Markup | Undefined):
        return value  # already Markdown, or StrictUndefined, which raises when printed
    if isinstance(value, bool | Decimal | float | dt.date) or not isinstance(value, str | int):
        kind = type(value).__name__
        raise TypeError(f"cannot print a {kind} as it is; format it with a filter "
                        "(money, figures, percent, date, join)")
    return escape(value)


class _MarkdownCodeGenerator(LimitedCodeGenerator):
    """Compiles ``a ~ b`` to `MarkdownEnvironment.markdown_join` instead of Jinja's ``markup_join``.

    Jinja joins with ``Markup("").join`` when an operand is safe, which escapes the others for HTML; a
    Markdown character such as ``*`` would then pass unescaped.
    """

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.markdown_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class MarkdownEnvironment(LimitedSandbox, ImmutableSandboxedEnvironment):
    """The sandboxed environment, bounded in time, memory and output (`limits`), with ``~`` escaping."""

    code_generator_class = _MarkdownCodeGenerator

    @staticmethod
    def markdown_join(parts: Iterable[Any]) -> str:
        """``a ~ b ~ c``: `Safe` if any part is already Markdown (the others escaped), else plain text."""
        items = [part if isinstance(part, Markup) else str(part) for part in parts]
        if any(isinstance(item, Markup) for item in items):
            return Safe("").join(items)
        return "".join(items)


MAX_TEMPLATE_BYTES = 1024 * 1024
"""Largest template file read (1 MiB; the longest clause is a few kilobytes)."""


class _FileLoader(FileSystemLoader):
    """Loads only regular files of at most `MAX_TEMPLATE_BYTES`: a pipe would block, a huge file exhaust."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        for folder in self.searchpath:
            candidate = Path(folder, *split_template_path(template))
            try:
                mode, size = (found := candidate.stat()).st_mode, found.st_size
            except OSError:
                continue
            if not stat.S_ISREG(mode):
                raise TemplateError(f"template {template} is not a regular file (a pipe, device or folder)")
            if size > MAX_TEMPLATE_BYTES:
                raise TemplateError(f"template {template} is {size:,} bytes; a template is at most "
                                    f"{MAX_TEMPLATE_BYTES:,}")
            break
        return super().get_source(environment, template)


def create_environment(root: Path = TEMPLATES) -> MarkdownEnvironment:
    """A fresh environment loading templates from *root*."""
    env = MarkdownEnvironment(
        loader=_FileLoader(str(root), encoding="utf-8"),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.clear()
    env.filters.update(FILTERS)
    env.globals.clear()
    return env


def template_name(env: jinja2.Environment, filename: str) -> str | None:
    """The name (relative to the templates folder) of the template file *filename*, if it is one."""
    loader = env.loader
    if not isinstance(loader, FileSystemLoader):
        return None
    for root in loader.searchpath:
        try:
            return Path(filename).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            continue
    return None


def current_position(env: jinja2.Environment) -> tuple[str | None, int | None]:
    """The template and line being rendered right now (for errors raised by helpers such as ``ref``)."""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals
        if module.get("environment") is env and "debug_info" in module and "name" in module:
            template = env.get_template(module["name"])
            return template.name, template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back  # type: ignore[assignment]
    return None, None


def _traceback(tb: TracebackType | None) -> Iterator[TracebackType]:
    while tb is not None:
        yield tb
        tb = tb.tb_next


def template_error(env: jinja2.Environment, error: BaseException) -> TemplateError:
    """Turn an exception raised while rendering into a `TemplateError` with template and line.

    Jinja rewrites tracebacks so that template code shows up with the template's file name and line;
    the innermost such frame is where the template went wrong.
    """
    if isinstance(error, jinja2.TemplateSyntaxError):
        name = error.name or (template_name(env, error.filename) if error.filename else None)
        return TemplateError(f"template syntax error: {error.message}", name, error.lineno)
    frames: list[tuple[str, int]] = []
    for tb in _traceback(error.__traceback__):
        name = template_name(env, tb.tb_frame.f_code.co_filename)
        if name is not None:
            frames.append((name, tb.tb_lineno))
    where: tuple[str | None, int | None] = frames[-1] if frames else (None, None)
    # The templates that included the one at fault, outermost first: an error in (or a refused include
    # of) a shared clause names the document it was rendered for.
    chain = [f"{name}:{line}" for name, line in dict(frames[:-1]).items() if name != where[0]]
    included = f" (included from {', '.join(reversed(chain))})" if chain else ""
    if isinstance(error, TemplateError):
        if error.template is not None:
            return error
        return TemplateError(error.detail + included, *where)
    return TemplateError(_describe(error) + included, *where)


def _describe(error: BaseException) -> str:
    if isinstance(error, jinja2.UndefinedError):
        message = error.message or str(error)
        if message.endswith("is unsafe."):  # the sandbox hides the attribute behind an Undefined
            return f"blocked by the sandbox: {message}"
        return f"undefined: {message}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template not found: {error.name}"
    if isinstance(error, LimitExceeded):
        return f"too much for a template: {error}"
    if isinstance(error, jinja2.exceptions.SecurityError):
        return f"blocked by the sandbox: {error}"
    return f"{type(error).__name__}: {error}"


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render template *name* with *context*; every failure is a `TemplateError` with template and line."""
    try:
        template = env.get_template(name)
        return render_bounded(template, context)
    except CoprodError as error:
        if isinstance(error, TemplateError):
            raise template_error(env, error) from None
        raise
    except Exception as error:  # anything a broken template can raise
        raise template_error(env, error) from None


__all__ = ["TEMPLATES", "Safe", "create_environment", "current_position", "render", "template_error"]
