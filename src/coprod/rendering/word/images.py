"""Markdown images in Word: ``![alt](charts/recoupment.svg)`` becomes the chart's PNG, inline, at its size.

Word does not show SVG everywhere, so a Markdown image is embedded as the PNG drawn with it (the charts
base makes both from one drawing, at print resolution). The renderer is handed the images a document
may show, by the path the Markdown uses; each one it meets becomes a part ``word/media/coprod-N.png``,
a relationship of the document, and an inline drawing scaled to the printed size (never wider than the
page's text). An image it was not handed prints its description, so nothing is lost silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from coprod.rendering.word import xml

EMU_PER_INCH: Final = 914_400
TWIPS_PER_INCH: Final = 1440
IMAGE_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_WP: Final = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A: Final = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC: Final = "http://schemas.openxmlformats.org/drawingml/2006/picture"


@dataclass(frozen=True, slots=True)
class Image:
    """A picture Word can show: PNG bytes and the size to print it at."""

    png: bytes
    width_inches: float
    height_inches: float


@dataclass(slots=True)
class Media:
    """The images one document embeds, in the order they first appear."""

    available: Mapping[str, Image]
    max_width_twips: int = 9026
    by_source: dict[str, int] = field(default_factory=dict)
    drawings: int = 0

    def drawing(self, source: str, alt: str) -> str | None:
        """The run showing image ``source``, or None when the document was not handed it."""
        image = self.available.get(source)
        if image is None:
            return None
        number = self.by_source.setdefault(source, len(self.by_source) + 1)
        self.drawings += 1
        scale = min(1.0, self.max_width_twips / TWIPS_PER_INCH / image.width_inches)
        cx = round(image.width_inches * scale * EMU_PER_INCH)
        cy = round(image.height_inches * scale * EMU_PER_INCH)
        shape = self.drawings
        description = xml.attr(alt)
        frame = (f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/>'
                 "</wp:cNvGraphicFramePr>")
        picture = (
            f'<pic:pic xmlns:pic="{_PIC}"><pic:nvPicPr>'
            f'<pic:cNvPr id="{shape}" name="coprod-{number}.png" descr="{description}"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id(number)}"/>'
            "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        )
        return (
            f'<w:r><w:drawing><wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{shape}" name="Chart {shape}" descr="{description}"/>{frame}'
            f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}">{picture}</a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>"
        )

    def parts(self) -> list[tuple[str, bytes]]:
        """The media parts to add to the package: (``word/media/coprod-N.png``, PNG bytes)."""
        return [(part_name(number), self.available[source].png) for source, number in self.by_source.items()]

    def relationships(self) -> str:
        """The document's relationships to its media parts."""
        return "".join(
            f'<Relationship Id="{rel_id(number)}" Type="{IMAGE_REL}" Target="media/coprod-{number}.png"/>'
            for number in self.by_source.values()
        )


def rel_id(number: int) -> str:
    """The relationship id of the ``number``-th image."""
    return f"rIdCoprodImage{number}"


def part_name(number: int) -> str:
    """The zip name of the ``number``-th image."""
    return f"word/media/coprod-{number}.png"
