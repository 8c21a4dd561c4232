"""The readiness checks' own findings: what must be in place before a lawyer sees the deal.

Each function looks at one of the six essentials or four alignments and returns the findings only it can
make; `readiness.py` adds the related findings of the finance, spend, eligibility and waterfall analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise

from coprod.analysis.eligibility.schema import MarketRationale, RequiredRoles, RuleBase
from coprod.analysis.figures import pct, percent_of, pp
from coprod.analysis.findings import PRACTICE, Citation, Finding, Severity
from coprod.analysis.wording import country as country_name
from coprod.analysis.wording import day, join
from coprod.location import FieldPath
from coprod.model.finance import PUBLIC_SUPPORT
from coprod.model.parties import PartnerRole
from coprod.model.production import MilestoneKind
from coprod.model.project import Project

AREA = "readiness"


def _finding(code: str, severity: Severity, message: str, path: FieldPath) -> Finding:
    return Finding(code=f"readiness.{code}", severity=severity, area=AREA, message=message, path=path,
                   source=PRACTICE)


def _practice_finding(code: str, rule: RuleBase, message: str, path: FieldPath) -> Finding:
    """A finding of a practice-file *rule*: its severity, its note after *message*, its source cited."""
    return Finding(code=f"readiness.{code}", severity=rule.severity, area=AREA,
                   message=f"{message} {rule.note}" if rule.note else message, path=path,
                   source=Citation(text=rule.source, confidence=rule.confidence, url=rule.url),
                   rule=rule.name)


def _creative_partners(project: Project) -> list[tuple[int, str, str]]:
    """(index, company, country) of partners that are not financial-only."""
    return [(i, p.company, p.country) for i, p in enumerate(project.partners)
            if p.role is not PartnerRole.FINANCIAL]


def story(project: Project) -> list[Finding]:
    """Every co-producing country has its territorial logic."""
    logic = project.film.territorial_logic
    countries = dict.fromkeys(p.country for p in project.partners)
    findings = [_finding("story.missing-logic", Severity.WARNING,
                         f"The Background does not say why the story belongs in {country_name(country)}, a "
                         "co-producing country; authorities read the recitals for it. Add a sentence on "
                         "what the story owes to that country.", ("film", "territorial_logic"))
                for country in countries if country not in logic]
    findings += [_finding("story.logic-without-partner", Severity.INFO,
                          f"The Background explains why the story belongs in {country_name(country)}, but no "
                          "co-producer is established there; drop the sentence or say why it matters.",
                          ("film", "territorial_logic", country))
                 for country in logic if country not in countries]
    return findings


def producers(project: Project) -> list[Finding]:
    """Qualified partners, and a local partner wherever public money is raised."""
    findings = [_finding("producers.no-track-record", Severity.WARNING,
                         f"{company} has given no track record; funds and authorities ask for evidence that "
                         "each co-producer is a qualified producer, and the warranty in the agreement relies "
                         "on it. Ask for its credits before filing.", ("partners", i))
                for i, company, _ in _creative_partners(project) if project.partners[i].track_record is None]
    countries = {p.country for p in project.partners}
    for index, line in enumerate(project.financing):
        if line.type in PUBLIC_SUPPORT and line.territory not in countries:
            findings.append(_finding("producers.no-local-partner", Severity.WARNING,
                                     f"{line.source} is public support from "
                                     f"{country_name(line.territory)}, where no co-producer is established "
                                     "to receive it; say in the agreement who applies for and receives it.",
                                     ("financing", index, "territory")))
    return findings


def budget(project: Project) -> list[Finding]:
    """A top-sheet by category, besides the spend plan by country."""
    if project.budget.by_category is None:
        return [_finding("budget.no-categories", Severity.INFO,
                         "The Budget has no top-sheet by category; funds ask for one with the application, "
                         "and Schedule 1 should carry it.",
                         ("budget",))]
    return []


def market_rationale(project: Project, rule: MarketRationale) -> list[Finding]:
    """Each kept territory says why the split is fair (DOMAIN RIGHTS-33); the rule's source is cited."""
    companies = {p.id: p.company for p in project.partners}
    findings = []
    for index, kept in enumerate(project.rights.territories):
        if kept.market_rationale is None:
            company = companies.get(kept.partner, kept.partner)
            message = (f"{company} keeps {join([country_name(c) for c in kept.countries])} but no reason "
                       "is given; where receipts are split by territory, treaties ask that the split "
                       "reflect the size and value of each market. Record the rationale in a drafting note "
                       "or the application, not in the Schedule.")
            findings.append(_practice_finding("legal.no-market-rationale", rule, message,
                                              ("rights", "territories", index)))
    return findings


def required_roles(project: Project, rule: RequiredRoles) -> list[Finding]:
    """The key creatives the agreement must name for the film's format (DOMAIN CONTRACT-34)."""
    named = {creative.role for creative in project.key_creatives}
    findings = []
    for role in rule.roles.get(project.film.format, []):
        if role not in named:
            words = role.value.replace("_", " ")
            message = (f"No {words} is named yet; the co-production agreement must name the {words}, and "
                       "the draft leaves it to be agreed by the Co-Producers. "
                       f"Name the {words} before signature.")
            findings.append(_practice_finding("legal.unnamed-role", rule, message, ("key_creatives",)))
    return findings


