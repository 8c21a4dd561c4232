"""LibreOffice as a second reader: convert .docx files, and the Markdown text as LibreOffice prints it.

Comments are not part of LibreOffice's text export, so `markdown_lines` leaves drafting notes out too.
"""

from __future__ import annotations

import re
import string
import subprocess
from collections.abc import Sequence
from pathlib import Path

from markdown_it.token import Token

from coprod.rendering.markdown import parser
from coprod.rendering.meta import DocumentMeta
from coprod.rendering.word.clauses import ClauseCounter, split_number
from tests.external_tools import require

_BULLETS = re.compile("^[\u2022\u25e6\u25aa\u2013-]\\s+")  # the bullets LibreOffice prints


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "image"):  # an image not handed to Word: its description
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "footnote_ref":
            out.append(str(int(child.meta["id"]) + 1))
        elif child.type == "html_inline":
            out.append("☒" if 'checked="checked"' in child.content else "☐")
        elif child.type == "image":
            out.append(child.content)  # Word prints an image's alt text until it embeds the picture
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
    return [normal(line) for line in lines if normal(line)]


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


def normal(line: str) -> str:
    return _BULLETS.sub("", " ".join(line.replace("\ufeff", "").split()))


def without_title(lines: list[str], meta: DocumentMeta) -> list[str]:
    """The lines without the title block (``# Title`` and the film's name), which Word shows on the cover."""
    if lines and meta.title.startswith(lines[0]):
        lines = lines[1:]
        if lines and lines[0] == meta.film_title:
            lines = lines[1:]
    return lines


def without_contents(lines: list[str]) -> list[str]:
    """The lines without the table of contents: "Contents", then entries that end in a page number."""
    if "Contents" not in lines:
        return lines
    start = lines.index("Contents")
    end = start + 1
    while end < len(lines) and re.search(r"\s\d+$", lines[end]):
        end += 1
    return lines[:start] + lines[end:]


def by_clause(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Group lines under the clause heading before them (numbered headings start a group)."""
    groups: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        if re.match(r"^\d+(\.\d+)*\.? \S", line) and not re.match(r"^\d+\. [a-z]", line):
            groups.append((line, []))
        else:
            groups[-1][1].append(line)
    return groups


def convert(
    files: Sequence[Path], folder: Path, targets: Sequence[str] = ("txt:Text (encoded):UTF8", "pdf")
) -> None:
    """Convert ``files`` into ``folder`` with one LibreOffice run per target format."""
    soffice = require("soffice")  # skips (or fails, in CI) when LibreOffice is not installed
    profile = (folder / "lo-profile").as_uri()  # a private profile: other LibreOffice runs cannot interfere
    for target in targets:
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target,
             "--outdir", str(folder), *(str(path) for path in files)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip


def word_lines(docx: Path) -> list[str]:
    """The non-empty lines of the text LibreOffice printed for ``docx``, normalised like `markdown_lines`."""
    lines = [normal(line) for line in docx.with_suffix(".txt").read_text("utf-8").splitlines()]
    return [line for line in lines if line]


def pdf_pages(docx: Path) -> int:
    """How many pages LibreOffice printed for ``docx``."""
    return len(re.findall(rb"/Type\s*/Page[^s]", docx.with_suffix(".pdf").read_bytes()))
