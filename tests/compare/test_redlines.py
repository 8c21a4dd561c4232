"""Redlines: accepting every change gives the newer draft, rejecting every change the older one."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from coprod.compare.redline import Whole
from coprod.compare.run import Comparison, compare, render_draft
from coprod.compare.words import Change
from coprod.loading.frameworks import catalog_for
from coprod.loading.project import load_project
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.word import WordRenderer
from tests.compare.compare_support import EDITS, ROOT, drafts, plain_text, resolve


@cache
def _renderers() -> tuple[DocumentRenderer, WordRenderer]:
    return DocumentRenderer(), WordRenderer()


def _documents(project_file: Path) -> dict[str, bytes]:
    """Each document of the draft as the build writes it with --clean, as .docx."""
    renderer, word = _renderers()
    draft = render_draft(load_project(project_file).project, catalog_for(project_file), renderer)
    return {path: word.render(doc.markdown, doc.meta, clean=True, name=path)
            for path, doc in draft.documents.items()}


def _compare(tmp_path: Path, edit: Callable[[str], str]) -> tuple[Comparison, Path, Path, Path]:
    newer, older = drafts(tmp_path, edit)
    renderer, word = _renderers()
    out = tmp_path / "redlines"
    return compare(newer, str(older), out, renderer=renderer, word=word), newer, older, out


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_accepting_gives_the_newer_draft_and_rejecting_the_older(tmp_path: Path, kind: str) -> None:
    comparison, newer, older, out = _compare(tmp_path, EDITS[kind])
    assert not comparison.identical
    new_docs, old_docs = _documents(newer), _documents(older)
    assert {d.relpath for d in comparison.documents} == set(new_docs) | set(old_docs)
    for document in comparison.documents:
        redline = (out / document.relpath.replace(".md", ".compare.docx")).read_bytes()
        accepted, rejected = resolve(redline, accept=True), resolve(redline, accept=False)
        assert accepted == plain_text(new_docs[document.relpath]), document.relpath
        assert rejected == plain_text(old_docs[document.relpath]), document.relpath


def test_every_example_redlines_exactly(tmp_path: Path) -> None:
    for example in sorted((ROOT / "projects").glob("*/project.yaml")):
        folder = tmp_path / example.parent.name
        folder.mkdir()
        older = folder / "older.yaml"
        older.write_bytes(example.read_bytes())
        newer = folder / "project.yaml"
        text = example.read_text(encoding="utf-8")
        newer.write_text(text.replace("  title: ", "  title: Provisional ", 1), encoding="utf-8")
        renderer, word = _renderers()
        comparison = compare(newer, str(older), folder / "out", renderer=renderer, word=word)
        assert comparison.deal, example
        new_docs, old_docs = _documents(newer), _documents(older)
        for document in comparison.documents:
            redline = (folder / "out" / document.relpath.replace(".md", ".compare.docx")).read_bytes()
            assert resolve(redline, accept=True) == plain_text(new_docs[document.relpath])
            assert resolve(redline, accept=False) == plain_text(old_docs[document.relpath])


def test_a_clause_renumbered_by_a_dropped_clause_shows_no_change_in_its_text(tmp_path: Path) -> None:
    comparison, *_rest, out = _compare(tmp_path, EDITS["clause dropped by a condition"])
    agreement = next(d for d in comparison.documents if d.relpath == "agreement.md")
    sales = [b for b in agreement.blocks if b.label == "sales"]
    assert [b.whole for b in sales] == [Whole.DELETED]
    headings = [b for b in agreement.blocks if b.kind == "heading" and b.whole is Whole.KEPT]
    assert len(headings) > 30 and all(run.change is Change.SAME for b in headings for run in b.runs)
    start = agreement.blocks.index(next(b for b in agreement.blocks if b.label == "insurance"))
    insurance = agreement.blocks[start:start + 2]  # renumbered 17 -> 16, its words unchanged
    assert insurance[0].lead.startswith("## 16.")
    assert all(b.whole is Whole.KEPT and not b.changed for b in insurance)
    markdown = (out / "agreement.compare.md").read_text()
    heading = next(line for line in markdown.splitlines() if line.endswith("{#insurance}"))
    assert "{++" not in heading and "{--" not in heading


def test_the_changes_page_says_what_changed_in_the_deal_in_plain_words(tmp_path: Path) -> None:
    comparison, *_rest, out = _compare(tmp_path, EDITS["share changed"])
    changes = (out / "changes.md").read_text()
    assert "- Partner Vltava Pictures s.r.o., share: 15 → 12\n" in changes
    assert "- Partner Aurora Film S.r.l., share: 60 → 63\n" in changes
    assert [str(change) for change in comparison.deal] == [
        "Partner Aurora Film S.r.l., share: 60 → 63", "Partner Vltava Pictures s.r.o., share: 15 → 12"]
    assert (out / "changes.docx").read_bytes().startswith(b"PK")


def test_a_new_tier_and_a_new_finance_line_are_named_as_new(tmp_path: Path) -> None:
    tier, *_rest = _compare(tmp_path / "tier", EDITS["tier added"])
    line, *_rest = _compare(tmp_path / "line", EDITS["finance line added"])
    assert [str(c) for c in tier.deal] == [
        "New tier in recoupment: Writers deferment (kind deferment, payee screenwriters, amount 20000)"]
    assert str(line.deal[0]).startswith("New finance line: Czech gap loan (id cz-gap, partner vltava, ")


def test_identical_drafts_give_redlines_with_no_change(tmp_path: Path) -> None:
    comparison, *_rest, out = _compare(tmp_path, lambda text: text)
    assert comparison.identical and not comparison.deal
    assert all(document.changes == 0 for document in comparison.documents)
    for path in out.rglob("*.compare.md"):
        text = path.read_text()
        assert "{++" not in text.split("\n", 8)[-1] and "{--" not in text.split("\n", 8)[-1]
    assert "The two drafts are identical" in (out / "changes.md").read_text()
