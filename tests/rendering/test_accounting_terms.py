"""The term sheet's "Accounting and audit" clause says what the period engine does, from the same terms."""

from __future__ import annotations

from coprod.analysis import analyse
from coprod.analysis.statements import run_statements
from coprod.loading.ledger import find_ledger, load_ledger
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.filters import count
from tests.analysis.waterfall.waterfall_support import PROJECTS, load_example


def _clause(slug: str) -> str:
    project = load_example(slug)
    term_sheet = next(doc for doc in DocumentRenderer().render(project, analyse(project))
                      if doc.kind == "term-sheet")
    text = term_sheet.markdown
    start = text.index("Accounting and audit")
    return text[start:text.index("\n#", start)]


def test_the_clause_states_the_deals_accounting_terms() -> None:
    project = load_example("the-last-ferry")
    terms = project.accounting
    assert terms is not None and terms.reserve is not None and terms.audit is not None
    clause = " ".join(_clause("the-last-ferry").split())
    assert "Statements from the collection account manager, quarterly from 1 January 2028, each with its " \
           f"payments within {count(terms.days_to_pay)} days of the end of its period" in clause
    assert f"Reserve: 10% of each period's receipts into the collection account is held back and released " \
           f"{count(terms.reserve.periods)} periods later." in clause
    assert "Commission rates: 15% on SVOD, AVOD and TVOD receipts (Sales commission)" in clause
    assert f"on {count(terms.audit.notice_days)} days' written notice, covering the statements of the last " \
           f"{count(terms.audit.years_back)} years" in clause


def test_the_engine_holds_and_releases_the_reserve_the_clause_states() -> None:
    project = load_example("the-last-ferry")
    terms = project.accounting
    assert terms is not None and terms.reserve is not None
    ledger_path = find_ledger(PROJECTS / "the-last-ferry" / "project.yaml")
    assert ledger_path is not None
    periods = run_statements(project, load_ledger(ledger_path, project)).periods
    after = terms.reserve.periods
    assert periods[0].reserve_held > 0
    for index, period in enumerate(periods[after:], start=after):
        assert period.reserve_released == periods[index - after].reserve_held


def test_without_accounting_terms_the_usual_ones_are_stated() -> None:
    assert "every six months" in _clause("the-salt-road")
