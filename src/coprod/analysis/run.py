"""`analyse`: the whole analysis of one project, as one frozen value.

    analyse(project) = finance + spend + eligibility (official only) + waterfall warnings + readiness

Framework files come from a `FrameworkCatalog`; by default the built-in one, so ``analyse(project)`` needs
nothing else. Commands that honour a user's ``frameworks/`` folder pass their own catalog.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from coprod.analysis import finance, readiness, spend
from coprod.analysis.eligibility.catalog import FrameworkCatalog
from coprod.analysis.eligibility.outcome import Status
from coprod.analysis.eligibility.schema import Derogation, FrameworkKind, Proportionality, RuleBase, Tolerance
from coprod.analysis.eligibility.verdict import STANDING_WORDS, Standing, Verdict, evaluate
from coprod.analysis.findings import Finding, Severity
from coprod.analysis.schedule import Schedule, build_schedule, framework_facts
from coprod.analysis.waterfall import waterfall_findings
from coprod.loading.frameworks import builtin_catalog
from coprod.loading.schedule_practice import schedule_practice
from coprod.model.project import Project

AREA_ORDER = ("eligibility", "finance", "spend", "waterfall", "readiness")
"""Order of the areas in the findings list and in the report."""


class Analysis(BaseModel):
    """Everything coprod found about one deal."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["official", "creative"]
    finance: finance.FinanceSummary
    spend: spend.SpendSummary
    eligibility: Verdict | None
    """The treaty verdict; None for a creative co-production, which no treaty governs."""
    readiness: readiness.Readiness
    schedule: Schedule
    """Every task of every partner, with due dates, owners, evidence and dependencies."""
    findings: tuple[Finding, ...]
    """Every finding once, by area (eligibility, finance, spend, waterfall, readiness)."""
    standing: Standing | None
    """The verdict: one of five (qualifies, subject to consent, subject to discretionary approval, does not
    qualify, not ready); None for a creative co-production, which no treaty governs."""
    verdict: str
    """One line: the verdict in words, what it rests on, and the count of errors and warnings."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings of severity warning."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)


def _spend_tolerance(catalog: FrameworkCatalog, verdict: Verdict | None) -> Decimal | None:
    """The practice tolerance for spend alignment, unless a framework's spend rule already judged it."""
    instrument = catalog.get(verdict.instrument) if verdict is not None else None
    if verdict is not None and instrument is not None:
        spend_rules = {rule.name for rule in instrument.rules
                       if isinstance(rule, Proportionality) and rule.measure == "spend"}
        judged = [o for o in verdict.outcomes if o.framework == instrument.id and o.rule in spend_rules]
        if any(o.status is not Status.NOT_APPLICABLE for o in judged):
            return None
    return next((rule.tolerance for rule in _practice_rules(catalog)
                 if isinstance(rule, Tolerance) and rule.measure == "spend"), None)


def _practice_rules(catalog: FrameworkCatalog) -> tuple[RuleBase, ...]:
    """Every rule of the practice defaults, in file order (readiness picks the kinds it applies)."""
    return tuple(rule for defaults in catalog.of_kind(FrameworkKind.PRACTICE) for rule in defaults.rules)


def _standing(verdict: Verdict | None, findings: tuple[Finding, ...]) -> Standing | None:
    """The treaty's standing, unless an error outside the treaty rules makes the deal not ready."""
    if verdict is None:
        return None
    own = {id(f) for f in verdict.findings}
    if verdict.standing is not Standing.DOES_NOT_QUALIFY and any(
            f.severity is Severity.ERROR and id(f) not in own for f in findings):
        return Standing.NOT_READY
    return verdict.standing


def _verdict_line(standing: Standing | None, verdict: Verdict | None, findings: tuple[Finding, ...]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if verdict is None or standing is None:
        return f"Creative co-production (no treaty to qualify under): {counts}."
    label = verdict.instrument_label
    if standing is Standing.DOES_NOT_QUALIFY:
        applied = [o for o in verdict.outcomes if o.status is not Status.NOT_APPLICABLE]
        failed = [o.rule for o in verdict.failed if o.framework == verdict.instrument]
        head = (f"Does not qualify under {label} ({len(failed)} of {len(applied)} rules failed: "
                f"{', '.join(failed)})")
    elif standing is Standing.NOT_READY:
        head = f"Not ready: the rules of {label} are met, but errors elsewhere must be fixed first"
    elif standing is Standing.QUALIFIES:
        head = f"Qualifies as an official co-production under {label}"
    else:
        need = (Derogation.DISCRETIONARY if standing is Standing.SUBJECT_TO_DISCRETIONARY_APPROVAL
                else Derogation.CONSENT)
        rules = ", ".join(o.rule for o in verdict.needing(need))
        head = f"{STANDING_WORDS[standing].capitalize()} under {label} ({rules})"
    return f"{head}: {counts}."


def analyse(project: Project, frameworks: FrameworkCatalog | None = None) -> Analysis:
    """Analyse *project* against the frameworks in *frameworks* (the built-in ones by default).

    Raises:
        UnknownFrameworkError: the project names a framework the catalog does not have.
    """
    catalog = frameworks if frameworks is not None else builtin_catalog()
    kind: Literal["official", "creative"] = project.structure.kind
    verdict = evaluate(project, catalog) if kind == "official" else None
    money = finance.summarise(project)
    spent = spend.summarise(project)
    found = [*(verdict.findings if verdict else ()), *finance.finance_findings(project, money),
             *spend.spend_findings(project, spent)]
    for rules in catalog.of_kind(FrameworkKind.STATE_AID):
        found += finance.aid_intensity_findings(project, rules)
        found += spend.obligation_cap_findings(project, spent, rules)
    found += waterfall_findings(project)
    schedule = build_schedule(project, framework_facts(project, verdict, catalog), schedule_practice())
    found += schedule.findings
    own = readiness.own_findings(project, _spend_tolerance(catalog, verdict), _practice_rules(catalog),
                                 schedule_practice(), catalog.of_kind(FrameworkKind.FUND))
    ready = readiness.assess(own, found)
    found += [f for check in own.values() for f in check]
    ordered = tuple(sorted(found, key=lambda f: AREA_ORDER.index(f.area) if f.area in AREA_ORDER
                           else len(AREA_ORDER)))
    standing = _standing(verdict, ordered)
    return Analysis(kind=kind, finance=money, spend=spent, eligibility=verdict, readiness=ready,
                    schedule=schedule, findings=ordered, standing=standing,
                    verdict=_verdict_line(standing, verdict, ordered))
