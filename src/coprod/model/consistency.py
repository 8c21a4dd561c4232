"""Cross-field rules that a single field cannot check: references, sums, uniqueness, order.

`check_consistency` returns every problem at once, each with the field path of the value at fault; the
loader turns the paths into file positions. These are rules of a well-formed file, not judgements on the
deal (those live in ``analysis/``): a share total of 99 is a typo to fix, not a finding to weigh.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from coprod.location import FieldPath
from coprod.model.film import FilmFormat
from coprod.model.finance import FinanceSource
from coprod.model.parties import CreativeRole, PartnerRole
from coprod.model.production import Approvers
from coprod.model.project import Project
from coprod.model.recoupment import SPECIAL_PAYEES, Basis, CorridorTier, FeeTier, RecoupTier, SplitTier
from coprod.model.types import plain


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """One cross-field problem: where it is, and what was expected and found."""

    path: FieldPath
    message: str
    at_key: bool = False
    """True when the problem is a mapping key itself (such as a partner id in rights.copyright)."""


def check_consistency(project: Project) -> list[Inconsistency]:
    """Every cross-field problem in *project*, in file order of the sections."""
    checks = (_film, _unique_ids, _partner_references, _territories, _structure, _currencies, _sums, _roles,
              _creatives, _dates, _waterfall, _waterfall_flow)
    return [problem for check in checks for problem in check(project)]


def _duplicates(ids: Iterable[str], path: FieldPath, key: str, what: str) -> Iterator[Inconsistency]:
    seen: dict[str, int] = {}
    for index, item in enumerate(ids):
        if item in seen:
            yield Inconsistency((*path, index, key),
                                f"expected a unique {what} id, found '{item}' again "
                                f"(first used at {path[-1]}[{seen[item]}])")
        else:
            seen[item] = index


def _film(project: Project) -> Iterator[Inconsistency]:
    film = project.film
    if film.format is FilmFormat.SERIES and film.episodes is None:
        yield Inconsistency(("film",), "expected episodes for a series, found none")
    if film.format is not FilmFormat.SERIES and film.episodes is not None:
        yield Inconsistency(("film", "episodes"),
                            f"expected episodes only for a series, found them for a {film.format.value}")


def _unique_ids(project: Project) -> Iterator[Inconsistency]:
    yield from _duplicates((p.id for p in project.partners), ("partners",), "id", "partner")
    companies: dict[str, int] = {}
    for index, partner in enumerate(project.partners):
        # Compatibility forms and case folded: "Café" typed two ways, or full-width and plain letters.
        key = unicodedata.normalize("NFKC", partner.company).casefold()
        if key in companies:
            yield Inconsistency(("partners", index, "company"),
                                "expected a company name unlike the other partners', found "
                                f"'{partner.company}', the same name as partners[{companies[key]}].company "
                                "written another way")
        else:
            companies[key] = index
    yield from _duplicates((f.id for f in project.financing), ("financing",), "id", "finance line")
    yield from _duplicates((p.id for p in project.recoupment.participants),
                           ("recoupment", "participants"), "id", "participant")
    partner_ids = {p.id for p in project.partners}
    for index, line in enumerate(project.financing):
        if line.id in partner_ids:
            yield Inconsistency(("financing", index, "id"),
                                "expected a finance line id that is not also a partner id, "
                                f"found '{line.id}'")


def _known(kind: str, ids: set[str], found: str, path: FieldPath, *,
           at_key: bool = False) -> Iterator[Inconsistency]:
    if found not in ids:
        known = ", ".join(sorted(ids))
        yield Inconsistency(path, f"expected a {kind} id ({known}), found '{found}'", at_key)


def _approvers(value: Approvers, partners: set[str], path: FieldPath) -> Iterator[Inconsistency]:
    if value != "all":
        for index, partner in enumerate(value):
            yield from _known("partner", partners, partner, (*path, index))


def _partner_references(project: Project) -> Iterator[Inconsistency]:
    partners = {p.id for p in project.partners}
    for index, line in enumerate(project.financing):
        yield from _known("partner", partners, line.partner, ("financing", index, "partner"))
    for partner in project.rights.copyright:
        yield from _known("partner", partners, partner, ("rights", "copyright", partner), at_key=True)
    for index, kept in enumerate(project.rights.territories):
        yield from _known("partner", partners, kept.partner, ("rights", "territories", index, "partner"))
    for index, item in enumerate(project.delivery):
        yield from _known("partner", partners, item.partner, ("delivery", index, "partner"))
    for path, approvers in project.control.approvals.decisions():
        yield from _approvers(approvers, partners, ("control", "approvals", *path))
    for index, milestone in enumerate(project.timeline):
        yield from _approvers(milestone.parties, partners, ("timeline", index, "parties"))
    yield from _deadlock(project, partners)


def _deadlock(project: Project, partners: set[str]) -> Iterator[Inconsistency]:
    """The partner that breaks a deadlock exists and is a creative co-producer."""
    decides = project.control.deadlock.decides
    path: FieldPath = ("control", "deadlock", "decides")
    if decides not in partners:
        yield from _known("partner", partners, decides, path)
    elif project.partner(decides).role is PartnerRole.FINANCIAL:
        yield Inconsistency(path, "expected a creative co-producer to break a deadlock, found "
                                  f"'{decides}', a financial-only partner with no creative approval rights")


def _territories(project: Project) -> Iterator[Inconsistency]:
    """Each country is exploited by one party: one partner keeps it, or the sales agent sells it."""
    claimed: dict[str, int] = {}
    for index, kept in enumerate(project.rights.territories):
        for position, country in enumerate(kept.countries):
            if country in claimed:
                yield Inconsistency(("rights", "territories", index, "countries", position),
                                    f"expected each territory to be kept by one partner, found {country} "
                                    f"also in rights.territories[{claimed[country]}]")
            claimed.setdefault(country, index)
    sales = project.rights.world_sales
    if sales is not None and sales.territories != "rest_of_world":
        for position, country in enumerate(sales.territories):
            if country in claimed:
                yield Inconsistency(("rights", "world_sales", "territories", position),
                                    f"expected territories no partner keeps, found {country}, kept in "
                                    f"rights.territories[{claimed[country]}]")


def _structure(project: Project) -> Iterator[Inconsistency]:
    structure = project.structure
    if structure.kind == "official" and structure.framework is None:
        yield Inconsistency(("structure", "framework"),
                            "expected a framework id for an official co-production, found none")
    if structure.kind == "creative" and structure.framework is not None:
        yield Inconsistency(("structure", "framework"),
                            "expected no framework for a creative co-production (a private deal), "
                            f"found '{structure.framework}'")
    countries = sorted({p.country for p in project.partners})
    for index, consent in enumerate(project.consents):
        if structure.kind == "creative":
            yield Inconsistency(("consents", index), "expected no consents of competent authorities for a "
                                "creative co-production (no treaty governs it), found one")
        elif consent.country not in countries:
            yield Inconsistency(("consents", index, "country"),
                                f"expected the country of a co-producer ({', '.join(countries)}), "
                                f"found {consent.country}")


def _currencies(project: Project) -> Iterator[Inconsistency]:
    base = project.structure.currency
    if base in project.structure.exchange_rates:
        yield Inconsistency(("structure", "exchange_rates", base),
                            f"expected rates for currencies other than the base currency {base}, "
                            f"found a rate for {base} itself", at_key=True)
    for index, line in enumerate(project.financing):
        if line.currency and line.currency != base and line.currency not in project.structure.exchange_rates:
            yield Inconsistency(("financing", index, "currency"),
                                f"expected a currency with an exchange rate in structure.exchange_rates, "
                                f"found {line.currency} (add {line.currency}: a fixed rate into {base})")


def _sum_is(values: Iterable[Decimal], target: Decimal, path: FieldPath, what: str,
            unit: str) -> Iterator[Inconsistency]:
    found = sum(values, Decimal(0))
    if found != target:
        yield Inconsistency(path, f"expected {what} to add up to {plain(target)}{unit}, "
                                  f"found {plain(found)}{unit}")


def _sums(project: Project) -> Iterator[Inconsistency]:
    hundred = Decimal(100)
    yield from _sum_is((p.share for p in project.partners), hundred, ("partners",), "partner shares", "%")
    yield from _sum_is(project.rights.copyright.values(), hundred, ("rights", "copyright"),
                       "copyright shares", "%")
    budget = project.budget
    currency = f" {project.structure.currency}"
    yield from _sum_is(budget.spend_by_country.values(), budget.total, ("budget", "spend_by_country"),
                       "spend by country", currency)
    if budget.by_category is not None:
        yield from _sum_is(budget.by_category.values(), budget.total, ("budget", "by_category"),
                           "the budget categories", currency)


def _roles(project: Project) -> Iterator[Inconsistency]:
    majority = [i for i, p in enumerate(project.partners) if p.role is PartnerRole.MAJORITY]
    for index in majority[1:]:
        yield Inconsistency(("partners", index, "role"),
                            f"expected one majority partner, found another (partners[{majority[0]}] "
                            "is already majority)")
    delegates = [i for i, p in enumerate(project.partners) if p.delegate_producer]
    for index in delegates[1:]:
        yield Inconsistency(("partners", index, "delegate_producer"),
                            f"expected one delegate producer, found another (partners[{delegates[0]}])")


def _creatives(project: Project) -> Iterator[Inconsistency]:
    for index, creative in enumerate(project.key_creatives):
        is_cast = creative.role is CreativeRole.CAST
        if is_cast and creative.shooting_days is None:
            yield Inconsistency(("key_creatives", index),
                                "expected shooting_days for a cast member (roles are ranked by shooting "
                                "days), found none")
        if not is_cast and creative.shooting_days is not None:
            yield Inconsistency(("key_creatives", index, "shooting_days"),
                                f"expected shooting_days only for cast, found it for a {creative.role.value}")


def _dates(project: Project) -> Iterator[Inconsistency]:
    for index, milestone in enumerate(project.timeline):
        if milestone.start and milestone.end and milestone.end < milestone.start:
            yield Inconsistency(("timeline", index, "end"),
                                f"expected an end on or after the start {milestone.start.isoformat()}, "
                                f"found {milestone.end.isoformat()}")


def _waterfall(project: Project) -> Iterator[Inconsistency]:
    recoupment = project.recoupment
    finance = {line.id: line for line in project.financing}
    participants = {p.id for p in recoupment.participants}
    parties = {p.id for p in project.partners} | set(finance) | participants | set(SPECIAL_PAYEES)
    for index, tier in enumerate(recoupment.waterfall):
        path: FieldPath = ("recoupment", "waterfall", index)
        payee = getattr(tier, "payee", None)
        if payee is not None:
            yield from _known("party", parties, payee, (*path, "payee"))
            if payee == "sales_agent" and project.rights.world_sales is None:
                yield Inconsistency((*path, "payee"),
                                    "expected rights.world_sales for a tier paying 'sales_agent', found none")
        if isinstance(tier, RecoupTier):
            yield from _recoup_group(tier, finance, path)
        if isinstance(tier, SplitTier):
            yield from _split(tier, participants, path)
        if isinstance(tier, FeeTier) and tier.on is not None and tier.basis is not Basis.AT_SOURCE:
            yield Inconsistency((*path, "on"), f"expected `on` only on a fee taken at source (it says what "
                                               f"the percentage is of), found it on a fee at tier "
                                               f"(remove on: {tier.on.value}, or set basis: at_source)")
    yield from _recoups_from(project)
    yield from _at_source_total(project)


def _at_source_total(project: Project) -> Iterator[Inconsistency]:
    """Percentages taken at source come off the same receipts: together they cannot exceed all of them."""
    total = Decimal(0)
    taken: list[str] = []
    for index, tier in enumerate(project.recoupment.waterfall):
        if isinstance(tier, (FeeTier, CorridorTier)) and tier.basis is Basis.AT_SOURCE:
            total += tier.percent
            taken.append(f"{tier.name} {plain(tier.percent)}%")
            if total > 100:
                yield Inconsistency(("recoupment", "waterfall", index, "percent"),
                                    f"expected the percentages taken at source to total at most 100% of "
                                    f"receipts, found {plain(total)}% ({' + '.join(taken)})")
                return


def _recoups_from(project: Project) -> Iterator[Inconsistency]:
    """A finance line recouping from one co-producer's receipts: a recoupable line, named by no tier."""
    partners = {p.id for p in project.partners}
    named = {line_id for tier in project.recoupment.waterfall for line_id in
             (tier.pari_passu if isinstance(tier, RecoupTier) else
              [tier.payee] if isinstance(tier, CorridorTier) else [])}
    for index, line in enumerate(project.financing):
        path: FieldPath = ("financing", index)
        if line.recoups_from == "all":
            continue
        if line.recoups_from not in partners:
            yield from _known("partner", partners, line.recoups_from, (*path, "recoups_from"))
        elif not line.recoupable:
            yield Inconsistency((*path, "recoups_from"), f"expected recoups_from only on a recoupable line, "
                                                         f"found it on '{line.id}' (set recoupable: true)")
        elif line.id in named:
            yield Inconsistency((*path, "recoups_from"),
                                f"expected no waterfall tier to name '{line.id}', which recoups only from "
                                f"{line.recoups_from}'s receipts, found a tier naming it (remove it from the "
                                "tier, or set recoups_from: all)")
        if line.profit_share:
            yield Inconsistency((*path, "profit_share"),
                                f"expected no share of the financiers' pool for '{line.id}', which recoups "
                                f"only from {line.recoups_from}'s receipts, found profit_share: true (remove "
                                "it, or set recoups_from: all)")