def legal(project: Project, practice: Sequence[RuleBase] = ()) -> list[Finding]:
    """Roles, copyright against the shares, the practice file's rules, a collection account, a sales agent."""
    findings = []
    if not any(p.delegate_producer for p in project.partners):
        findings.append(_finding("legal.no-delegate-producer", Severity.WARNING,
                                 "No co-producer is named Delegate Producer to run the production day to "
                                 "day; choose one before the agreement allocates production duties.",
                                 ("partners",)))
    for partner in project.partners:
        owned = project.rights.copyright.get(partner.id, Decimal(0))
        if owned != partner.share:
            findings.append(_finding("legal.copyright-differs", Severity.WARNING,
                                     f"{partner.company} owns {pct(owned)} of the copyright but holds "
                                     f"{pct(partner.share)} of the deal; treaties expect co-ownership in "
                                     "line with the shares. Align the two, or explain the difference in the "
                                     "agreement.",
                                     ("rights", "copyright", partner.id)))
    for rule in practice:
        if isinstance(rule, MarketRationale):
            findings += market_rationale(project, rule)
        elif isinstance(rule, RequiredRoles):
            findings += required_roles(project, rule)
    if project.recoupment.collection_account is None:
        findings.append(_finding("legal.no-collection-account", Severity.WARNING,
                                 "No collection account manager is named to receive and pay out receipts; "
                                 "appoint one, or say in the agreement who collects and distributes them.",
                                 ("recoupment",)))
    if project.rights.world_sales is None:
        findings.append(_finding("legal.no-world-sales", Severity.INFO,
                                 "No sales agent is attached yet; the agreement leaves the rest of the world "
                                 "to the Co-Producers jointly.", ("rights",)))
    return findings


def timeline(project: Project) -> list[Finding]:
    """A shoot, post-production and delivery, in that order."""
    findings = []
    by_kind: dict[MilestoneKind, list[int]] = {}
    for index, milestone in enumerate(project.timeline):
        by_kind.setdefault(milestone.kind, []).append(index)
    for kind in (MilestoneKind.SHOOT, MilestoneKind.DELIVERY):
        if kind not in by_kind:
            findings.append(_finding(f"timeline.no-{kind.value}", Severity.WARNING,
                                     f"The production timeline has no {kind.value} dates; the agreement's "
                                     "dates (Principal Photography, delivery) need them.", ("timeline",)))
    order = (MilestoneKind.SHOOT, MilestoneKind.POST, MilestoneKind.DELIVERY)
    for earlier, later in pairwise(order):
        for i in by_kind.get(earlier, []):
            for j in by_kind.get(later, []):
                first, second = project.timeline[i], project.timeline[j]
                if second.first_day < first.first_day:
                    message = (f"'{second.milestone}' starts on {day(second.first_day)}, before "
                               f"'{first.milestone}' ({day(first.first_day)}); correct the dates.")
                    findings.append(_finding("timeline.out-of-order", Severity.WARNING, message,
                                             ("timeline", j)))
    return findings


def story_alignment(project: Project) -> list[Finding]:
    """Each co-producing country is where the story is set or where it is shot."""
    present = set(project.film.set_in) | set(project.locations.shooting)
    return [_finding("story-alignment.country-absent", Severity.WARNING,
                     f"{company}'s country, {country_name(country)}, is neither where the story is set nor "
                     "where it is shot; authorities may read its participation as box-ticking. Say in the "
                     "Background what it brings.",
                     ("film", "set_in"))
            for _, company, country in _creative_partners(project) if country not in present]


def spend_alignment(project: Project, tolerance: Decimal) -> list[Finding]:
    """Spend share within *tolerance* points of each country's financial share (practice default)."""
    budget = project.budget
    findings = []
    for country, share in project.shares_by_country().items():
        spent = percent_of(budget.spend_by_country.get(country, Decimal(0)), budget.total)
        if abs(spent - share) > tolerance:
            findings.append(_finding("spend-alignment.deviation", Severity.WARNING,
                                     f"The Spend Plan puts {pct(spent)} of the Budget in "
                                     f"{country_name(country)} against a financial share of {pct(share)} "
                                     f"({pp(spent - share)}), more than {pct(tolerance)[:-1]} percentage "
                                     "points apart; rebalance the spend or be ready to justify it.",
                                     ("budget", "spend_by_country", country)))
    return findings


def control_alignment(project: Project) -> list[Finding]:
    """Every approval has an approver; a deadlock rule exists (the model requires its text)."""
    findings = []
    for path, approvers in project.control.approvals.decisions():
        if approvers != "all" and not approvers:
            findings.append(_finding("control-alignment.no-approver", Severity.ERROR,
                                     f"Nobody approves {path[0].replace('_', ' ')}; name the co-producers "
                                     "who do, or require all of them.", ("control", "approvals", *path)))
    return findings


def delivery_alignment(project: Project) -> list[Finding]:
    """Every creative partner delivers something, and nothing is due before the shoot ends."""
    findings = []
    delivering = {item.partner for item in project.delivery}
    for index, company, _ in _creative_partners(project):
        if project.partners[index].id not in delivering:
            findings.append(_finding("delivery-alignment.partner-without-items", Severity.WARNING,
                                     f"{company} delivers nothing under Schedule 5; every co-producer "
                                     "should know what it delivers and when.", ("delivery",)))
    shoots = [m.last_day for m in project.timeline if m.kind is MilestoneKind.SHOOT]
    if shoots:
        wrap = max(shoots)
        for index, item in enumerate(project.delivery):
            if item.due <= wrap:
                message = (f"'{item.item}' is due on {day(item.due)}, before Principal Photography ends "
                           f"({day(wrap)}); move the date in Schedule 5.")
                findings.append(_finding("delivery-alignment.due-before-wrap", Severity.WARNING, message,
                                         ("delivery", index, "due")))
    return findings
