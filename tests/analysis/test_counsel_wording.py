"""Every finding of every example and conditional variant is written for counsel: no rule ids, field
paths, confidence tags, snake_case identifiers or references to coprod's notes in the message, dates as
the documents write them; those details live in the finding's own fields, and the drafting note prints
them on a reference line of their own."""

from __future__ import annotations

import re

import pytest

from coprod.analysis import analyse
from coprod.analysis.findings import Finding, Severity
from coprod.rendering.view.notes import note_text
from tests.rendering.rendering_support import render_project
from tests.rendering.variants import all_variants

_NOT_FOR_COUNSEL = {
    "a reference to coprod's notes": re.compile(r"DOMAIN|§"),
    "a confidence tag": re.compile(r"\[[PVSU]\]"),
    "a rule id": re.compile(r"\brule [A-Z]+[0-9-]*\b|\b[A-Z]{2,}[0-9]*-[0-9]+\b"),
    "a field path": re.compile(r"\b[a-z_]+\[\d+\]|\b[a-z]+_[a-z_]+\.[a-z_]+|\b[a-z]+\.[a-z]+_[a-z_]+"),
    "a snake_case identifier": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "an ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
}
# Issues 10 and 16 reword the waterfall's and treaty eligibility's findings themselves; theirs are held to
# the same rules once they land.
_REWORDED_ELSEWHERE = frozenset({"waterfall", "eligibility"})


def _problems(finding: Finding) -> list[str]:
    return [what for what, pattern in _NOT_FOR_COUNSEL.items() if pattern.search(finding.message)]


def _findings(name: str) -> list[Finding]:
    project = all_variants()[name]
    found = list(analyse(project).findings)
    # Build-time findings on the agreement (required contract contents) reach the readiness report.
    readiness = render_project(project)["readiness.md"].markdown
    pattern = r"^\| Error \| (The agreement does not provide for .*?) \|"
    found += [Finding(code="contract.missing-content", severity=Severity.ERROR, area="contract",
                      message=message) for message in re.findall(pattern, readiness, re.MULTILINE)]
    return found


@pytest.mark.parametrize("name", sorted(all_variants()))
def test_every_finding_is_written_for_counsel(name: str) -> None:
    findings = [f for f in _findings(name) if f.area not in _REWORDED_ELSEWHERE]
    assert findings, "every example and variant has findings to check"
    assert {f.message: _problems(f) for f in findings if _problems(f)} == {}


def test_the_rules_catch_what_they_are_meant_to() -> None:
    bad = Finding(code="x.y", severity=Severity.WARNING, area="finance",
                  message="recoupment.waterfall[7].talent[0].paid_from is off (DOMAIN.md §4.4, rule WF-31) "
                          "[P] on 2027-05-03")
    assert _problems(bad) == list(_NOT_FOR_COUNSEL)


def test_the_drafting_note_puts_the_reference_on_a_line_of_its_own() -> None:
    finding = Finding(code="spend.obligation-above-cap", severity=Severity.WARNING, area="spend",
                      message="Belgian tax shelter requires too much spend in Belgium.",
                      path=("financing", 5, "spend_obligation"), rule="EU-CC-03")
    assert str(note_text(finding)) == (
        "Drafting note: Warning: Belgian tax shelter requires too much spend in Belgium.\n>\n"
        "> *Reference: Market practice (market practice) · rule EU-CC-03 · field "
        "financing\\[5\\].spend\\_obligation · spend.obligation-above-cap*")
