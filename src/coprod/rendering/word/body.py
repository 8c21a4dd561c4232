"""Block Markdown tokens -> the body of ``word/document.xml`` (plus its comments, footnotes and lists).

Two passes over the tokens: the first finds every labelled heading (so a cross-reference may point
forward) and which clause each drafting note belongs to; the second writes the XML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from coprod.rendering.word import xml
from coprod.rendering.word.clauses import ClauseCounter, ClauseHeading, bookmark_name, split_number
from coprod.rendering.word.images import Image, Media
from coprod.rendering.word.inline import InlineWriter, Links, Target, line_of
from coprod.rendering.word.notes import Comments, anchor, block_end, is_drafting_note, write_footnotes
from coprod.rendering.word.sections import PageSetup, break_after
from coprod.rendering.word.signatures import (
    is_signature_heading,
    signature_blocks,
    write_signature_table,
)
from coprod.rendering.word.tables import TableFrame, table_end, write_table
from coprod.rendering.word.toc import PageEstimate, TocEntry, write_toc

SCHEDULE_WORDS = ("Schedule", "Annex", "Appendix", "Exhibit")
"""Unnumbered top-level headings starting with these words start a new page (style ``ScheduleHeading``)."""
_BODY_INDENT = 720  # twips: Body Text's left indent, which an image in a paragraph sits at
_LIST_INDENT = 360  # twips per nesting level, as in the shell's list numbering


@dataclass(frozen=True, slots=True)
class ListIds:
    """The shell's numbering definitions the body refers to."""

    bullet_num: int
    """``w:numId`` of bulleted lists (shared: bullets have nothing to restart)."""
    ordered_abstract: int
    """``w:abstractNumId`` of ordered lists; each list gets its own ``w:num`` so it restarts at its start."""
    first_free_num: int
    """The first ``w:numId`` the shell does not use."""


@dataclass(frozen=True, slots=True)
class BodyLayout:
    """What the body is laid out for: the shell's page, the cover's title, whether to write contents."""

    page: PageSetup | None = None
    """The shell's page; None lays tables out for A4 and never turns a page."""
    title: str = ""
    """The cover's title: a first ``# Title`` it already shows (and the film's name under it) is left out."""
    film_title: str = ""
    contents: bool = False
    """Write a table of contents before the first clause (the agreement)."""
    table_points: float = 10.0
    images: Mapping[str, Image] = field(default_factory=dict)
    """Images the Markdown may show, by the path its image links use (``charts/recoupment.svg``)."""


@dataclass(frozen=True, slots=True)
class Body:
    """What one document's Markdown becomes, ready to be spliced into the shell's parts."""

    document: str
    comments: str
    footnotes: str
    numbering: str
    relationships: str
    media: tuple[tuple[str, bytes], ...] = ()
    """The images the body shows, as package parts: (``word/media/coprod-1.png``, PNG bytes)."""
    final_section: str | None = None
    """The body's last section properties when the body added sections (replacing the shell's), else None."""


@dataclass(slots=True)
class _Heading:
    style: str
    clause: ClauseHeading | None
    bookmark: str | None
    notes: list[tuple[int, int]] = field(default_factory=list)
    title: str = ""


@dataclass(slots=True)
class _List:
    kind: str  # "bullet", "ordered" or "task"
    num_id: int
    depth: int
    first_paragraph: bool = False


