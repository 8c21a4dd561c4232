"""Compile a project's recoupment section into an exact plan the engine can run many times.

The plan fixes, once per project, everything that does not depend on the receipts: the payment lines (one
per payee per tier, in waterfall order), each tier's rule with its numbers as `Fraction` (exact) and the
terms that decide the money (`rules.py`), what each recouping finance line is owed, and the split. Running
the plan at a receipts level is then a handful of exact additions and multiplications per tier (see
``engine.py``); the documents describe the same plan in words (``rendering/view/waterfall.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from enum import StrEnum
from fractions import Fraction

from coprod.analysis.waterfall.rules import (
    CorridorRule,
    FixedRule,
    GroupRule,
    PercentRule,
    PoolMember,
    Rule,
    ShareRecoupment,
    SplitRule,
)
from coprod.errors import AnalysisError
from coprod.model.project import Project
from coprod.model.recoupment import (
    Basis,
    CorridorTier,
    DefermentTier,
    ExpenseTier,
    FeeBase,
    FeeTier,
    OvercostTier,
    ProRataTo,
    RecoupTier,
    SplitTier,
    Tier,
)

HUNDRED = Fraction(100)
KEPT_TIER = "Kept territories"
"""Tier name of the payment lines for receipts a partner keeps from its own territories."""
UNALLOCATED = "unallocated"
"""Payee, kind and tier name of what a waterfall without a split leaves after its last tier."""


class Pool(StrEnum):
    """Which part of the net-profit split a payment line belongs to."""

    TALENT_OFF_TOP = "talent_off_top"
    FINANCIERS = "financiers"
    TALENT_FROM_PRODUCERS = "talent_from_producers"
    PRODUCERS = "producers"
    RECOUPED_FROM_SHARE = "recouped_from_share"
    """A finance line recouping from one co-producer's share of the producers' pool."""


@dataclass(frozen=True, slots=True)
class Line:
    """One payment line: a payee at one tier (and, in the split, one pool)."""

    tier: str
    """The tier's name as the project file gives it, ``Kept territories`` or ``unallocated``."""
    tier_index: int | None
    """Position of the tier in ``recoupment.waterfall`` (from 0); None for kept territories and the
    unallocated remainder."""
    kind: str
    """The tier's kind (fee, expense, corridor, recoup, deferment, overcost, split), ``kept`` or
    ``unallocated``."""
    payee: str
    """A partner, finance line or participant id, 'cam' / 'sales_agent', or 'unallocated'."""
    pool: Pool | None = None
    """For split lines, the pool the payment comes from."""


@dataclass(frozen=True, slots=True)
class CompiledTier:
    """One tier of the waterfall with its rule, and the project's tier it was compiled from."""

    index: int
    name: str
    kind: str
    rule: Rule
    source: Tier


@dataclass(frozen=True, slots=True)
class KeptRule:
    """A partner's kept territories: it keeps their receipts, up to the common-pot threshold if any."""

    partner: str
    line: int
    threshold: Fraction | None


@dataclass(frozen=True, slots=True)
class Recouping:
    """A finance line that recoups, and its full entitlement."""

    line_id: str
    partner: str
    payment_lines: tuple[int, ...]
    """The lines that count towards its recoupment: its credited corridor and/or its recoup-group line,
    or its lines under kept territories and in the split when it recoups from one co-producer's share."""
    entitlement: Decimal
    """What it is owed in full, base currency: its amount, times 1 + premium (a corridor cap may lower it)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """A project's waterfall, compiled: lines, kept territories, tiers and recouping lines."""

    currency: str
    lines: tuple[Line, ...]
    kept: tuple[KeptRule, ...]
    tiers: tuple[CompiledTier, ...]
    recouping: tuple[Recouping, ...]
    split_index: int | None
    """Index in `tiers` of the net-profit split; None if the waterfall has none."""
    unallocated: int | None = None
    """The payment line of what is left after the last tier, when there is no split."""
    share_recoupments: tuple[ShareRecoupment, ...] = ()


def invested(project: Project, line_id: str) -> Decimal:
    """A finance line's amount in the base currency at the fixed rate, exactly."""
    return project.in_base(project.finance_line(line_id)).amount


def with_premium(amount: Decimal, premium: Decimal) -> Decimal:
    """*amount* times 1 + *premium* / 100, exactly."""
    with localcontext() as context:
        context.prec, context.traps[Inexact] = 100, True
        return amount * (1 + premium.scaleb(-2))


def owed(project: Project, line_id: str) -> Decimal:
    """What a recoupable finance line is owed: its amount in base currency, times 1 + premium / 100."""
    return with_premium(invested(project, line_id), project.finance_line(line_id).premium)


