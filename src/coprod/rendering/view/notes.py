"""Drafting notes: analysis findings placed next to the clause they concern.

A finding knows the field path of the value at fault and the area of the deal; this module turns that
into an ordered list of clause labels to attach the note to. The document keeps the first label it
actually contains (a clause left out by a condition cannot carry a note), so no finding is ever lost:
if none of its labels is present, the note goes under the document's first clause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coprod.analysis.findings import Finding
from coprod.rendering.escape import Safe

# Field-path prefixes, most specific first, and the clauses they concern (in order of preference).
_BY_PATH: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("budget", "spend_by_country"), ("production", "budget")),
    (("budget",), ("budget",)),
    (("partners",), ("contributions", "parties-terms")),
    (("financing",), ("financing", "finance-terms")),
    (("rights", "copyright"), ("copyright", "rights-terms")),
    (("rights", "territories"), ("territories", "rights-terms")),
    (("rights", "world_sales"), ("sales", "sales-terms")),
    (("recoupment",), ("recoupment", "waterfall-terms")),
    (("control",), ("control", "approvals-terms")),
    (("delivery",), ("delivery",)),
    (("timeline",), ("approval", "production")),
    (("key_creatives",), ("production", "control")),
    (("locations",), ("production",)),
    (("insurance",), ("insurance",)),
    (("legal",), ("law",)),
    (("film",), ("film", "film-terms")),
    (("structure",), ("approval", "contributions", "parties-terms")),
)

_BY_AREA = {
    "eligibility": ("approval", "contributions", "parties-terms"),
    "finance": ("financing", "finance-terms"),
    "spend": ("production", "budget"),
    "waterfall": ("recoupment", "waterfall-terms"),
    "timeline": ("approval", "production"),
    "rights": ("copyright", "rights-terms"),
    "readiness": ("film", "film-terms"),
    "contract": ("general", "film"),
}


@dataclass(frozen=True, slots=True)
class Note:
    """A drafting note and the labels it may sit under, best first."""

    text: Safe
    labels: tuple[str, ...]


def note_text(finding: Finding) -> Safe:
    """The note: the message for counsel, then a reference line in italics (a second paragraph).

    'Drafting note: Warning: ... .' / '*Reference: CETS 220, Art. 6 (verified) · field ... · code*'. In Word
    both paragraphs go into one comment.
    """
    return Safe("Drafting note: {severity}: {message}.\n>\n> *Reference: {reference}*").format(
        severity=finding.severity.value.capitalize(), message=finding.message.rstrip("."),
        reference=finding.reference)


def labels_for(finding: Finding) -> tuple[str, ...]:
    """The clause labels *finding* concerns, best first."""
    path = tuple(str(part) for part in finding.path if isinstance(part, str))
    for prefix, labels in _BY_PATH:
        if path[: len(prefix)] == prefix:
            return labels
    return _BY_AREA.get(finding.area, ())


def drafting_notes(findings: Iterable[Finding]) -> tuple[Note, ...]:
    """A note for every finding, in the analysis's order."""
    return tuple(Note(note_text(finding), labels_for(finding)) for finding in findings)
