"""Does the drafted agreement cover what its framework, incentives and funds require of the contract?

Runs at build time, once the agreement is rendered: its outline says which clause labels, ``provides``
markers and defined terms it carries. Each required item none of them covers is an error finding on the
agreement, worded for counsel; the readiness report and the issues list show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from functools import cache
from importlib import resources

from coprod.analysis.contract.schema import ContractItem, Incentive, IncentivesFile
from coprod.analysis.eligibility.schema import Framework
from coprod.analysis.findings import Citation, Finding, Severity
from coprod.model.project import Project

INCENTIVES = "incentives.yaml"


@cache
def incentives() -> tuple[Incentive, ...]:
    """The incentives and funds coprod knows the contract conditions of (``incentives.yaml``)."""
    from coprod.loading.yaml_source import read_tree

    text = resources.files("coprod.analysis.contract").joinpath(INCENTIVES).read_text(encoding="utf-8")
    from pathlib import Path

    data = read_tree(text, Path(INCENTIVES)).data
    return tuple(IncentivesFile.model_validate(data).incentives)


def _covered(item: ContractItem, markers: Set[str], terms: Set[str]) -> bool:
    return any(clause in markers for clause in item.clauses) or any(term in terms for term in item.terms)


def _missing(item: ContractItem, required_by: str, citation: Citation,
             path: tuple[str | int, ...]) -> Finding:
    message = (f"The agreement does not provide for {item.item.rstrip('.')}, which {required_by} requires "
               "the co-production contract to contain. Add a clause that does before the agreement is signed "
               "and filed.")
    return Finding(code="contract.missing-content", severity=Severity.ERROR, area="contract",
                   message=message, path=path, source=citation)


def applicable_incentives(project: Project) -> list[tuple[int, Incentive]]:
    """(finance line index, incentive) for every finance line an incentive of the data file applies to."""
    found = []
    for index, line in enumerate(project.financing):
        source = line.source.lower()
        for incentive in incentives():
            if (incentive.country in (None, line.territory) and line.type in incentive.types
                    and any(name.lower() in source for name in incentive.names)):
                found.append((index, incentive))
    return found


def coverage(project: Project, framework: Framework | None, markers: Iterable[str],
             terms: Iterable[str]) -> list[Finding]:
    """A finding for each required item the agreement does not cover.

    *markers* are the agreement's clause labels and ``provides`` markers; *terms* its defined terms.
    """
    have, defined = frozenset(markers), frozenset(terms)
    findings = []
    if framework is not None:
        for item in framework.contract_contents:
            if not _covered(item, have, defined):
                findings.append(_missing(item, f"the {framework.name}", framework.citation(item),
                                         ("structure", "framework")))
    seen: set[tuple[str, str]] = set()
    for index, incentive in applicable_incentives(project):
        for condition in incentive.conditions:
            if (incentive.id, condition.item) in seen or _covered(condition, have, defined):
                continue
            seen.add((incentive.id, condition.item))
            citation = Citation(text=f"{incentive.name}: {condition.source}", confidence=condition.confidence,
                                url=condition.url)
            findings.append(_missing(condition, f"the {incentive.name} ({project.financing[index].source})",
                                     citation, ("financing", index)))
    return findings
