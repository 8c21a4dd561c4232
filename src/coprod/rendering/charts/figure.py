"""The one way to make a chart: a drawing function in, deterministic SVG and PNG bytes out.

Determinism rules (every chart follows them because every chart is made here):

- matplotlib's defaults, not the user's ``matplotlibrc``: the style is reset inside a private rc context;
- one font, DejaVu Sans, which matplotlib ships, so no system font changes a glyph;
- SVG text drawn as paths (it looks the same in every viewer) and ids from a fixed salt, not at random;
- no dates or software versions in the files' metadata;
- the object API (``Figure``) only, never pyplot's global state, so workers and tests cannot interfere.

Amounts are plotted as floats because a position on a page needs no more; every figure printed on the
chart comes from the exact Decimal formatting of the caller, never from a float.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

PRINT_DPI = 200
"""PNG resolution for Word: sharp when printed at the figure's size."""

FONT = "DejaVu Sans"
"""Shipped with matplotlib, so every machine draws the same glyphs."""

_STYLE: dict[Any, Any] = {  # keys are checked by matplotlib itself
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 8.0,
    "axes.titlesize": 9.0,
    "axes.labelsize": 8.0,
    "legend.fontsize": 7.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "coprod",
    "path.simplify": False,
    "figure.dpi": 100.0,
}

_SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Format": None, "Type": None}
_PNG_METADATA: dict[str, Any] = {"Software": None}


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart as files: SVG beside the Markdown, PNG inside Word."""

    svg: bytes
    png: bytes
    width_inches: float
    """The printed width the PNG was drawn for; Word shows it at this size."""
    height_inches: float


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # inside the context: the user's matplotlibrc is set aside, then restored
        matplotlib.rcParams.update(_STYLE)
        yield


def draw(paint: Callable[[Figure], None], *, width_inches: float, height_inches: float) -> Chart:
    """Make a figure of the given size, let *paint* draw on it, and return its SVG and PNG bytes."""
    with _style():
        figure = Figure(figsize=(width_inches, height_inches), layout="constrained")
        FigureCanvasAgg(figure)
        paint(figure)
        svg, png = io.BytesIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata=_SVG_METADATA)
        figure.savefig(png, format="png", dpi=PRINT_DPI, metadata=_PNG_METADATA)
    return Chart(svg.getvalue(), png.getvalue(), width_inches, height_inches)
