"""Cross-references: REF fields to bookmarks on numbered clauses, hyperlinks for unnumbered targets."""

from __future__ import annotations

import hashlib
import io
import zipfile
from types import ModuleType

import pytest
from lxml import etree

from coprod.errors import TemplateError
from coprod.rendering.word import WordRenderer
from coprod.rendering.word.clauses import ClauseCounter, bookmark_name, split_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_clause_reference_is_a_ref_field_with_the_number_cached(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    body = _body(renderer.render(samples.SMALL, samples.meta()))
    (paragraph,) = body.xpath("//w:p[w:r/w:instrText]", namespaces=NS)
    instructions = [t.text for t in paragraph.iterfind(".//w:instrText", NS)]
    assert instructions == [" REF _Ref_ownership_shares \\r \\h ", " REF _Ref_shares \\r \\h "]
    runs = ["".join(r.itertext()) for r in paragraph.iterfind("w:r", NS)]
    first = runs.index(" REF _Ref_ownership_shares \\r \\h ")
    # literal text, begin, instruction, separate, cached result (shown until Word updates fields), end
    assert runs[first - 2 : first + 11] == [
        "Clause ", "", " REF _Ref_ownership_shares \\r \\h ", "", "2.1", "",
        " ", "of ", "Clause ", "", " REF _Ref_shares \\r \\h ", "", "2",
    ]  # fmt: skip


def test_the_bookmark_wraps_the_target_heading(renderer: WordRenderer, samples: ModuleType) -> None:
    body = _body(renderer.render(samples.SMALL, samples.meta()))
    start = body.find(".//w:bookmarkStart[@w:name='_Ref_ownership_shares']", NS)
    heading = start.getparent()
    assert heading.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "Heading2"
    assert "".join(heading.itertext()) == "Ownership"
    assert heading.find(f"w:bookmarkEnd[@w:id='{start.get(f'{W}id')}']", NS) is not None


def test_reference_to_an_unnumbered_heading_is_an_internal_hyperlink(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    body = _body(renderer.render(samples.SMALL, samples.meta()))
    (link,) = body.iterfind(".//w:hyperlink", NS)
    assert link.get(f"{W}anchor") == "_Ref_budget"
    assert "".join(link.itertext()) == "Schedule 1"


def test_reference_to_an_unknown_label_names_document_line_and_labels(
    renderer: WordRenderer, samples: ModuleType
) -> None:
    with pytest.raises(TemplateError) as caught:
        renderer.render(
            "# T\n\n## 1. One {#one}\n\nSee [Clause 2](#two).\n", samples.meta(), name="agreement.md"
        )
    assert str(caught.value) == (
        "agreement.md:5: cross-reference to '#two', but no heading has that label (labels: one)"
    )


def test_split_number_reads_clause_numbers() -> None:
    clause = split_number("9. Recoupment")
    assert clause is not None and (clause.number, clause.title, clause.label) == ((9,), "Recoupment", "9")
    clause = split_number("9.2 Premiums")
    assert clause is not None and (clause.number, clause.title, clause.label) == ((9, 2), "Premiums", "9.2")
    assert split_number("Schedule 1 — Budget") is None
    assert split_number("1.5x multiplier") is None


def test_clause_counter_follows_words_restart_rules() -> None:
    counter = ClauseCounter()
    accepted = [counter.accept(level, number) for level, number in [
        (1, (1,)), (2, (1, 1)), (2, (1, 2)), (3, (1, 2, 1)), (1, (2,)), (2, (2, 1)), (2, (2, 3)), (1, (4,)),
        (1, (2026,)), (1, (3,)),
    ]]  # fmt: skip
    assert accepted == [True, True, True, True, True, True, False, False, False, True]


def test_bookmark_names_are_word_safe_and_unique() -> None:
    taken: set[str] = set()
    assert bookmark_name("schedule-budget", taken) == "_Ref_schedule_budget"
    digest = hashlib.sha1(b"schedule_budget").hexdigest()[:8]
    assert bookmark_name("schedule_budget", taken) == f"_Ref_schedule_budget_{digest}"
    long = bookmark_name("a-very-long-label-that-goes-on-and-on-and-on", taken)
    assert len(long) == 40
    assert long.startswith("_Ref_a_very_long_label_that_go")