def _recoup_group(tier: RecoupTier, finance: Mapping[str, FinanceSource],
                  path: FieldPath) -> Iterator[Inconsistency]:
    seen: set[str] = set()
    for position, line_id in enumerate(tier.pari_passu):
        where = (*path, "pari_passu", position)
        line = finance.get(line_id)
        if line is None:
            yield from _known("finance line", set(finance), line_id, where)
        elif not line.recoupable:
            yield Inconsistency(where, f"expected a recoupable finance line, found '{line_id}', which is not "
                                       "recoupable (set recoupable: true on it, or remove it here)")
        if line_id in seen:
            yield Inconsistency(where, f"expected each finance line once in a group, found '{line_id}' twice")
        seen.add(line_id)


def _split(tier: SplitTier, participants: set[str], path: FieldPath) -> Iterator[Inconsistency]:
    yield from _sum_is((tier.shares.financiers, tier.shares.producers), Decimal(100), (*path, "shares"),
                       "the net-profit shares", "%")
    for position, talent in enumerate(tier.talent):
        yield from _known("participant", participants, talent.payee, (*path, "talent", position, "payee"))
    from_producers = sum((t.percent_of_net_profits for t in tier.talent if t.paid_from == "producers_share"),
                         Decimal(0))
    off_top = sum((t.percent_of_net_profits for t in tier.talent if t.paid_from == "all_net_profits"),
                  Decimal(0))
    # Talent is a per cent of all net profits; the producers' pool is its share of what off-top talent leaves.
    pool = tier.shares.producers * (100 - min(off_top, Decimal(100))) / 100
    if from_producers > pool:
        yield Inconsistency((*path, "talent"),
                            f"expected talent paid from the producers' share to total at most {plain(pool)}% "
                            f"of net profits (the producers' pool), found {plain(from_producers)}%")
    if off_top > 100:
        yield Inconsistency((*path, "talent"),
                            "expected talent paid off the top to total at most 100%, "
                            f"found {plain(off_top)}%")


