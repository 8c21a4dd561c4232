"""Rules about how the film is made: timing, where the work is done, who is cast, funds' caps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coprod.analysis.eligibility.deal import Deal
from coprod.analysis.eligibility.outcome import RuleOutcome, conclude, not_applicable
from coprod.analysis.eligibility.schema import (
    ApprovalValidity,
    CompetentAuthorities,
    CountrySpendMinimum,
    CreativeNationality,
    FirstRelease,
    FundSupportCap,
    LeadTime,
    MajorityLeadCast,
    MajorityWorkLocation,
    MinorityCreativeContribution,
    NonPartySpendCap,
)
from coprod.analysis.figures import money, pct, percent_of
from coprod.analysis.findings import Finding, Severity
from coprod.model.parties import CreativeRole
from coprod.model.production import MilestoneKind
from coprod.model.project import Project


def first_application(project: Project, partner_id: str) -> tuple[int, dt.date] | None:
    """Index and date of the earliest application milestone that covers *partner_id*."""
    found = [(m.first_day, i) for i, m in enumerate(project.timeline)
             if m.kind is MilestoneKind.APPLICATION and (m.parties == "all" or partner_id in m.parties)]
    if not found:
        return None
    day, index = min(found)
    return index, day


def lead_time(deal: Deal, rule: LeadTime) -> RuleOutcome:
    """Each co-producer applies at least ``days`` days before principal photography (always before it)."""
    shoot = deal.shoot_start
    if shoot is None:
        finding = deal.finding(rule, "timeline.no-shoot", "The timeline has no principal photography "
                               "(a milestone of kind shoot), so the application deadline cannot be checked",
                               ("timeline",), Severity.WARNING)
        return conclude(deal, rule, [finding], "")
    start = shoot[1]
    latest = start - dt.timedelta(days=rule.days) if rule.days else start - dt.timedelta(days=1)
    wanted = f"at least {rule.days} days before" if rule.days else "before"
    findings: list[Finding] = []
    late: dict[tuple[int, dt.date], list[str]] = {}  # one finding per late application, naming its filers
    for partner in deal.project.partners:
        filed = first_application(deal.project, partner.id)
        if filed is None:
            findings.append(deal.finding(rule, "timeline.no-application",
                                         f"The timeline has no application for {partner.company}; it must "
                                         f"apply {wanted} principal photography ({start.isoformat()})",
                                         ("timeline",)))
        elif filed[1] > latest:
            late.setdefault(filed, []).append(partner.company)
    for (index, day), companies in late.items():
        who = companies[0] if len(companies) == 1 else ", ".join(companies[:-1]) + " and " + companies[-1]
        name = deal.project.timeline[index].milestone
        findings.append(deal.finding(rule, "timeline.late-application",
                                     f"'{name}' ({who}) is dated {day.isoformat()}, "
                                     f"{(start - day).days} days "
                                     f"before principal photography on {start.isoformat()}; the application "
                                     f"must be filed {wanted} it, by {latest.isoformat()}: move it earlier "
                                     "or the shoot later", ("timeline", index, "date")))
    return conclude(deal, rule, findings, f"Every co-producer applies {wanted} principal photography "
                                          f"({start.isoformat()}), by {latest.isoformat()}.")


def years_after(day: dt.date, years: int) -> dt.date:
    """*day* moved on *years* years; 29 February becomes 28 February in a common year (the earlier day)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def approval_validity(deal: Deal, rule: ApprovalValidity) -> RuleOutcome:
    """Principal photography starts before the latest approval dated before it lapses (``years`` on)."""
    shoot = deal.shoot_start
    if shoot is None:
        return not_applicable(deal, rule, "The timeline has no principal photography (a milestone of kind "
                                          "shoot).")
    start = shoot[1]
    concerned = {p.id for p in deal.project.partners if rule.country in (None, p.country)}
    approvals = [(m.first_day, i) for i, m in enumerate(deal.project.timeline)
                 if m.kind is MilestoneKind.APPROVAL and m.first_day <= start
                 and (m.parties == "all" or concerned.intersection(m.parties))]
    if not approvals:
        return not_applicable(deal, rule, "No approval is dated before principal photography in the timeline "
                                          "(a milestone of kind approval).")
    day, index = max(approvals)
    lapses = years_after(day, rule.years)
    findings = []
    if start >= lapses:
        name = deal.project.timeline[index].milestone
        findings.append(deal.finding(rule, "timeline.approval-lapsed",
                                     f"'{name}' of {day.isoformat()} lapses on {lapses.isoformat()}, "
                                     f"{rule.years} years on, but principal photography starts on "
                                     f"{start.isoformat()}; it must start while the approval is valid",
                                     ("timeline", index, "date" if deal.project.timeline[index].date
                                      else "start")))
    return conclude(deal, rule, findings, f"Principal photography starts on {start.isoformat()}, before the "
                                          f"approval of {day.isoformat()} lapses on {lapses.isoformat()}.")


