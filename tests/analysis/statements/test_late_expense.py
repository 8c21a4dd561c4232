"""A late expense meets lower tiers already paid: the shortfall is carried forward, nothing is clawed back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from coprod.analysis.statements import LineStatement, PeriodStatement, run_statements
from coprod.analysis.waterfall import Receipts, run_waterfall
from coprod.model.project import Project
from tests.analysis.statements.statement_support import cost, ledger, receipt, with_accounting
from tests.analysis.waterfall.waterfall_support import load_example

TIERS: list[dict[str, Any]] = [
    {"name": "Sales commission", "kind": "fee", "payee": "sales_agent", "percent": 20, "basis": "at_source"},
    {"name": "Sales expenses", "kind": "expense", "payee": "sales_agent", "cap": "60000"},
    {"name": "Equity", "kind": "recoup", "pari_passu": ["aurora-equity"]},
    {"name": "Net profits", "kind": "split", "shares": {"financiers": 50, "producers": 50}},
]


def project(incurred: str | None = None) -> Project:
    tiers = [dict(tier, incurred=incurred) if incurred and tier["kind"] == "expense" else tier
             for tier in TIERS]
    recoupment = load_example("the-salt-road").recoupment.model_dump(mode="json")
    return with_accounting({"recoupment": {**recoupment, "waterfall": tiers}})


def line(period: PeriodStatement, tier: str) -> LineStatement:
    return next(item for item in period.lines if item.key.tier == tier)


def test_late_expense_is_carried_forward_not_clawed_back() -> None:
    rows = ledger([receipt("2028-02-10", "100000"),                # Q1: 20,000 commission, 80,000 equity
                   cost("2028-05-02", "Sales expenses", "50000"),  # Q2: the expense arrives, no receipts
                   receipt("2028-08-20", "100000")])               # Q3: more receipts
    q1, q2, q3 = run_statements(project(), rows).periods
    assert (line(q1, "Sales commission").paid, line(q1, "Equity").paid) == (Decimal("20000.00"),
                                                                             Decimal("80000.00"))
    assert line(q1, "Sales expenses").paid == 0
    # Q2: the lump sum now gives the expense 50,000 and equity only 30,000. Equity keeps its 80,000
    # (nothing is clawed back: it is 50,000 ahead) and the expense's 50,000 is carried forward.
    expense, equity = line(q2, "Sales expenses"), line(q2, "Equity")
    assert (expense.entitled, expense.paid, expense.carried) == (Decimal("50000.00"), Decimal(0),
                                                            Decimal("50000.00"))
    assert (equity.entitled, equity.paid, equity.ahead) == (Decimal("30000.00"), Decimal(0),
                                                            Decimal("50000.00"))
    assert q2.distributed == 0
    # Q3: the carried 50,000 is paid first from the new receipts; equity gets what is left after it.
    assert line(q3, "Sales commission").paid == Decimal("20000.00")
    assert line(q3, "Sales expenses").paid == Decimal("50000.00")
    assert line(q3, "Equity").paid == Decimal("30000.00")
    assert line(q3, "Sales expenses").carried == 0 and line(q3, "Equity").ahead == 0
    # At the end every line stands where the lump sum at 200,000 with the 50,000 expense puts it.
    lump = run_waterfall(project("50000"), Receipts(Decimal(200000)))
    assert [item.paid_to_date for item in q3.lines] == [payment.amount for payment in lump.payments]


def test_a_shortfall_larger_than_the_period_stays_carried() -> None:
    rows = ledger([receipt("2028-02-10", "100000"), cost("2028-05-02", "Sales expenses", "60000"),
                   receipt("2028-05-20", "25000")])
    _, q2 = run_statements(project(), rows).periods
    # 25,000 came in: 5,000 commission, then 20,000 of the 60,000 expense; 40,000 still carried.
    assert line(q2, "Sales commission").paid == Decimal("5000.00")
    assert (line(q2, "Sales expenses").paid, line(q2, "Sales expenses").carried) == (Decimal("20000.00"),
                                                                                     Decimal("40000.00"))
    assert line(q2, "Equity").paid == 0 and q2.distributed == Decimal("25000.00")


def test_the_worked_period_in_the_docs_is_what_the_engine_says() -> None:
    """docs/statements.md, "A worked period": every row of its table, computed here."""
    docs = (Path(__file__).resolve().parents[3] / "docs" / "statements.md").read_text(encoding="utf-8")
    rows = ledger([receipt("2028-02-10", "100000"), cost("2028-05-02", "Sales expenses", "50000"),
                   receipt("2028-08-20", "100000")])
    for period in run_statements(project(), rows).periods:
        for item in period.lines:
            if item.key.tier not in ("Sales commission", "Sales expenses", "Equity"):
                continue  # kept territories and net profits: nothing in this example
            values = (item.entitled, item.paid, item.paid_to_date, item.carried, item.ahead)
            figures = [f"{value:,.2f}" for value in values]
            assert f"| {period.span.label} | {item.key.tier} | {' | '.join(figures)} |" in docs
