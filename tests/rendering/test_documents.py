"""Golden files for every document of every example project, and properties every output must have.

Regenerate the golden files after an intended change with::

    COPROD_UPDATE_GOLDENS=1 .venv/bin/pytest tests/rendering/test_documents.py

and review the diff (``git diff tests/rendering/golden``) like any other change to the legal text.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from coprod.rendering.markdown import parser
from tests.rendering.rendering_support import EXAMPLES, rendered

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("COPROD_UPDATE_GOLDENS") == "1"


@pytest.mark.parametrize("slug", EXAMPLES)
def test_documents_match_golden_files(slug: str) -> None:
    documents = rendered(slug)
    folder = GOLDEN / slug
    if UPDATE:
        for relpath, document in documents.items():
            target = folder / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document.markdown, encoding="utf-8")
    expected = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.md"))
    assert sorted(documents) == expected
    for relpath, document in documents.items():
        assert document.markdown == (folder / relpath).read_text(encoding="utf-8"), relpath


@pytest.mark.parametrize("slug", EXAMPLES)
def test_every_document_parses_and_has_no_template_syntax(slug: str) -> None:
    for relpath, document in rendered(slug).items():
        tokens = parser().parse(document.markdown)
        assert tokens[0].type == "front_matter", relpath
        titles = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
        assert len(titles) == 1, relpath
        for syntax in ("{{", "}}", "{%", "%}", "#}", "{# ", "{#-"):
            assert syntax not in document.markdown, (relpath, syntax)
        # '{#' only ever opens a heading label, at the end of a heading line.
        labels = re.findall(r"^#{2,4} .* \{#[a-z][a-z0-9-]*\}$", document.markdown, re.MULTILINE)
        assert document.markdown.count("{#") == len(labels), relpath


def _ids_and_links(markdown: str) -> tuple[set[str], list[str]]:
    tokens = parser().parse(markdown)
    ids = {str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id")}
    links = [str(child.attrGet("href")) for t in tokens if t.type == "inline" for child in t.children or []
             if child.type == "link_open"]
    return ids, links


@pytest.mark.parametrize("slug", EXAMPLES)
def test_every_cross_reference_points_at_a_heading_of_the_same_document(slug: str) -> None:
    for relpath, document in rendered(slug).items():
        ids, links = _ids_and_links(document.markdown)
        assert links or relpath.startswith("checklists/"), relpath
        for link in links:
            assert link.startswith("#") and link[1:] in ids, (relpath, link)


def test_clause_numbers_are_consecutive_per_level_and_restart_under_each_parent() -> None:
    markdown = rendered("the-salt-road")["agreement.md"].markdown
    numbers = re.findall(r"^#{2,4} (\d+(?:\.\d+)*)\.? ", markdown, flags=re.MULTILINE)
    seen: dict[tuple[str, ...], int] = {}
    for number in numbers:
        parts = number.split(".")
        parent = tuple(parts[:-1])
        assert int(parts[-1]) == seen.get(parent, 0) + 1, number
        seen[parent] = int(parts[-1])
    assert numbers[:3] == ["1", "1.1", "1.2"]


def test_templates_used_follow_includes() -> None:
    agreement = rendered("the-salt-road")["agreement.md"]
    assert "documents/agreement.md.j2" in agreement.templates
    assert "clauses/recoupment.md.j2" in agreement.templates
    assert "clauses/terms/waterfall.md.j2" not in agreement.templates


def test_drafting_notes_sit_after_their_clause_heading_and_clean_leaves_them_out() -> None:
    notes = rendered("the-salt-road")["agreement.md"].markdown
    clean = rendered("the-salt-road", clean=True)["agreement.md"].markdown
    assert "## 5. Financing {#financing}\n\n> Drafting note: Warning: On 20 November 2026, 164 days before " \
        "principal photography on 3 May 2027, EUR 770,000.00" in notes
    assert "Drafting note" not in clean
    assert clean.count("\n## ") == notes.count("\n## ")


def test_front_matter_carries_the_document_meta() -> None:
    document = rendered("the-salt-road")["checklists/nord.md"]
    assert document.markdown.startswith(
        '---\ntitle: "Checklist for Nord Lumière SRL — The Salt Road"\nkind: "checklist"\n'
        'film: "The Salt Road"\nparties: ["Nord Lumière SRL"]\ndraft: 3\ndate: "2026-11-20"\n')
    assert document.meta.kind == "checklist"
    assert document.meta.parties == ("Nord Lumière SRL",)


def _table(markdown: str, header_start: str) -> list[list[str]]:
    lines = markdown.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def _amount(cell: str) -> Decimal:
    return Decimal(re.sub(r"[^0-9.]", "", cell))


@pytest.mark.parametrize("slug", EXAMPLES)
def test_scenario_payouts_add_up_to_the_receipts_of_each_column(slug: str) -> None:
    markdown = rendered(slug)["term-sheet.md"].markdown
    rows = _table(markdown, "| Payee |")
    header = next(line for line in markdown.split("\n") if line.startswith("| Payee |"))
    receipts = [_amount(cell.split("(")[1]) for cell in header.strip("|").split(" | ")[1:]]
    *payees, total = rows
    for column, expected in enumerate(receipts, start=1):
        assert sum(_amount(row[column]) for row in payees) == expected == _amount(total[column])


@pytest.mark.parametrize("slug", EXAMPLES)
def test_contributions_add_up_to_the_budget(slug: str) -> None:
    rows = _table(rendered(slug)["agreement.md"].markdown, "| Co-Producer | Country | Share |")
    *partners, total = rows
    assert sum(_amount(row[3]) for row in partners) == _amount(total[3])
    assert sum(_amount(row[2]) for row in partners) == 100


def test_plan_names_every_document_and_scenario_levels_can_be_chosen() -> None:
    from coprod.analysis import analyse
    from coprod.rendering.documents import DocumentRenderer
    from tests.rendering.rendering_support import example

    project = example("the-salt-road")
    renderer = DocumentRenderer(levels=[Decimal(25), Decimal(300)])
    assert [(spec.kind, spec.relpath) for spec in renderer.plan(project)] == [
        ("agreement", "agreement.md"), ("term-sheet", "term-sheet.md"),
        ("checklist", "checklists/aurora.md"), ("checklist", "checklists/nord.md"),
        ("checklist", "checklists/vltava.md"), ("readiness", "readiness.md")]
    term_sheet = {d.relpath: d for d in renderer.render(project, analyse(project))}["term-sheet.md"]
    assert "| Payee | 25% (EUR 950,000) | 300% (EUR 11,400,000) |" in term_sheet.markdown
    assert "receives 25% and 300% of the budget" in term_sheet.markdown
