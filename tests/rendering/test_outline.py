"""Clause numbering, cross-references, definitions, drafting notes, and template errors with their place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod.analysis.findings import Finding, Severity
from coprod.errors import TemplateError
from coprod.rendering.environment import create_environment, render
from coprod.rendering.outline import Outline
from coprod.rendering.view.notes import drafting_notes

DOCUMENT = """\
# Title

{% call clause("definitions", "Definitions") %}
{{ definitions() }}
{% endcall %}
{% call clause("money", "Money") %}
The Budget is set out in {{ ref("schedule-budget") }}; see also {{ ref("recoupment") }}.
{% call clause("premiums", "Premiums") %}
Premiums are paid under {{ ref("recoupment") }}.
{% endcall %}
{% endcall %}
{% if bond %}
{% call clause("bond", "Completion guarantee") %}
The Completion Guarantor may take over.
{% endcall %}
{% endif %}
{% call clause("recoupment", "Recoupment") %}
{% call clause("order", "Order") %}
First {{ ref("premiums") }}, then {{ ref("money") }}.
{% endcall %}
{% endcall %}
{% call schedule("schedule-budget", "Budget") %}
A table.
{% endcall %}
{% call define("Budget") %}means the budget in {{ ref("schedule-budget") }}.{% endcall %}
{% call define("Completion Guarantor") %}means the guarantor.{% endcall %}
{% call define("Unused Term") %}means nothing.{% endcall %}
"""


def _render(root: Path, files: dict[str, str], context: dict[str, Any], *, notes: tuple[Finding, ...] = (),
            clean: bool = False) -> str:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    env = create_environment(root)
    outline = Outline(env, drafting_notes(notes), clean)
    return outline.finish(render(env, "doc.md.j2", {**context, **outline.helpers()}))


def test_clauses_are_numbered_and_references_resolved(tmp_path: Path) -> None:
    text = _render(tmp_path, {"doc.md.j2": DOCUMENT}, {"bond": True})
    assert "## 1. Definitions {#definitions}" in text
    assert "### 2.1 Premiums {#premiums}" in text
    assert "## 3. Completion guarantee {#bond}" in text
    assert "## 4. Recoupment {#recoupment}" in text
    assert "### 4.1 Order {#order}" in text
    assert "## Schedule 1 — Budget {#schedule-budget}" in text
    assert "see also [Clause 4](#recoupment)." in text
    assert "First [Clause 2.1](#premiums), then [Clause 2](#money)." in text


def test_dropping_a_conditional_clause_renumbers_and_references_follow(tmp_path: Path) -> None:
    text = _render(tmp_path, {"doc.md.j2": DOCUMENT}, {"bond": False})
    assert "{#bond}" not in text
    assert "## 3. Recoupment {#recoupment}" in text
    assert "### 3.1 Order {#order}" in text
    assert "see also [Clause 3](#recoupment)." in text
    assert "Premiums are paid under [Clause 3](#recoupment)." in text


def test_definitions_list_only_used_terms_alphabetically_with_their_own_references(tmp_path: Path) -> None:
    with_bond = _render(tmp_path, {"doc.md.j2": DOCUMENT}, {"bond": True})
    assert ("“**Budget**” means the budget in [Schedule 1](#schedule-budget).\n\n"
            "“**Completion Guarantor**” means the guarantor.\n\n## 2. Money") in with_bond
    assert "Unused Term" not in with_bond
    without = _render(tmp_path, {"doc.md.j2": DOCUMENT}, {"bond": False})
    assert "Completion Guarantor" not in without


def test_a_term_used_only_inside_a_definition_is_listed_too(tmp_path: Path) -> None:
    files = {"doc.md.j2": "{{ definitions() }}\nThe Film.\n"
             '{% call define("Film") %}means the Picture.{% endcall %}'
             '{% call define("Picture") %}means the work.{% endcall %}'}
    text = _render(tmp_path, files, {})
    assert text == "“**Film**” means the Picture.\n\n“**Picture**” means the work.\nThe Film.\n"


def _error(tmp_path: Path, files: dict[str, str], context: dict[str, Any] | None = None) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, files, context or {})
    return caught.value


def test_a_reference_to_a_missing_label_names_the_template_and_line(tmp_path: Path) -> None:
    files = {"doc.md.j2": '{% include "clauses/x.md.j2" %}',
             "clauses/x.md.j2": '{% call clause("a", "A") %}\nText.\nSee {{ ref("nowhere") }}.\n'
                                '{% endcall %}\n'}
    error = _error(tmp_path, files)
    assert str(error) == "clauses/x.md.j2:3: cross-reference to unknown label 'nowhere' (labels in this " \
                         "document: a)"


def test_a_reference_to_a_clause_left_out_is_an_error(tmp_path: Path) -> None:
    error = _error(tmp_path, {"doc.md.j2": DOCUMENT.replace('{{ ref("money") }}', '{{ ref("bond") }}')},
                   {"bond": False})
    assert (error.template, error.line) == ("doc.md.j2", 19)
    assert error.detail.startswith("cross-reference to unknown label 'bond'")


def test_an_undefined_variable_names_the_template_and_line(tmp_path: Path) -> None:
    files = {"doc.md.j2": '{% include "clauses/y.md.j2" %}', "clauses/y.md.j2": "One\nTwo {{ missing }}\n"}
    assert str(_error(tmp_path, files)) == ("clauses/y.md.j2:2: undefined: 'missing' is undefined "
                                          "(included from doc.md.j2:1)")


def test_a_missing_attribute_is_an_error_not_an_empty_string(tmp_path: Path) -> None:
    files = {"doc.md.j2": "Title\n\n{{ film.nothing }}\n"}
    error = _error(tmp_path, files, {"film": {"title": "x"}})
    assert (error.template, error.line) == ("doc.md.j2", 3)
    assert error.detail == "undefined: 'dict object' has no attribute 'nothing'"


def test_a_blocked_attribute_names_the_template_and_line(tmp_path: Path) -> None:
    files = {"doc.md.j2": "{{ name.__class__.__mro__ }}\n"}
    assert str(_error(tmp_path, files, {"name": "x"})) == (
        "doc.md.j2:1: blocked by the sandbox: access to attribute '__class__' of 'str' object is unsafe.")


def test_a_mutating_call_is_blocked(tmp_path: Path) -> None:
    files = {"doc.md.j2": "A\n{{ items.append(3) }}\n"}
    error = _error(tmp_path, files, {"items": [1, 2]})
    assert (error.template, error.line) == ("doc.md.j2", 2)
    assert error.detail.startswith("blocked by the sandbox:")


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    files = {"doc.md.j2": '{% include "z.md.j2" %}', "z.md.j2": "fine\n{% if %}\n"}
    assert str(_error(tmp_path, files)) == \
        "z.md.j2:2: template syntax error: Expected an expression, got 'end of statement block'"


def test_printing_an_unformatted_amount_is_an_error(tmp_path: Path) -> None:
    from decimal import Decimal

    error = _error(tmp_path, {"doc.md.j2": "{{ amount }}"}, {"amount": Decimal("10")})
    assert str(error) == ("doc.md.j2:1: TypeError: cannot print a Decimal as it is; format it with a filter "
                          "(money, figures, percent, date, join)")


def test_a_label_used_twice_is_an_error(tmp_path: Path) -> None:
    files = {"doc.md.j2": '{% call clause("a", "A") %}{% endcall %}\n'
                          '{% call clause("a", "B") %}{% endcall %}'}
    assert str(_error(tmp_path, files)) == "doc.md.j2:2: the label 'a' is used twice"


def test_jinja_builtin_filters_are_not_available(tmp_path: Path) -> None:
    error = _error(tmp_path, {"doc.md.j2": "{{ name|upper }}"}, {"name": "x"})
    assert error.template == "doc.md.j2"
    assert "No filter named 'upper'" in error.detail


def _finding(path: tuple[str | int, ...], area: str = "finance") -> Finding:
    return Finding(code="x.y", severity=Severity.WARNING, area=area, message="Check *this*.", path=path)


def test_drafting_notes_go_under_the_first_label_present_and_clean_drops_them(tmp_path: Path) -> None:
    files = {"doc.md.j2": '{% call clause("financing", "Financing") %}\nBody.\n{% endcall %}\n'
                          '{% call clause("recoupment", "Recoupment") %}\nBody.\n{% endcall %}\n'}
    notes = (_finding(("recoupment", "waterfall", 2)), _finding(("film", "title"), "readiness"))
    text = _render(tmp_path, files, {}, notes=notes)
    assert text == ("## 1. Financing {#financing}\n\n"
                    "> Drafting note: Warning: Check \\*this\\*.\n>\n"
                    "> *Reference: Market practice (market practice) · field film.title · x.y*\n\n"
                    "Body.\n\n## 2. Recoupment {#recoupment}\n\n"
                    "> Drafting note: Warning: Check \\*this\\*.\n>\n"
                    "> *Reference: Market practice (market practice) · field "
                    "recoupment.waterfall\\[2\\] · x.y*\n\nBody.\n")
    clean = _render(tmp_path, files, {}, notes=notes, clean=True)
    assert "Drafting note" not in clean


def test_concatenating_data_with_markdown_escapes_the_data_for_markdown(tmp_path: Path) -> None:
    from coprod.rendering.escape import Safe

    files = {"doc.md.j2": '{% call clause("a", "A") %}\n{{ ref("a") ~ " " ~ name }}|{{ bold ~ name }}|'
                          '{{ name ~ "!" }}\n{% endcall %}'}
    text = _render(tmp_path, files, {"name": "*A&B*", "bold": Safe("**x**")})
    assert "[Clause 1](#a) \\*A\\&B\\*|**x**\\*A\\&B\\*|\\*A\\&B\\*\\!" in text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 2)), min_size=1, max_size=8), st.data())
def test_any_choice_of_clauses_numbers_consecutively_and_references_point_right(
        tmp_path: Path, shape: list[tuple[bool, int]], data: st.DataObject) -> None:
    """Clauses c0..cN, each kept or dropped, each with 0-2 sub-clauses; each kept clause refers to
    another kept heading chosen at random. Expected numbers are computed independently of the outline."""
    kept = [index for index, (keep, _) in enumerate(shape) if keep]
    expected: dict[str, str] = {}
    for position, index in enumerate(kept, start=1):
        expected[f"c{index}"] = str(position)
        for sub in range(shape[index][1]):
            expected[f"c{index}-{sub}"] = f"{position}.{sub + 1}"
    targets = {label: data.draw(st.sampled_from(sorted(expected))) for label in expected
               if "-" not in label} if expected else {}
    parts = []
    for index, (keep, subs) in enumerate(shape):
        label = f"c{index}"
        body = f'See {{{{ ref("{targets[label]}") }}}}.\n' if keep else ""
        body += "".join(f'{{% call clause("{label}-{sub}", "Sub") %}}\nText.\n{{% endcall %}}\n'
                        for sub in range(subs))
        parts.append(f'{{% if keep[{index}] %}}{{% call clause("{label}", "Clause") %}}\n{body}'
                     "{% endcall %}{% endif %}\n")
    text = _render(tmp_path, {"doc.md.j2": "".join(parts)}, {"keep": [keep for keep, _ in shape]})
    headings = re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\.? \w+ \{#([a-z0-9-]+)\}$", text, re.MULTILINE)
    assert dict((label, number) for number, label in headings) == expected
    for label, target in targets.items():
        assert f"See [Clause {expected[target]}](#{target})." in text, label


RELYING = """\
{% call clause("finance", "Finance") %}
{% call clause("pending", "Finance not yet confirmed") %}
Replace it.
{% endcall %}
{% call clause("security", "Permitted security", provides="permits security") %}
Loans against tax credits.
{% endcall %}
{% endcall %}
{% call clause("assignment", "Assignment") %}
Except by way of security, as permitted under {{ ref(target, "permits security") }}.
{% endcall %}
"""


def test_a_reference_relying_on_what_a_clause_does_is_checked(tmp_path: Path) -> None:
    assert "as permitted under [Clause 1.2](#security)." in _render(tmp_path, {"doc.md.j2": RELYING},
                                                                   {"target": "security"})
    # A parent clause does what one of its sub-clauses does.
    assert "as permitted under [Clause 1](#finance)." in _render(tmp_path, {"doc.md.j2": RELYING},
                                                                 {"target": "finance"})
    with pytest.raises(TemplateError) as raised:
        _render(tmp_path, {"doc.md.j2": RELYING}, {"target": "pending"})
    assert str(raised.value) == ("doc.md.j2:10: the text relies on Clause 1.1 ('pending') to 'permits "
                                 "security', but that clause does not (it provides: nothing declared)")
