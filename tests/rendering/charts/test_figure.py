"""The chart base: the same drawing gives the same bytes, free of dates, versions and the user's style."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from coprod.rendering.charts import PRINT_DPI, draw


def _bars(figure: Figure) -> None:
    axes = figure.add_subplot()
    axes.bar(["Italy", "Belgium", "Czech Republic"], [2_280_000, 1_140_000, 380_000], label="Equity")
    axes.set_title("Finance plan by territory")
    axes.legend()


_SCRIPT = textwrap.dedent("""
    import sys
    from tests.rendering.charts.test_figure import _bars
    from coprod.rendering.charts import draw
    chart = draw(_bars, width_inches=6, height_inches=3)
    sys.stdout.buffer.write(chart.svg + b"\\0" + chart.png)
""")


def test_the_same_drawing_gives_the_same_bytes_in_two_processes() -> None:
    root = Path(__file__).resolve().parents[3]
    runs = [subprocess.run([sys.executable, "-c", _SCRIPT], cwd=root, capture_output=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    svg, png = runs[0].split(b"\0", 1)
    assert svg.startswith(b"<?xml") and png.startswith(b"\x89PNG")


def test_the_files_carry_no_date_or_software_version() -> None:
    chart = draw(_bars, width_inches=6, height_inches=3)
    assert b"<dc:date>" not in chart.svg
    assert matplotlib.__version__.encode() not in chart.svg
    assert b"Software" not in chart.png and b"matplotlib" not in chart.png.lower()


def test_the_png_is_drawn_at_print_resolution() -> None:
    chart = draw(_bars, width_inches=6, height_inches=3)
    width = int.from_bytes(chart.png[16:20], "big")
    height = int.from_bytes(chart.png[20:24], "big")
    assert (width, height) == (6 * PRINT_DPI, 3 * PRINT_DPI)


def test_the_users_matplotlib_style_does_not_reach_the_chart() -> None:
    plain = draw(_bars, width_inches=6, height_inches=3)
    with matplotlib.rc_context({"axes.facecolor": "red", "font.size": 20.0}):
        styled = draw(_bars, width_inches=6, height_inches=3)
    assert styled.svg == plain.svg and styled.png == plain.png
    assert matplotlib.rcParams["font.size"] != 20.0  # and the caller's style is restored afterwards
