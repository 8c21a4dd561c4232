"""``coprod templates check``: variables per template, unknown variables and fields, undefined terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coprod.cli import main
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.environment import TEMPLATES
from coprod.rendering.lint import TemplateLinter
from tests.rendering.rendering_support import EXAMPLES


def _linter(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> TemplateLinter:
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES, root, ignore=shutil.ignore_patterns("word"))
    for name, (old, new) in edits.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return TemplateLinter(DocumentRenderer(root))


def test_the_shipped_templates_are_clean() -> None:
    reports, problems = TemplateLinter().check()
    assert problems == []
    by_name = {report.name: report for report in reports}
    assert by_name["clauses/approval.md.j2"].variables == {"clause", "framework", "long_stop", "ref"}
    assert by_name["clauses/approval.md.j2"].documents == {"agreement"}
    assert "documents/readiness.md.j2" in by_name


def test_an_unknown_variable_a_bad_field_and_an_undefined_term_are_reported(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "clauses/sales.md.j2": ("{{ sales.agent }} as Sales Agent", "{{ sales.agnet }} as Sales Agent"),
        "clauses/credits.md.j2": ("The Film shall carry", "{{ producer_name }} The Film shall carry"),
        "clauses/delivery.md.j2": ("Each Co-Producer shall deliver", "Each Co-Producer shall sign the "
                                                                   "Laboratory Access Letter and deliver"),
        "clauses/production.md.j2": ("- in {{ row.country }}", "- in {{ row.county }}"),
    })
    _, problems = linter.check()
    assert [str(problem) for problem in problems] == [
        "clauses/credits.md.j2:2: unknown variable 'producer_name': not a field of AgreementView nor a "
        "helper",
        "clauses/delivery.md.j2:3: 'Laboratory Access Letter' reads like a defined term but is never defined "
        "(define it in clauses/definitions.md.j2 or write it in lower case)",
        "clauses/production.md.j2:9: 'SpendView' has no field 'county' (in 'row.county')",
        "clauses/sales.md.j2:2: 'SalesView' has no field 'agnet' (in 'sales.agnet')",
    ]


def test_the_command_lists_variables_and_fails_on_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # the examples under projects/ are proofread
    assert main(["templates", "check"]) == 0
    out = capsys.readouterr().out
    assert "clauses/approval.md.j2 [agreement]: clause, framework, long_stop, ref\n" in out
    read = f"{len(EXAMPLES)} projects rendered and proofread"
    assert out.endswith(f"40 templates checked, {read}, 0 problems\n")


def test_a_capitalised_phrase_mid_sentence_must_be_a_defined_term(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {
        "clauses/control.md.j2": ("within five (5) Business Days", "within five (5) Banking Days"),
    })
    _, problems = linter.check()
    assert [str(problem) for problem in problems] == [
        "clauses/control.md.j2:9: 'Banking Days' reads like a defined term but is never defined (define it "
        "in clauses/definitions.md.j2 or write it in lower case)"]


def test_a_term_defined_but_never_used_is_reported_at_its_definition(tmp_path: Path) -> None:
    linter = _linter(tmp_path, {"clauses/definitions.md.j2": (
        '{% call define("Business Day") %}',
        '{% call define("Access Letter") %}means a letter.{% endcall %}\n{% call define("Business Day") %}')})
    _, problems = linter.check()
    assert [str(problem) for problem in problems] == [
        "clauses/definitions.md.j2:14: the term 'Access Letter' is defined but no template of the document "
        "uses it; remove the definition or use the term"]