def competent_authorities(deal: Deal, rule: CompetentAuthorities) -> RuleOutcome:
    """Every co-producing party has a named competent authority (for the condition precedent)."""
    missing = [c for c in deal.countries if deal.is_party(c) and deal.framework.authority(c) is None]
    findings = [deal.finding(rule, "authority.unknown",
                             f"The framework file names no competent authority for {c}; the agreement's "
                             "condition precedent and the checklists need it", deal.share_path(c),
                             Severity.WARNING) for c in missing]
    named = "; ".join(f"{c}: {a.name}" for c in deal.countries if (a := deal.framework.authority(c)))
    return conclude(deal, rule, findings, f"{named}.")


def majority_work_location(deal: Deal, rule: MajorityWorkLocation) -> RuleOutcome:
    """The main shooting country is the majority contributor's country."""
    majority = deal.majority_country
    main = deal.project.locations.shooting[0]
    findings = []
    if main != majority:
        findings.append(deal.finding(rule, "location.majority-work-abroad",
                                     f"Principal photography is mainly in {main}, not in {majority}, the "
                                     "majority contributor's country; the authorities must agree",
                                     ("locations", "shooting", 0)))
    return conclude(deal, rule, findings, f"Shooting is mainly in {main}, the majority country.")


def country_spend_minimum(deal: Deal, rule: CountrySpendMinimum) -> RuleOutcome:
    """A country's spend reaches the minimum for this number of co-producers."""
    if rule.country not in deal.countries:
        return not_applicable(deal, rule, f"No co-producer from {rule.country}.")
    count = len(deal.project.partners)
    table = rule.min_by_partner_count
    minimum = table.get(count, table[max(table)])  # more co-producers than the table: its last row
    budget = deal.project.budget
    spent = percent_of(budget.spend_by_country.get(rule.country, Decimal(0)), budget.total)
    findings = []
    if spent < minimum:
        findings.append(deal.finding(rule, "spend.national-minimum",
                                     f"{rule.country} spend is {pct(spent)} of the budget, below the "
                                     f"{pct(minimum)} expected with {count} co-producers",
                                     ("budget", "spend_by_country", rule.country)))
    return conclude(deal, rule, findings, f"{rule.country} spend is {pct(spent)}, at least {pct(minimum)}.")


def majority_lead_cast(deal: Deal, rule: MajorityLeadCast) -> RuleOutcome:
    """When *country* is the majority, one of the first ``leads`` cast is its national."""
    share = deal.country_share.get(rule.country, Decimal(0))
    if share <= rule.above:
        return not_applicable(deal, rule, f"{rule.country} holds {pct(share)}, not above {pct(rule.above)}.")
    leads = deal.ranked_cast[:rule.leads]
    findings = []
    if not any(c.nationality == rule.country for _, c in leads):
        findings.append(deal.finding(rule, "cast.no-national-lead",
                                     f"{rule.country} holds {pct(share)} but none of the {rule.leads} "
                                     f"leading roles (by shooting days) is a {rule.country} national",
                                     ("key_creatives",)))
    return conclude(deal, rule, findings,
                    f"One of the {rule.leads} leading roles is a {rule.country} national.")


def minority_creative_contribution(deal: Deal, rule: MinorityCreativeContribution) -> RuleOutcome:
    """Each minority country supplies enough ranked cast and key creative roles."""
    creatives = deal.project.key_creatives
    ranked = deal.ranked_cast[:rule.cast_ranks]
    findings = []
    for country in deal.countries:
        if country == deal.majority_country or deal.creative_share(country) == 0:
            continue
        cast = sum(1 for _, c in ranked if c.nationality == country)
        roles = {c.role for c in creatives if c.nationality == country and c.role is not CreativeRole.CAST}
        directs = rule.director_suffices and CreativeRole.DIRECTOR in roles
        if cast < rule.min_cast or not (len(roles) >= rule.min_key_roles or directs):
            either = " (or the director)" if rule.director_suffices else ""
            findings.append(deal.finding(
                rule, "creative.minority-contribution",
                f"{country} supplies {cast} of the first {rule.cast_ranks} roles and {len(roles)} key "
                f"creative roles; a minority co-producer must supply at least {rule.min_cast} and "
                f"{rule.min_key_roles}{either}", ("key_creatives",)))
    return conclude(deal, rule, findings, "Each minority country supplies the cast and key roles required.")


