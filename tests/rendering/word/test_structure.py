"""Open rendered .docx files with python-docx and check what a lawyer would see."""

from __future__ import annotations

import io
import zipfile
from types import ModuleType

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph
from lxml import etree

from coprod.rendering.word import WordRenderer
from coprod.rendering.word.metrics import text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture(scope="module")
def small(renderer: WordRenderer, samples: ModuleType) -> bytes:
    return renderer.render(samples.SMALL, samples.meta(), name="small.md")


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""


def _open(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def test_cover_page_shows_title_parties_draft_and_date(small: bytes) -> None:
    cover = [(_style(p), p.text) for p in _open(small).paragraphs[:6]]
    assert cover == [
        ("Title", "Co-production Agreement — The Salt Road"),
        ("Cover Text", "between"),
        ("Cover Party", "Aurora Films S.r.l."),
        ("Cover Party", "Smith & Sons <Ltd>"),
        ("Cover Draft", "Draft for discussion"),
        ("Cover Text", "Draft 3 — 4 May 2026"),
    ]


def test_cover_says_prepared_for_on_a_checklist(renderer: WordRenderer, samples: ModuleType) -> None:
    data = renderer.render("# Checklist\n\n- [ ] one\n", samples.meta("checklist", ("Aurora Films S.r.l.",)))
    assert [p.text for p in _open(data).paragraphs[1:3]] == ["prepared for", "Aurora Films S.r.l."]


def test_headings_use_clause_styles_without_the_markdown_number(small: bytes) -> None:
    headings = [(_style(p), p.text) for p in _open(small).paragraphs if "Heading" in _style(p)]
    assert headings == [
        ("Heading 1", "Definitions"),
        ("Heading 2", "Interpretation"),
        ("Heading 1", "Shares"),
        ("Heading 2", "Ownership"),
        ("Heading 3", "Rounding"),
        ("Schedule Heading", "Schedule 1 — Budget"),
    ]


def test_heading_styles_are_linked_to_one_multilevel_clause_numbering(small: bytes) -> None:
    styles = _part(small, "word/styles.xml")
    numbering = _part(small, "word/numbering.xml")
    num_ids = {
        level: styles.find(f"w:style[@w:styleId='Heading{level}']/w:pPr/w:numPr/w:numId", NS).get(f"{W}val")
        for level in (1, 2, 3)
    }
    assert len(set(num_ids.values())) == 1
    abstract_id = numbering.find(f"w:num[@w:numId='{num_ids[1]}']/w:abstractNumId", NS).get(f"{W}val")
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
    levels = [
        (lvl.find("w:pStyle", NS).get(f"{W}val"), lvl.find("w:lvlText", NS).get(f"{W}val"))
        for lvl in abstract.findall("w:lvl", NS)[:3]
    ]
    assert levels == [("Heading1", "%1."), ("Heading2", "%1.%2"), ("Heading3", "%1.%2.%3")]


def test_a_heading_whose_number_word_would_not_reach_keeps_its_number_as_text(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    data = renderer.render("# T\n\n## 1. One\n\n## 3. Three\n\n### 3.1 Sub\n", samples.meta())
    headings = [(_style(p), p.text) for p in _open(data).paragraphs[8:]]
    assert headings == [
        ("Heading 1", "One"),
        ("Unnumbered Heading 1", "3. Three"),
        ("Unnumbered Heading 2", "3.1 Sub"),
    ]


def test_ordered_lists_restart_and_keep_their_start(renderer: WordRenderer, samples: ModuleType) -> None:
    data = renderer.render("# T\n\n1. a\n2. b\n\ntext\n\n4. c\n5. d\n", samples.meta())
    nums = _part(data, "word/numbering.xml").findall("w:num", NS)[-2:]
    starts = [
        (num.get(f"{W}numId"), num.find("w:lvlOverride/w:startOverride", NS).get(f"{W}val")) for num in nums
    ]
    assert starts == [("4", "1"), ("5", "4")]
    body = _part(data, "word/document.xml")
    used = [n.get(f"{W}val") for n in body.iterfind(".//w:numPr/w:numId", NS)]
    assert used == ["4", "4", "5", "5"]


def test_tables_have_a_repeating_header_row_in_the_house_table_style(small: bytes) -> None:
    document = _open(small)
    (table,) = document.tables
    assert (table.style.name if table.style else "") == "Coprod Table"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Party", "Share"],
        ["Aurora", "60%"],
        ["Smith & Sons <Ltd>", "40%"],
    ]
    header = table.rows[0]._tr
    assert header.find("w:trPr/w:tblHeader", NS) is not None
    assert table.rows[1]._tr.find("w:trPr/w:tblHeader", NS) is None
    assert table.rows[2].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_drafting_notes_become_comments_by_coprod_anchored_at_their_clause(small: bytes) -> None:
    (comment,) = _open(small).comments
    assert comment.author == "coprod"
    assert comment.initials == "cp"
    assert comment.text == (
        "Drafting note: Belgium's share is 9.5%, below the 10% minimum (CETS 220, Art. 6) [V]."
    )
    body = _part(small, "word/document.xml")
    anchored = body.find(".//w:p[w:commentRangeStart]", NS)
    assert anchored.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "Heading1"
    assert "".join(anchored.itertext()) == "Definitions"


def test_clean_leaves_drafting_notes_out(renderer: WordRenderer, samples: ModuleType) -> None:
    data = renderer.render(samples.SMALL, samples.meta(), clean=True)
    document = _open(data)
    assert list(document.comments) == []
    assert not any("Drafting note" in p.text for p in document.paragraphs)
    assert _part(data, "word/document.xml").find(".//w:commentRangeStart", NS) is None


def test_task_items_are_checkbox_content_controls(small: bytes) -> None:
    body = _part(small, "word/document.xml")
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    boxes = [
        (
            box.find(f"{w14}checked").get(f"{w14}val"),
            "".join(box.getparent().getparent().getparent().itertext()),
        )
        for box in body.iter(f"{w14}checkbox")
    ]
    assert boxes == [("0", "☐Budget approved"), ("1", "☒Spend plan by country")]


def test_footnotes_become_word_footnotes(small: bytes) -> None:
    footnotes = _part(small, "word/footnotes.xml")
    texts = {f.get(f"{W}id"): "".join(f.itertext()) for f in footnotes.findall("w:footnote", NS)}
    assert texts == {"-1": "", "0": "", "1": " As defined by the Convention."}
    assert _part(small, "word/document.xml").find(".//w:footnoteReference[@w:id='1']", NS) is not None


def test_header_and_footer_carry_title_draft_and_page_x_of_y(small: bytes) -> None:
    section = _open(small).sections[0]
    assert section.different_first_page_header_footer
    assert (
        section.header.paragraphs[0].text == "The Salt Road — Co-production Agreement\tDraft 3 — 4 May 2026"
    )
    footer = section.footer.paragraphs[0]._p
    fields = [t.text.strip() for t in footer.iterfind(".//w:instrText", NS)]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "".join(footer.itertext()).startswith(
        "Subject to contract — privileged and confidential\tPage 1 of 1"
    )
    assert section.footer.paragraphs[1].text == "the-salt-road/term-sheet/D3/0123abcd"


def test_document_properties_come_from_the_meta(small: bytes) -> None:
    core = _open(small).core_properties
    assert (core.title, core.subject, core.author, core.revision) == (
        "Co-production Agreement — The Salt Road",
        "The Salt Road",
        "coprod",
        3,
    )
    assert core.created.isoformat() == "2026-05-04T00:00:00+00:00"
    assert core.comments == "coprod: 0.1.0; input_hash: 0123abcd4567"
    custom = _part(small, "docProps/custom.xml")
    names = [p.get("name") for p in custom]
    assert names == ["coprod draft", "coprod draft date", "coprod coprod", "coprod input_hash"]


def test_a_cover_without_parties_has_no_parties_line(renderer: WordRenderer, samples: ModuleType) -> None:
    data = renderer.render("# Index\n", samples.meta("index", ()))
    cover = [p.text for p in _open(data).paragraphs[:3]]
    assert cover == [
        "Co-production Agreement — The Salt Road",
        "Draft for discussion",
        "Draft 3 — 4 May 2026",
    ]


def test_table_columns_share_the_width_by_their_text(renderer: WordRenderer, samples: ModuleType) -> None:
    markdown = "# T\n\n| No. | Description | Contribution |\n|--|--|--:|\n| 1 | " + "word " * 30 + "| 5 |\n"
    grid = _part(renderer.render(markdown, samples.meta()), "word/document.xml").findall(
        ".//w:tblGrid/w:gridCol", NS
    )
    widths = [int(col.get(f"{W}w")) for col in grid]
    assert sum(widths) == 9026  # the text width of the shell's portrait page
    assert widths[1] > widths[2] > widths[0]  # the long text gets the most room
    assert widths[2] >= text_width("Contribution", 9, bold=True) + 200  # the longest word fits, with margins