class BodyWriter:
    """Writes one document's body; build one per document (it holds that document's state)."""

    def __init__(
        self, name: str, ids: ListIds, *, clean: bool, date: dt.date, layout: BodyLayout | None = None
    ) -> None:
        self._layout = layout or BodyLayout()
        page = self._layout.page
        points = self._layout.table_points
        self._frame = (TableFrame(page.portrait_width, page.landscape_width, points) if page is not None
                       else TableFrame(points=points))
        self._sections = 0
        self._contents: list[TocEntry] = []
        self._contents_at: int | None = None
        self._landscape_end: int | None = None
        self._landscape_open = False
        self._signatures: set[int] = set()
        self._name = name
        self._ids = ids
        self._clean = clean
        self._headings: dict[int, _Heading] = {}
        self._skip: set[int] = set()
        self._targets: dict[str, Target] = {}
        self._media = Media(self._layout.images, self._frame.portrait - _BODY_INDENT)
        self._inline = InlineWriter(name, self._targets, Links(), self._media)
        self._comments = Comments(date)
        self._lists: list[_List] = []
        self._quote_depth = 0
        self._definition_depth = 0
        self._nums: list[str] = []
        self._next_num = ids.first_free_num
        self._bookmark_id = 0

    def write(self, tokens: Sequence[Token]) -> Body:
        """Write the body for ``tokens`` (from ``coprod.rendering.markdown.parser().parse``)."""
        self._survey(tokens)
        out: list[str] = []
        footnotes = ""
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if index == self._contents_at:
                out.append(write_toc(self._contents, self._frame.portrait))
            if index in self._skip:
                index = block_end(tokens, index) + 1
                continue
            if token.level == 0 and token.type in _CLOSES_LANDSCAPE:
                self._close_landscape(out)
            if token.type == "table_open":
                end = table_end(tokens, index)
                self._table(tokens[index : end + 1], out)
                index = end + 1
                continue
            if token.type == "footnote_block_open":
                end = block_end(tokens, index)
                footnotes = write_footnotes(tokens[index : end + 1], self._inline)
                index = end + 1
                continue
            out.append(self._block(tokens, index))
            if index in self._signatures:
                index = self._signature_section(tokens, index, out)
                continue
            index += 1
        page = self._layout.page
        final = None
        if page is not None and self._landscape_open:
            final = page.landscape()  # the body ends on a landscape page
        elif page is not None and self._sections:
            final = page.continued()
        return Body(
            document="".join(out),
            comments="".join(self._comments.elements),
            footnotes=footnotes,
            numbering="".join(self._nums),
            relationships=self._inline.links.relationships() + self._media.relationships(),
            media=tuple(self._media.parts()),
            final_section=final,
        )

    def _table(self, tokens: Sequence[Token], out: list[str]) -> None:
        """Write a table; a wide one gets a landscape section, with its introduction and notes after it."""
        table, landscape = write_table(tokens, self._inline, self._frame)
        page = self._layout.page
        if not landscape or page is None:
            self._close_landscape(out)
            _keep_with_next(out)  # the paragraph introducing a table stays on its page
            out += [table, xml.paragraph("TableText", "")]
            return
        if not self._landscape_open:
            start = _introduction_start(out)
            end = self._landscape_end
            if end is not None and not any(out[end + 1 : start]):
                out[end] = ""  # only headings since the last wide table: one landscape section for both
            else:
                out.insert(start, break_after(page.section if self._sections == 0 else page.continued()))
                self._sections += 1
            self._landscape_open = True
        _keep_with_next(out)
        out += [table, xml.paragraph("TableText", "")]

    def _close_landscape(self, out: list[str]) -> None:
        """End an open landscape section before the next heading, list or portrait table."""
        page = self._layout.page
        if self._landscape_open and page is not None:
            out.append(break_after(page.landscape()))
            self._landscape_end = len(out) - 1
            self._sections += 1
            self._landscape_open = False

    def _signature_section(self, tokens: Sequence[Token], heading: int, out: list[str]) -> int:
        """After the signature heading: its paragraphs, the blocks as a signature table; the next index.

        A section holding anything but paragraphs (and drafting notes) is left to the ordinary writer.
        """
        paragraphs: list[Token] = []
        index = heading + 3  # past the heading's inline and close
        while index < len(tokens):
            token = tokens[index]
            if index in self._skip:
                index = block_end(tokens, index) + 1
            elif token.type == "paragraph_open" and token.level == 0:
                paragraphs.append(tokens[index + 1])
                index = block_end(tokens, index) + 1
            elif token.type == "footnote_block_open" or (token.type == "heading_open" and token.tag <= "h2"):
                break
            else:
                return heading + 1
        split = signature_blocks(paragraphs)
        if split is None:
            return heading + 1
        lead, blocks = split
        out.extend(self._paragraph(inline) for inline in lead)
        out.append(write_signature_table(blocks, self._inline, self._frame.portrait))
        out.append(xml.paragraph("BodyText", ""))
        return index

    def _survey(self, tokens: Sequence[Token]) -> None:
        """First pass: heading styles, numbers and bookmarks; which heading each drafting note concerns."""
        counter = ClauseCounter()
        taken: set[str] = set()
        last_heading: _Heading | None = None
        self._skip_title(tokens)
        pages = PageEstimate()
        for index, token in enumerate(tokens):
            pages.read(token)
            if token.type == "heading_open":
                text = tokens[index + 1].content
                heading = _plan_heading(token, text, counter)
                label = token.attrGet("id")
                if label is not None:
                    heading.bookmark = bookmark_name(str(label), taken)
                    number = heading.clause.label if heading.clause else None
                    self._targets[str(label)] = Target(heading.bookmark, number)
                if token.tag == "h2" and index not in self._skip:
                    signatures = heading.clause is None and is_signature_heading(token, text)
                    if signatures:
                        self._signatures.add(index)
                    page = pages.heading(new_page=signatures or heading.style == "ScheduleHeading")
                    self._list_in_contents(index, heading, text, taken, page)
                self._headings[index] = heading
                last_heading = heading
            elif token.type == "blockquote_open" and token.level == 0 and is_drafting_note(tokens, index):
                self._skip.add(index)
                if last_heading is not None and not self._clean:
                    last_heading.notes.append((index, block_end(tokens, index)))

    def _skip_title(self, tokens: Sequence[Token]) -> None:
        """Leave out a ``# Title`` the cover already shows, and the bold film name under it.

        In a redline (``coprod compare``) the old title and film line, deleted whole, go too, wherever the
        comparison put them, so that accepting or rejecting every change reads as the newer or the older
        draft does.
        """
        title, film = _plain(self._layout.title), _plain(self._layout.film_title)
        if not title:
            return
        after_title = False
        for index, token in enumerate(tokens):
            if token.level != 0 or token.type not in _TEXT_BLOCKS:
                if token.level == 0 and token.type.endswith("_open"):
                    after_title = False
                continue
            text = tokens[index + 1].content.strip()
            gone = text.startswith(_GONE_WHOLE)
            shown = _MARKS.sub("", text)
            if token.tag == "h1" and (gone or (_plain(text) and title.startswith(_plain(text)))):
                self._skip.add(index)
                after_title = True
            elif after_title and token.type == "paragraph_open" and shown.startswith("**") and (
                    gone or _plain(shown.strip("* ")) == film):
                self._skip.add(index)
            else:
                after_title = False

    def _list_in_contents(self, index: int, heading: _Heading, text: str, taken: set[str], page: int) -> None:
        if not self._layout.contents:
            return
        if self._contents_at is None:
            self._contents_at = index
        if heading.bookmark is None:
            heading.bookmark = bookmark_name(f"toc-{len(self._contents) + 1}", taken)
        number = f"{heading.clause.label}." if heading.clause is not None else ""
        title = heading.clause.title if heading.clause is not None else text
        self._contents.append(TocEntry(number, title, heading.bookmark, page))

    def _block(self, tokens: Sequence[Token], index: int) -> str:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            return self._heading(tokens, index)
        if kind == "paragraph_open":
            return self._paragraph(tokens[index + 1])
        if kind == "dt_open":
            return self._definition_term(tokens[index + 1])
        if kind in ("code_block", "fence"):
            lines = token.content.removesuffix("\n").split("\n")
            return "".join(xml.paragraph("CodeBlock", xml.text_run(line)) for line in lines)
        if kind == "hr":
            rule = '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="auto"/></w:pBdr>'
            return xml.paragraph("BodyText", "", rule)
        self._container(token)
        return ""

    def _container(self, token: Token) -> None:
        """Track the lists, quotes and definitions the next paragraph sits in."""
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self._open_list(token)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self._lists.pop()
        elif kind == "list_item_open":
            self._lists[-1].first_paragraph = True
        elif kind in ("blockquote_open", "blockquote_close"):
            self._quote_depth += 1 if kind.endswith("_open") else -1
        elif kind in ("dd_open", "dd_close"):
            self._definition_depth += 1 if kind.endswith("_open") else -1

    def _heading(self, tokens: Sequence[Token], index: int) -> str:
        plan = self._headings[index]
        inline = tokens[index + 1]
        children = list(inline.children or [])
        if plan.clause is not None and children and children[0].type == "text":
            # Word's numbering prints the number; drop the one written in the Markdown.
            first = children[0].copy()
            first.content = first.content[len(inline.content) - len(plan.clause.title) :]
            children[0] = first
        content = self._inline.runs(children, line_of(inline))
        if plan.bookmark is not None:
            bid = self._bookmark_id
            self._bookmark_id += 1
            opening = f'<w:bookmarkStart w:id="{bid}" w:name="{plan.bookmark}"/>'
            content = f'{opening}{content}<w:bookmarkEnd w:id="{bid}"/>'
        ids = [self._comments.add(tokens[start : end + 1], self._inline) for start, end in plan.notes]
        extra = "<w:pageBreakBefore/>" if index in self._signatures else ""  # the execution page
        return xml.paragraph(plan.style, anchor(content, ids), extra)

    def _paragraph(self, inline: Token) -> str:
        runs = self._inline.runs(inline.children or [], line_of(inline))
        if self._lists:
            return self._list_paragraph(runs)
        if self._quote_depth:
            return xml.paragraph("Quote", runs)
        if self._definition_depth:
            return xml.paragraph("Definition", runs)
        return xml.paragraph("BodyText", runs)

    def _definition_term(self, inline: Token) -> str:
        return xml.paragraph("DefinitionTerm", self._inline.runs(inline.children or [], line_of(inline)))

    def _open_list(self, token: Token) -> None:
        depth = len(self._lists)
        if "contains-task-list" in str(token.attrGet("class") or ""):
            self._lists.append(_List("task", 0, depth))
        elif token.type == "bullet_list_open":
            self._lists.append(_List("bullet", self._ids.bullet_num, depth))
        else:
            # A fresh w:num with a start override makes each ordered list restart at its own start.
            num_id = self._next_num
            self._next_num += 1
            start = int(str(token.attrGet("start") or 1))
            self._nums.append(
                f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{self._ids.ordered_abstract}"/>'
                f'<w:lvlOverride w:ilvl="{depth}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
            )
            self._lists.append(_List("ordered", num_id, depth))

    def _list_paragraph(self, runs: str) -> str:
        current = self._lists[-1]
        first = current.first_paragraph
        current.first_paragraph = False
        indent = _LIST_INDENT * current.depth
        if current.kind == "task":
            extra = f'<w:ind w:left="{1120 + indent}" w:hanging="400"/>' if current.depth else ""
            return xml.paragraph("Checklist", runs, extra)
        if not first:
            extra = f'<w:ind w:left="{1080 + indent}"/>' if current.depth else ""
            return xml.paragraph("ListContinue", runs, extra)
        style = "ListBullet" if current.kind == "bullet" else "ListNumber"
        numbering = f'<w:numPr><w:ilvl w:val="{current.depth}"/><w:numId w:val="{current.num_id}"/></w:numPr>'
        return xml.paragraph(style, runs, numbering)


