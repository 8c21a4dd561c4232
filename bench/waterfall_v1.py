"""The waterfall engine as it was before issue 10 (commit 33652a2), frozen for the benchmark's old/new ratio.

A copy of ``analysis/waterfall/plan.py`` and ``engine.py`` at that commit: it compiles and runs the same
deals (every term it knew), so ``waterfall_bench.py`` can time both engines on one deal in one process.
Do not edit; it is not used by coprod.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from enum import StrEnum
from fractions import Fraction

from coprod.analysis.waterfall.results import Payment, Receipts, TierFlow, WaterfallResult
from coprod.analysis.waterfall.rounding import cents_to_decimal, to_cents
from coprod.errors import AnalysisError
from coprod.model.project import Project
from coprod.model.recoupment import (
    Basis,
    CorridorTier,
    DefermentTier,
    ExpenseTier,
    FeeTier,
    RecoupTier,
    SplitTier,
    Tier,
)

HUNDRED = Fraction(100)
KEPT_TIER = "Kept territories"
"""Tier name of the payment lines for receipts a partner keeps from its own territories."""


class Pool(StrEnum):
    """Which part of the net-profit split a payment line belongs to."""

    TALENT_OFF_TOP = "talent_off_top"
    FINANCIERS = "financiers"
    TALENT_FROM_PRODUCERS = "talent_from_producers"
    PRODUCERS = "producers"


@dataclass(frozen=True, slots=True)
class Line:
    """One payment line: a payee at one tier (and, in the split, one pool)."""

    tier: str
    """The tier's name as the project file gives it, or ``Kept territories``."""
    tier_index: int | None
    """Position of the tier in ``recoupment.waterfall`` (from 0); None for kept territories."""
    kind: str
    """The tier's kind (fee, expense, corridor, recoup, deferment, split) or ``kept``."""
    payee: str
    """A partner, finance line or participant id, or 'cam' / 'sales_agent'."""
    pool: Pool | None = None
    """For split lines, the pool the payment comes from."""


