"""Resource limits for untrusted templates (clause libraries, house-style shells): time, memory, output.

Jinja's sandbox stops a template from reaching Python's internals, not from exhausting the machine:
``{{ 10 ** (10 ** 8) }}`` computes for minutes, ``{{ "x" * 10 ** 10 }}`` asks for 10 GB, and nested loops
over long strings run for hours. `LimitedSandbox` bounds each of these where it happens, before the
work is done (a computation inside one C call cannot be interrupted afterwards):

- arithmetic: ``**``, ``*``, ``+`` and ``%`` are checked before they run; an integer result may have at
  most `MAX_INT_BITS` bits, a string or list at most `MAX_STRING` items; ``%`` formatting of strings and the
  ``format`` methods (padding widths) are refused;
- loops and calls: every ``{% for %}`` counts its iterations against `MAX_ITERATIONS` per render, and
  loops and macro calls check the clock against `MAX_SECONDS`;
- output: `render_bounded` stops a render whose text passes `MAX_OUTPUT` characters or `MAX_SECONDS`.

Every limit raises `LimitExceeded`, a ``SecurityError``, so the caller reports it with the template and
line like any other sandbox refusal.
"""

from __future__ import annotations

import operator
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

MAX_INT_BITS: Final = 256
"""Largest integer a template may compute (about 77 digits; money is formatted by filters, not here)."""
MAX_STRING: Final = 1_000_000
"""Longest string or list a template may build by ``*`` or ``+``."""
MAX_ITERATIONS: Final = 1_000_000
"""Loop iterations per render, all loops together."""
MAX_OUTPUT: Final = 20_000_000
"""Characters one render may produce (a project's documents are about 60,000)."""
MAX_SECONDS: Final = 20.0
"""Wall-clock time one render may take (a project's documents take well under a second)."""

_REFUSED_METHODS: Final = frozenset(
    {"format", "format_map", "center", "ljust", "rjust", "zfill", "expandtabs"})
"""String methods whose arguments ask for arbitrary amounts of memory (padding widths)."""


class LimitExceeded(SecurityError):
    """A template asked for more time, memory or output than a document can need."""


class _Budget(threading.local):
    deadline: float = float("inf")
    iterations: int = 0
    calls: int = 0


_budget = _Budget()


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


def _check_binop(op: str, left: Any, right: Any) -> None:
    if op == "**" and isinstance(left, int) and isinstance(right, int):
        if right > 0 and (_bits(left) - 1) * right > MAX_INT_BITS:  # at least this many bits
            raise LimitExceeded(f"the power {left} ** {right} is too large for a template "
                                f"(at most {MAX_INT_BITS} bits)")
    elif op == "*":
        count = right if _size(left) is not None else left
        sized = _size(left) if _size(left) is not None else _size(right)
        if sized is not None and isinstance(count, int) and sized * count > MAX_STRING:
            raise LimitExceeded(f"repeating a text or list {count} times is too long for a template "
                                f"(at most {MAX_STRING:,} characters)")
        if _bits(left) + _bits(right) > MAX_INT_BITS:
            raise LimitExceeded(f"the product is too large for a template (at most {MAX_INT_BITS} bits)")
    elif op == "+":
        left_size, right_size = _size(left), _size(right)
        if left_size is not None and right_size is not None and left_size + right_size > MAX_STRING:
            raise LimitExceeded(f"the text is too long for a template (at most {MAX_STRING:,} characters)")
    elif op == "%" and isinstance(left, str | bytes):
        raise LimitExceeded("'%' formatting of text is not allowed in templates; use a filter")


class LimitedCodeGenerator(CodeGenerator):
    """Compiles every ``{% for %}`` to iterate through `LimitedSandbox.bounded`."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        """The loop as written, over ``environment.bounded(<its items>)``."""
        bounded = nodes.Call(nodes.EnvironmentAttribute("bounded"), [node.iter], [], None, None,
                             lineno=node.lineno)
        copy = nodes.For(node.target, bounded, node.body, node.else_, node.test, node.recursive,
                         lineno=node.lineno)
        copy.set_environment(self.environment)
        super().visit_For(copy, frame)


class LimitedSandbox(SandboxedEnvironment):
    """A sandbox whose templates are bounded in time, memory and output (see the module docstring)."""

    code_generator_class: type[CodeGenerator] = LimitedCodeGenerator
    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        """Refuse an operation whose result would be too large, before computing it."""
        _check_binop(operator_, left, right)
        return _BINOPS[operator_](left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Refuse the string methods that pad to a width the template chooses."""
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if getattr(method, "__name__", "") in _REFUSED_METHODS and isinstance(
                getattr(method, "__self__", None), str | bytes):
            raise LimitExceeded(f"the text method {method.__name__}() is not allowed in templates")
        budget = _budget
        budget.calls += 1
        if budget.calls % 256 == 0 and time.monotonic() > budget.deadline:  # macros calling macros
            raise LimitExceeded(f"the template took longer than {MAX_SECONDS:g} seconds")
        return super().call(__context, __obj, *args, **kwargs)

    @staticmethod
    def bounded(items: Iterable[Any]) -> Iterator[Any]:
        """Iterate *items*, counting against the render's loop budget and checking its clock."""
        budget = _budget
        for item in items:
            budget.iterations += 1
            if budget.iterations > MAX_ITERATIONS:
                raise LimitExceeded(f"the loops ran more than {MAX_ITERATIONS:,} times")
            if budget.iterations % 1024 == 0 and time.monotonic() > budget.deadline:
                raise LimitExceeded(f"the template took longer than {MAX_SECONDS:g} seconds")
            yield item


_BINOPS: Final = {"**": operator.pow, "*": operator.mul, "+": operator.add, "%": operator.mod}


def render_bounded(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """Render *template*, stopping it past `MAX_OUTPUT` characters or `MAX_SECONDS`.

    Raises:
        LimitExceeded: a limit was reached (other template errors propagate unchanged).
    """
    budget = _budget
    outer = (budget.deadline, budget.iterations)  # a render inside a render (a shell, say) shares nothing
    budget.deadline, budget.iterations = time.monotonic() + MAX_SECONDS, 0
    try:
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise LimitExceeded(f"the template's output passed {MAX_OUTPUT:,} characters")
            if time.monotonic() > budget.deadline:
                raise LimitExceeded(f"the template took longer than {MAX_SECONDS:g} seconds")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        budget.deadline, budget.iterations = outer


__all__ = [
    "MAX_INT_BITS",
    "MAX_ITERATIONS",
    "MAX_OUTPUT",
    "MAX_SECONDS",
    "MAX_STRING",
    "LimitExceeded",
    "LimitedCodeGenerator",
    "LimitedSandbox",
    "render_bounded",
]
