"""The waterfall in words, from the compiled plan the engine runs: one description per tier kind and term.

The recoupment clause, the term sheet's waterfall and receipts sections, Schedule 4 and the definitions
of Gross Receipts, Collection Account Receipts and Net Profits all print these sentences; no template
restates a rule. Each sentence reads the rule's terms (`analysis/waterfall/rules.py`): the base of a fee,
whether a corridor stops and is credited, how the financiers' pool is shared, what talent is a per cent
of, which lines recoup from one co-producer's share. docs/waterfall.md gives the same rules; the tests in
tests/rendering/test_waterfall_words.py check that the engine pays what these sentences say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from coprod.analysis.waterfall.plan import Line, Plan, Pool, compile_plan
from coprod.analysis.waterfall.rules import (
    CorridorRule,
    FixedRule,
    GroupRule,
    PercentRule,
    ShareRecoupment,
    SplitRule,
)
from coprod.model.money import Money
from coprod.model.project import Project
from coprod.model.recoupment import ExpenseTier, OvercostTier, ProRataTo
from coprod.rendering.escape import Safe
from coprod.rendering.filters import figures, percent
from coprod.rendering.view.common import Table, country_in_text, safe_join
from coprod.rendering.view.deal import payee_name


@dataclass(frozen=True, slots=True)
class TierView:
    """One tier of the waterfall."""

    position: int
    name: str
    sentence: Safe


@dataclass(frozen=True, slots=True)
class WaterfallWords:
    """Everything the documents say about the waterfall, from one compiled plan."""

    tiers: tuple[TierView, ...]
    table: Table
    """Schedule 4: rank, tier, payment."""
    receipts_term: str
    """'Collection Account Receipts', or 'Distributable Receipts' when no collection account is opened."""
    gross_receipts: Safe
    """The definition of Gross Receipts, after 'means'."""
    distributed_receipts: Safe
    """The definition of `receipts_term`, after 'means'."""
    net_profits: Safe
    """The definition of Net Profits, after 'means'."""
    rules: tuple[Safe, ...]
    """Sentences that complete the order of payment: corridors beside the split, lines recouping from one
    co-producer's share, an unallocated remainder."""
    split: Safe
    """How Net Profits are shared (the split tier's sentence, as a sentence of its own), or that they are
    not yet allocated."""
    net_profit_rules: tuple[Safe, ...]
    """The rules of the split spelt out: who shares the financiers' share and pro rata to what, what a
    talent participation is a per cent of and which share bears it."""
    unallocated: bool
    commission_base: Safe
    """What the sales agent's commission is a percentage of, as its fee tier takes it."""