def _plan_heading(token: Token, text: str, counter: ClauseCounter) -> _Heading:
    """Choose a heading's style: the document title, a numbered clause level, or an unnumbered heading."""
    level = int(token.tag[1:]) - 1
    if level == 0:
        return _Heading("DocumentTitle", None, None)
    clause = split_number(text)
    if clause is not None and counter.accept(level, clause.number):
        return _Heading(f"Heading{level}", clause, None)
    if level == 1 and text.startswith(SCHEDULE_WORDS):
        return _Heading("ScheduleHeading", None, None)
    return _Heading(f"UnnumberedHeading{min(level, 3)}", None, None)


_CLOSES_LANDSCAPE = frozenset({"heading_open", "bullet_list_open", "ordered_list_open", "blockquote_open",
                               "code_block", "fence", "hr", "footnote_block_open", "dl_open"})
"""Blocks that end a landscape section: what follows a wide table up to the next of these stays with it."""
_BODY_TEXT = '<w:p><w:pPr><w:pStyle w:val="BodyText"/>'
_INTRODUCTION = ':</w:t></w:r></w:p>'
_HEADING_STYLES = ('<w:p><w:pPr><w:pStyle w:val="Heading', '<w:p><w:pPr><w:pStyle w:val="Unnumbered',
                   '<w:p><w:pPr><w:pStyle w:val="ScheduleHeading"')


