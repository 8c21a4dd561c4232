"""Rebuild coprod's house-style shell, ``templates/word/house-style.docx``, from this script.

The committed .docx is what a firm edits in Word; this script is how it was made, so the first version can
be rebuilt byte for byte (``python tools/make_house_style.py``). It writes WordprocessingML by hand, with no
third-party library, so every style, numbering level and field in the shell is visible here.

The shell is a docxtpl template: its cover page, header and footer hold Jinja tags (``{{ title }}``,
``{%p for party in parties %}``), and the paragraph ``{{p body }}`` marks where the document's body goes.
coprod's Word renderer refers to the styles by their ids (``Heading1``, ``BodyText``, ``Checklist``, ...),
so a firm may change how a style looks, but not delete it. See ``docs/house-style.md``.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from house_style_styles import DECL, ROOT_NS, numbering_xml, styles_xml

OUT = Path(__file__).resolve().parent.parent / "templates" / "word" / "house-style.docx"

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _p(style: str, runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(instruction: str, cached: str) -> str:
    """A complex field (PAGE, NUMPAGES) with a cached result, so viewers that do not update fields show it."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{cached}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def document_xml() -> str:
    """The cover page, the body placeholder, and the section with its header and footer."""
    cover = [
        _p("Title", _r("{{ title }}")),
        "<w:p>" + _r("{%p if parties %}") + "</w:p>",
        _p("CoverText", _r("{% if contract %}between{% else %}prepared for{% endif %}")),
        "<w:p>" + _r("{%p for party in parties %}") + "</w:p>",
        _p("CoverParty", _r("{{ party }}")),
        "<w:p>" + _r("{%p endfor %}") + "</w:p>",
        "<w:p>" + _r("{%p endif %}") + "</w:p>",
        _p("CoverDraft", _r("Draft for discussion")),
        _p("CoverText", _r("Draft {{ draft_number }} \u2014 {{ draft_date }}")),
        '<w:p><w:r><w:br w:type="page"/></w:r></w:p>',
        "<w:p>" + _r("{{p body }}") + "</w:p>",
    ]
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708"'
        ' w:gutter="0"/><w:titlePg/></w:sectPr>'
    )
    return f"{DECL}<w:document {ROOT_NS}><w:body>{''.join(cover)}{section}</w:body></w:document>"


def header_xml() -> str:
    """Running header: short title on the left, draft marker on the right."""
    runs = (
        _r("{{ short_title }}")
        + "<w:r><w:tab/></w:r>"
        + _r("Draft {{ draft_number }} \u2014 {{ draft_date }}")
    )
    return f"{DECL}<w:hdr {ROOT_NS}>{_p('Header', runs)}</w:hdr>"


def footer_xml() -> str:
    """Running footer: the project's legend, 'Page X of Y' (PAGE, NUMPAGES), then the document reference."""
    runs = (
        _r("{{ legend }}")
        + "<w:r><w:tab/></w:r>"
        + _r("Page ")
        + _field("PAGE", "1")
        + _r(" of ")
        + _field("NUMPAGES", "1")
    )
    reference = '<w:p><w:pPr><w:pStyle w:val="FooterReference"/></w:pPr>' + _r("{{ reference }}") + "</w:p>"
    return f"{DECL}<w:ftr {ROOT_NS}>{_p('Footer', runs)}{reference}</w:ftr>"


def empty_part(tag: str) -> str:
    """The cover page's header or footer: one empty paragraph."""
    return f'{DECL}<w:{tag} {ROOT_NS}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:{tag}>'


def settings_xml() -> str:
    """Settings: update fields on open (the contents), tab stops, footnote separators, Word 2013+ mode."""
    return (
        f"{DECL}<w:settings {ROOT_NS}>"
        '<w:updateFields w:val="true"/>'
        '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat></w:settings>'
    )


def footnotes_xml() -> str:
    """The footnote separators Word expects before any footnote."""
    return (
        f"{DECL}<w:footnotes {ROOT_NS}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        "<w:r><w:separator/></w:r></w:p></w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
    )


def comments_xml() -> str:
    """An empty comments part; the renderer fills it with drafting notes."""
    return f"{DECL}<w:comments {ROOT_NS}/>"


def _rels(rels: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels)
    return f'{DECL}<Relationships xmlns="{PKG_RELS}">{body}</Relationships>'


def content_types_xml() -> str:
    """Content types of every part in the shell."""
    overrides = {
        "/word/document.xml": f"{WML}.document.main+xml",
        "/word/styles.xml": f"{WML}.styles+xml",
        "/word/numbering.xml": f"{WML}.numbering+xml",
        "/word/settings.xml": f"{WML}.settings+xml",
        "/word/footnotes.xml": f"{WML}.footnotes+xml",
        "/word/comments.xml": f"{WML}.comments+xml",
        "/word/header1.xml": f"{WML}.header+xml",
        "/word/header2.xml": f"{WML}.header+xml",
        "/word/footer1.xml": f"{WML}.footer+xml",
        "/word/footer2.xml": f"{WML}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    body = (
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides.items())
    )
    return f'{DECL}<Types xmlns="{CT}">{body}</Types>'


def parts() -> dict[str, str]:
    """Every part of the shell, in the order they are written to the zip."""
    package_rels = _rels(
        [
            ("rId1", f"{OD}/officeDocument", "word/document.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            ("rId3", f"{OD}/extended-properties", "docProps/app.xml"),
        ]
    )
    document_rels = _rels(
        [
            ("rIdStyles", f"{OD}/styles", "styles.xml"),
            ("rIdNumbering", f"{OD}/numbering", "numbering.xml"),
            ("rIdSettings", f"{OD}/settings", "settings.xml"),
            ("rIdFootnotes", f"{OD}/footnotes", "footnotes.xml"),
            ("rIdComments", f"{OD}/comments", "comments.xml"),
            ("rIdHeader", f"{OD}/header", "header1.xml"),
            ("rIdHeaderFirst", f"{OD}/header", "header2.xml"),
            ("rIdFooter", f"{OD}/footer", "footer1.xml"),
            ("rIdFooterFirst", f"{OD}/footer", "footer2.xml"),
        ]
    )
    core = (
        f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>coprod house style</dc:title><dc:creator>coprod</dc:creator></cp:coreProperties>"
    )
    app = (
        f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>coprod</Application></Properties>"
    )
    return {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": package_rels,
        "docProps/core.xml": core,
        "docProps/app.xml": app,
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": document_rels,
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": settings_xml(),
        "word/footnotes.xml": footnotes_xml(),
        "word/comments.xml": comments_xml(),
        "word/header1.xml": header_xml(),
        "word/header2.xml": empty_part("hdr"),
        "word/footer1.xml": footer_xml(),
        "word/footer2.xml": empty_part("ftr"),
    }


def main(out: Path = OUT) -> int:
    """Write the shell with fixed zip timestamps, so the same script always gives the same bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts().items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
