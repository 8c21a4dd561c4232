"""What ``coprod check`` prints: a terminal report and a JSON document (schema in docs/check-json.md).

A `ProjectCheck` holds one project's outcome: the problems of an invalid file, or the analysis with every
finding placed at its YAML line and column through the project's source map. `format_text` puts the
verdict first, then the findings grouped by area; `as_json` gives the same, plus the full analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.analysis.eligibility.catalog import FrameworkCatalog
from coprod.analysis.findings import Finding, Severity
from coprod.analysis.run import AREA_ORDER, Analysis, analyse
from coprod.errors import Problem
from coprod.loading.project import LoadedProject, shown_path
from coprod.location import SourceLocation, format_path

JSON_FORMAT = 2
"""Version of the ``check --json`` document; bumped when a field changes meaning or disappears (2: ``verdict``
is one of five values, the line moved to ``summary``)."""

AREA_TITLES = {"eligibility": "Eligibility", "finance": "Finance", "spend": "Spend", "waterfall": "Waterfall",
               "readiness": "Readiness"}


@dataclass(frozen=True)
class Located:
    """A finding and where its value stands in the project file."""

    finding: Finding
    location: SourceLocation


@dataclass(frozen=True)
class ProjectCheck:
    """One project's check: invalid (problems) or analysed (analysis and located findings)."""

    path: Path
    slug: str
    title: str = ""
    problems: tuple[Problem, ...] = ()
    analysis: Analysis | None = None
    findings: tuple[Located, ...] = field(default=())

    def exit_code(self, strict: bool) -> int:
        """2 invalid; 1 errors (or warnings when *strict*); 0 otherwise."""
        if self.analysis is None:
            return 2
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return 1 if any(item.finding.severity in failing for item in self.findings) else 0

    def status(self, strict: bool) -> str:
        """'invalid', 'failed', 'warnings' or 'passed'."""
        if self.analysis is None:
            return "invalid"
        if self.exit_code(strict):
            return "failed"
        return "warnings" if self.analysis.warnings else "passed"

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        return {s.value: sum(1 for item in self.findings if item.finding.severity is s) for s in Severity}


def analysed(loaded: LoadedProject, catalog: FrameworkCatalog) -> ProjectCheck:
    """Analyse a loaded project and place each finding at its line and column.

    Raises:
        UnknownFrameworkError: the project names a framework *catalog* does not have.
    """
    analysis = analyse(loaded.project, catalog)
    located = tuple(Located(f, loaded.source_map.locate(f.path)) for f in analysis.findings)
    return ProjectCheck(loaded.source_map.file, loaded.slug, loaded.project.film.title, analysis=analysis,
                        findings=located)


# --- text ---------------------------------------------------------------------------------------------

def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary_lines(check: ProjectCheck) -> list[str]:
    analysis = check.analysis
    assert analysis is not None
    lines = [f"  {analysis.verdict}"]
    verdict = analysis.eligibility
    if verdict is not None:
        statuses = [o.status.value for o in verdict.outcomes]
        counts = ", ".join(f"{statuses.count(s)} {s.replace('_', ' ')}" for s in
                           ("passed", "failed", "attention", "not_applicable") if statuses.count(s))
        funds = f" (and funds: {', '.join(verdict.funds)})" if verdict.funds else ""
        lines.append(f"  Rules of {verdict.instrument_label}{funds}: {counts}.")
    money = analysis.finance
    balance = ("balanced" if money.gap == 0 else
               f"gap {money.currency} {money.gap:,.2f}" if money.gap > 0 else
               f"surplus {money.currency} {-money.gap:,.2f}")
    lines.append(f"  Finance: {money.currency} {money.total:,.2f} raised for a budget of "
                 f"{money.currency} {money.budget:,.2f} ({balance}).")
    checks = analysis.readiness.checks
    waiting = [f"{c.id}: {c.status.value.replace('_', ' ')}" for c in checks if c.status.value != "ready"]
    lines.append(f"  Readiness: {sum(1 for c in checks if c.status.value == 'ready')} of {len(checks)} ready"
                 + (f" ({', '.join(waiting)})." if waiting else "."))
    return lines


def _finding_lines(item: Located) -> list[str]:
    finding = item.finding
    source = finding.source
    lines = [f"  {item.location}: {finding.severity.value}: {finding.message}"]
    where = f"field {format_path(finding.path)}; " if finding.path else ""
    rule = f"rule {finding.rule}; " if finding.rule else ""
    lines.append(f"      {where}{finding.code}; {rule}{source.text} [{source.confidence.value}]")
    return lines


def _rule_lines(check: ProjectCheck) -> list[str]:
    assert check.analysis is not None and check.analysis.eligibility is not None
    marks = {"passed": "ok  ", "failed": "FAIL", "attention": "note", "not_applicable": "n/a "}
    return [f"  {marks[o.status.value]} {o.rule:<14} {o.title}: {o.reason}"
            for o in check.analysis.eligibility.outcomes]


