"""Reading a house-style shell as what it is: a file from outside, like a template.

A firm's or a fund's ``.docx`` reaches every document coprod writes, and those go to clients. So the
package is read defensively and reduced to what a house style needs before anything else looks at it:

- bounded: at most `MAX_SHELL_BYTES` on disk, `MAX_PARTS` parts, `MAX_PART_BYTES` per part uncompressed
  (read with a cap, whatever the zip's headers claim), `MAX_TOTAL_BYTES` in all;
- zip member names must be plain relative names: no absolute names, drive letters, backslashes, ``..``,
  empty segments, or two names that differ only in case (part names are case-insensitive);
- XML is parsed without entity resolution, network access or a DTD; a DOCTYPE is refused (Word never
  writes one), as is anything that is not well-formed;
- active content is refused, naming the part: macros (``vbaProject.bin``, macro-enabled content types),
  ActiveX controls, embedded OLE objects and packages, and every external relationship except a web or
  e-mail hyperlink (an ``attachedTemplate`` on a remote server, a mail-merge data source, ...);
- only the parts a house style needs are kept, found by following relationships from the package root:
  the document, styles, numbering, headers, footers, footnotes, endnotes, comments, theme, fonts,
  settings, document properties and images. Anything else (custom XML, glossaries, thumbnails,
  relationships to parts that are not kept) is dropped;
- what is kept must hang together as Word requires: every relationship target exists, every ``r:id``
  in a kept part names a kept relationship, and every part has a content type.

Every refusal is a `TemplateError` naming the shell file and the part.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from lxml import etree

from coprod.errors import TemplateError
from coprod.rendering.word.xml import OFFICE_RELS

MAX_SHELL_BYTES: Final = 32 * 1024 * 1024
MAX_PARTS: Final = 1000
MAX_PART_BYTES: Final = 16 * 1024 * 1024
MAX_TOTAL_BYTES: Final = 64 * 1024 * 1024

_PACKAGE_RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_R_NS: Final = OFFICE_RELS
_CONTENT_TYPES: Final = "[Content_Types].xml"
_ROOT_RELS: Final = "_rels/.rels"

_KEEP: Final[Mapping[str, frozenset[str]]] = {
    "": frozenset({"officeDocument", "core-properties", "extended-properties", "custom-properties"}),
    "officeDocument": frozenset({"styles", "numbering", "header", "footer", "theme", "fontTable", "settings",
                                 "webSettings", "footnotes", "endnotes", "comments", "image", "hyperlink"}),
    "header": frozenset({"image", "hyperlink"}),
    "footer": frozenset({"image", "hyperlink"}),
    "footnotes": frozenset({"image", "hyperlink"}),
    "endnotes": frozenset({"image", "hyperlink"}),
    "comments": frozenset({"image", "hyperlink"}),
    "fontTable": frozenset({"font"}),
    "theme": frozenset({"image"}),
}
"""Relationship types kept, by the type of the part they start from (``""``: the package itself)."""
_ACTIVE: Final[Mapping[str, str]] = {
    "vbaProject": "a macro project", "vbaData": "macro data", "wordVbaData": "macro data",
    "keyMapCustomizations": "macro key bindings", "activeXControlBinary": "an ActiveX control",
    "control": "an ActiveX control", "oleObject": "an embedded object", "package": "an embedded package",
    "attachedTemplate": "an attached template", "subDocument": "a sub-document",
    "mailMergeSource": "a mail-merge data source", "recipientData": "mail-merge recipient data",
}
"""Relationship types that carry active or remote content: refused wherever they appear."""
_ACTIVE_NAMES: Final = ("vbaproject", "vbadata", "activex", "embeddings/")
_WEB_SCHEMES: Final = ("http", "https", "mailto")

PARSER: Final = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                huge_tree=False, remove_blank_text=False)
"""The only parser an untrusted part ever meets."""


def _refuse(path: Path, part: str, message: str) -> TemplateError:
    return TemplateError(f"{part}: {message}", template=str(path))


def read_package(path: Path) -> dict[str, bytes]:
    """The parts of the shell at *path* that a house style needs, checked (see the module docstring).

    Raises:
        TemplateError: the file cannot be read, is too large, or holds something refused; names the part.
    """
    parts = _read_zip(path)
    for name in parts:
        lowered = name.lower()
        if any(marker in lowered for marker in _ACTIVE_NAMES):
            raise _refuse(path, name, "macros, ActiveX controls and embedded objects are not allowed in a "
                                      "house style; save the shell as a plain .docx without them")
    for name in (_CONTENT_TYPES, _ROOT_RELS):
        if name not in parts:
            raise TemplateError(f"the shell has no part {name}; is it a .docx?", template=str(path))
    trees = {name: _parse(path, name, data) for name, data in parts.items() if _is_xml(name)}
    types = _content_types(path, trees[_CONTENT_TYPES])
    modified: set[str] = set()
    kept = _follow(path, parts, trees, modified)
    _check_references(path, kept, trees)
    for name in kept:
        if not name.endswith(".rels") and name != _CONTENT_TYPES and _content_type(types, name) is None:
            raise _refuse(path, name, "the part has no content type in [Content_Types].xml; Word would not "
                                      "open the file")
    overrides = trees[_CONTENT_TYPES]
    for override in list(overrides.iter(f"{{{_CT_NS}}}Override")):
        if str(override.get("PartName", "")).lstrip("/") not in kept:
            overrides.remove(override)
            modified.add(_CONTENT_TYPES)
    # The shell's own order; a part whose relationships or overrides were dropped is written anew.
    return {name: _serialise(trees[name]) if name in modified else data
            for name, data in parts.items() if name in kept}


def _read_zip(path: Path) -> dict[str, bytes]:
    try:
        size = path.stat().st_size
        if size > MAX_SHELL_BYTES:
            raise TemplateError(f"the Word shell is {size:,} bytes; a house style is at most "
                                f"{MAX_SHELL_BYTES:,}", template=str(path))
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if len(infos) > MAX_PARTS:
                raise TemplateError(f"the Word shell has {len(infos):,} parts; a house style has at most "
                                    f"{MAX_PARTS:,}", template=str(path))
            parts: dict[str, bytes] = {}
            seen: dict[str, str] = {}
            total = 0
            for info in infos:
                name = _check_name(path, info.filename)
                if name.lower() in seen:
                    raise _refuse(path, name, f"the zip holds this part twice (as {seen[name.lower()]!r} and "
                                              f"{name!r}); Word part names ignore case")
                seen[name.lower()] = name
                with archive.open(info) as stream:
                    data = stream.read(MAX_PART_BYTES + 1)
                if len(data) > MAX_PART_BYTES:
                    raise _refuse(path, name, f"the part is larger than {MAX_PART_BYTES:,} bytes unpacked")
                total += len(data)
                if total > MAX_TOTAL_BYTES:
                    raise _refuse(path, name, f"the shell unpacks to more than {MAX_TOTAL_BYTES:,} bytes")
                parts[name] = data
    except TemplateError:
        raise
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError,
            RuntimeError) as error:  # zipfile's ways of saying "not a zip I can read" (encrypted: Runtime)
        reason = (getattr(error, "strerror", None) or str(error) or type(error).__name__).lower()
        raise TemplateError(f"cannot read the Word shell: {reason}", template=str(path)) from None
    return parts


def _check_name(path: Path, name: str) -> str:
    segments = name.split("/")
    if (name.startswith(("/", "\\")) or "\\" in name or ":" in segments[0] or "\x00" in name
            or any(segment in ("", ".", "..") for segment in segments)):
        raise _refuse(path, name, "the zip member's name is absolute or leaves the package (.., /, \\, a "
                                  "drive); a .docx never holds such a name")
    return name


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _parse(path: Path, name: str, data: bytes) -> Any:
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise _refuse(path, name, "the part declares a DOCTYPE or entities, which Word never writes; "
                                  "it is refused (entities can read files or expand without bound)")
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as error:
        raise _refuse(path, name, f"not well-formed XML ({error})") from None
    if root.getroottree().docinfo.doctype:
        raise _refuse(path, name, "the part declares a DOCTYPE, which Word never writes")
    return root


def _serialise(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _content_types(path: Path, root: Any) -> tuple[dict[str, str], dict[str, str]]:
    defaults = {str(item.get("Extension", "")).lower(): str(item.get("ContentType", ""))
                for item in root.iter(f"{{{_CT_NS}}}Default")}
    overrides = {str(item.get("PartName", "")).lstrip("/").lower(): str(item.get("ContentType", ""))
                 for item in root.iter(f"{{{_CT_NS}}}Override")}
    for name, kind in overrides.items():
        if "macroenabled" in kind.lower() or "vba" in kind.lower():
            raise _refuse(path, name, f"the part is macro-enabled ({kind}); save the shell as a plain .docx")
    return defaults, overrides


def _content_type(types: tuple[dict[str, str], dict[str, str]], name: str) -> str | None:
    defaults, overrides = types
    return overrides.get(name.lower()) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())


def _rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _follow(path: Path, parts: Mapping[str, bytes], trees: dict[str, Any], modified: set[str]) -> set[str]:
    """Walk the relationships from the package root; keep what a house style needs, drop the rest."""
    kept = {_CONTENT_TYPES}
    pending: list[tuple[str, str]] = [("", "")]  # (part, its relationship type)
    while pending:
        source, source_kind = pending.pop()
        rels = _ROOT_RELS if source == "" else _rels_name(source)
        if rels not in trees:
            continue
        kept.add(rels)
        for rel in list(trees[rels]):
            kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
            target = _target(path, source, rels, rel, kind)
            if target is None:
                continue  # a web or e-mail hyperlink
            if kind not in _KEEP.get(source_kind, frozenset()):
                trees[rels].remove(rel)  # not needed by a house style: dropped with its part
                modified.add(rels)
                continue
            if target not in parts:
                raise _refuse(path, rels, f"relationship {rel.get('Id')} ({kind}) points to "
                                          f"{rel.get('Target')!r}, which is not a part of the file")
            if target not in kept:
                kept.add(target)
                pending.append((target, kind))
    return kept


def _target(path: Path, source: str, rels: str, rel: Any, kind: str) -> str | None:
    """The part *rel* points to; None for an allowed external hyperlink; refused if active or remote."""
    target = str(rel.get("Target", ""))
    where = f"relationship {rel.get('Id')} ({kind})"
    if kind in _ACTIVE:
        raise _refuse(path, rels, f"{where} brings in {_ACTIVE[kind]} ({target}); a house style may not "
                                  "carry active or remote content")
    if rel.get("TargetMode") == "External":
        if kind == "hyperlink" and urlsplit(target).scheme.lower() in _WEB_SCHEMES:
            return None
        raise _refuse(path, rels, f"{where} points outside the file, to {target!r}; a house style may only "
                                  "link to web or e-mail addresses")
    joined = target if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
    resolved = posixpath.normpath(joined).lstrip("/")
    if resolved.startswith("../") or resolved == "..":
        raise _refuse(path, rels, f"{where} points to {target!r}, outside the package")
    return resolved


def _check_references(path: Path, kept: set[str], trees: Mapping[str, Any]) -> None:
    """Every ``r:id``-style attribute of a kept part names a relationship that was kept."""
    for name in sorted(kept):
        if name.endswith(".rels") or name not in trees:
            continue
        rels = trees.get(_rels_name(name))
        ids = {str(rel.get("Id")) for rel in rels} if rels is not None else set()
        for element in trees[name].iter():
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{_R_NS}}}") and value not in ids:
                    local = etree.QName(element).localname
                    raise _refuse(path, name, f"<{local}> refers to relationship {value}, which a house "
                                              "style cannot carry (an embedded object, a macro, custom "
                                              "XML?); remove it in Word")


__all__ = ["MAX_PARTS", "MAX_PART_BYTES", "MAX_SHELL_BYTES", "MAX_TOTAL_BYTES", "PARSER", "read_package"]
