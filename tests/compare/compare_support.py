"""Drafts of an example project with one realistic edit each, and a reader of Word's tracked changes."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "projects" / "the-salt-road" / "project.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"the example no longer holds {old!r}: update this edit"
        return text.replace(old, new, 1)
    return edit


def _chain(*edits: Callable[[str], str]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for one in edits:
            text = one(text)
        return text
    return edit


_SALES_BLOCK = re.compile(r"  world_sales:\n(?:    .*\n)+")
_SALES_TIERS = re.compile(r"    - \{name: Sales (?:commission|expenses), .*\}\n")


def _drop_sales(text: str) -> str:
    assert _SALES_BLOCK.search(text) and _SALES_TIERS.search(text), "the example lost its sales agent"
    return _SALES_TIERS.sub("", _SALES_BLOCK.sub("", text))


EDITS: dict[str, Callable[[str], str]] = {
    "share changed": _chain(_replace("    share: 15", "    share: 12"),
                            _replace("    share: 60", "    share: 63")),
    "finance line added": _replace(
        "  - {id: cz-tv,",
        '  - {id: cz-gap, partner: vltava, territory: CZ, type: gap, source: Czech gap loan, '
        'amount: "500000", '
        "currency: CZK, status: planned}\n  - {id: cz-tv,"),
    "tier added": _replace(
        "    - name: Net profits\n",
        '    - {name: Writers deferment, kind: deferment, payee: screenwriters, amount: "20000"}\n'
        "    - name: Net profits\n"),
    "clause dropped by a condition": _drop_sales,
    "party renamed": _replace("company: Nord Lumière SRL", "company: Nord Lumière Productions SRL"),
    "date moved": _replace("start: 2027-05-03", "start: 2027-05-10"),
}
"""Each turns the example's project file into a newer draft with one kind of change."""


def drafts(tmp: Path, edit: Callable[[str], str]) -> tuple[Path, Path]:
    """(newer project file, older project file) in a project folder under *tmp*."""
    folder = tmp / "projects" / "the-salt-road"
    folder.mkdir(parents=True)
    older = folder / "older.yaml"
    shutil.copyfile(EXAMPLE, older)
    newer = folder / "project.yaml"
    newer.write_text(edit(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    return newer, older


def _parts(docx: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in ("word/document.xml",)
                if name in archive.namelist()}


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _mark_kind(paragraph: etree._Element) -> str | None:
    rpr = paragraph.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return None
    for kind in ("ins", "del"):
        if rpr.find(f"{W}{kind}") is not None:
            return kind
    return None


def resolve(docx: bytes, *, accept: bool) -> list[str]:
    """The paragraphs' text after accepting (or rejecting) every tracked change, as Word would.

    Text compared: each paragraph's runs, cross-reference numbers (Word recomputes them) and the clause
    number a heading shows as text left out.
    """
    root = _parts(docx)["word/document.xml"]
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for row in list(root.iter(f"{W}tr")):
        marks = row.find(f"{W}trPr/{W}{drop}")
        if marks is not None:
            _drop(row)
    for paragraph in list(root.iter(f"{W}p")):
        if _mark_kind(paragraph) == drop:
            for element in list(paragraph.iter(f"{W}{drop}")):
                if element.getparent() is not None and element.getparent().tag != f"{W}rPr":
                    _drop(element)
            assert not "".join(paragraph.itertext()).strip(), "a paragraph whose mark is tracked kept text"
            _drop(paragraph)
    for element in list(root.iter(f"{W}{drop}")):
        if element.getparent() is not None and element.getparent().tag not in (f"{W}rPr", f"{W}trPr"):
            _drop(element)
    for element in list(root.iter(f"{W}{keep}")):
        parent = element.getparent()
        if parent is not None and parent.tag in (f"{W}rPr", f"{W}trPr"):
            _drop(element)
        elif parent is not None:
            _unwrap(element)
    return paragraphs_text(root)


def plain_text(docx: bytes) -> list[str]:
    """The paragraphs' text of a document without tracked changes, compared the same way."""
    root = _parts(docx)["word/document.xml"]
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None
    return paragraphs_text(root)


_REFERENCE_NUMBER = re.compile(r"\b(Clauses?|Schedules?|Paragraphs?) \d+(\.\d+)*")


def paragraphs_text(root: etree._Element) -> list[str]:
    """Non-empty paragraphs' text; cross-reference numbers (which Word computes) read as ``N``."""
    texts: list[str] = []
    for paragraph in root.iter(f"{W}p"):
        if paragraph.find(f"{W}pPr/{W}pStyle[@{W}val='TOC1']") is not None:
            continue  # contents entries: their page numbers are estimates of each draft's layout
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t", f"{W}delText"))
        text = _REFERENCE_NUMBER.sub(r"\1 N", re.sub(r"^\d+(\.\d+)*\.?\s+", "", text))
        if text.strip():
            texts.append(text)
    return texts
