"""The WordprocessingML vocabulary the Word renderer writes, and the escaping every text node goes through.

Body XML is built as strings, not element trees: it is several times faster, and every string that comes
from a document passes through `text` or `attr` below, so nothing a user wrote can become markup. The
writer's output is parsed again afterwards (see ``package.py``), so a mistake here cannot ship silently.
"""

from __future__ import annotations

import re
from typing import Final

from coprod.errors import BuildError

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_REL: Final = f"{OFFICE_RELS}/hyperlink"
DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Characters XML 1.0 cannot carry at all (C0 controls other than tab/newline/return, lone surrogates,
# U+FFFE/U+FFFF). The project model refuses them; this is the renderer's own guard.
_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    """Escape ``value`` for use as XML character data."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """Escape ``value`` for use inside a double-quoted XML attribute."""
    return text(value).replace('"', "&quot;")


def check_legal(value: str, what: str) -> None:
    """Raise `BuildError` if ``value`` holds a character that XML 1.0 cannot represent.

    Args:
        value: Text about to be written into a part.
        what: What the text is, for the message (e.g. ``"agreement.md"`` or ``"the document title"``).

    Raises:
        BuildError: Naming the line, column and code point of the first illegal character.
    """
    match = _ILLEGAL.search(value)
    if match is None:
        return
    line = value.count("\n", 0, match.start()) + 1
    column = match.start() - (value.rfind("\n", 0, match.start()) + 1) + 1
    raise BuildError(
        f"{what}:{line}:{column}: character U+{ord(match.group()):04X} cannot be written to a Word file "
        "(XML 1.0 forbids control characters); remove it from the project file"
    )


def run(body: str, props: str = "") -> str:
    """A ``w:r`` holding ``body`` (already XML) with run properties ``props`` (already XML)."""
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>" if props else f"<w:r>{body}</w:r>"


def text_run(value: str, props: str = "") -> str:
    """A run printing ``value`` literally (escaped, spaces kept)."""
    return run(f'<w:t xml:space="preserve">{text(value)}</w:t>', props)


def paragraph(style: str, content: str, extra_ppr: str = "") -> str:
    """A ``w:p`` in paragraph style ``style`` (a style id of the shell)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}</w:pPr>{content}</w:p>'


def complex_field(instruction: str, cached: str) -> str:
    """A field (``REF``, ``PAGE``) with ``cached`` as its shown result until Word updates it."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {text(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{text_run(cached)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