class _Words:
    """Sentence builders sharing the project (for names and currency) and its plan."""

    def __init__(self, project: Project, plan: Plan) -> None:
        self.project = project
        self.plan = plan
        self.receipts = "Collection Account Receipts" if project.recoupment.collection_account \
            else "Distributable Receipts"
        self.thresholds = any(kept.threshold is not None for kept in plan.kept)

    def money(self, value: Fraction | Decimal) -> Safe:
        exact = value if isinstance(value, Decimal) else _decimal(value)
        return figures(Money(exact, self.plan.currency).cents())

    def payee(self, payee: str) -> str:
        return payee_name(self.project, payee)

    def source(self, line_id: str) -> str:
        """A finance line by its source's name, as the finance plan lists it."""
        return self.project.finance_line(line_id).source

    def line(self, index: int) -> Line:
        return self.plan.lines[index]

    def position(self, line: int) -> int:
        tier_index = self.line(line).tier_index
        return 0 if tier_index is None else tier_index + 1

    # --- bases ----------------------------------------------------------------------------------------

    def base(self, at_source: bool, on_pot: bool) -> Safe:
        """What a percentage is taken of, as the engine takes it."""
        if not at_source:
            return Safe("of the {receipts} reaching this tier").format(receipts=self.receipts)
        if not self.thresholds:
            return Safe("of all {receipts}").format(receipts=self.receipts)
        if on_pot:
            return Safe("of all {receipts} (including Kept Territory receipts paid in above a threshold)"
                        ).format(receipts=self.receipts)
        return Safe("of the {receipts} from the territories no Co-Producer keeps (not of Kept Territory "
                    "receipts paid in above a threshold)").format(receipts=self.receipts)

    def paid_from(self, at_source: bool) -> Safe:
        """For a percentage taken at source: that it is still paid only out of what reaches its tier."""
        if not at_source:
            return Safe("")
        return Safe(", paid out of the {receipts} reaching this tier").format(receipts=self.receipts)

    # --- tiers ----------------------------------------------------------------------------------------

    def fee(self, rule: PercentRule) -> Safe:
        text = Safe("{pct} {base} to {payee}{paid_from}").format(
            pct=_percent(rule.rate), base=self.base(rule.at_source, rule.on_pot),
            payee=self.payee(self.line(rule.line).payee), paid_from=self.paid_from(rule.at_source))
        if rule.limit is not None:
            text += Safe(", up to {cap} in total").format(cap=self.money(rule.limit))
        return text + Safe(".")

    def fixed(self, rule: FixedRule, source: object) -> Safe:
        payee = self.payee(self.line(rule.line).payee)
        if isinstance(source, ExpenseTier):
            incurred = Safe("") if source.incurred is None else Safe(" (now {amount})").format(
                amount=self.money(rule.amount))
            return Safe("{payee}'s recoupable expenses, as incurred{incurred} and up to {cap}.").format(
                payee=payee, incurred=incurred, cap=self.money(source.cap))
        if isinstance(source, OvercostTier):
            premium = Safe("") if not source.premium else Safe(" plus a premium of {pct}").format(
                pct=percent(source.premium))
            return Safe("recoupment by {payee} of the Overcost it financed: {amount}{premium}, "
                        "{total} in all.").format(payee=payee, amount=self.money(source.amount),
                                                  premium=premium, total=self.money(rule.amount))
        return Safe("a deferment of {amount} to {payee}.").format(amount=self.money(rule.amount), payee=payee)

    def corridor(self, rule: CorridorRule) -> Safe:
        payee = self.payee(self.line(rule.line).payee)
        text = Safe("a corridor of {pct} {base} to {payee}{paid_from}, beside the tiers below it").format(
            pct=_percent(rule.rate), base=self.base(rule.at_source, True), payee=payee,
            paid_from=self.paid_from(rule.at_source))
        if rule.recoups is not None and rule.limit is not None:
            text += Safe(", until it has received {limit}").format(limit=self.money(rule.limit))
            text += Safe(" (what it recoups)") if rule.cap is None or rule.limit < rule.cap else \
                Safe(" (its cap)")
        elif rule.cap is not None:
            text += Safe(", up to {cap} in total").format(cap=self.money(rule.cap))
        else:
            text += Safe(", without limit")
        text += Safe("; the rest of the {receipts} reaching this tier continues down the Recoupment "
                     "Schedule").format(receipts=self.receipts)
        group = self.group_of(rule.recoups)
        if group is not None:
            if rule.credited:
                text += Safe("; these payments count towards its recoupment under tier {n}").format(n=group)
            else:
                text += Safe("; these payments are in addition to its recoupment under tier {n}, "
                             "which is not reduced by them").format(n=group)
        return text + Safe(".")

    def group_of(self, line_id: str | None) -> int | None:
        """The position of the recoup tier that also recoups *line_id*, if any."""
        for tier in self.plan.tiers:
            if isinstance(tier.rule, GroupRule) and line_id in tier.rule.line_ids:
                return tier.index + 1
        return None

    def group(self, rule: GroupRule) -> Safe:
        parts = []
        for line_id, owed in zip(rule.line_ids, rule.owed, strict=True):
            finance = self.project.finance_line(line_id)
            amount = figures(self.project.in_base(finance).cents())
            if finance.premium:
                parts.append(Safe("{source} ({amount} plus a premium of {premium}: {owed})").format(
                    source=finance.source, amount=amount, premium=percent(finance.premium),
                    owed=self.money(owed)))
            else:
                parts.append(Safe("{source} ({amount})").format(source=finance.source, amount=amount))
        if len(parts) == 1:
            return Safe("recoupment of {parts}.").format(parts=parts[0])
        credited = any(credit is not None for credit in rule.credits)
        still = Safe("what each is still owed") if credited else Safe("what each is owed")
        return Safe("recoupment, pari passu, of {parts}, each paid in proportion to {owed}.").format(
            parts=safe_join(parts), owed=still)

    def split(self, rule: SplitRule) -> Safe:
        by_pool: dict[Pool, list[tuple[Line, Fraction]]] = {}
        for line, share in rule.shares:
            by_pool.setdefault(self.line(line).pool or Pool.PRODUCERS, []).append((self.line(line), share))
        sentences = [Safe("the {receipts} reaching this tier are the Net Profits").format(
            receipts=self.receipts)]
        off_top = by_pool.get(Pool.TALENT_OFF_TOP, [])
        top = sum((share for _, share in off_top), Fraction(0))
        if off_top:
            sentences.append(Safe("first, off the top, {talent}").format(talent=safe_join(
                Safe("{pct} of Net Profits to {payee}").format(pct=_percent(share),
                                                               payee=self.payee(line.payee))
                for line, share in off_top)))
        rest = Safe("of the rest") if off_top else Safe("of Net Profits")
        if rule.pool:
            members = safe_join(self.source(member.line_id) for member in rule.pool)
            weights = Safe("their investments (without premium)") if rule.pro_rata_to is \
                ProRataTo.INVESTMENT else Safe("the part of their investment (without premium) each "
                                                "has recouped at that level of receipts")
            sentences.append(Safe("{pct} {rest} to the financiers that share in profits ({members}), "
                                  "pro rata to {weights}").format(
                pct=_percent(rule.pool_rate / (1 - top)), rest=rest, members=members, weights=weights))
        producers = by_pool.get(Pool.PRODUCERS, [])
        talent = by_pool.get(Pool.TALENT_FROM_PRODUCERS, [])
        pool = sum((share for _, share in producers + talent), Fraction(0))
        if producers:
            sentences.append(Safe("{pct} {rest} to the Co-Producers").format(
                pct=_percent(pool / (1 - top)), rest=rest))
        if talent:
            sentences.append(Safe("out of the Co-Producers' share, {talent}; these participations are per "
                                  "cents of all Net Profits and reduce the Co-Producers' share alone").format(
                talent=safe_join(Safe("{pct} of Net Profits to {payee}").format(
                    pct=_percent(share), payee=self.payee(line.payee)) for line, share in talent)))
        if producers:
            after = Safe(" after those participations") if talent else Safe("")
            sentences.append(Safe("the Co-Producers' share{after} is divided in proportion to their "
                                  "copyright shares ({shares})").format(after=after, shares=safe_join(
                Safe("{company} {pct}").format(company=self.payee(line.payee),
                                               pct=percent(self.project.rights.copyright[line.payee]))
                for line, _ in producers)))
        return Safe("; ").join(sentences) + Safe(".")

    def share_recoupment(self, recoupment: ShareRecoupment) -> Safe:
        company = self.payee(recoupment.partner)
        names = safe_join(Safe("{source} ({owed})").format(source=self.project.finance_line(line_id).source,
                                                            owed=self.money(owed))
                          for line_id, owed in zip(recoupment.line_ids, recoupment.owed, strict=True))
        sources = [Safe("its receipts from its Kept Territories")] if recoupment.kept_line is not None else []
        if recoupment.share_line is not None:
            sources.append(Safe("its share of Net Profits"))
        if not sources:
            return Safe("{names} recoups only from {company}'s receipts, and {company} has neither Kept "
                        "Territories nor a share of Net Profits: it is not recouped.").format(
                names=names, company=company)
        verb = "recoups" if len(recoupment.line_ids) == 1 else "recoup, pari passu,"
        return Safe("{names} {verb} only from {company}'s receipts, first from {sources}, and from no other "
                    "receipts; it does not share in the financiers' share of Net Profits.").format(
            names=names, verb=verb, company=company, sources=Safe(", then from ").join(sources))

    def tier(self, index: int) -> Safe:
        compiled = self.plan.tiers[index]
        rule = compiled.rule
        if isinstance(rule, PercentRule):
            return self.fee(rule)
        if isinstance(rule, CorridorRule):
            return self.corridor(rule)
        if isinstance(rule, FixedRule):
            return self.fixed(rule, compiled.source)
        if isinstance(rule, GroupRule):
            return self.group(rule)
        return self.split(rule)

    # --- definitions ----------------------------------------------------------------------------------

    def gross_receipts(self) -> Safe:
        text = Safe("all sums received from the exploitation of the Film and of all rights in it, in every "
                    "medium and territory")
        if self.plan.kept:
            text += Safe(", including the receipts from the Kept Territories")
        return text

    def distributed(self) -> Safe:
        account = Safe("paid into the Collection Account") if self.project.recoupment.collection_account \
            else Safe("paid to the Delegate Producer for distribution")
        text = Safe("the Gross Receipts {account}").format(account=account)
        if not self.plan.kept:
            return text
        excess = [Safe("{company}'s receipts from {countries} above {threshold}").format(
            company=self.payee(entry.partner), countries=safe_join(country_in_text(code)
                                                                   for code in entry.countries),
            threshold=self.money(entry.common_pot_above))
            for entry in self.project.rights.territories if entry.common_pot_above is not None]
        text += Safe(": the receipts from every territory other than the Kept Territories")
        if excess:
            text += Safe(", and {excess}").format(excess=safe_join(excess))
        return text

    def net_profits(self) -> Safe:
        if self.plan.split_index is None:
            return Safe("the {receipts} that remain after the last tier of the Recoupment Schedule; how they "
                        "are shared is not yet agreed").format(receipts=self.receipts)
        text = Safe("the {receipts} that reach the net-profit split, tier {n} of the Recoupment Schedule: "
                    "what remains after the tiers before it have taken what they are due at that level of "
                    "receipts").format(receipts=self.receipts, n=self.plan.split_index + 1)
        running = self.open_corridors()
        if running:
            text += Safe(". A corridor runs beside the tiers below it, so Net Profits can begin before "
                         "{corridors} has paid in full; it keeps taking its percentage until then").format(
                corridors=safe_join(running, "or"))
        return text

    def open_corridors(self) -> list[str]:
        """Corridors above the split that can still be paying once money reaches the split."""
        credited = {credit for tier in self.plan.tiers if isinstance(tier.rule, GroupRule)
                    for credit in tier.rule.credits if credit is not None}
        return [f"the corridor to {self.payee(self.line(tier.rule.line).payee)}" for tier in self.plan.tiers
                if isinstance(tier.rule, CorridorRule) and tier.rule.line not in credited]

    def net_profit_rules(self) -> tuple[Safe, ...]:
        if self.plan.split_index is None:
            return ()
        rule = self.plan.tiers[self.plan.split_index].rule
        assert isinstance(rule, SplitRule)
        sentences = []
        if rule.pool:
            weights = Safe("the amount of its investment, without premium") if rule.pro_rata_to is \
                ProRataTo.INVESTMENT else Safe("the part of its investment (without premium) it has recouped "
                                                "when the Net Profits are paid; a financier still recouping "
                                                "shares in proportion to what it has recouped so far")
            sentences.append(Safe("The financiers' share of Net Profits is divided among {members}, each "
                                  "in proportion to {weights}.").format(
                members=safe_join(self.source(m.line_id) for m in rule.pool), weights=weights))
        sharing = {member.line_id for member in rule.pool}
        excluded = [line.source for line in self.project.financing
                    if line.recoupable and line.id not in sharing and not line.shares_in_profits]
        if excluded:
            verb = "takes" if len(excluded) == 1 else "take"
            sentences.append(Safe("{names} {verb} no share of Net Profits once recouped.").format(
                names=safe_join(excluded), verb=verb))
        pools = {self.line(line).pool for line, _ in rule.shares}
        if Pool.TALENT_FROM_PRODUCERS in pools:
            sentences.append(Safe("A talent participation paid out of the Co-Producers' share is a per cent "
                                  "of all Net Profits, paid out of the Co-Producers' share alone, which is "
                                  "then divided among the Co-Producers by their copyright shares."))
        if Pool.TALENT_OFF_TOP in pools:
            sentences.append(Safe("A talent participation paid off the top is a per cent of all Net Profits, "
                                  "paid before the financiers' and the Co-Producers' shares are calculated, "
                                  "so it reduces both."))
        return tuple(sentences)

    def commission_base(self) -> Safe:
        for tier in self.plan.tiers:
            rule = tier.rule
            if isinstance(rule, PercentRule) and self.line(rule.line).payee == "sales_agent":
                return self.base(rule.at_source, rule.on_pot)
        return Safe("of the Gross Receipts it collects")

    def rules(self) -> tuple[Safe, ...]:
        sentences = [self.share_recoupment(recoupment) for recoupment in self.plan.share_recoupments]
        if self.plan.split_index is None:
            sentences.append(Safe("No tier shares Net Profits: the {receipts} that remain after tier {n} are "
                                  "unallocated until the Co-Producers agree how they are shared.").format(
                receipts=self.receipts, n=len(self.plan.tiers)))
        return tuple(sentences)