@dataclass(frozen=True, slots=True)
class PercentRule:
    """A fee or corridor: a rate of the receipts (at source) or of what reaches the tier, up to a limit."""

    line: int
    rate: Fraction
    at_source: bool
    limit: Fraction | None

    def take(self, pot: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Pay the line and return what the tier took; never more than *left*, the limit or the rate."""
        paid = self.rate * (pot if self.at_source else left)
        if self.limit is not None:
            paid = min(paid, self.limit)
        paid = min(paid, left)
        amounts[self.line] = paid
        return paid


@dataclass(frozen=True, slots=True)
class FixedRule:
    """An expense or a deferment: a fixed amount, paid as far as what reaches the tier allows."""

    line: int
    amount: Fraction

    def take(self, pot: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Pay the line up to its amount and return what was paid."""
        paid = min(self.amount, left)
        amounts[self.line] = paid
        return paid


@dataclass(frozen=True, slots=True)
class GroupRule:
    """Pari passu recoupment: what reaches the tier, up to what is still owed, pro rata to what is owed.

    A member that a corridor above has already paid is owed only the rest (``credits`` names the corridor's
    payment line), so a corridor brings its payee's recoupment forward rather than adding to it.
    """

    lines: tuple[int, ...]
    owed: tuple[Fraction, ...]
    credits: tuple[int | None, ...]

    def take(self, pot: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Pay every member its exact pro rata part of the rest it is owed; return the group's total."""
        rest = [owed - (amounts[credit] if credit is not None else 0)
                for owed, credit in zip(self.owed, self.credits, strict=True)]
        total = sum(rest, Fraction(0))
        paid = min(total, left)
        for line, due in zip(self.lines, rest, strict=True):
            amounts[line] = paid * due / total if total else Fraction(0)
        return paid


@dataclass(frozen=True, slots=True)
class SplitRule:
    """Net profits: every line gets a fixed fraction of what reaches the tier; the fractions add up to 1."""

    shares: tuple[tuple[int, Fraction], ...]

    def take(self, pot: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Divide everything that reaches the split."""
        for line, share in self.shares:
            amounts[line] = left * share
        return left


Rule = PercentRule | FixedRule | GroupRule | SplitRule


@dataclass(frozen=True, slots=True)
class CompiledTier:
    """One tier of the waterfall with its rule."""

    index: int
    name: str
    kind: str
    rule: Rule


@dataclass(frozen=True, slots=True)
class KeptRule:
    """A partner's kept territories: it keeps their receipts, up to the common-pot threshold if any."""

    partner: str
    line: int
    threshold: Fraction | None


@dataclass(frozen=True, slots=True)
class Recouping:
    """A finance line that recoups through the waterfall, and its full entitlement."""

    line_id: str
    partner: str
    payment_lines: tuple[int, ...]
    """Its corridor line and/or its recoup-group line."""
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
    split_index: int
    """Index in `tiers` of the net-profit split."""


def invested(project: Project, line_id: str) -> Decimal:
    """A finance line's amount in the base currency at the fixed rate, exactly."""
    return project.in_base(project.finance_line(line_id)).amount


def owed(project: Project, line_id: str) -> Decimal:
    """What a recoupable finance line is owed: its amount in base currency, times 1 + premium / 100."""
    premium = project.finance_line(line_id).premium
    with localcontext() as context:
        context.prec, context.traps[Inexact] = 100, True
        return invested(project, line_id) * (1 + premium.scaleb(-2))


class _Builder:
    """Collects payment lines and recouping finance lines while the tiers are compiled."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.recouping: dict[str, Recouping] = {}
        self.corridors: dict[str, int] = {}
        """Payment line of the corridor paying each finance line, to credit it in a recoup group below."""

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
    kept = tuple(
        KeptRule(entry.partner, builder.add(Line(KEPT_TIER, None, "kept", entry.partner)),
                 None if entry.common_pot_above is None else Fraction(entry.common_pot_above))
        for entry in project.rights.territories)
    tiers: list[CompiledTier] = []
    financiers = _financiers(project)
    for index, tier in enumerate(project.recoupment.waterfall):
        rule = _compile_tier(project, index, tier, builder, financiers)
        tiers.append(CompiledTier(index, tier.name, tier.kind, rule))
    splits = [position for position, tier in enumerate(tiers) if isinstance(tier.rule, SplitRule)]
    if splits != [len(tiers) - 1]:
        raise AnalysisError("the waterfall must end with its only net-profit split (kind: split), "
                            "so that every amount received is paid to someone")
    return Plan(project.structure.currency, tuple(builder.lines), kept, tuple(tiers),
                tuple(builder.recouping.values()), splits[0])


def _financiers(project: Project) -> list[tuple[str, Fraction]]:
    """Finance lines recouped by the waterfall, weighted by their investment (base currency, no premium)."""
    ids: dict[str, None] = {}  # ordered set: a line in a corridor and a group counts once
    for tier in project.recoupment.waterfall:
        if isinstance(tier, RecoupTier):
            ids.update(dict.fromkeys(tier.pari_passu))
        elif isinstance(tier, CorridorTier) and tier.until_recouped:
            ids[tier.payee] = None
    return [(line_id, Fraction(invested(project, line_id))) for line_id in ids]


def _compile_tier(project: Project, index: int, tier: Tier, builder: _Builder,
                  financiers: Sequence[tuple[str, Fraction]]) -> Rule:
    def line(payee: str) -> int:
        return builder.add(Line(tier.name, index, tier.kind, payee))

    if isinstance(tier, FeeTier):
        return PercentRule(line(tier.payee), Fraction(tier.percent) / HUNDRED, tier.basis is Basis.AT_SOURCE,
                           None if tier.cap is None else Fraction(tier.cap))
    if isinstance(tier, ExpenseTier):
        incurred = tier.cap if tier.incurred is None else min(tier.incurred, tier.cap)
        return FixedRule(line(tier.payee), Fraction(incurred))
    if isinstance(tier, CorridorTier):
        return _corridor(project, tier, line(tier.payee), builder)
    if isinstance(tier, RecoupTier):
        return _group(project, tier, line, builder)
    if isinstance(tier, DefermentTier):
        return FixedRule(line(tier.payee), Fraction(tier.amount))
    assert isinstance(tier, SplitTier), "the old engine knew no overcost tier"  # added for the new tier union
    return _split(project, tier, index, builder, financiers)


def _corridor(project: Project, tier: CorridorTier, payment_line: int, builder: _Builder) -> PercentRule:
    limits: list[Decimal] = []
    if tier.until_recouped:
        if tier.payee in builder.recouping:
            raise AnalysisError(f"the corridor '{tier.name}' pays '{tier.payee}', which a tier above already "
                                "recoups; a corridor must come before any other tier recouping its payee")
        limits.append(owed(project, tier.payee))
    if tier.cap is not None:
        limits.append(tier.cap)
    limit = min(limits) if limits else None
    if tier.until_recouped and limit is not None:
        builder.recoups(project, tier.payee, payment_line, limit)
        builder.corridors[tier.payee] = payment_line
    return PercentRule(payment_line, Fraction(tier.percent) / HUNDRED, tier.basis is Basis.AT_SOURCE,
                       None if limit is None else Fraction(limit))


def _group(project: Project, tier: RecoupTier, line: Callable[[str], int], builder: _Builder) -> GroupRule:
    members: list[int] = []
    owed_amounts: list[Fraction] = []
    for line_id in tier.pari_passu:
        if line_id in builder.recouping and line_id not in builder.corridors:
            raise AnalysisError(f"the recoup group '{tier.name}' names '{line_id}', which a group above "
                                "already recoups")
        member = line(line_id)
        amount = owed(project, line_id)
        builder.recoups(project, line_id, member, amount)
        members.append(member)
        owed_amounts.append(Fraction(amount))
    credits = tuple(builder.corridors.get(line_id) for line_id in tier.pari_passu)
    return GroupRule(tuple(members), tuple(owed_amounts), credits)


def _split(project: Project, tier: SplitTier, index: int, builder: _Builder,
           financiers: Sequence[tuple[str, Fraction]]) -> SplitRule:
    """Coefficients of net profits N for every split line (see docs/waterfall.md, "Net profits")."""

    def line(payee: str, pool: Pool) -> int:
        return builder.add(Line(tier.name, index, tier.kind, payee, pool))

    shares: list[tuple[int, Fraction]] = []
    off_top = [talent for talent in tier.talent if talent.paid_from == "all_net_profits"]
    from_producers = [talent for talent in tier.talent if talent.paid_from == "producers_share"]
    top_total = sum((Fraction(t.percent_of_net_profits) / HUNDRED for t in off_top), Fraction(0))
    for talent in off_top:
        rate = Fraction(talent.percent_of_net_profits) / HUNDRED
        shares.append((line(talent.payee, Pool.TALENT_OFF_TOP), rate))
    after_top = 1 - top_total
    financiers_share = Fraction(tier.shares.financiers) / HUNDRED
    weight = sum((amount for _, amount in financiers), Fraction(0))
    if financiers_share and not weight:
        raise AnalysisError(f"the split '{tier.name}' gives {tier.shares.financiers}% to financiers, but no "
                            "finance line is recouped above it to share that pool")
    for line_id, amount in financiers:
        shares.append((line(line_id, Pool.FINANCIERS), after_top * financiers_share * amount / weight))
    producers_share = Fraction(tier.shares.producers) / HUNDRED
    for talent in from_producers:
        rate = Fraction(talent.percent_of_net_profits) / HUNDRED
        shares.append((line(talent.payee, Pool.TALENT_FROM_PRODUCERS), after_top * rate))
        producers_share -= rate
    for partner, percent in project.rights.copyright.items():
        copyright_share = Fraction(percent) / HUNDRED
        shares.append((line(partner, Pool.PRODUCERS), after_top * producers_share * copyright_share))
    if sum((share for _, share in shares), Fraction(0)) != 1 or producers_share < 0:
        raise AnalysisError(f"the split '{tier.name}' does not divide net profits exactly once "
                            "(check shares, talent and copyright percentages)")
    return SplitRule(tuple(shares))

@dataclass(frozen=True, slots=True)
class Flow:
    """The exact outcome of a plan at one receipts level."""

    pot: Fraction
    amounts: tuple[Fraction, ...]
    """Exact amount of every payment line, in plan order."""
    reaches: tuple[Fraction, ...]
    """Exact amount reaching every tier, in waterfall order."""


def kept_split(plan: Plan, receipts: Receipts) -> tuple[list[Fraction], Fraction]:
    """What each kept-territory line keeps, and what all of them send into the pot.

    Raises:
        ValueError: If *receipts* name a partner that keeps no territory.
    """
    keepers = {rule.partner for rule in plan.kept}
    unknown = sorted(set(receipts.kept) - keepers)
    if unknown:
        known = ", ".join(sorted(keepers)) or "none"
        raise ValueError(f"expected receipts for a partner that keeps territories ({known}), "
                         f"found {', '.join(unknown)}")
    kept: list[Fraction] = []
    excess = Fraction(0)
    for rule in plan.kept:
        received = Fraction(receipts.kept.get(rule.partner, Decimal(0)))
        keeps = received if rule.threshold is None else min(received, rule.threshold)
        kept.append(keeps)
        excess += received - keeps
    return kept, excess


def flow(plan: Plan, collection: Fraction, kept: list[Fraction] | None = None,
         excess: Fraction = Fraction(0)) -> Flow:
    """The exact waterfall for *collection* receipts plus kept-territory *excess* entering the pot."""
    amounts = [Fraction(0)] * len(plan.lines)
    for rule, keeps in zip(plan.kept, kept or [Fraction(0)] * len(plan.kept), strict=True):
        amounts[rule.line] = keeps
    pot = collection + excess
    left = pot
    reaches: list[Fraction] = []
    for tier in plan.tiers:
        reaches.append(left)
        left -= tier.rule.take(pot, left, amounts)
    return Flow(pot, tuple(amounts), tuple(reaches))


def run_plan(plan: Plan, receipts: Receipts) -> WaterfallResult:
    """The waterfall of *plan* at *receipts*, exact and rounded; see `run_waterfall`."""
    kept, excess = kept_split(plan, receipts)
    exact = flow(plan, Fraction(receipts.collection), kept, excess)
    cents = to_cents(exact.amounts, int(receipts.total * 100))
    payments = tuple(
        Payment(line.tier, line.tier_index, line.kind, line.payee, line.pool,  # type: ignore[arg-type]
                amount, cents_to_decimal(cent))
        for line, amount, cent in zip(plan.lines, exact.amounts, cents, strict=True))
    paid_by_tier = [0] * len(plan.tiers)
    for line, cent in zip(plan.lines, cents, strict=True):
        if line.tier_index is not None:
            paid_by_tier[line.tier_index] += cent
    pot_cents = int(exact.pot * 100)
    tiers: list[TierFlow] = []
    left = pot_cents
    for tier, paid in zip(plan.tiers, paid_by_tier, strict=True):
        tiers.append(TierFlow(tier.index, tier.name, tier.kind, cents_to_decimal(left),
                              cents_to_decimal(paid), cents_to_decimal(left - paid)))
        left -= paid
    return WaterfallResult(plan.currency, receipts, cents_to_decimal(pot_cents), payments, tuple(tiers))
