"""LibreOffice opens every .docx, prints it to PDF, and its text says what the Markdown says, clause by clause.

LibreOffice is a second, independent reader of the files (``.ci/run`` installs it when it is missing).
Comments are not part of LibreOffice's text export, so the Markdown side leaves drafting notes out too.
"""

from __future__ import annotations

import re
import shutil
import string
import subprocess
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest
from markdown_it.token import Token

from coprod.rendering.markdown import parser
from coprod.rendering.word import WordRenderer
from coprod.rendering.word.clauses import ClauseCounter, split_number

_BULLETS = re.compile(r"^[•◦▪–\-]\s+")


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "footnote_ref":
            out.append(str(int(child.meta["id"]) + 1))
        elif child.type == "html_inline":
            out.append("☒" if 'checked="checked"' in child.content else "☐")
    return "".join(out)


def markdown_lines(markdown: str) -> list[str]:
    """The lines a reader sees, as LibreOffice prints them: clause numbers, list numbers, one cell a line."""
    tokens = parser().parse(markdown)
    counter = ClauseCounter()
    lines: list[str] = []
    lists: list[list[int]] = []  # per open list: [ordered?, next number]
    skip_until = -1
    for index, token in enumerate(tokens):
        if index <= skip_until:
            continue
        if token.type == "blockquote_open" and tokens[index + 2].content.startswith("Drafting note:"):
            skip_until = next(i for i in range(index, len(tokens)) if tokens[i].type == "blockquote_close")
        elif token.type == "footnote_block_open":
            break
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([token.type == "ordered_list_open", int(str(token.attrGet("start") or 1))])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "heading_open":
            lines.append(_heading_line(token, tokens[index + 1].content, counter))
        elif token.type == "inline" and tokens[index - 1].type != "heading_open":
            lines.append(_list_prefix(tokens, index, lists) + _inline_text(token))
    return [_normal(line) for line in lines if _normal(line)]


def _heading_line(token: Token, text: str, counter: ClauseCounter) -> str:
    level = int(token.tag[1:]) - 1
    clause = split_number(text)
    if clause is not None and level >= 1 and counter.accept(level, clause.number):
        return f"{clause.label}{'.' if level == 1 else ''} {clause.title}"
    return text


def _list_prefix(tokens: Sequence[Token], index: int, lists: list[list[int]]) -> str:
    item = tokens[index - 2] if tokens[index - 1].type == "paragraph_open" else None
    if item is None or item.type != "list_item_open" or not lists or not lists[-1][0]:
        return ""
    number = lists[-1][1]
    lists[-1][1] += 1
    depth = len(lists) - 1
    return f"{number}. " if depth == 0 else f"({string.ascii_lowercase[number - 1]}) "


def _normal(line: str) -> str:
    return _BULLETS.sub("", " ".join(line.replace("\ufeff", "").split()))


def by_clause(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Group lines under the clause heading before them (numbered headings start a group)."""
    groups: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        if re.match(r"^\d+(\.\d+)*\.? \S", line) and not re.match(r"^\d+\. [a-z]", line):
            groups.append((line, []))
        else:
            groups[-1][1].append(line)
    return groups


@pytest.fixture(scope="module")
def converted(
    tmp_path_factory: pytest.TempPathFactory, renderer: WordRenderer, samples: ModuleType
) -> dict[str, tuple[str, Path]]:
    """Each sample rendered to .docx and converted by one LibreOffice run to .txt and .pdf."""
    soffice = shutil.which("soffice")
    assert soffice is not None, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    folder = tmp_path_factory.mktemp("word")
    documents = {"small": samples.SMALL, "agreement": samples.agreement(20)}
    for name, markdown in documents.items():
        (folder / f"{name}.docx").write_bytes(renderer.render(markdown, samples.meta(), name=f"{name}.md"))
    profile = (folder / "profile").as_uri()  # a private profile: other LibreOffice runs cannot interfere
    for target in ("txt:Text (encoded):UTF8", "pdf"):
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target,
             "--outdir", str(folder), *sorted(str(path) for path in folder.glob("*.docx"))],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return {name: (markdown, folder / name) for name, markdown in documents.items()}


@pytest.mark.parametrize("name", ["small", "agreement"])
def test_libreoffice_prints_a_pdf(converted: dict[str, tuple[str, Path]], name: str) -> None:
    pdf = converted[name][1].with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= (5 if name == "agreement" else 3)  # cover, body, schedule on its own page


@pytest.mark.parametrize("name", ["small", "agreement"])
def test_word_text_matches_markdown_text_clause_by_clause(
    converted: dict[str, tuple[str, Path]], samples: ModuleType, name: str
) -> None:
    markdown, path = converted[name]
    word = [_normal(line) for line in path.with_suffix(".txt").read_text("utf-8").splitlines()]
    word = [line for line in word if line]
    meta = samples.meta()
    cover = [meta.title, "between", *meta.parties, "Draft for discussion", "Draft 3 — 4 May 2026"]
    assert word[: len(cover)] == cover
    assert by_clause(word[len(cover) :]) == by_clause(markdown_lines(markdown))
