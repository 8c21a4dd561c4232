"""The signature section as a signature table on an execution page: each party's block one unsplittable row.

The Markdown writes a signature block as a bold "**For Party**" paragraph followed by its Name, Title,
Signature and Date lines. Left as paragraphs, a block can start at the foot of one page and end on the
next. Here each block is one row of a borderless table that cannot split across pages, and the section's
heading starts a new page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from markdown_it.token import Token

from coprod.rendering.word import xml
from coprod.rendering.word.inline import InlineWriter, line_of

SIGNATURE_LABELS: Final = frozenset({"signatures", "execution", "signature-page"})
SIGNATURE_WORDS: Final = ("Signatures", "Signature page", "Execution")
_NO_BORDERS: Final = "".join(f'<w:{side} w:val="nil"/>'
                             for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
_INDENT: Final = 720  # twips: the body text's indent, so the blocks line up with the clauses


def is_signature_heading(token: Token, text: str) -> bool:
    """Whether a top-level unnumbered heading opens the signature section (by its label or its words)."""
    label = str(token.attrGet("id") or "")
    return token.tag == "h2" and (label in SIGNATURE_LABELS or text.startswith(SIGNATURE_WORDS))


def is_block_start(inline: Token) -> bool:
    """Whether a paragraph is wholly bold (``**For Aurora Film S.r.l.**``): the first line of a block."""
    children = [child for child in inline.children or []
                if child.type != "softbreak" and not (child.type == "text" and not child.content.strip())]
    return len(children) >= 3 and children[0].type == "strong_open" and children[-1].type == "strong_close"


def signature_blocks(paragraphs: Sequence[Token]) -> tuple[list[Token], list[list[Token]]] | None:
    """Split a section's paragraphs into those before the first block, and the blocks; None if no block."""
    lead: list[Token] = []
    blocks: list[list[Token]] = []
    for inline in paragraphs:
        if is_block_start(inline):
            blocks.append([inline])
        elif blocks:
            blocks[-1].append(inline)
        else:
            lead.append(inline)
    return (lead, blocks) if blocks else None


def write_signature_table(blocks: Sequence[Sequence[Token]], inline: InlineWriter, width: int) -> str:
    """A borderless one-column table, one unsplittable row per signature block."""
    inner = width - _INDENT
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{inner}" w:type="dxa"/><w:tblInd w:w="{_INDENT}" w:type="dxa"/>'
        f'<w:tblBorders>{_NO_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tblGrid><w:gridCol w:w="{inner}"/></w:tblGrid>'
    ]
    for block in blocks:
        paragraphs = []
        for position, line in enumerate(block):
            spacing = '<w:spacing w:before="360" w:after="120"/>' if position == 0 else (
                '<w:spacing w:before="0" w:after="160"/>')
            paragraphs.append(xml.paragraph("TableText", _runs(inline, line), spacing))
        out.append(
            '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{inner}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc></w:tr>'
        )
    out.append("</w:tbl>")
    return "".join(out)


def _runs(inline: InlineWriter, line: Token) -> str:
    """The runs of one line of a block."""
    return inline.runs(line.children or [], line_of(line))
