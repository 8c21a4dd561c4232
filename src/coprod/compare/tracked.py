"""Turn the redline's private marks in a rendered .docx into Word's tracked changes.

The redline's Markdown goes through the ordinary Word writer (so a redline looks exactly like the
document it compares), carrying private-use marks (`emit.WORD`). This module then rewrites the parts that
hold body text: every run is cut at the marks; a run inside ``INS`` marks is wrapped in ``w:ins``, one
inside ``DEL`` marks in ``w:del`` (its ``w:t`` becoming ``w:delText``); a paragraph that starts with a
whole-block mark has every run and its paragraph mark inserted or deleted; a table row whose every cell
is so marked is itself an inserted or deleted row. Moves are written as a deletion where the clause stood
and an insertion where it stands, which every word processor shows.

Accepting every change gives the newer draft's text and rejecting every change the older one's.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from coprod.compare.emit import ALL_MARKS, BLOCK_MARKS, DEL_END, DEL_START, INS_END, INS_START, accept_marks
from coprod.compare.redline import Whole
from coprod.errors import BuildError
from coprod.rendering.word.package import Entry, write_zip
from coprod.rendering.word.xml import W_NS

AUTHOR = "coprod"
TEXT_PARTS = ("word/document.xml", "word/footnotes.xml")
"""The parts whose paragraphs can carry redline marks."""

_W = f"{{{W_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
_INLINE = {INS_START: "ins", INS_END: None, DEL_START: "del", DEL_END: None}
_WHOLE = {mark: ("ins" if whole in (Whole.INSERTED, Whole.MOVED_TO) else "del")
          for whole, mark in BLOCK_MARKS.items()}
_FIRST_IN_PARA_RPR = 0  # w:ins / w:del come first in a paragraph mark's properties
_DELETED_NAMES = {f"{_W}t": f"{_W}delText", f"{_W}instrText": f"{_W}delInstrText"}


class _Revisions:
    """Numbers and stamps the revision elements of one document."""

    def __init__(self, date: dt.date) -> None:
        self.next_id = 90000  # far above the writer's bookmark and comment ids
        self.date = f"{date.isoformat()}T00:00:00Z"

    def element(self, kind: str) -> etree._Element:
        element = etree.Element(f"{_W}{kind}")
        element.set(f"{_W}id", str(self.next_id))
        element.set(f"{_W}author", AUTHOR)
        element.set(f"{_W}date", self.date)
        self.next_id += 1
        return element


Piece = tuple[str | None, etree._Element]
"""A run's piece of content and its change (``ins``, ``del`` or None)."""


def _pieces(run: etree._Element, state: str | None) -> tuple[list[Piece], str | None]:
    """The run's content as (state, element) pieces, cut at the marks; and the state after it."""
    pieces: list[Piece] = []
    for child in run:
        if child.tag == f"{_W}rPr":
            continue
        if child.tag != f"{_W}t" or not child.text:
            pieces.append((state, child))
            continue
        text = ""
        for char in child.text:
            if char in _INLINE:
                if text:
                    pieces.append((state, _text(text)))
                text, state = "", _INLINE[char]
            elif char not in _WHOLE:
                text += char
        if text:
            pieces.append((state, _text(text)))
    return pieces, state


def _text(value: str) -> etree._Element:
    element = etree.Element(f"{_W}t")
    element.text = value
    element.set(_XML_SPACE, "preserve")
    return element


def _runs_of(paragraph: etree._Element) -> Iterator[etree._Element]:
    return iter([run for run in paragraph.iter(f"{_W}r")])


def _whole_mark(paragraph: etree._Element) -> str | None:
    for node in paragraph.iter(f"{_W}t"):
        for char in node.text or "":
            if char in _WHOLE:
                return _WHOLE[char]
    return None