class _Builder:
    """Collects payment lines and recouping finance lines while the tiers are compiled."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.recouping: dict[str, Recouping] = {}
        self.corridors: dict[str, int] = {}
        """Payment line of the credited corridor paying each finance line, to credit it in a group below."""

    def add(self, line: Line) -> int:
        self.lines.append(line)
        return len(self.lines) - 1

    def recoups(self, project: Project, line_id: str, payment_line: int, entitlement: Decimal) -> None:
        """Record that *payment_line* pays finance line *line_id* towards its *entitlement*."""
        earlier = self.recouping.get(line_id)
        lines = (*earlier.payment_lines, payment_line) if earlier else (payment_line,)
        partner = project.finance_line(line_id).partner
        self.recouping[line_id] = Recouping(line_id, partner, lines, entitlement)


def compile_plan(project: Project) -> Plan:
    """Compile *project*'s waterfall; AnalysisError if it is not one the engine can run.

    The project is expected to be consistent (the loader checks that); the few conditions rechecked here
    are the ones without which money would not be conserved.
    """
    builder = _Builder()
    kept_rules: list[KeptRule] = []
    kept_members: dict[str, int] = {}  # a line recouping from a partner's receipts: its kept line
    for entry in project.rights.territories:
        threshold = None if entry.common_pot_above is None else Fraction(entry.common_pot_above)
        kept_rules.append(KeptRule(entry.partner, builder.add(Line(KEPT_TIER, None, "kept", entry.partner)),
                                   threshold))
        for finance in project.financing:  # listed right after the partner whose receipts they take
            if finance.recoupable and finance.recoups_from == entry.partner:
                kept_members[finance.id] = builder.add(Line(KEPT_TIER, None, "kept", finance.id))
    kept = tuple(kept_rules)
    tiers: list[CompiledTier] = []
    waterfall = project.recoupment.waterfall
    splits = [index for index, tier in enumerate(waterfall) if isinstance(tier, SplitTier)]
    if splits and splits != [len(waterfall) - 1]:
        raise AnalysisError("a waterfall's net-profit split (kind: split) must be its last tier, and its "
                            "only one, so that every amount received is paid to someone")
    for index, tier in enumerate(waterfall):
        rule = _compile_tier(project, index, tier, builder)
        tiers.append(CompiledTier(index, tier.name, tier.kind, rule, tier))
    unallocated = None if splits else builder.add(Line(UNALLOCATED, None, UNALLOCATED, UNALLOCATED))
    shared = _share_recoupments(project, builder, kept, kept_members, tiers[-1].rule if splits else None)
    return Plan(project.structure.currency, tuple(builder.lines), kept, tuple(tiers),
                tuple(builder.recouping.values()), splits[0] if splits else None, unallocated, shared)


def _compile_tier(project: Project, index: int, tier: Tier, builder: _Builder) -> Rule:
    def line(payee: str) -> int:
        return builder.add(Line(tier.name, index, tier.kind, payee))

    if isinstance(tier, FeeTier):
        return PercentRule(line(tier.payee), Fraction(tier.percent) / HUNDRED, tier.basis is Basis.AT_SOURCE,
                           tier.on is FeeBase.POT, None if tier.cap is None else Fraction(tier.cap))
    if isinstance(tier, ExpenseTier):
        incurred = tier.cap if tier.incurred is None else min(tier.incurred, tier.cap)
        return FixedRule(line(tier.payee), Fraction(incurred))
    if isinstance(tier, CorridorTier):
        return _corridor(project, tier, line(tier.payee), builder)
    if isinstance(tier, RecoupTier):
        return _group(project, tier, line, builder)
    if isinstance(tier, DefermentTier):
        return FixedRule(line(tier.payee), Fraction(tier.amount))
    if isinstance(tier, OvercostTier):
        return FixedRule(line(tier.payee), Fraction(with_premium(tier.amount, tier.premium)))
    return _split(project, tier, index, builder)


def _corridor(project: Project, tier: CorridorTier, payment_line: int, builder: _Builder) -> CorridorRule:
    limits: list[Decimal] = []
    if tier.until_recouped:
        if tier.payee in builder.recouping:
            raise AnalysisError(f"the corridor '{tier.name}' pays '{tier.payee}', which a tier above already "
                                "recoups; a corridor must come before any other tier recouping its payee")
        limits.append(owed(project, tier.payee))
    if tier.cap is not None:
        limits.append(tier.cap)
    limit = min(limits) if limits else None
    recoups = tier.payee if tier.until_recouped and limit is not None else None
    if recoups is not None and limit is not None:
        builder.recoups(project, recoups, payment_line, limit)
        if tier.credited:
            builder.corridors[recoups] = payment_line
    return CorridorRule(payment_line, Fraction(tier.percent) / HUNDRED, tier.basis is Basis.AT_SOURCE,
                        None if limit is None else Fraction(limit),
                        None if tier.cap is None else Fraction(tier.cap), recoups, tier.credited)


def _group(project: Project, tier: RecoupTier, line: Callable[[str], int], builder: _Builder) -> GroupRule:
    members: list[int] = []
    owed_amounts: list[Fraction] = []
    for line_id in tier.pari_passu:
        earlier = builder.recouping.get(line_id)
        if earlier is not None and line_id not in builder.corridors:
            if any(builder.lines[payment].kind == "recoup" for payment in earlier.payment_lines):
                raise AnalysisError(f"the recoup group '{tier.name}' names '{line_id}', which a group above "
                                    "already recoups")
            # An uncredited corridor paid it: the group owes the line in full, and only the group's
            # payments count towards its recoupment.
            del builder.recouping[line_id]
        member = line(line_id)
        amount = owed(project, line_id)
        builder.recoups(project, line_id, member, amount)
        members.append(member)
        owed_amounts.append(Fraction(amount))
    credits = tuple(builder.corridors.get(line_id) for line_id in tier.pari_passu)
    return GroupRule(tuple(members), tuple(tier.pari_passu), tuple(owed_amounts), credits)


def _split(project: Project, tier: SplitTier, index: int, builder: _Builder) -> SplitRule:
    """Fractions of net profits N for every split line (see docs/waterfall.md, "Net profits").

    Talent is a per cent of all of N in both pools: off the top, or borne by the producers' pool.
    """

    def line(payee: str, pool: Pool) -> int:
        return builder.add(Line(tier.name, index, tier.kind, payee, pool))

    shares: list[tuple[int, Fraction]] = []
    top = Fraction(0)
    for talent in tier.talent:
        if talent.paid_from == "all_net_profits":
            rate = Fraction(talent.percent_of_net_profits) / HUNDRED
            shares.append((line(talent.payee, Pool.TALENT_OFF_TOP), rate))
            top += rate
    after_top = 1 - top
    financiers = [(line_id, recouping) for line_id, recouping in builder.recouping.items()
                  if project.finance_line(line_id).shares_in_profits]
    pool_rate = after_top * Fraction(tier.shares.financiers) / HUNDRED
    if pool_rate and not financiers:
        raise AnalysisError(f"the split '{tier.name}' gives {tier.shares.financiers}% to financiers, but no "
                            "finance line that shares in profits is recouped above it to share that pool")
    pool = tuple(PoolMember(line(line_id, Pool.FINANCIERS), line_id, Fraction(invested(project, line_id)),
                            recouping.payment_lines)
                 for line_id, recouping in financiers)
    if not pool:
        pool_rate = Fraction(0)
    producers = after_top * Fraction(tier.shares.producers) / HUNDRED
    for talent in tier.talent:
        if talent.paid_from == "producers_share":
            rate = Fraction(talent.percent_of_net_profits) / HUNDRED
            shares.append((line(talent.payee, Pool.TALENT_FROM_PRODUCERS), rate))
            producers -= rate
    for partner, percent in project.rights.copyright.items():
        shares.append((line(partner, Pool.PRODUCERS), producers * Fraction(percent) / HUNDRED))
    if sum((share for _, share in shares), pool_rate) != 1 or producers < 0:
        raise AnalysisError(f"the split '{tier.name}' does not divide net profits exactly once "
                            "(check shares, talent and copyright percentages)")
    fixed = list(shares)
    if pool and tier.pro_rata_to is ProRataTo.INVESTMENT:
        invested_total = sum((member.invested for member in pool), Fraction(0))
        fixed += [(member.line, pool_rate * member.invested / invested_total) for member in pool]
    return SplitRule(tuple(shares), pool_rate, pool, tier.pro_rata_to, tuple(fixed))


def _share_recoupments(project: Project, builder: _Builder, kept: tuple[KeptRule, ...],
                       kept_members: dict[str, int], split: Rule | None) -> tuple[ShareRecoupment, ...]:
    """The finance lines that recoup from one co-producer's receipts, grouped by that co-producer."""
    by_partner: dict[str, list[str]] = {}
    for finance in project.financing:
        if finance.recoupable and finance.recoups_from != "all":
            by_partner.setdefault(finance.recoups_from, []).append(finance.id)
    result = []
    for partner, line_ids in by_partner.items():
        kept_line = next((rule.line for rule in kept if rule.partner == partner), None)
        share_line, share_rate = None, Fraction(0)
        if isinstance(split, SplitRule):
            share_line, share_rate = next(
                ((line, share) for line, share in split.shares
                 if builder.lines[line].pool is Pool.PRODUCERS and builder.lines[line].payee == partner),
                (None, Fraction(0)))
        split_line = None if share_line is None else builder.lines[share_line]
        kept_lines: list[int | None] = []
        share_lines: list[int | None] = []
        owed_amounts: list[Fraction] = []
        for line_id in line_ids:
            kept_lines.append(kept_members.get(line_id))
            share_lines.append(None if split_line is None else builder.add(
                Line(split_line.tier, split_line.tier_index, split_line.kind, line_id,
                     Pool.RECOUPED_FROM_SHARE)))
            lines = [line for line in (kept_lines[-1], share_lines[-1]) if line is not None]
            amount = owed(project, line_id)
            owed_amounts.append(Fraction(amount))
            for payment in lines:
                builder.recoups(project, line_id, payment, amount)
        result.append(ShareRecoupment(partner, kept_line, share_line, share_rate, tuple(line_ids),
                                      tuple(owed_amounts), tuple(kept_lines), tuple(share_lines)))
    return tuple(result)
