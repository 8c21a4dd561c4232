"""The rules a compiled waterfall runs: what each kind of tier takes from the money that reaches it.

Each rule holds its numbers as exact `Fraction`s and the terms that decide the money (base of a fee,
crediting of a corridor, how the financiers' pool is shared), so the engine (`engine.py`), the break-even
solver (`breakeven.py`) and the words of the documents (`rendering/view/waterfall.py`) all read the same
terms. ``take`` pays the rule's lines in *amounts* and returns what the tier took; ``due`` is what the
tier would take if unlimited money reached it (a tier is paid in full when it takes its due).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from coprod.model.recoupment import ProRataTo

ZERO = Fraction(0)


@dataclass(frozen=True, slots=True)
class PercentRule:
    """A fee: a rate of the receipts (at source) or of what reaches the tier, up to a cap.

    At source, the base is the receipts collected from the territories no co-producer keeps
    (``on_pot`` False) or the whole pot, kept-territory excess included (``on_pot`` True).
    """

    line: int
    rate: Fraction
    at_source: bool
    on_pot: bool
    limit: Fraction | None

    def due(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """The fee's full amount at this level of receipts."""
        base = (pot if self.on_pot else collected) if self.at_source else left
        paid = self.rate * base
        return paid if self.limit is None else min(paid, self.limit)

    def take(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Pay the line; never more than *left*, the cap or the rate (`due`, inlined: the hot path)."""
        paid = self.rate * ((pot if self.on_pot else collected) if self.at_source else left)
        if self.limit is not None and self.limit < paid:
            paid = self.limit
        if left < paid:
            paid = left
        amounts[self.line] = paid
        return paid


@dataclass(frozen=True, slots=True)
class CorridorRule:
    """A corridor: a rate of the pot (at source) or of what reaches the tier, up to a limit.

    ``recoups`` is the finance line it recoups (None if it is not paid until recouped); the limit is then
    what that line is owed, or ``cap`` if lower. ``credited``: its payments count towards that line's
    recoupment in a group below (the group owes the line only the rest).
    """

    line: int
    rate: Fraction
    at_source: bool
    limit: Fraction | None
    cap: Fraction | None
    recoups: str | None
    credited: bool

    def due(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """What completes the corridor: its limit, or (endless) its rate of its base."""
        if self.limit is not None:
            return self.limit
        return self.rate * (pot if self.at_source else left)

    def take(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Pay the corridor its rate, up to its limit and what is left."""
        paid = self.rate * (pot if self.at_source else left)
        if self.limit is not None and self.limit < paid:
            paid = self.limit
        if left < paid:
            paid = left
        amounts[self.line] = paid
        return paid


@dataclass(frozen=True, slots=True)
class FixedRule:
    """An expense, a deferment or an overcost: a fixed amount, paid as far as what reaches the tier allows."""

    line: int
    amount: Fraction

    def due(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """The fixed amount."""
        return self.amount

    def take(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Pay the line up to its amount and return what was paid."""
        paid = min(self.amount, left)
        amounts[self.line] = paid
        return paid


@dataclass(frozen=True, slots=True)
class GroupRule:
    """Pari passu recoupment: what reaches the tier, up to what is still owed, pro rata to what is owed.

    A member that a credited corridor above has already paid is owed only the rest (``credits`` names the
    corridor's payment line), so that corridor brings its payee's recoupment forward rather than adding
    to it.
    """

    lines: tuple[int, ...]
    line_ids: tuple[str, ...]
    owed: tuple[Fraction, ...]
    credits: tuple[int | None, ...]

    def rest(self, amounts: list[Fraction]) -> list[Fraction]:
        """What each member is still owed once its credited corridor payments are counted."""
        return [owed - (amounts[credit] if credit is not None else 0)
                for owed, credit in zip(self.owed, self.credits, strict=True)]

    def due(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Everything the members are still owed."""
        return sum(self.rest(amounts), ZERO)

    def take(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Pay every member its exact pro rata part of the rest it is owed; return the group's total."""
        if any(credit is not None for credit in self.credits):
            rest = self.rest(amounts)
            total = sum(rest, ZERO)
        else:
            rest, total = list(self.owed), self.total
        paid = total if total < left else left
        if paid == total:  # paid in full: every member gets what it is owed, no division needed
            for line, due in zip(self.lines, rest, strict=True):
                amounts[line] = due
        else:
            ratio = paid / total
            for line, due in zip(self.lines, rest, strict=True):
                amounts[line] = ratio * due
        return paid

    @property
    def total(self) -> Fraction:
        """Everything the members are owed, before any corridor."""
        return sum(self.owed, ZERO)


@dataclass(frozen=True, slots=True)
class PoolMember:
    """A finance line sharing in the financiers' pool."""

    line: int
    """Its payment line in the pool."""
    line_id: str
    invested: Fraction
    """Its amount in base currency, without premium."""
    recouping: tuple[int, ...]
    """The payment lines that recoup it (its credited corridor and its group), for `pro_rata_to: recouped`."""


@dataclass(frozen=True, slots=True)
class SplitRule:
    """Net profits: fixed fractions of what reaches the tier, and the financiers' pool.

    Every talent and producer line gets a fixed fraction; the financiers' pool (``pool_rate`` of it) is
    shared pro rata to investment or to what was recouped.

    The fixed fractions plus ``pool_rate`` add up to 1.
    """

    shares: tuple[tuple[int, Fraction], ...]
    pool_rate: Fraction
    pool: tuple[PoolMember, ...]
    pro_rata_to: ProRataTo
    fixed: tuple[tuple[int, Fraction], ...] = ()
    """`shares`, plus the pool members' fractions when the pool is shared pro rata to investment (fixed
    too): what `take` pays without looking at the tiers above."""

    def weights(self, amounts: list[Fraction]) -> list[Fraction]:
        """Each pool member's weight: its investment, or what it has recouped of it at this level."""
        invested = [member.invested for member in self.pool]
        if self.pro_rata_to is ProRataTo.INVESTMENT:
            return invested
        recouped = []
        for member in self.pool:
            lines = member.recouping
            paid = amounts[lines[0]] if len(lines) == 1 else sum((amounts[line] for line in lines), ZERO)
            recouped.append(paid if paid < member.invested else member.invested)
        # Money reaches the split only once the groups above are paid, so some member has recouped
        # something; the investment weights are a fallback that keeps the pool paid out regardless.
        return recouped if any(recouped) else invested

    def take(self, pot: Fraction, collected: Fraction, left: Fraction, amounts: list[Fraction]) -> Fraction:
        """Divide everything that reaches the split."""
        for line, share in self.fixed:
            amounts[line] = left * share
        if self.pool and self.pro_rata_to is ProRataTo.RECOUPED:
            weights = self.weights(amounts)
            factor = left * self.pool_rate / sum(weights, ZERO)
            for member, weight in zip(self.pool, weights, strict=True):
                amounts[member.line] = factor * weight
        return left


@dataclass(frozen=True, slots=True)
class ShareRecoupment:
    """Finance lines that recoup only from one co-producer's receipts (``recoups_from: <partner>``).

    After the waterfall has run, they take, pari passu in proportion to what each is owed, from that
    partner's kept-territory receipts first and then from its share of net profits, until repaid.
    """

    partner: str
    kept_line: int | None
    """The partner's kept-territory line, if it keeps territories."""
    share_line: int | None
    """The partner's line in the producers' pool, if the waterfall has a split."""
    share_rate: Fraction
    """That line's fraction of net profits (0 without a split)."""
    line_ids: tuple[str, ...]
    owed: tuple[Fraction, ...]
    kept_lines: tuple[int | None, ...]
    """Each member's line under kept territories (None if the partner keeps none)."""
    share_lines: tuple[int | None, ...]
    """Each member's line in the split (None without a split)."""

    def take(self, amounts: list[Fraction]) -> None:
        """Move what the members recoup from the partner's lines to theirs."""
        kept = amounts[self.kept_line] if self.kept_line is not None else ZERO
        share = amounts[self.share_line] if self.share_line is not None else ZERO
        owed = sum(self.owed, ZERO)
        taken = min(owed, kept + share)
        from_kept = min(taken, kept)
        from_share = taken - from_kept
        if self.kept_line is not None:
            amounts[self.kept_line] = kept - from_kept
        if self.share_line is not None:
            amounts[self.share_line] = share - from_share
        for owes, kept_line, share_line in zip(self.owed, self.kept_lines, self.share_lines, strict=True):
            if kept_line is not None:
                amounts[kept_line] = from_kept * owes / owed
            if share_line is not None:
                amounts[share_line] = from_share * owes / owed


Rule = PercentRule | CorridorRule | FixedRule | GroupRule | SplitRule