_DELETED = re.compile("\ue002[^\ue003]*\ue003")  # coprod.compare's marks of deleted text
_GONE_WHOLE = ("\ue005", "\ue006")  # coprod.compare's marks of a block deleted or moved away whole
_TEXT_BLOCKS = frozenset({"heading_open", "paragraph_open"})
_MARKS = re.compile("[\ue000-\uf8ff]")


def _plain(text: str) -> str:
    """``text`` folded for comparing titles, as a redline's newer draft reads it (change marks dropped)."""
    return _MARKS.sub("", _DELETED.sub("", text)).casefold()


def _last_written(out: list[str]) -> int | None:
    """Index of the last non-empty entry of ``out`` (containers write empty strings)."""
    return next((index for index in range(len(out) - 1, -1, -1) if out[index]), None)


def _keep_with_next(out: list[str]) -> None:
    """Keep the last paragraph written, if a body paragraph, on the page of what follows it."""
    last = _last_written(out)
    if last is not None and out[last].startswith(_BODY_TEXT):
        out[last] = _BODY_TEXT + "<w:keepNext/>" + out[last][len(_BODY_TEXT) :]


def _introduction_start(out: list[str]) -> int:
    """Where a wide table's landscape section starts: before its heading and introducing paragraph."""
    start = len(out)
    last = _last_written(out)
    if last is not None and out[last].startswith(_BODY_TEXT) and out[last].endswith(_INTRODUCTION):
        start = last
        last = _last_written(out[:last])
    while last is not None and out[last].startswith(_HEADING_STYLES):  # a clause heading and its sub-heading
        start = last
        last = _last_written(out[:last])
    return start
