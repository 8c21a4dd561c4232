"""The documents issue's hostile-string test, repeated on the Word files.

Every text field of every example holds a numbered hostile string (``«7» Smith & Sons <Ltd> {{ 7*7 }} ...``,
from ``tests/rendering/test_hostile.py``). Every value the Markdown prints must print in the .docx too, as
itself: in the body, a table, the cover, the header, a comment or a footnote.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile

import pytest
from lxml import etree

from coprod.rendering.word import WordRenderer

# The Markdown documents' own helpers and hostile-string test, reused for the .docx.
support = importlib.import_module("tests.rendering.rendering_support")
documents_hostile = importlib.import_module("tests.rendering.test_hostile")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MARKER = re.compile(r"«\d+» ")


def docx_paragraphs(data: bytes) -> list[str]:
    """The text of every paragraph of every part (body, tables, header, footer, comments, footnotes)."""
    paragraphs: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.startswith("word/") or not name.endswith(".xml"):
                continue
            for paragraph in etree.fromstring(archive.read(name)).iter(f"{W}p"):
                texts = (
                    node.text or "" if node.tag == f"{W}t" else "\t" if node.tag == f"{W}tab" else "\n"
                    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br")
                )
                paragraphs.append("".join(texts))
    return paragraphs


@pytest.mark.parametrize("slug", support.EXAMPLES)
def test_hostile_text_prints_literally_in_word(renderer: WordRenderer, slug: str) -> None:
    project, _, values = documents_hostile._projects(slug)
    printed = 0
    for relpath, document in support.render_project(project).items():
        in_markdown = set(_MARKER.findall(documents_hostile._text(document.markdown)))
        word = "\n".join(docx_paragraphs(renderer.render(document.markdown, document.meta, name=relpath)))
        assert set(_MARKER.findall(word)) >= in_markdown, relpath  # Word prints whatever Markdown prints
        for value in values:
            marker = value.split(" ", 1)[0] + " "
            if marker in in_markdown:
                # A paragraph's line breaks become spaces (Markdown soft breaks), as in the Markdown's HTML.
                assert value.replace("\n", " ") in word.replace("\n", " "), (relpath, marker)
                printed += 1
    assert printed > 40
