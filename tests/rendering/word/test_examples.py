"""Every document of every example project, as Word: opened by python-docx, read back by LibreOffice."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import ModuleType

import docx
import pytest
from docx.text.paragraph import Paragraph

from coprod.analysis import analyse
from coprod.loading.project import load_project
from coprod.rendering.documents import DocumentRenderer, RenderedDocument
from coprod.rendering.word import WordRenderer
from tests.rendering.word.conftest import PROJECTS


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""


def test_every_example_builds_every_kind_of_document(built: list[tuple[RenderedDocument, Path]]) -> None:
    kinds = {(target.name.split("--")[0], document.kind) for document, target in built}
    slugs = {path.parent.name for path in PROJECTS}
    assert kinds == {
        (slug, kind) for slug in slugs for kind in ("agreement", "term-sheet", "readiness", "checklist")
    }


def test_python_docx_reads_cover_headings_tables_and_comments(
    built: list[tuple[RenderedDocument, Path]],
) -> None:
    for document, target in built:
        word = docx.Document(io.BytesIO(target.read_bytes()))
        paragraphs = word.paragraphs
        meta = document.meta
        assert paragraphs[0].text == meta.title, target.name
        assert [p.text for p in paragraphs if _style(p) == "Cover Party"] == list(meta.parties), target.name
        markdown = document.markdown
        numbered = len(re.findall(r"^#{2,4} \d+(\.\d+)*\.? ", markdown, flags=re.MULTILINE))
        assert sum(_style(p).startswith("Heading ") for p in paragraphs) == numbered, target.name
        signature_table = int(document.kind == "agreement")  # the signature blocks, one row each
        tables = len(re.findall(r"^\|[ :]*-", markdown, flags=re.MULTILINE))
        assert len(word.tables) == tables + signature_table, target.name
        numbering = word.part.numbering_part.element
        linked = numbering.xpath("//w:abstractNum/w:lvl[w:pStyle/@w:val='Heading1']/w:lvlText/@w:val")
        assert linked == ["%1."], target.name  # Heading 1 is numbered by the clause list
        notes = markdown.count("\n> Drafting note:")
        assert len(list(word.comments)) == notes, target.name
        assert all(comment.author == "coprod" for comment in word.comments)


def test_the_examples_have_drafting_notes_and_tables(built: list[tuple[RenderedDocument, Path]]) -> None:
    # The test above only means something if the examples exercise comments and tables.
    assert sum(document.markdown.count("\n> Drafting note:") for document, _ in built) > 0
    assert sum(len(docx.Document(str(target)).tables) for _, target in built) > 0


@pytest.mark.libreoffice
def test_libreoffice_text_matches_the_markdown_clause_by_clause(
    printed: list[tuple[RenderedDocument, Path]], lotext: ModuleType
) -> None:
    for document, target in printed:
        expected = lotext.without_title(lotext.markdown_lines(document.markdown), document.meta)
        word = lotext.without_contents(lotext.word_lines(target))
        start = word.index(expected[0])  # the first line after the title block, which the cover shows
        assert lotext.by_clause(word[start:]) == lotext.by_clause(expected), target.name
        assert lotext.pdf_pages(target) >= 2, target.name


def test_hostile_strings_of_the_documents_issue_print_literally_in_word(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    loaded = load_project(PROJECTS[0])
    project = loaded.project
    hostile = "Smith & Sons <Ltd> {{ 7*7 }} {% raw %}"
    film = project.film.model_copy(update={"logline": hostile})
    project = project.model_copy(update={"film": film})
    for document in DocumentRenderer().render(project, analyse(project)):
        if hostile not in document.markdown.replace("\\", ""):
            continue
        word = docx.Document(io.BytesIO(renderer.render(document.markdown, document.meta)))
        assert any(hostile in paragraph.text for paragraph in word.paragraphs), document.relpath
        break
    else:
        pytest.fail("no document prints the film's logline")


def test_footer_carries_the_legend_and_the_document_reference(
    built: list[tuple[RenderedDocument, Path]],
) -> None:
    for document, target in built:
        footer = docx.Document(str(target)).sections[-1].footer.paragraphs
        slug = target.name.split("--")[0]
        legend = "Subject to contract — privileged and confidential"
        assert footer[0].text.startswith(f"{legend}\tPage"), target.name
        assert footer[1].text == f"{slug}/{document.kind}/D{document.meta.draft_number}/feedc0de", target.name


def test_every_table_fits_its_page_and_wide_ones_are_landscape(
    built: list[tuple[RenderedDocument, Path]],
) -> None:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    landscape_tables = 0
    for _, target in built:
        word = docx.Document(str(target))
        sections = word.sections
        current = 0
        for block in word.element.body:
            if block.tag == f"{w}tbl":
                section = sections[current]
                width, height = int(section.page_width or 0), int(section.page_height or 0)
                text_width = width - int(section.left_margin or 0) - int(section.right_margin or 0)
                grid = sum(int(col.get(f"{w}w")) for col in block.iter(f"{w}gridCol"))
                assert grid * 635 <= text_width, target.name  # twips to EMU
                landscape_tables += width > height
            elif block.find(f"{w}pPr/{w}sectPr") is not None:
                current += 1
    assert landscape_tables >= 6  # the finance plans of the term sheets and agreements at least
