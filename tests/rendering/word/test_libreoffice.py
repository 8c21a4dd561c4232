"""LibreOffice opens each .docx, prints it to PDF, and its text says what the Markdown says, clause by clause.

LibreOffice is a second, independent reader of the files (``.ci/run`` installs it when it is missing).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import docx
import pytest

from coprod.rendering.word import DEFAULT_SHELL, WordRenderer


@pytest.fixture(scope="module")
def converted(
    tmp_path_factory: pytest.TempPathFactory, renderer: WordRenderer, samples: ModuleType, lotext: ModuleType
) -> dict[str, tuple[str, Path]]:
    """Each sample rendered to .docx and converted by LibreOffice to .txt and .pdf."""
    folder = tmp_path_factory.mktemp("word")
    documents = {"small": samples.SMALL, "agreement": samples.agreement(20)}
    for name, markdown in documents.items():
        (folder / f"{name}.docx").write_bytes(renderer.render(markdown, samples.meta(), name=f"{name}.md"))
    lotext.convert(sorted(folder.glob("*.docx")), folder)
    return {name: (markdown, folder / f"{name}.docx") for name, markdown in documents.items()}


@pytest.mark.libreoffice
@pytest.mark.parametrize(("name", "pages"), [("small", 3), ("agreement", 5)])
def test_libreoffice_prints_a_pdf(
    converted: dict[str, tuple[str, Path]], lotext: ModuleType, name: str, pages: int
) -> None:
    assert converted[name][1].with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    assert lotext.pdf_pages(converted[name][1]) >= pages  # cover, body, schedule on its own page


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["small", "agreement"])
def test_word_text_matches_markdown_text_clause_by_clause(
    converted: dict[str, tuple[str, Path]], samples: ModuleType, lotext: ModuleType, name: str
) -> None:
    markdown, path = converted[name]
    word = lotext.word_lines(path)
    meta = samples.meta()
    cover = [meta.title, "between", *meta.parties, "Draft for discussion", "Draft 3 — 4 May 2026"]
    assert word[: len(cover)] == cover
    expected = lotext.without_title(lotext.markdown_lines(markdown), meta)
    assert lotext.by_clause(word[len(cover) :]) == lotext.by_clause(expected)


def test_markdown_lines_number_clauses_and_lists_as_word_does(
    samples: ModuleType, lotext: ModuleType
) -> None:
    assert lotext.by_clause(lotext.markdown_lines(samples.SMALL))[2] == (
        "1.1 Interpretation",
        ["1. first", "2. second", "3. restarted? no: same list", "a bullet", "(a) nested one"],
    )


@pytest.mark.libreoffice
def test_a_shell_saved_by_another_office_suite_still_works(
    tmp_path: Path, samples: ModuleType, lotext: ModuleType
) -> None:
    # A firm edits the shell and saves it: the editor renames style ids and drops the empty comments and
    # footnotes parts. LibreOffice stands in for that editor here.
    edited = tmp_path / "edited"
    lotext.convert([DEFAULT_SHELL], edited, targets=["docx:MS Word 2007 XML"])
    renderer = WordRenderer(edited / DEFAULT_SHELL.name)
    output = tmp_path / "small.docx"
    output.write_bytes(renderer.render(samples.SMALL, samples.meta()))
    document = docx.Document(str(output))
    assert [c.text for c in document.comments] == [
        "Drafting note: Belgium's share is 9.5%, below the 10% minimum (CETS 220, Art. 6) [V]."
    ]
    lotext.convert([output], tmp_path, targets=["txt:Text (encoded):UTF8"])
    word = lotext.word_lines(output)
    expected = lotext.without_title(lotext.markdown_lines(samples.SMALL), samples.meta())
    assert lotext.by_clause(word[6:]) == lotext.by_clause(expected)
