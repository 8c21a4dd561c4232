"""The agreement's table of contents: a Word TOC field whose entries are already written in.

Word rebuilds a TOC when its fields are updated (the shell asks Word to update fields on open); until
then, and in readers that never update fields, the field shows its cached result. So the cached result
is the whole table: one entry per top-level heading (the clauses, the signatures, the schedules), each a
link to its heading with a PAGEREF field for the page. The page numbers are estimates until the fields are
updated; LibreOffice computes them when it lays the document out (the PDF shows the real pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from markdown_it.token import Token

from coprod.rendering.word import xml

INSTRUCTION: Final = 'TOC \\o "1-1" \\h \\z \\u'
"""Top-level headings (outline level 1), as links, without page numbers in web view, by outline level."""
CONTENTS_HEADING: Final = "Contents"
CHARACTERS_PER_PAGE: Final = 3400
"""About how much Markdown text fills a page of the house style (the examples' agreements: 2,900-3,100)."""
_SPACING: Final = 80
_CELL_SPACING: Final = 15
FIRST_BODY_PAGE: Final = 3
"""The cover is page 1 and the contents page 2."""


@dataclass(slots=True)
class PageEstimate:
    """The page a heading will probably print on, from how much text comes before it.

    Only the cached result shown before Word updates the fields: Word (on open) and a PDF made from the
    updated document carry the real pages.
    """

    characters: int = 0
    pages_before: int = 0
    """Whole pages ended by page breaks (schedules, the execution page) before the current text."""

    def read(self, token: Token) -> None:
        """Count a token's text."""
        if token.type == "inline":
            # A paragraph's spacing is worth a line or so; a table cell's much less.
            self.characters += len(token.content) + (_CELL_SPACING if token.level > 3 else _SPACING)

    def heading(self, *, new_page: bool) -> int:
        """The page of a heading here; ``new_page`` for a heading that starts a page."""
        if new_page and self.characters:
            self.pages_before += -(-self.characters // CHARACTERS_PER_PAGE)
            self.characters = 0
        return FIRST_BODY_PAGE + self.pages_before + self.characters // CHARACTERS_PER_PAGE


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of the table: the clause number as Word prints it (``9.``) or empty, title, bookmark."""

    number: str
    title: str
    bookmark: str
    page: int


def write_toc(entries: Sequence[TocEntry], width: int) -> str:
    """The Contents heading, the TOC field with ``entries`` as its cached result, and a page break."""
    tabs = (f'<w:tabs><w:tab w:val="left" w:pos="720"/>'
            f'<w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>')
    heading = xml.paragraph("UnnumberedHeading1", xml.text_run(CONTENTS_HEADING),
                            '<w:outlineLvl w:val="9"/>')  # body level: the table does not list itself
    begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r><w:instrText xml:space="preserve"> {xml.text(INSTRUCTION)} </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    lines = []
    for index, entry in enumerate(entries):
        page = xml.complex_field(f"PAGEREF {entry.bookmark} \\h", str(entry.page))
        runs = (xml.text_run(entry.number) + '<w:r><w:tab/></w:r>' + xml.text_run(entry.title)
                + '<w:r><w:tab/></w:r>' + page)
        link = f'<w:hyperlink w:anchor="{entry.bookmark}" w:history="1">{runs}</w:hyperlink>'
        lines.append(xml.paragraph("TOC1", (begin if index == 0 else "") + link,
                                   tabs + '<w:spacing w:before="0" w:after="60"/>'))
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    if not lines:
        return ""
    closing = xml.paragraph("BodyText", end + '<w:r><w:br w:type="page"/></w:r>')
    return heading + "".join(lines) + closing