def _waterfall_flow(project: Project) -> Iterator[Inconsistency]:
    """Rules without which the waterfall engine cannot pay every amount received exactly once."""
    tiers = project.recoupment.waterfall
    splits = [index for index, tier in enumerate(tiers) if isinstance(tier, SplitTier)]
    for index in splits:
        if index != len(tiers) - 1:
            yield Inconsistency(("recoupment", "waterfall", index, "kind"),
                                f"expected the net-profit split last (it takes everything that reaches it), "
                                f"found it at position {index + 1} of {len(tiers)}")
    yield from _recouped_once(project)
    yield from _duplicates((kept.partner for kept in project.rights.territories), ("rights", "territories"),
                           "partner", "kept-territories partner")


def _recouped_once(project: Project) -> Iterator[Inconsistency]:
    finance = {line.id: line for line in project.financing}
    others = ({p.id for p in project.partners} | {p.id for p in project.recoupment.participants}
              | set(SPECIAL_PAYEES))  # a payee in none of these is reported as unknown by _waterfall
    recouped: dict[str, str] = {}  # finance line id -> the first kind of tier recouping it
    for index, tier in enumerate(project.recoupment.waterfall):
        path: FieldPath = ("recoupment", "waterfall", index)
        if isinstance(tier, CorridorTier) and tier.until_recouped:
            line = finance.get(tier.payee)
            if (line is None and tier.payee in others) or (line is not None and not line.recoupable):
                how = "" if line is not None else (
                    f"; to pay '{tier.payee}' a fixed amount through this corridor, write "
                    "until_recouped: false with a cap (the amount)")
                yield Inconsistency((*path, "payee"),
                                    f"expected a recoupable finance line for a corridor paid until recouped, "
                                    f"found '{tier.payee}'{how}")
            elif tier.payee in recouped:
                yield Inconsistency((*path, "payee"),
                                    f"expected a corridor before any other tier recouping '{tier.payee}', "
                                    f"found it after a {recouped[tier.payee]} that recoups it")
            recouped.setdefault(tier.payee, "corridor")
        if isinstance(tier, RecoupTier):
            for position, line_id in enumerate(tier.pari_passu):
                if recouped.get(line_id) == "recoup group":
                    yield Inconsistency((*path, "pari_passu", position),
                                        f"expected each finance line in one recoup group, found '{line_id}' "
                                        "in an earlier group too")
                recouped[line_id] = "recoup group"
        sharing = [line_id for line_id in recouped
                   if line_id in finance and finance[line_id].shares_in_profits]
        if isinstance(tier, SplitTier) and tier.shares.financiers > 0 and not sharing:
            yield Inconsistency((*path, "shares", "financiers"),
                                "expected finance lines recouped above the split that share in profits to "
                                f"share the financiers' pool of {plain(tier.shares.financiers)}%, found none")
