"""The prose checks: doubled spaces, empty substitutions, dangling separators, unused inline terms; and
a build that fails naming the template line a slip comes from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coprod.analysis import analyse
from coprod.errors import TemplateError
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.environment import TEMPLATES
from coprod.rendering.prose import check_prose
from tests.rendering.rendering_support import example, render_project
from tests.rendering.variants import all_variants


def _rules(markdown: str) -> list[tuple[str, str]]:
    return [(problem.rule, problem.excerpt) for problem in check_prose(markdown)]


def test_doubled_spaces_and_empty_substitutions_are_found() -> None:
    text = "From a screenplay by  and Anne.\n\nSigned by Anna , for ().\n\nThe “” version.\n"
    assert [rule for rule, _ in _rules(text)] == ["double-space", "space-before-punctuation", "empty-pair",
                                                  "empty-pair"]


def test_a_list_or_paragraph_left_hanging_is_found_but_a_continued_sentence_is_not() -> None:
    text = ("The following:\n\n- one;\n- two;\n\nNext paragraph, and\n\nParties:\n\n1. A;\n2. B;\n\n"
            "each a “Co-Producer”.\n\nThe Co-Producer signs.\n")
    assert _rules(text) == [("dangling-separator", "- two;"), ("dangling-separator", "Next paragraph, and")]


def test_lettered_paragraphs_are_a_list() -> None:
    assert _rules("Reserved:\n\n(a) one;\n\n(b) two; and\n\n(c) three.\n") == []
    assert _rules("Reserved:\n\n(a) one;\n\n(b) two; and\n") == [("dangling-separator", "(b) two; and")]


def test_tables_checkboxes_and_front_matter_are_not_slips() -> None:
    text = "---\ntitle: \"a  b\"\n---\n\n| a |   | b |\n| --- | --- | --- |\n\n- [ ] **Now**: do it.\n"
    assert _rules(text) == []


def test_a_term_defined_inline_but_never_used_is_found() -> None:
    text = "the film (the “Picture”) is made.\n"
    assert _rules(text) == [("unused-term", text.strip())]
    assert _rules("the film (the “Picture”). The Picture is made.\n") == []


def test_a_slip_inside_the_users_own_text_is_not_the_templates() -> None:
    text = "Made by Aurora  Film S.r.l. and Nord.\n"
    assert [p.rule for p in check_prose(text)] == ["double-space"]
    assert check_prose(text, ["Aurora  Film S.r.l."]) == []


def test_a_build_fails_naming_the_template_line_of_a_slip(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES, root, ignore=shutil.ignore_patterns("word"))
    credits = root / "clauses" / "credits.md.j2"
    credits.write_text(credits.read_text(encoding="utf-8").replace(
        "The Film shall carry", "The Film{{ '' }} , shall carry", 1), encoding="utf-8")
    project = example("the-salt-road")
    with pytest.raises(TemplateError) as raised:
        DocumentRenderer(root).render(project, analyse(project))
    message = str(raised.value)
    assert message.startswith("agreement.md: the text has 1 slip a reader would notice:\n")
    assert "\n  clauses/credits.md.j2:2: a space before punctuation: a substitution printed" in message


@pytest.mark.parametrize("name", sorted(all_variants()))
def test_every_example_and_variant_reads_cleanly(name: str) -> None:
    documents = render_project(all_variants()[name])  # rendering refuses a document with a slip
    assert {"agreement.md", "term-sheet.md", "readiness.md"} <= set(documents)
    for document in documents.values():
        assert check_prose(document.markdown) == [], document.relpath