def non_party_spend_cap(deal: Deal, rule: NonPartySpendCap) -> RuleOutcome:
    """Spend outside the parties stays within ``max`` per cent of the budget."""
    budget = deal.project.budget
    outside = {c: a for c, a in budget.spend_by_country.items() if not deal.is_party(c) and a > 0}
    share = percent_of(sum(outside.values(), Decimal(0)), budget.total)
    findings = []
    if share > rule.max:
        findings.append(deal.finding(rule, "spend.non-party-above-cap",
                                     f"Spend outside the parties ({', '.join(outside)}) is {pct(share)} of "
                                     f"the budget, above the {pct(rule.max)} cap",
                                     ("budget", "spend_by_country")))
    return conclude(deal, rule, findings,
                    f"Spend outside the parties is {pct(share)}, within {pct(rule.max)}.")


def fund_support_cap(deal: Deal, rule: FundSupportCap) -> RuleOutcome:
    """Support from the fund within its amount and per-cent caps."""
    names = [n.lower() for n in deal.framework.applies_when_named]
    lines = [(i, line) for i, line in enumerate(deal.project.financing)
             if any(name in line.source.lower() for name in names)]
    if not lines:
        return not_applicable(deal, rule, f"No finance line from {deal.framework.name} yet.")
    base = deal.project.structure.currency
    support = sum((deal.project.in_base(f).amount for _, f in lines), Decimal(0))
    share = percent_of(support, deal.project.budget.total)
    path = ("financing", lines[0][0], "amount")
    findings = []
    if rule.max_percent is not None and share > rule.max_percent:
        findings.append(deal.finding(rule, "fund.support-above-cap",
                                     f"Support from {deal.framework.name} is {money(support, base)}, "
                                     f"{pct(share)} of the budget, above the "
                                     f"{pct(rule.max_percent)} cap", path))
    cap = rule.max_amount
    converted = deal.in_currency(support, cap.currency) if cap else None
    if cap is not None and converted is not None and converted > cap.amount:
        findings.append(deal.finding(rule, "fund.support-above-cap",
                                     f"Support from {deal.framework.name} is "
                                     f"{money(converted, cap.currency)}, above the "
                                     f"{money(cap.amount, cap.currency)} cap", path))
    return conclude(deal, rule, findings, f"Support from {deal.framework.name} is {money(support, base)} "
                                          f"({pct(share)} of the budget), within the caps.")


def creative_nationality(deal: Deal, rule: CreativeNationality) -> RuleOutcome:
    """Every key creative is a national (or counted resident) of a co-producing country or of ``also``."""
    allowed = set(deal.countries) | set(rule.also)
    findings = []
    for index, person in enumerate(deal.project.key_creatives):
        resident = rule.count_residence and person.residence in allowed
        if person.nationality not in allowed and not resident:
            findings.append(deal.finding(rule, "creative.outside-nationality",
                                         f"{person.name} ({person.role.value.replace('_', ' ')}) is a "
                                         f"{person.nationality} national, not of a co-producing country"
                                         + (" nor a resident of one" if rule.count_residence else "")
                                         + "; the authorities must consent",
                                         ("key_creatives", index, "nationality")))
    return conclude(deal, rule, findings, "Every key creative is a national of a co-producing country"
                    + (" or a resident of one." if rule.count_residence else "."))


def first_release(deal: Deal, rule: FirstRelease) -> RuleOutcome:
    """The film's intended first release is one the framework covers (e.g. cinema-first features)."""
    film = deal.project.film
    release = film.release
    allowed = " or ".join(r.value for r in rule.releases)
    said = "" if film.first_release is not None else f" (assumed for a {film.format.value}: the project " \
        "does not give film.first_release)"
    findings = []
    if release not in rule.releases:
        findings.append(deal.finding(rule, "release.not-covered",
                                     f"The film is first released {release.value}{said}; "
                                     f"{deal.framework.instrument} covers only works first released "
                                     f"{allowed}", ("film", "first_release") if film.first_release
                                     else ("film", "format")))
    return conclude(deal, rule, findings, f"First release {release.value}{said}, as required ({allowed}).")
