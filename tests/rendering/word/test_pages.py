"""The examples on the page: LibreOffice prints every example document to PDF and pdftotext reads it back.

What a firm checks before sending a PDF: no amount, currency code or word broken inside a table cell, no
table row running from one page onto the next, each signature block on one page, no "Total" row alone
at the top of a page, and a table of contents listing every numbered clause with its page.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it.token import Token

from coprod.rendering.documents import RenderedDocument
from coprod.rendering.markdown import parser
from coprod.rendering.word.signatures import is_block_start
from tests.external_tools import require

Built = list[tuple[RenderedDocument, Path]]
_WORD = re.compile(r"[^\s-]+")  # a line may break after a hyphen ("co-" / "producer"), never inside a word


def _pages(docx_path: Path) -> list[str]:
    """The text of each page of the PDF LibreOffice printed for ``docx_path`` (one printed line a line)."""
    pdftotext = require("pdftotext")
    result = subprocess.run([pdftotext, "-layout", str(docx_path.with_suffix(".pdf")), "-"],
                            check=True, capture_output=True, text=True, timeout=120)
    pages = result.stdout.replace("\u00a0", " ").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.replace("\u00a0", " ")))


def _cell_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))


def _tables(markdown: str) -> Iterator[list[list[str]]]:
    """Each table of the Markdown as rows of cell texts (emphasis marks dropped)."""
    rows: list[list[str]] = []
    for index, token in enumerate(parser().parse(markdown)):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and token.level >= 4:
            rows[-1].append(_cell_text(token))
        elif token.type == "table_close":
            yield rows
        del index


def _on_one_page(pages: list[str], text: str) -> bool:
    wanted = _words(text)
    return any(not wanted - _words(page) for page in pages)


pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def pages(printed: Built) -> dict[str, list[str]]:
    return {target.name: _pages(target) for _, target in printed}


def test_no_amount_currency_code_or_word_of_a_table_cell_is_broken(
    built: Built, pages: dict[str, list[str]]
) -> None:
    checked = 0
    for document, target in built:
        printed = _words("\n".join(pages[target.name]))
        for table in _tables(document.markdown):
            cells = Counter(word for row in table for cell in row for word in _WORD.findall(cell))
            missing = {word: count for word, count in cells.items() if printed[word] < count}
            assert not missing, f"{target.name}: broken in the PDF: {sorted(missing)[:10]}"
            checked += sum(cells.values())
            amounts = [cell for row in table for cell in row if re.fullmatch(r"[A-Z]{3} [\d,.]+", cell)]
            text = " ".join(" ".join(page.split()) for page in pages[target.name])
            for amount in amounts:
                assert amount in text, f"{target.name}: {amount!r} is split across lines"
    assert checked > 1000


def test_no_table_row_runs_onto_the_next_page(built: Built, pages: dict[str, list[str]]) -> None:
    rows = 0
    for document, target in built:
        for table in _tables(document.markdown):
            for row in table:
                assert _on_one_page(pages[target.name], " ".join(row)), f"{target.name}: row {row} is split"
                rows += 1
    assert rows > 200


def test_every_signature_block_sits_on_one_page(built: Built, pages: dict[str, list[str]]) -> None:
    blocks = 0
    for document, target in built:
        if document.kind != "agreement":
            continue
        tokens = parser().parse(document.markdown.split("## Signatures", 1)[1].split("\n## ", 1)[0])
        paragraphs = [token for token in tokens if token.type == "inline"]
        starts = [index for index, inline in enumerate(paragraphs) if is_block_start(inline)]
        assert starts, target.name
        for start, end in zip(starts, [*starts[1:], len(paragraphs)], strict=True):
            block = " ".join(_cell_text(inline) for inline in paragraphs[start:end])
            assert _on_one_page(pages[target.name], block), f"{target.name}: block split: {block[:40]}"
            blocks += 1
    assert blocks >= 6


def test_a_total_row_never_starts_a_page_alone(built: Built, pages: dict[str, list[str]]) -> None:
    totals = 0
    for document, target in built:
        for table in _tables(document.markdown):
            if len(table) < 3 or not table[-1][0].startswith("Total"):
                continue
            together = " ".join(table[-2] + table[-1])
            assert _on_one_page(pages[target.name], together), f"{target.name}: Total row alone: {table[-1]}"
            totals += 1
    assert totals >= 10


def test_the_contents_list_every_numbered_clause_with_a_page_number(
    built: Built, pages: dict[str, list[str]]
) -> None:
    agreements = [(document, target) for document, target in built if document.kind == "agreement"]
    assert len(agreements) == 3
    for document, target in agreements:
        clauses = re.findall(r"^## (\d+)\. (.+?)(?: \{#[^}]+\})?$", document.markdown, flags=re.MULTILINE)
        contents = pages[target.name][1]
        assert "CONTENTS" in contents.upper()
        lines = [" ".join(line.split()) for line in contents.splitlines()]
        for number, title in clauses:
            pattern = re.compile(rf"^{number}\. {re.escape(title)}[ .]*(\d+)$")
            found = [match for line in lines if (match := pattern.match(line.replace("..", "")))]
            assert found, f"{target.name}: clause {number}. {title} is not in the contents"
            assert 3 <= int(found[0].group(1)) <= len(pages[target.name]), f"{target.name}: clause {number}"
