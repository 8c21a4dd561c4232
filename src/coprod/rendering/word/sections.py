"""Page setup from the shell, and the section breaks that give a wide table a landscape page of its own.

Word keeps page size, orientation and margins per section; a section's properties (``w:sectPr``) sit in
the last paragraph of the section, and the body's last section uses the ``w:sectPr`` at the end of the
body. The shell's own ``w:sectPr`` carries the headers, footers and margins a firm chose, so every
section coprod adds is a copy of it: turned for a landscape section, and without the "different first
page" flag (only the cover page has no header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_PAGE_SIZE: Final = re.compile(r"<w:pgSz\b[^>]*/>")
_MARGINS: Final = re.compile(r"<w:pgMar\b[^>]*/>")
_TITLE_PAGE: Final = re.compile(r"<w:titlePg(?:\s+w:val=\"(?:1|true|on)\")?\s*/>")
_A4: Final = (11906, 16838)
_INCH: Final = 1440


def _attribute(element: str, name: str, default: int) -> int:
    match = re.search(rf'\bw:{name}="(-?\d+)"', element)
    return int(match.group(1)) if match else default


@dataclass(frozen=True, slots=True)
class PageSetup:
    """The shell's page: its ``w:sectPr`` and the text widths of a portrait and a landscape page (twips)."""

    section: str
    """The shell's body-level ``w:sectPr`` element, as written in the shell."""
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @classmethod
    def from_section(cls, section: str) -> PageSetup:
        """Read the page size and margins off a ``w:sectPr`` (A4 with one-inch margins where it says none)."""
        size = _PAGE_SIZE.search(section)
        margins = _MARGINS.search(section)
        size_xml = size.group() if size else ""
        margin_xml = margins.group() if margins else ""
        width, height = _attribute(size_xml, "w", _A4[0]), _attribute(size_xml, "h", _A4[1])
        if width > height:  # a shell set up in landscape: its portrait is the other way round
            width, height = height, width
        return cls(section, width, height, *(_attribute(margin_xml, side, _INCH)
                                             for side in ("left", "right", "top", "bottom")))

    @property
    def portrait_width(self) -> int:
        """Twips between the margins of a portrait page."""
        return self.width - self.left - self.right

    @property
    def landscape_width(self) -> int:
        """Twips between the margins of the page turned: the top and bottom margins become the sides."""
        return self.height - self.top - self.bottom

    def continued(self) -> str:
        """The shell's section without its different first page: for a portrait section after the first."""
        return _TITLE_PAGE.sub("", self.section)

    def landscape(self) -> str:
        """The shell's section turned to landscape (margins too), without a different first page."""
        size = f'<w:pgSz w:w="{self.height}" w:h="{self.width}" w:orient="landscape"/>'
        margins = _MARGINS.search(self.section)
        turned = self.continued()
        if margins is not None:
            old = margins.group()
            new = old
            for side, value in (("top", self.left), ("right", self.top), ("bottom", self.right),
                                ("left", self.bottom)):
                new = re.sub(rf'\bw:{side}="-?\d+"', f'w:{side}="{value}"', new)
            turned = turned.replace(old, new, 1)
        if _PAGE_SIZE.search(turned):
            return _PAGE_SIZE.sub(size, turned, count=1)
        return turned.replace("</w:sectPr>", size + "</w:sectPr>", 1)


def break_after(section: str) -> str:
    """An empty, hairline-high paragraph that ends a section with properties ``section``."""
    return (
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        f"{section}</w:pPr></w:p>"
    )