def _decimal(value: Fraction) -> Decimal:
    """A fraction with a terminating decimal expansion (every amount and rate here has one), exactly."""
    with localcontext() as context:
        context.prec = 60
        return (Decimal(value.numerator) / Decimal(value.denominator)).normalize()


def _capital(text: Safe) -> Safe:
    return Safe(text[:1].upper() + text[1:])


def _percent(rate: Fraction) -> Safe:
    return percent(_decimal(rate * 100))


def waterfall_words(project: Project, plan: Plan | None = None) -> WaterfallWords:
    """The waterfall's words for *project*, from its compiled plan (compiled here if not given)."""
    plan = plan or compile_plan(project)
    words = _Words(project, plan)
    tiers = tuple(TierView(tier.index + 1, tier.name, words.tier(tier.index)) for tier in plan.tiers)
    table = Table(("Rank", "Tier", "Payment"),
                  tuple((str(view.position), view.name, view.sentence) for view in tiers), frozenset({0}))
    split = _capital(words.tier(plan.split_index)) if plan.split_index is not None else Safe(
        "Net Profits are not yet allocated: the Co-Producers shall agree how they are shared.")
    return WaterfallWords(tiers, table, words.receipts, words.gross_receipts(), words.distributed(),
                          words.net_profits(), words.rules(), split, words.net_profit_rules(),
                          plan.split_index is None,
                          words.commission_base())


def point_sentence(currency: str, net_from: Decimal | None, full_from: Decimal | None, receipts: str,
                   unallocated: bool) -> Safe:
    """The two named points of net profits, in words."""
    def at(value: Decimal | None) -> Safe:
        if value is None:
            return Safe("at no level of receipts")
        return Safe("at {amount} of {receipts}").format(amount=figures(Money(value, currency), cents=True),
                                                        receipts=receipts)

    if unallocated:
        first = Safe("Money is first left unallocated {at}").format(at=at(net_from))
        return first + Safe("; every tier is paid in full {at}.").format(at=at(full_from))
    if net_from == full_from:
        return Safe("The net-profit split first receives money, and every tier above it is paid in full, "
                    "{at}.").format(at=at(net_from))
    return Safe("The net-profit split first receives money {first}; every tier above it is paid in full "
                "{full}.").format(first=at(net_from), full=at(full_from))


def tier_sentences(words: WaterfallWords) -> Sequence[Safe]:
    """Every tier's sentence, in order (for tests and the JSON report)."""
    return [tier.sentence for tier in words.tiers]
