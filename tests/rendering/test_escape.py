"""Data prints literally: escaping for Markdown, checked through the shared markdown-it parser."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from coprod.rendering.escape import Safe, escape, one_line
from coprod.rendering.markdown import parser


def _html(markdown: str) -> str:
    return str(parser().render(markdown))


def test_markup_characters_are_escaped() -> None:
    assert escape("Smith & Sons <Ltd>") == "Smith \\& Sons \\<Ltd\\>"
    assert escape("{{ 7*7 }}") == "\\{\\{ 7\\*7 \\}\\}"
    assert escape("| pipe") == "\\| pipe"
    assert escape("# hash") == "\\# hash"
    assert escape("a\\b") == "a\\\\b"


def test_line_start_structure_is_escaped_after_every_line_break() -> None:
    assert escape("- a\n\n\n  1. b\n> c\n===") == "\\- a\n1\\. b\n\\> c\n\\==="


def test_ordinary_text_stays_readable() -> None:
    assert escape("Aurora Film S.r.l., 12.5% (approx.)") == "Aurora Film S.r.l., 12.5% (approx.)"


def test_safe_strings_pass_through_and_mixing_escapes_the_data() -> None:
    assert escape(Safe("**bold**")) == "**bold**"
    assert Safe("**{name}**").format(name="*x*") == "**\\*x\\***"
    assert Safe("A ") + "<b>" == "A \\<b\\>"


def test_one_line_turns_line_breaks_into_spaces() -> None:
    assert one_line("a |\nb") == "a \\| b"


def test_escaped_text_renders_as_the_text_itself() -> None:
    value = "Smith & Sons <Ltd> {{ 7*7 }} *stars* _u_ `code` [link](x) ![i](y) # hash | pipe ~~s~~ \\"
    assert _html(escape(value)) == f"<p>{html.escape(value, quote=False)}</p>\n"


def test_right_to_left_and_cjk_text_is_unchanged() -> None:
    value = "مرحبا بالعالم 日本語のテキスト"
    assert escape(value) == value


# Any text a producer can type (the model forbids control characters other than line breaks and tabs).
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
                min_size=1).filter(lambda s: s.strip() != "")


@given(_TEXT)
def test_any_text_renders_as_one_paragraph_showing_exactly_that_text(value: str) -> None:
    tokens = parser().parse(str(escape(value)))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {child.type for child in children} <= {"text", "softbreak"}
    shown = "".join("\n" if child.type == "softbreak" else child.content for child in children)
    expected = "\n".join(line.strip() for line in re.split(r"\s*\n\s*", value.strip()) if line.strip())
    assert shown == expected
