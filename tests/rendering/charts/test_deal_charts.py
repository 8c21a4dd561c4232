"""The deal's charts: deterministic bytes, the figures of the waterfall and the finance plan, PNG in Word."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from matplotlib.figure import Figure
from matplotlib.text import Text

from coprod.loading.project import load_project
from coprod.rendering.charts.deal import FINANCE_PLAN, RECOUPMENT, deal_charts, paint_recoupment
from coprod.rendering.charts.figure import PRINT_DPI
from coprod.rendering.word import Image, WordRenderer
from tests.rendering.word import samples

ROOT = Path(__file__).resolve().parents[3]
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@pytest.fixture(scope="module")
def charts() -> dict[str, tuple[bytes, bytes]]:
    project = load_project(ROOT / "projects" / "the-salt-road" / "project.yaml").project
    first, second = deal_charts(project), deal_charts(project)
    assert set(first.charts) == {RECOUPMENT, FINANCE_PLAN}
    for path, chart in first.charts.items():
        assert (chart.svg, chart.png) == (second.charts[path].svg, second.charts[path].png), path
    return {path: (chart.svg, chart.png) for path, chart in first.charts.items()}


def test_charts_are_deterministic_svg_and_print_resolution_png(
    charts: dict[str, tuple[bytes, bytes]]
) -> None:
    for path, (svg, png) in charts.items():
        assert svg.startswith(b"<?xml") and b"<svg" in svg and b"<dc:date" not in svg, path
        assert png.startswith(b"\x89PNG"), path
        width = int.from_bytes(png[16:20], "big")
        assert width == 6 * PRINT_DPI, path  # six inches at print resolution


def test_the_recoupment_chart_names_the_payees_and_marks_the_break_even_points() -> None:
    project = load_project(ROOT / "projects" / "the-salt-road" / "project.yaml").project
    figure = Figure()
    paint_recoupment(project)(figure)
    texts = [text.get_text() for text in figure.findobj(Text)]
    joined = "\n".join(texts)
    assert "Meridian Sales Ltd" in joined and "Aurora Film (equity)" in joined
    assert "3 investments recouped at EUR 1,099,267.16" in joined  # a break-even point, to the cent
    assert "Film centre selective advance recouped at EUR 6,405,063.30" in joined
    assert "net profits from EUR 1,165,889.41" in joined


def test_word_embeds_the_png_of_a_markdown_image_at_its_size(
    charts: dict[str, tuple[bytes, bytes]]
) -> None:
    png = charts[RECOUPMENT][1]
    markdown = ("# T\n\nThe chart:\n\n![Who is paid what](charts/recoupment.svg)\n\n"
                "![Missing](charts/none.svg)\n")
    data = WordRenderer().render(markdown, samples.meta(), images={RECOUPMENT: Image(png, 6.0, 4.0)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/media/coprod-1.png") == png
        rels = archive.read("word/_rels/document.xml.rels").decode()
        assert 'Target="media/coprod-1.png"' in rels
        assert 'Extension="png"' in archive.read("[Content_Types].xml").decode()
        body = etree.fromstring(archive.read("word/document.xml"))
    blip = body.find(".//a:blip", NS)
    assert blip is not None and f'Id="{blip.get("{{{}}}embed".format(NS["r"]))}"' in rels
    document = docx.Document(io.BytesIO(data))
    (shape,) = document.inline_shapes
    assert shape.width == round((9026 - 720) * 914_400 / 1440)  # narrowed to the indented text width
    assert abs(shape.height - shape.width * 4 / 6) <= 1  # in proportion
    assert any(p.text == "Missing" for p in document.paragraphs)  # an image it was not handed: its words
