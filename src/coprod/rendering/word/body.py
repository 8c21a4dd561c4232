"""Block Markdown tokens -> the body of ``word/document.xml`` (plus its comments, footnotes and lists).

Two passes over the tokens: the first finds every labelled heading (so a cross-reference may point
forward) and which clause each drafting note belongs to; the second writes the XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from coprod.rendering.word import xml
from coprod.rendering.word.clauses import ClauseCounter, ClauseHeading, bookmark_name, split_number
from coprod.rendering.word.inline import InlineWriter, Links, Target, line_of
from coprod.rendering.word.notes import Comments, anchor, block_end, is_drafting_note, write_footnotes
from coprod.rendering.word.tables import table_end, write_table

SCHEDULE_WORDS = ("Schedule", "Annex", "Appendix", "Exhibit")
"""Unnumbered top-level headings starting with these words start a new page (style ``ScheduleHeading``)."""
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
class Body:
    """What one document's Markdown becomes, ready to be spliced into the shell's parts."""

    document: str
    comments: str
    footnotes: str
    numbering: str
    relationships: str


@dataclass(slots=True)
class _Heading:
    style: str
    clause: ClauseHeading | None
    bookmark: str | None
    notes: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _List:
    kind: str  # "bullet", "ordered" or "task"
    num_id: int
    depth: int
    first_paragraph: bool = False


class BodyWriter:
    """Writes one document's body; build one per document (it holds that document's state)."""

    def __init__(self, name: str, ids: ListIds, *, clean: bool, date: dt.date) -> None:
        self._name = name
        self._ids = ids
        self._clean = clean
        self._headings: dict[int, _Heading] = {}
        self._skip: set[int] = set()
        self._targets: dict[str, Target] = {}
        self._inline = InlineWriter(name, self._targets, Links())
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
            if index in self._skip:
                index = block_end(tokens, index) + 1
                continue
            if token.type == "table_open":
                end = table_end(tokens, index)
                out.append(write_table(tokens[index : end + 1], self._inline))
                index = end + 1
                continue
            if token.type == "footnote_block_open":
                end = block_end(tokens, index)
                footnotes = write_footnotes(tokens[index : end + 1], self._inline)
                index = end + 1
                continue
            out.append(self._block(tokens, index))
            index += 1
        return Body(
            document="".join(out),
            comments="".join(self._comments.elements),
            footnotes=footnotes,
            numbering="".join(self._nums),
            relationships=self._inline.links.relationships(),
        )

    def _survey(self, tokens: Sequence[Token]) -> None:
        """First pass: heading styles, numbers and bookmarks; which heading each drafting note concerns."""
        counter = ClauseCounter()
        taken: set[str] = set()
        last_heading: _Heading | None = None
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                heading = _plan_heading(token, tokens[index + 1].content, counter)
                label = token.attrGet("id")
                if label is not None:
                    heading.bookmark = bookmark_name(str(label), taken)
                    number = heading.clause.label if heading.clause else None
                    self._targets[str(label)] = Target(heading.bookmark, number)
                self._headings[index] = heading
                last_heading = heading
            elif token.type == "blockquote_open" and token.level == 0 and is_drafting_note(tokens, index):
                self._skip.add(index)
                if last_heading is not None and not self._clean:
                    last_heading.notes.append((index, block_end(tokens, index)))

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
        return xml.paragraph(plan.style, anchor(content, ids))

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