def format_text(check: ProjectCheck, *, strict: bool = False, rules: bool = False) -> str:
    """The terminal report of an analysed project: summary first, then findings grouped by area.

    An invalid project has no report: ``coprod check`` prints its problems on standard error instead.
    """
    assert check.analysis is not None
    lines = ["", f"{check.path}: {check.title} — {check.status(strict)}", *_summary_lines(check)]
    if rules and check.analysis.eligibility is not None:
        lines += ["", "Rules", *_rule_lines(check)]
    for area in (*AREA_ORDER, *sorted({i.finding.area for i in check.findings} - set(AREA_ORDER))):
        items = [item for item in check.findings if item.finding.area == area]
        if items:
            lines += ["", AREA_TITLES.get(area, area.capitalize())]
            for item in items:
                lines += _finding_lines(item)
    return "\n".join(lines) + "\n"


def format_frameworks(catalog: FrameworkCatalog) -> str:
    """The frameworks a project can name, and the funds and rules applied alongside, with their files."""
    lines = []
    for framework_id, entry in sorted(catalog.entries.items()):
        framework = entry.framework
        origin = "built-in" if entry.builtin else str(shown_path(entry.path))
        lines.append(f"{framework_id:<26} {framework.kind.value:<10} {framework.name} ({origin})")
    return "\n".join(lines) + "\n"


def format_totals(checks: Sequence[ProjectCheck], *, strict: bool = False) -> str:
    """One closing line for several projects: how many passed, had warnings, failed, were invalid."""
    statuses = [check.status(strict) for check in checks]
    counts = ", ".join(f"{statuses.count(s)} {label}" for s, label in
                       (("passed", "passed"), ("warnings", "with warnings"), ("failed", "failed"),
                        ("invalid", "invalid")))
    return f"\nChecked {_plural(len(checks), 'project')}: {counts}.\n"


# --- JSON ---------------------------------------------------------------------------------------------

def _location_json(location: SourceLocation) -> dict[str, Any]:
    return {"file": str(location.file), "line": location.line, "column": location.column}


def _finding_json(index: int, item: Located) -> dict[str, Any]:
    finding = item.finding
    return {"id": index, "code": finding.code, "severity": finding.severity.value, "area": finding.area,
            "message": finding.message, "rule": finding.rule, "field": format_path(finding.path),
            **_location_json(item.location),
            "source": finding.source.model_dump(mode="json")}


def _analysis_json(analysis: Analysis) -> dict[str, Any]:
    """The analysis without its findings, which outcomes and checks reference by id."""
    ids = {id(finding): index for index, finding in enumerate(analysis.findings)}

    def refs(findings: Sequence[Finding]) -> list[int]:
        return [ids[id(f)] for f in findings if id(f) in ids]

    data: dict[str, Any] = {"kind": analysis.kind, "finance": analysis.finance.model_dump(mode="json"),
                            "spend": analysis.spend.model_dump(mode="json"), "eligibility": None}
    verdict = analysis.eligibility
    if verdict is not None:
        data["eligibility"] = {
            **verdict.model_dump(mode="json", exclude={"outcomes"}),
            "outcomes": [{**o.model_dump(mode="json", exclude={"findings"}), "findings": refs(o.findings)}
                         for o in verdict.outcomes]}
    data["readiness"] = [{**c.model_dump(mode="json", exclude={"findings"}), "findings": refs(c.findings)}
                         for c in analysis.readiness.checks]
    return data


def as_json(check: ProjectCheck, *, strict: bool = False) -> dict[str, Any]:
    """One project's entry in the ``check --json`` document."""
    entry: dict[str, Any] = {
        "path": str(check.path), "slug": check.slug, "status": check.status(strict),
        "valid": check.analysis is not None, "exit_code": check.exit_code(strict),
        "verdict": check.analysis.standing.value if check.analysis and check.analysis.standing else None,
        "summary": check.analysis.verdict if check.analysis else None,
        "counts": check.counts(),
        "problems": [{**_location_json(p.location), "field": format_path(p.location.field_path),
                      "message": p.message} for p in check.problems],
        "findings": [_finding_json(i, item) for i, item in enumerate(check.findings)],
        "analysis": _analysis_json(check.analysis) if check.analysis else None,
    }
    return entry


def document(checks: Sequence[ProjectCheck], *, strict: bool = False) -> dict[str, Any]:
    """The whole ``check --json`` document."""
    return {"format": JSON_FORMAT, "strict": strict,
            "exit_code": max((c.exit_code(strict) for c in checks), default=0),
            "projects": [as_json(c, strict=strict) for c in checks]}
