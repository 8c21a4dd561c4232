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

ROOT = Path(__file__).resolve().parents[3]
PROJECTS = sorted((ROOT / "projects").glob("*/project.yaml"))


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, renderer: WordRenderer
) -> list[tuple[RenderedDocument, Path]]:
    """Each document of each example project rendered to .docx."""
    folder = tmp_path_factory.mktemp("examples")
    documents = DocumentRenderer()
    out: list[tuple[RenderedDocument, Path]] = []
    for path in PROJECTS:
        loaded = load_project(path)
        for document in documents.render(loaded.project, analyse(loaded.project)):
            target = folder / f"{loaded.slug}--{document.relpath.replace('/', '--').removesuffix('.md')}.docx"
            target.write_bytes(renderer.render(document.markdown, document.meta, name=document.relpath))
            out.append((document, target))
    return out


@pytest.fixture(scope="module")
def converted(
    built: list[tuple[RenderedDocument, Path]], lotext: ModuleType
) -> list[tuple[RenderedDocument, Path]]:
    """The documents of `built`, converted by LibreOffice to .txt and .pdf beside them."""
    lotext.convert([target for _, target in built], built[0][1].parent)
    return built


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
        assert len(word.tables) == len(re.findall(r"^\|[ :]*-", markdown, flags=re.MULTILINE)), target.name
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
    converted: list[tuple[RenderedDocument, Path]], lotext: ModuleType
) -> None:
    for document, target in converted:
        expected = lotext.markdown_lines(document.markdown)
        word = lotext.word_lines(target)
        start = word.index(expected[0])  # the document's own title, after the cover page
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
