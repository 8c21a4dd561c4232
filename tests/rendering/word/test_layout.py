"""Layout that holds on the page, read back with python-docx: landscape sections for wide tables, fixed
column widths, whole amounts, rows kept together, the signature table, the title once, the contents."""

from __future__ import annotations

import io
import zipfile
from types import ModuleType

import docx
from docx.enum.section import WD_ORIENT
from lxml import etree

from coprod.rendering.word import WordRenderer
from coprod.rendering.word.amounts import NO_BREAK_SPACE

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + NS["w"] + "}"
WIDE = (
    "# T\n\n## 1. Finance {#finance}\n\nThe finance plan, source by source:\n\n"
    "| Co-Producer | Source | Type | Status | Amount | In EUR | Recoupable |\n"
    "| --- | --- | --- | --- | ---: | ---: | --- |\n"
    "| Vltava Pictures s.r.o. | State Cinematography Fund | Public grant | confirmed | CZK 3,750,000 |"
    " EUR 150,000 | no |\n"
    "| **Total** | | | | | **EUR 3,800,000** | |\n\n"
    "Fixed exchange rates: 1 CZK = EUR 0.04.\n\n## 2. Next {#next}\n\nText.\n"
)


def _document(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _texts(element: etree._Element) -> str:
    return "".join(element.itertext())


def test_a_wide_table_gets_a_landscape_section_with_its_introduction_and_notes(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    data = renderer.render(WIDE, samples.meta())
    sections = docx.Document(io.BytesIO(data)).sections
    assert [section.orientation for section in sections] == [
        WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT
    ]
    assert int(sections[1].page_width or 0) > int(sections[1].page_height or 0)
    assert sections[0].different_first_page_header_footer  # the cover has no header
    assert not any(section.different_first_page_header_footer for section in sections[1:])
    assert all(section.footer.paragraphs[0].text.startswith("Subject to contract") for section in sections)
    body = _document(data).find("w:body", NS)
    blocks = list(body)
    ends = [index for index, block in enumerate(blocks) if block.find("w:pPr/w:sectPr", NS) is not None]
    landscape = blocks[ends[0] + 1 : ends[1] + 1]
    text = " ".join(_texts(block) for block in landscape)
    assert "The finance plan, source by source:" in text and "Fixed exchange rates" in text
    assert "Next" not in text  # the next clause goes back to portrait
    grid = [int(col.get(f"{W}w")) for col in body.iterfind(".//w:tblGrid/w:gridCol", NS)]
    assert sum(grid) == 16838 - 2 * 1440  # the landscape page's text width


def test_a_table_that_fits_stays_portrait_with_fixed_widths(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    data = renderer.render("# T\n\n| Party | Share |\n| --- | ---: |\n| Aurora | 60% |\n", samples.meta())
    assert len(docx.Document(io.BytesIO(data)).sections) == 1
    table = _document(data).find(".//w:tbl/w:tblPr", NS)
    assert table.find("w:tblLayout", NS).get(f"{W}type") == "fixed"
    assert table.find("w:tblW", NS).get(f"{W}w") == "9026"


def test_currency_code_and_figure_are_joined_by_a_no_break_space(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    body = _document(renderer.render(WIDE, samples.meta()))
    cells = [_texts(cell) for cell in body.iterfind(".//w:tc", NS)]
    assert f"CZK{NO_BREAK_SPACE}3,750,000" in cells and f"EUR{NO_BREAK_SPACE}3,800,000" in cells
    assert f"EUR{NO_BREAK_SPACE}0.04" in _texts(body)  # in running text too
    styles = docx.Document(io.BytesIO(renderer.render(WIDE, samples.meta()))).styles
    assert styles["Table Text"].element.find("w:pPr/w:suppressAutoHyphens", NS) is not None


def test_rows_never_split_and_a_total_keeps_with_the_rows_above(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    rows = "".join(f"| Source {n} | EUR {n},000 |\n" for n in range(1, 20))
    markdown = f"# T\n\n| Source | Amount |\n| --- | ---: |\n{rows}| **Total** | EUR 190,000 |\n"
    table = _document(renderer.render(markdown, samples.meta())).find(".//w:tbl", NS)
    trs = table.findall("w:tr", NS)
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in trs)
    kept = [index for index, tr in enumerate(trs) if tr.find("w:tc/w:p/w:pPr/w:keepNext", NS) is not None]
    assert kept == [0, len(trs) - 3, len(trs) - 2]  # the header, and the two rows above the total


def test_a_short_table_is_kept_on_one_page(renderer: WordRenderer, samples: ModuleType) -> None:
    markdown = "# T\n\nShares:\n\n| Party | Share |\n| --- | ---: |\n| A | 60% |\n| B | 40% |\n"
    body = _document(renderer.render(markdown, samples.meta()))
    trs = body.findall(".//w:tr", NS)
    assert [tr.find("w:tc/w:p/w:pPr/w:keepNext", NS) is not None for tr in trs] == [True, True, False]
    introduction = next(p for p in body.iter(f"{W}p") if _texts(p) == "Shares:")
    assert introduction.find("w:pPr/w:keepNext", NS) is not None


SIGNATURES = (
    "# T\n\n## 1. Terms {#terms}\n\nText.\n\n## Signatures {#signatures}\n\nSigned on the dates below.\n\n"
    "**For Aurora Film S.r.l.**\n\nName: Giulia Ferri\n\nSignature: ____\n\n"
    "**For Nord Lumière SRL**\n\nName: Thomas Wouters\n\nSignature: ____\n\n## Schedule 1 — Budget\n\nText.\n"
)


def test_each_signature_block_is_one_unsplittable_row_on_an_execution_page(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    body = _document(renderer.render(SIGNATURES, samples.meta()))
    heading = next(p for p in body.iter(f"{W}p") if _texts(p) == "Signatures")
    assert heading.find("w:pPr/w:pageBreakBefore", NS) is not None
    (table,) = body.findall(".//w:tbl", NS)
    rows = table.findall("w:tr", NS)
    assert [[_texts(p) for p in row.iter(f"{W}p")] for row in rows] == [
        ["For Aurora Film S.r.l.", "Name: Giulia Ferri", "Signature: ____"],
        ["For Nord Lumière SRL", "Name: Thomas Wouters", "Signature: ____"],
    ]
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    lead = heading.getnext()
    assert _texts(lead) == "Signed on the dates below."


def test_the_title_block_appears_once(renderer: WordRenderer, samples: ModuleType) -> None:
    markdown = (
        "# Co-production Agreement\n\n**The Salt Road**\n\n*Draft No. 3.*\n\n## 1. One {#one}\n\nText.\n"
    )
    paragraphs = docx.Document(io.BytesIO(renderer.render(markdown, samples.meta()))).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts.count("Co-production Agreement — The Salt Road") == 1  # the cover's title
    assert "Co-production Agreement" not in texts and "The Salt Road" not in texts
    assert "Draft No. 3." in texts
    other = docx.Document(io.BytesIO(renderer.render("# Annex\n\n**The Salt Road**\n", samples.meta())))
    assert [p.text for p in other.paragraphs][-2:] == ["Annex", "The Salt Road"]  # not the cover's title


def test_the_agreement_has_a_contents_field_with_its_entries_written_in(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    data = renderer.render(SIGNATURES, samples.meta("agreement"))
    body = _document(data)
    instructions = [t.text.strip() for t in body.iter(f"{W}instrText")]
    assert instructions[0] == 'TOC \\o "1-1" \\h \\z \\u'
    entries = [p for p in body.iter(f"{W}p") if p.find("w:pPr/w:pStyle[@w:val='TOC1']", NS) is not None]
    shown = [[_texts(r) for r in p.iterfind(".//w:hyperlink/w:r/w:t/..", NS)] for p in entries]
    assert [entry[:2] for entry in shown] == [
        ["1.", "Terms"], ["", "Signatures"], ["", "Schedule 1 — Budget"]
    ]
    assert all(entry[2].isdigit() and int(entry[2]) >= 3 for entry in shown)  # a cached page number
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    pagerefs = [t.text.split()[1] for t in body.iter(f"{W}instrText") if t.text.strip().startswith("PAGEREF")]
    assert len(pagerefs) == 3 and set(pagerefs) <= bookmarks
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        settings = etree.fromstring(archive.read("word/settings.xml"))
    assert settings.find("w:updateFields", NS).get(f"{W}val") == "true"  # Word refreshes it on open
    term_sheet = _document(renderer.render(SIGNATURES, samples.meta()))
    assert not [t for t in term_sheet.iter(f"{W}instrText") if "TOC" in (t.text or "")]
