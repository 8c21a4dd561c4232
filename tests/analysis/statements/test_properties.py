"""Properties of the period engine on generated deals and ledgers (hypothesis).

- with every expense known on the first day, each payee's total over all periods is the lump-sum engine's
  at the cumulative receipts: exactly (as fractions), and in cents to within the one cent per line by
  which the engine's own rounding can take back from a line as receipts grow (docs/statements.md, "Cents");
- no period pays a negative amount;
- each period's payments add up to its distributable receipts exactly (receipts less reserve held, plus
  reserve released);
- carried-forward shortfalls are paid before anything below them;
- splitting a period in two never changes the totals at its end (exactly; in cents within the same cent).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod.analysis.statements import Statements, run_statements
from coprod.analysis.waterfall import Receipts, run_waterfall
from coprod.model.accounting import Period
from coprod.model.ledger import Ledger
from coprod.model.project import Project
from tests.analysis.statements.statement_support import cost, ledger, receipt, with_accounting
from tests.analysis.waterfall.waterfall_strategies import cents, waterfalls

COUNTRY = {"aurora": "IT", "nord": "BE", "vltava": "CZ"}
START = dt.date(2028, 1, 1)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def deals(draw: st.DrawFn, *, late_costs: bool, reserve: bool) -> tuple[Project, Ledger]:
    """A generated deal with quarterly accounting, and a ledger of receipts (and late costs) over a year."""
    sections = draw(waterfalls())
    keepers = [rule["partner"] for rule in sections["rights"]["territories"]]
    rows: list[dict[str, Any]] = []
    for number in range(draw(st.integers(1, 12))):
        day = (START + dt.timedelta(days=draw(st.integers(0, 364)))).isoformat()
        amount = str(draw(cents(0, 10**7)))
        keeper = draw(st.sampled_from([None, *keepers]))
        extra = {"kept_by": keeper, "territory": COUNTRY[keeper]} if keeper else {}
        rows.append(receipt(day, amount, reference=f"R{number}", **extra))
    if late_costs:
        for number, tier in enumerate(t for t in sections["recoupment"]["waterfall"]
                                      if t["kind"] in ("expense", "deferment")):
            for part in range(draw(st.integers(0, 2))):
                day = (START + dt.timedelta(days=draw(st.integers(0, 364)))).isoformat()
                row = cost(day, tier["name"], str(draw(cents(0, 10**6))), tier["kind"])
                rows.append({**row, "reference": f"C{number}-{part}"})
    terms: dict[str, Any] = {}
    if reserve:
        terms["reserve"] = {"percent": draw(st.integers(0, 50)), "periods": draw(st.integers(1, 3))}
    return with_accounting(sections, **terms), ledger(rows)


def _lump(project: Project, statements: Statements, rows: Ledger) -> Any:
    collection = sum((e.amount for e in rows.entries if e.is_receipt and e.kept_by is None), Decimal(0))
    kept: dict[str, Decimal] = {}
    for entry in rows.entries:
        if entry.is_receipt and entry.kept_by is not None:
            kept[entry.kept_by] = kept.get(entry.kept_by, Decimal(0)) + entry.amount
    return run_waterfall(project, Receipts(collection, kept))


@SETTINGS
@given(deals(late_costs=False, reserve=False))
def test_totals_equal_the_lump_sum_at_cumulative_receipts(deal: tuple[Project, Ledger]) -> None:
    project, rows = deal
    statements = run_statements(project, rows, to=dt.date(2028, 12, 31))
    lump = _lump(project, statements, rows)
    last = statements.periods[-1]
    for payee in statements.payees():
        total = sum((period.paid_to(payee) for period in statements.periods), Decimal(0))
        assert total == last.paid_to_date(payee)
        assert sum((p.exact for p in lump.payments if p.payee == payee), Fraction(0)) == \
            sum((line.exact_paid_to_date for line in last.lines if line.key.payee == payee), Fraction(0))
        lines = sum(1 for p in lump.payments if p.payee == payee)
        assert abs(total - lump.paid_to(payee)) <= lines * Decimal("0.01")


@SETTINGS
@given(deals(late_costs=True, reserve=True))
def test_periods_pay_what_they_can_distribute_never_less_than_zero(deal: tuple[Project, Ledger]) -> None:
    project, rows = deal
    statements = run_statements(project, rows, to=dt.date(2028, 12, 31))
    for period in statements.periods:
        assert all(line.paid >= 0 for line in period.lines)
        assert period.distributed == period.net - period.reserve_held + period.reserve_released
        assert sum(line.exact_paid_to_date for line in period.lines) * 100 == \
            sum(line.paid_to_date for line in period.lines) * 100


@SETTINGS
@given(deals(late_costs=True, reserve=True))
def test_carried_shortfalls_are_paid_before_anything_below(deal: tuple[Project, Ledger]) -> None:
    project, rows = deal
    for period in run_statements(project, rows, to=dt.date(2028, 12, 31)).periods:
        # Lines in waterfall order; a tier's lines are adjacent (kept territories first, any unallocated
        # remainder last). Number the tiers as they come.
        tiers: list[int] = []
        for index, line in enumerate(period.lines):
            same = index and line.key.tier_index == period.lines[index - 1].key.tier_index
            tiers.append(tiers[-1] if same else (tiers[-1] + 1 if tiers else 0))
        short = [tier for tier, line in zip(tiers, period.lines, strict=True) if line.carried > 0]
        if short:
            below = [line for tier, line in zip(tiers, period.lines, strict=True) if tier > short[0]]
            assert all(line.paid == 0 for line in below)


@SETTINGS
@given(deals(late_costs=False, reserve=False), st.sampled_from([Period.QUARTER, Period.HALF]))
def test_splitting_a_period_keeps_the_totals_at_its_end(deal: tuple[Project, Ledger], coarse: Period) -> None:
    project, rows = deal
    end = dt.date(2028, 12, 31)
    whole = run_statements(project, rows, period=coarse, to=end)
    split = {period.span.end: period for period in run_statements(project, rows, period=Period.MONTH,
                                                                   to=end).periods}
    for period in whole.periods:
        same_end = split[period.span.end]
        for payee in whole.payees():
            exact = [sum((line.exact_paid_to_date for line in statement.lines if line.key.payee == payee),
                         Fraction(0)) for statement in (same_end, period)]
            assert exact[0] == exact[1]
            lines = sum(1 for line in period.lines if line.key.payee == payee)  # cents: see the docstring
            assert abs(same_end.paid_to_date(payee) - period.paid_to_date(payee)) <= lines * Decimal("0.01")
