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

OUT = Path(__file__).resolve().parent.parent / "templates" / "word" / "house-style.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
ROOT_NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"'
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

BODY_FONT = "Times New Roman"
MONO = '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
TEXT_INDENT = 720  # twips: clause text and body paragraphs align half an inch in


def _style(
    style_id: str,
    name: str,
    *,
    kind: str = "paragraph",
    based_on: str | None = None,
    next_id: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
    default: bool = False,
) -> str:
    """One ``w:style`` element; ``ppr``/``rpr`` are the inner XML of its paragraph and run properties."""
    head = f'<w:style w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "") + ">"
    parts = [head, f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def _heading(level: int, size: int, rpr: str) -> str:
    """A clause heading style, linked to level ``level - 1`` of the clause numbering (numId 1)."""
    ppr = (
        f'<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="1"/></w:numPr>'
        f'<w:spacing w:before="{360 if level == 1 else 200}" w:after="120"/><w:jc w:val="left"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>'
    )
    return _style(
        f"Heading{level}",
        f"heading {level}",
        based_on="Normal",
        next_id="BodyText",
        ppr=ppr,
        rpr=f'<w:b/>{rpr}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
    )


def _unnumbered_heading(level: int) -> str:
    """A heading that takes a clause heading's look but no number (schedules, signatures)."""
    ppr = '<w:numPr><w:numId w:val="0"/></w:numPr><w:ind w:left="0" w:firstLine="0"/>'
    return _style(
        f"UnnumberedHeading{level}",
        f"Unnumbered Heading {level}",
        based_on=f"Heading{level}",
        next_id="BodyText",
        ppr=ppr,
    )


def styles_xml() -> str:
    """The style sheet: one place for every font, size, indent and spacing of the drafts."""
    font = (
        f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:cs="{BODY_FONT}" w:eastAsia="{BODY_FONT}"/>'
    )
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{font}"
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>"
    )
    table_style = _style(
        "CoprodTable",
        "Coprod Table",
        kind="table",
        ppr='<w:spacing w:before="40" w:after="40"/><w:jc w:val="left"/>',
        rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
        extra=(
            '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>'
            '<w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr></w:tblStylePr>'
        ),
    )
    styles = [
        _style("Normal", "Normal", default=True, ppr='<w:jc w:val="both"/>', rpr=""),
        _style(
            "Title",
            "Title",
            based_on="Normal",
            ppr='<w:spacing w:before="2400" w:after="480"/><w:jc w:val="center"/>',
            rpr='<w:b/><w:caps/><w:sz w:val="40"/><w:szCs w:val="40"/>',
        ),
        _style(
            "CoverText",
            "Cover Text",
            based_on="Normal",
            ppr='<w:spacing w:after="240"/><w:jc w:val="center"/>',
        ),
        _style(
            "CoverParty",
            "Cover Party",
            based_on="CoverText",
            rpr='<w:b/><w:sz w:val="26"/><w:szCs w:val="26"/>',
        ),
        _style(
            "CoverDraft",
            "Cover Draft",
            based_on="CoverText",
            ppr='<w:spacing w:before="1200" w:after="120"/>',
            rpr='<w:b/><w:caps/><w:color w:val="C00000"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
        ),
        _style(
            "DocumentTitle",
            "Document Title",
            based_on="Normal",
            next_id="BodyText",
            ppr='<w:keepNext/><w:spacing w:after="360"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
            rpr='<w:b/><w:caps/><w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        _heading(1, 24, "<w:caps/>"),
        _heading(2, 22, ""),
        _heading(3, 22, "<w:i/>"),
        _unnumbered_heading(1),
        _unnumbered_heading(2),
        _unnumbered_heading(3),
        _style("BodyText", "Body Text", based_on="Normal", ppr=f'<w:ind w:left="{TEXT_INDENT}"/>'),
        _style(
            "ListBullet",
            "List Bullet",
            based_on="BodyText",
            ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:spacing w:after="60"/>',
        ),
        _style(
            "ListNumber",
            "List Number",
            based_on="BodyText",
            ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:spacing w:after="60"/>',
        ),
        _style(
            "ListContinue",
            "List Continue",
            based_on="BodyText",
            ppr=f'<w:spacing w:after="60"/><w:ind w:left="{TEXT_INDENT + 360}"/>',
        ),
        _style(
            "DefinitionTerm",
            "Definition Term",
            based_on="BodyText",
            ppr='<w:keepNext/><w:spacing w:after="0"/>',
            rpr="<w:b/>",
        ),
        _style(
            "Definition",
            "Definition",
            based_on="BodyText",
            ppr=f'<w:ind w:left="{TEXT_INDENT + 720}"/>',
        ),
        _style(
            "ScheduleHeading",
            "Schedule Heading",
            based_on="UnnumberedHeading1",
            next_id="BodyText",
            ppr='<w:pageBreakBefore/><w:jc w:val="center"/>',
        ),
        _style(
            "Checklist",
            "Checklist",
            based_on="BodyText",
            ppr=f'<w:spacing w:after="80"/><w:ind w:left="{TEXT_INDENT + 400}" w:hanging="400"/>',
        ),
        _style(
            "Quote",
            "Quote",
            based_on="BodyText",
            ppr=f'<w:ind w:left="{TEXT_INDENT + 720}" w:right="720"/>',
            rpr="<w:i/>",
        ),
        _style(
            "TableText", "Table Text", based_on="Normal", ppr='<w:spacing w:after="0"/><w:jc w:val="left"/>'
        ),
        _style(
            "CodeBlock",
            "Code Block",
            based_on="BodyText",
            ppr='<w:spacing w:after="0"/><w:jc w:val="left"/>',
            rpr=MONO + '<w:sz w:val="20"/>',
        ),
        _style(
            "Header",
            "header",
            based_on="Normal",
            ppr=(
                '<w:tabs><w:tab w:val="right" w:pos="9026"/></w:tabs>'
                '<w:spacing w:after="0"/><w:jc w:val="left"/>'
            ),
            rpr='<w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _style("Footer", "footer", based_on="Header"),
        _style(
            "FootnoteText",
            "footnote text",
            based_on="Normal",
            ppr='<w:spacing w:after="0"/>',
            rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        _style("CommentText", "annotation text", based_on="Normal", rpr='<w:sz w:val="20"/>'),
        _style(
            "FootnoteReference",
            "footnote reference",
            kind="character",
            rpr='<w:vertAlign w:val="superscript"/>',
        ),
        _style("CommentReference", "annotation reference", kind="character", rpr='<w:sz w:val="16"/>'),
        _style(
            "Hyperlink", "Hyperlink", kind="character", rpr='<w:color w:val="1F4E79"/><w:u w:val="single"/>'
        ),
        _style(
            "CodeChar",
            "Code Char",
            kind="character",
            rpr=MONO,
        ),
        _style(
            "CheckboxChar",
            "Checkbox",
            kind="character",
            rpr='<w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol"/>',
        ),
        table_style,
    ]
    return f"{DECL}<w:styles {ROOT_NS}>{defaults}{''.join(styles)}</w:styles>"


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int, extra: str = "") -> str:
    """One numbering level; ``text`` is Word's level text (``%1.%2``), escaped for XML already."""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def numbering_xml() -> str:
    """Clause numbering (1. / 1.1 / 1.1.1 linked to Heading 1-3), bullets, and ordered-list numbering."""
    clause_levels = [
        _level(0, "decimal", "%1.", TEXT_INDENT, TEXT_INDENT, '<w:pStyle w:val="Heading1"/>'),
        _level(1, "decimal", "%1.%2", TEXT_INDENT, TEXT_INDENT, '<w:pStyle w:val="Heading2"/>'),
        _level(2, "decimal", "%1.%2.%3", TEXT_INDENT, TEXT_INDENT, '<w:pStyle w:val="Heading3"/>'),
    ]
    clause_levels += [
        _level(i, "lowerLetter", f"({'%'}{i + 1})", TEXT_INDENT + 360 * (i - 2), 360) for i in range(3, 9)
    ]
    bullets = ["\u2022", "\u2013", "\u25aa"] * 3
    bullet_levels = [_level(i, "bullet", bullets[i], TEXT_INDENT + 360 * (i + 1), 360) for i in range(9)]
    ordered_formats = [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
    ordered_levels = [
        _level(i, *ordered_formats[i % 3], TEXT_INDENT + 360 * (i + 1), 360)
        if i < 3
        else _level(i, ordered_formats[i % 3][0], f"({'%'}{i + 1})", TEXT_INDENT + 360 * (i + 1), 360)
        for i in range(9)
    ]

    def abstract(number: int, name: str, levels: list[str]) -> str:
        return (
            f'<w:abstractNum w:abstractNumId="{number}"><w:multiLevelType w:val="multilevel"/>'
            f'<w:name w:val="{name}"/>{"".join(levels)}</w:abstractNum>'
        )

    return (
        f"{DECL}<w:numbering {ROOT_NS}>"
        + abstract(0, "Clauses", clause_levels)
        + abstract(1, "Bullets", bullet_levels)
        + abstract(2, "Ordered list", ordered_levels)
        + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        + '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
        + "</w:numbering>"
    )


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
    """Running footer: 'Draft for discussion' and 'Page X of Y' from PAGE and NUMPAGES fields."""
    runs = (
        _r("Draft for discussion")
        + "<w:r><w:tab/></w:r>"
        + _r("Page ")
        + _field("PAGE", "1")
        + _r(" of ")
        + _field("NUMPAGES", "1")
    )
    return f"{DECL}<w:ftr {ROOT_NS}>{_p('Footer', runs)}</w:ftr>"


def empty_part(tag: str) -> str:
    """The cover page's header or footer: one empty paragraph."""
    return f'{DECL}<w:{tag} {ROOT_NS}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:{tag}>'


def settings_xml() -> str:
    """Settings: tab stops, footnote separators, Word 2013+ compatibility mode."""
    return (
        f"{DECL}<w:settings {ROOT_NS}>"
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
