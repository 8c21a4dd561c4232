"""The house-style shell's style sheet and list numbering (``word/styles.xml``, ``word/numbering.xml``).

Part of ``tools/make_house_style.py``: every font, size, indent and spacing of coprod's drafts, and the
multi-level clause numbering linked to the heading styles.
"""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
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
            "TableText",
            "Table Text",
            based_on="Normal",
            ppr='<w:suppressAutoHyphens/><w:spacing w:after="0"/><w:jc w:val="left"/>',
            rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>',
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
            "FooterReference",
            "Footer Reference",
            based_on="Footer",
            ppr='<w:spacing w:before="40" w:after="0"/>',
            rpr='<w:sz w:val="14"/><w:szCs w:val="14"/>',
        ),
        _style(
            "TOC1",
            "toc 1",
            based_on="Normal",
            next_id="BodyText",
            ppr=(
                '<w:tabs><w:tab w:val="left" w:pos="720"/><w:tab w:val="right" w:leader="dot" w:pos="9026"/>'
                '</w:tabs><w:spacing w:before="0" w:after="60"/>'
            ),
        ),
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
