"""Inline Markdown tokens -> Word runs: text, emphasis, code, breaks, links, cross-references, checkboxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from coprod.errors import TemplateError
from coprod.rendering.word import xml
from coprod.rendering.word.amounts import keep_amounts_whole
from coprod.rendering.word.images import Media
from coprod.rendering.word.xml import HYPERLINK_REL

CHECKBOX_CLASS = "task-list-item-checkbox"
_BALLOT = {False: "\u2610", True: "\u2612"}  # ☐ ☒


@dataclass(frozen=True, slots=True)
class Target:
    """Where a ``#label`` points: the heading's bookmark and, for a numbered clause, its number."""

    bookmark: str
    number: str | None


@dataclass(slots=True)
class Links:
    """External hyperlinks of a document, each a relationship of ``word/document.xml``."""

    by_url: dict[str, str] = field(default_factory=dict)

    def rel_id(self, url: str) -> str:
        """The relationship id for ``url``, adding one the first time it is seen."""
        if url not in self.by_url:
            self.by_url[url] = f"rIdCoprodLink{len(self.by_url) + 1}"
        return self.by_url[url]

    def relationships(self) -> str:
        """The ``Relationship`` elements to add to the document part's relationships."""
        return "".join(
            f'<Relationship Id="{rid}" Type="{HYPERLINK_REL}" Target="{xml.attr(url)}"'
            ' TargetMode="External"/>'
            for url, rid in self.by_url.items()
        )


def line_of(token: Token) -> int:
    """The 1-based Markdown line ``token`` starts on, for error messages; 0 when the parser gave none."""
    return token.map[0] + 1 if token.map else 0


@dataclass(slots=True)
class InlineWriter:
    """Writes the runs of one inline token's children; shared by one document's body, notes and tables.

    Attributes:
        document: The document's name, for error messages.
        targets: Heading labels to their bookmarks, collected before the body is written.
        links: Where external hyperlinks are registered.
    """

    document: str
    targets: dict[str, Target]
    links: Links
    media: Media | None = None
    """The images the document may show (a Markdown image it was not handed prints its description)."""

    def runs(
        self, children: Sequence[Token], line: int, *, rich_links: bool = True, bold: bool = False
    ) -> str:
        """Runs for ``children``; ``rich_links=False`` writes links as their text (comments, footnotes)."""
        out: list[str] = []
        state = _Emphasis(bold=1 if bold else 0)
        index = 0
        while index < len(children):
            token = children[index]
            if out and token.type == "text" and children[index - 1].type == "html_inline":
                token = _without_leading_space(token)  # the checkbox's tab already separates the text
            if token.type == "link_open":
                close = _matching_close(children, index)
                inner = children[index + 1 : close]
                href = str(token.attrGet("href") or "")
                out.append(self._link(href, inner, state, line, rich_links))
                index = close + 1
                continue
            out.append(self._token(token, state))
            index += 1
        return "".join(out)

    def _token(self, token: Token, state: _Emphasis) -> str:
        kind = token.type
        if kind == "text":
            return xml.text_run(keep_amounts_whole(token.content), state.props()) if token.content else ""
        if kind in ("strong_open", "strong_close", "em_open", "em_close"):
            state.toggle(kind)
            return ""
        if kind == "code_inline":
            return xml.text_run(token.content, '<w:rStyle w:val="CodeChar"/>' + state.props(styled=False))
        if kind == "softbreak":
            return xml.text_run(" ", state.props())
        if kind == "hardbreak":
            return xml.run("<w:br/>")
        if kind == "footnote_ref":
            number = int(token.meta["id"]) + 1
            return xml.run(f'<w:footnoteReference w:id="{number}"/>', '<w:rStyle w:val="FootnoteReference"/>')
        if kind == "html_inline" and CHECKBOX_CLASS in token.content:
            return checkbox('checked="checked"' in token.content)
        if kind == "image":
            source = str(token.attrGet("src") or "")
            drawing = self.media.drawing(source, token.content) if self.media is not None else None
            return drawing if drawing is not None else xml.text_run(token.content, state.props())
        # Raw HTML is off in the shared parser, so anything else is printed as the text it is.
        return xml.text_run(token.content, state.props()) if token.content else ""

    def _link(self, href: str, inner: Sequence[Token], state: _Emphasis, line: int, rich: bool) -> str:
        if not href.startswith("#"):
            if not rich:
                return "".join(self._token(token, state) for token in inner)
            state.style = "Hyperlink"
            runs = "".join(self._token(token, state) for token in inner)
            state.style = None
            return f'<w:hyperlink r:id="{self.links.rel_id(href)}" w:history="1">{runs}</w:hyperlink>'
        shown = "".join(self._token(token, state) for token in inner)
        label = href[1:]
        target = self.targets.get(label)
        if target is None:
            known = ", ".join(sorted(self.targets)) or "none"
            raise TemplateError(
                f"cross-reference to '#{label}', but no heading has that label (labels: {known})",
                template=self.document,
                line=line,
            )
        plain = "".join(token.content for token in inner if token.type in ("text", "code_inline"))
        if target.number is not None and _ends_with_number(plain, target.number):
            prefix = plain[: len(plain) - len(target.number)]
            instruction = f"REF {target.bookmark} \\r \\h"
            return (xml.text_run(prefix, state.props()) if prefix else "") + xml.complex_field(
                instruction, target.number
            )
        if not rich:
            return shown
        return f'<w:hyperlink w:anchor="{target.bookmark}" w:history="1">{shown}</w:hyperlink>'


@dataclass(slots=True)
class _Emphasis:
    """How deep the writer is inside ``**`` and ``*`` (nesting counts, so ``***x***`` works)."""

    bold: int = 0
    italic: int = 0
    style: str | None = None
    """A character style for the runs (``Hyperlink`` inside an external link)."""

    def toggle(self, kind: str) -> None:
        step = 1 if kind.endswith("_open") else -1
        if kind.startswith("strong"):
            self.bold += step
        else:
            self.italic += step

    def props(self, *, styled: bool = True) -> str:
        style = f'<w:rStyle w:val="{self.style}"/>' if self.style and styled else ""
        return style + ("<w:b/>" if self.bold > 0 else "") + ("<w:i/>" if self.italic > 0 else "")


def checkbox(checked: bool) -> str:
    """A Word checkbox content control (clickable in Word), showing ☐ or ☒, then a tab to the item text."""
    return (
        "<w:sdt><w:sdtPr><w14:checkbox>"
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="Segoe UI Symbol"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="Segoe UI Symbol"/>'
        "</w14:checkbox></w:sdtPr><w:sdtContent>"
        + xml.text_run(_BALLOT[checked], '<w:rStyle w:val="CheckboxChar"/>')
        + "</w:sdtContent></w:sdt><w:r><w:tab/></w:r>"
    )


def _without_leading_space(token: Token) -> Token:
    copy = token.copy()
    copy.content = token.content.removeprefix(" ")
    return copy


def _matching_close(children: Sequence[Token], start: int) -> int:
    """Index of the ``link_close`` that ends the link opened at ``start`` (links do not nest)."""
    for index in range(start + 1, len(children)):
        if children[index].type == "link_close":
            return index
    return len(children) - 1


def _ends_with_number(text: str, number: str) -> bool:
    """Whether ``text`` ends with ``number`` as a whole number (``Clause 9.2`` yes, ``Clause 19.2`` no)."""
    if not text.endswith(number):
        return False
    before = text[: len(text) - len(number)]
    return not before or not (before[-1].isdigit() or before[-1] == ".")
