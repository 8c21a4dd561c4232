"""The styles coprod writes with, found in a shell by id or, after an office suite renamed ids, by name.

The body refers to styles by id (``BodyText``). Word keeps the ids coprod's shell was made with, but
another editor may not: LibreOffice saves "Body Text" as ``TextBody`` and "Hyperlink" as ``InternetLink``.
So when an id is missing and a style of the same name exists, the shell's parts are rewritten once, at
load time, to use coprod's id; only a style missing by both id and name is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import Final

from lxml import etree

from coprod.errors import TemplateError
from coprod.rendering.word.xml import W_NS

REQUIRED_STYLES: Final = {
    "Title": "Title",
    "DocumentTitle": "Document Title",
    "Heading1": "heading 1",
    "Heading2": "heading 2",
    "Heading3": "heading 3",
    "UnnumberedHeading1": "Unnumbered Heading 1",
    "UnnumberedHeading2": "Unnumbered Heading 2",
    "UnnumberedHeading3": "Unnumbered Heading 3",
    "ScheduleHeading": "Schedule Heading",
    "BodyText": "Body Text",
    "ListBullet": "List Bullet",
    "ListNumber": "List Number",
    "ListContinue": "List Continue",
    "Checklist": "Checklist",
    "Quote": "Quote",
    "TableText": "Table Text",
    "CodeBlock": "Code Block",
    "DefinitionTerm": "Definition Term",
    "Definition": "Definition",
    "FootnoteText": "footnote text",
    "CommentText": "annotation text",
    "FootnoteReference": "footnote reference",
    "CommentReference": "annotation reference",
    "Hyperlink": "Hyperlink",
    "CodeChar": "Code Char",
    "CheckboxChar": "Checkbox",
    "CoprodTable": "Coprod Table",
}
"""coprod's style id -> the style's name in Word (names of Word's built-in styles are lower case)."""

_W: Final = f"{{{W_NS}}}"
_REFERENCES: Final = frozenset(
    f"{_W}{tag}" for tag in ("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link")
)


def normalise_style_ids(
    parts: MutableMapping[str, bytes], styles: str, others: Iterable[str], path: Path
) -> None:
    """Give each required style coprod's id, renaming ids in ``styles`` and the parts named in ``others``.

    Raises:
        TemplateError: A required style is missing by both id and name.
    """
    tree = etree.fromstring(parts[styles])
    by_id = {str(style.get(f"{_W}styleId")): style for style in tree.iter(f"{_W}style")}
    by_name: dict[str, str] = {}
    for style_id, style in by_id.items():
        name = style.find(f"{_W}name")
        if name is not None:
            by_name.setdefault(str(name.get(f"{_W}val")).lower(), style_id)
    renames: dict[str, str] = {}
    missing: list[str] = []
    for wanted, name in REQUIRED_STYLES.items():
        if wanted in by_id:
            continue
        found = by_name.get(name.lower())
        if found is None or found in renames:
            missing.append(wanted)
        else:
            renames[found] = wanted
    if missing:
        raise TemplateError(
            f"the shell lacks styles coprod writes with: {', '.join(missing)} "
            "(restyle them, do not delete them)",
            str(path),
        )
    if not renames:
        return
    for old, new in renames.items():
        by_id[old].set(f"{_W}styleId", new)
    _rename_references(tree, renames)
    parts[styles] = _serialise(tree)
    for name in others:
        other = etree.fromstring(parts[name])
        if _rename_references(other, renames):
            parts[name] = _serialise(other)


def _rename_references(tree: etree._Element, renames: dict[str, str]) -> bool:
    changed = False
    for element in tree.iter(*_REFERENCES):
        value = element.get(f"{_W}val")
        if value in renames:
            element.set(f"{_W}val", renames[value])
            changed = True
    return changed


def _serialise(tree: etree._Element) -> bytes:
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True))
