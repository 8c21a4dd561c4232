"""Drafting notes -> Word comments (author "coprod"), and Markdown footnotes -> Word footnotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from coprod.rendering.word import xml
from coprod.rendering.word.inline import InlineWriter, line_of

DRAFTING_NOTE = "Drafting note:"
COMMENT_AUTHOR = "coprod"
COMMENT_INITIALS = "cp"


def is_drafting_note(tokens: Sequence[Token], start: int) -> bool:
    """Whether the ``blockquote_open`` at ``start`` opens a drafting note (text starts 'Drafting note:')."""
    for token in tokens[start + 1 :]:
        if token.type == "inline":
            return token.content.startswith(DRAFTING_NOTE)
        if token.type == "blockquote_close":
            return False
    return False


def block_end(tokens: Sequence[Token], start: int) -> int:
    """Index of the token closing the block opened at ``start`` (same nesting level)."""
    opening = tokens[start]
    closing = opening.type.removesuffix("_open") + "_close"
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == closing and tokens[index].level == opening.level:
            return index
    return len(tokens) - 1


@dataclass(slots=True)
class Comments:
    """The comments of one document, numbered in the order their anchors appear."""

    date: dt.date
    """Written as every comment's date, so the file does not depend on the clock."""
    elements: list[str] = field(default_factory=list)

    def add(self, note: Sequence[Token], inline: InlineWriter) -> int:
        """Add a comment holding the paragraphs of ``note`` (a blockquote's tokens); returns its id."""
        comment_id = len(self.elements)
        reference = xml.run("<w:annotationRef/>", '<w:rStyle w:val="CommentReference"/>')
        paragraphs: list[str] = []
        for token in note:
            if token.type != "inline":
                continue
            first = reference if not paragraphs else ""
            paragraphs.append(
                xml.paragraph(
                    "CommentText", first + inline.runs(token.children or [], line_of(token), rich_links=False)
                )
            )
        stamp = f"{self.date.isoformat()}T00:00:00Z"
        self.elements.append(
            f'<w:comment w:id="{comment_id}" w:author="{COMMENT_AUTHOR}" w:initials="{COMMENT_INITIALS}"'
            f' w:date="{stamp}">{"".join(paragraphs)}</w:comment>'
        )
        return comment_id


def anchor(content: str, comment_ids: Sequence[int]) -> str:
    """Wrap a paragraph's content in the ranges of ``comment_ids`` and add their reference marks."""
    if not comment_ids:
        return content
    starts = "".join(f'<w:commentRangeStart w:id="{cid}"/>' for cid in comment_ids)
    ends = "".join(
        f'<w:commentRangeEnd w:id="{cid}"/>'
        + xml.run(f'<w:commentReference w:id="{cid}"/>', '<w:rStyle w:val="CommentReference"/>')
        for cid in comment_ids
    )
    return starts + content + ends


def write_footnotes(tokens: Sequence[Token], inline: InlineWriter) -> str:
    """The ``w:footnote`` elements for a ``footnote_block_open`` .. ``footnote_block_close`` token run."""
    out: list[str] = []
    first_paragraph = False
    mark = xml.run("<w:footnoteRef/>", '<w:rStyle w:val="FootnoteReference"/>') + xml.text_run(" ")
    for token in tokens:
        if token.type == "footnote_open":
            out.append(f'<w:footnote w:id="{int(token.meta["id"]) + 1}">')
            first_paragraph = True
        elif token.type == "footnote_close":
            if first_paragraph:  # a footnote with no text still needs a paragraph
                out.append(xml.paragraph("FootnoteText", mark))
            out.append("</w:footnote>")
        elif token.type == "inline":
            runs = inline.runs(token.children or [], line_of(token), rich_links=False)
            out.append(xml.paragraph("FootnoteText", (mark if first_paragraph else "") + runs))
            first_paragraph = False
    return "".join(out)
