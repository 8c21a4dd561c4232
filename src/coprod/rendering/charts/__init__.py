"""Charts for the documents, drawn with matplotlib and written as deterministic SVG and PNG bytes.

Every chart goes through `draw`: one style (fixed font shipped with matplotlib, fixed sizes, no user
``matplotlibrc``), no timestamps, no random ids, so the same inputs give the same bytes on every build.
"""

from coprod.rendering.charts.figure import PRINT_DPI, Chart, draw

__all__ = ["PRINT_DPI", "Chart", "draw"]