def _mark_paragraph(paragraph: etree._Element, kind: str, revisions: _Revisions) -> None:
    ppr = paragraph.find(f"{_W}pPr")
    if ppr is None:
        ppr = etree.Element(f"{_W}pPr")
        paragraph.insert(0, ppr)
    rpr = ppr.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.SubElement(ppr, f"{_W}rPr")
        change = ppr.find(f"{_W}pPrChange")
        if change is not None:  # rPr comes before pPrChange
            change.addprevious(rpr)
    rpr.insert(_FIRST_IN_PARA_RPR, revisions.element(kind))


def _rewrite(paragraph: etree._Element, revisions: _Revisions) -> str | None:
    """Rewrite one paragraph's runs; return the whole-paragraph change, if any."""
    whole = _whole_mark(paragraph)
    state: str | None = None
    for run in _runs_of(paragraph):
        pieces, state = _pieces(run, state)
        properties = run.find(f"{_W}rPr")
        replacement: list[etree._Element] = []
        for piece_state, element in pieces:
            piece_state = whole or piece_state
            new_run = etree.Element(f"{_W}r")
            if properties is not None:
                new_run.append(copy.deepcopy(properties))
            new_run.append(element)
            if piece_state is None:
                replacement.append(new_run)
                continue
            if piece_state == "del":
                for node in new_run.iter():
                    node.tag = _DELETED_NAMES.get(node.tag, node.tag)
            wrapper = revisions.element(piece_state)
            wrapper.append(new_run)
            replacement.append(wrapper)
        parent = run.getparent()
        assert parent is not None
        index = parent.index(run)
        parent.remove(run)
        for offset, element in enumerate(replacement):
            parent.insert(index + offset, element)
    whole = whole or _all_one_change(paragraph)
    if whole is not None:
        _mark_paragraph(paragraph, whole, revisions)
    return whole


def _all_one_change(paragraph: etree._Element) -> str | None:
    """"ins" or "del" when every run with text is inserted, or every one deleted (a whole line changed)."""
    kinds = set()
    for run in paragraph.iter(f"{_W}r"):
        if run.find(f"{_W}t") is None and run.find(f"{_W}delText") is None:
            continue
        parent = run.getparent()
        kinds.add(parent.tag.removeprefix(_W) if parent is not None and parent.tag in (f"{_W}ins", f"{_W}del")
                  else None)
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def _mark_rows(root: etree._Element, wholes: dict[etree._Element, str | None],
               revisions: _Revisions) -> None:
    for row in root.iter(f"{_W}tr"):
        kinds = {wholes.get(paragraph) for paragraph in row.iter(f"{_W}p")}
        if len(kinds) != 1 or None in kinds:
            continue
        trpr = row.find(f"{_W}trPr")
        if trpr is None:
            trpr = etree.Element(f"{_W}trPr")
            first = row.find(f"{_W}tblPrEx")
            row.insert(1 if first is not None else 0, trpr)
        trpr.append(revisions.element(kinds.pop() or "ins"))


def track_part(content: bytes, revisions: _Revisions) -> bytes:
    """One part with its marks turned into tracked changes."""
    root = etree.fromstring(content, _PARSER)
    wholes = {paragraph: _rewrite(paragraph, revisions) for paragraph in list(root.iter(f"{_W}p"))}
    _mark_rows(root, wholes, revisions)
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return written


def track_changes(docx: bytes, date: dt.date, name: str) -> bytes:
    """*docx* (written from the redline's Word Markdown) with its marks as Word's tracked changes."""
    revisions = _Revisions(date)
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except zipfile.BadZipFile as error:  # the writer's own output: a bug, not a user's mistake
        raise BuildError(f"internal error: the redline of {name} is not a zip ({error})") from error
    return write_zip(Entry.compress(part, _part(part, data, revisions)) for part, data in entries)


def _part(name: str, data: bytes, revisions: _Revisions) -> bytes:
    if name in TEXT_PARTS:
        return track_part(data, revisions)
    if name.endswith((".xml", ".rels")):  # properties and headers: the newer draft's words, unmarked
        text = data.decode("utf-8")
        if any(mark in text for mark in ALL_MARKS):
            return accept_marks(text).encode("utf-8")
    return data
