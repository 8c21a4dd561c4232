"""Consents and approvals on record: a rule the authorities may waive, once they have, is met.

A rule that needs the authorities' consent or discretionary approval (``needs`` on its outcome) is met
when every co-producing party's authority has one on record in ``consents`` naming the rule: its warnings
become notes (severity info) that cite the consents. With only some of them on record, the warning stays
and says which authorities have given theirs and which must still.
"""

from __future__ import annotations

from collections.abc import Sequence

from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.outcome import RuleOutcome, Status
from coprod.analysis.findings import Finding, Severity
from coprod.model.consents import Consent


def cited(consent: Consent) -> str:
    """A consent as a sentence cites it: 'Telefilm Canada on 2027-05-02 (ref. TC-114: ...)'."""
    return (f"{consent.authority} on {consent.date.isoformat()} (ref. {consent.reference}: "
            f"{consent.consented_to})")


def _on_record(deal: Deal, rule: str) -> list[tuple[int, Consent]]:
    return [(i, c) for i, c in enumerate(deal.project.consents) if rule in c.rules]


def with_consents(deal: Deal, outcomes: Sequence[RuleOutcome]) -> list[RuleOutcome]:
    """*outcomes*, with each one that needs the authorities met or annotated by the consents on record."""
    result = []
    for outcome in outcomes:
        given = _on_record(deal, outcome.rule) if outcome.needs is not None else []
        if not given:
            result.append(outcome)
            continue
        needed = [c for c in deal.countries if deal.is_party(c)]
        covered = {c.country for _, c in given}
        missing = [c for c in needed if c not in covered]
        words = "; ".join(cited(c) for _, c in given)
        path = ("consents", given[0][0])
        if missing:
            note = f" Consent on record: {words}; still needed from the authority of {', '.join(missing)}."
            findings = tuple(f.model_copy(update={"message": f.message + note}) for f in outcome.findings)
            result.append(outcome.model_copy(update={"findings": findings,
                                                     "reason": outcome.reason + note}))
            continue
        findings = tuple(_noted(f, words, path) for f in outcome.findings)
        result.append(outcome.model_copy(update={
            "status": Status.PASSED, "findings": findings, "consents": tuple(i for i, _ in given),
            "reason": f"Met with the authorities' {outcome.needs.value if outcome.needs else ''} on record: "
                      f"{words}."}))
    return result


def _noted(finding: Finding, words: str, path: tuple[str | int, ...]) -> Finding:
    return finding.model_copy(update={"severity": Severity.INFO, "path": path,
                                      "message": f"{finding.message} Given: {words}."})
