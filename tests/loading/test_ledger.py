"""The receipts ledger: every bad row is one located error; good rows load exactly, from CSV or YAML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from coprod.errors import InputError
from coprod.loading.ledger import find_ledger, load_ledger
from coprod.model.project import Project
from tests.analysis.statements.statement_support import with_accounting

HEADER = ("date,kind,payer,territory,medium,amount,currency,withholding,credited_to,rate,kept_by,tier,"
          "reference,reason")
GOOD = "2028-02-01,receipt,Gaumont,FR,theatrical,100000.50,EUR,,,,,,INV-1,"


@pytest.fixture(scope="module")
def project() -> Project:
    return with_accounting({})


def _load(tmp_path: Path, project: Project, *rows: str, name: str = "receipts.csv") -> object:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return load_ledger(path, project)


def _error(tmp_path: Path, project: Project, *rows: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        _load(tmp_path, project, *rows)
    return [str(problem).replace(str(tmp_path), "D") for problem in caught.value.problems]


BAD = {
    "unknown territory": ("2028-02-01,receipt,Gaumont,XX,theatrical,100,EUR,,,,,,I,",
                          "D/receipts.csv:3:28: territory: expected an ISO 3166-1 country code such as FR, "
                          "found 'XX'"),
    "currency without a rate": ("2028-02-01,receipt,Gaumont,FR,theatrical,100,USD,,,,,,I,",
                                "D/receipts.csv:3:46: currency: expected a currency with a rate into EUR "
                                "(a rate on this row, or one in structure.exchange_rates), found 'USD' "
                                "without one"),
    "date before the first period": ("2027-12-31,receipt,Gaumont,FR,theatrical,100,EUR,,,,,,I,",
                                     "D/receipts.csv:3:1: date: expected a date on or after 2028-01-01, "
                                     "the first day statements cover (accounting.statements_from), found "
                                     "2027-12-31"),
    "negative receipt without a reason": ("2028-02-01,receipt,Gaumont,FR,theatrical,-100,EUR,,,,,,I,",
                                          "D/receipts.csv:3:42: amount: expected a reason for the negative "
                                          "amount -100 (a refund, a chargeback), found none"),
    "duplicate row": (GOOD, "D/receipts.csv:3:61: reference: expected each row once, found a repeat of "
                            "line 2 (same date, payer, amount and reference); give each a distinct "
                            "reference if both are real"),
    "non-numeric amount": ("2028-02-01,receipt,Gaumont,FR,theatrical,12k,EUR,,,,,,I,",
                           "D/receipts.csv:3:42: amount: expected an amount such as 12500 or 12500.50 "
                           "(a minus sign for a refund, at most two decimals, no thousands separators), "
                           "found '12k'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_ledger_case_is_one_located_error(tmp_path: Path, project: Project, case: str) -> None:
    row, message = BAD[case]
    assert _error(tmp_path, project, GOOD, row) == [message]


def test_good_rows_load_exactly(tmp_path: Path, project: Project) -> None:
    ledger = _load(tmp_path, project, GOOD,
                   "2028-03-01,receipt,Ceska TV,CZ,free_tv,1000000,CZK,150000,vltava,0.0401,vltava,,CZ-1,",
                   "2028-04-01,expense,,,,40000,EUR,,,,,Sales expenses,E-1,",
                   "2028-05-01,receipt,Gaumont,FR,theatrical,-500,EUR,,,,,,INV-9,returned prints")
    entries = ledger.entries  # type: ignore[attr-defined]
    assert [entry.amount for entry in entries] == [Decimal("100000.50"), Decimal(1000000), Decimal(40000),
                                                   Decimal(-500)]
    assert entries[1].rate == Decimal("0.0401") and entries[1].withholding == Decimal(150000)
    assert ledger.lines == (2, 3, 4, 5)  # type: ignore[attr-defined]


def test_every_problem_is_listed_once_in_file_order(tmp_path: Path, project: Project) -> None:
    messages = _error(tmp_path, project, "2028-02-01,receipt,Gaumont,FR,cinema,100,EUR,,,,,,I,",
                      "2028-02-01,receipt,Gaumont,FR,theatrical,1,2,EUR,,,,,,J,")
    assert messages[0].startswith("D/receipts.csv:2:31: medium: expected 'theatrical', 'free_tv'")
    assert messages[1] == ("D/receipts.csv:3:1: expected 14 cells as the header names, found 15 (a comma "
                           "in an amount or a name? quote the cell)")
    assert len(messages) == 2


def test_a_misspelt_column_is_named_at_the_header(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "receipts.csv"
    path.write_text("date,payer,territory,medium,amount,curency\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_ledger(path, project)
    assert str(caught.value).endswith(
        "receipts.csv:1:36: expected a column name (date, kind, payer, territory, medium, amount, currency, "
        "withholding, credited_to, rate, kept_by, tier, reference, reason), found 'curency' (did you mean "
        "'currency'?)")


def test_costs_name_a_tier_of_their_kind(tmp_path: Path, project: Project) -> None:
    assert _error(tmp_path, project, "2028-04-01,expense,,,,400,EUR,,,,,Equity,E-1,") == [
        "D/receipts.csv:2:35: tier: expected the name of a expense tier of the waterfall ('Sales expenses'), "
        "found 'Equity'"]


def test_kept_receipts_come_from_the_partners_territories(tmp_path: Path, project: Project) -> None:
    assert _error(tmp_path, project, "2028-02-01,receipt,RAI,FR,free_tv,100,EUR,,,,aurora,,I,") == [
        "D/receipts.csv:2:24: territory: expected one of the territories aurora keeps (IT, SM, VA), "
        "found 'FR'"]


def test_the_yaml_ledger_reports_the_same_problems_at_its_lines(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "receipts.yaml"
    path.write_text("receipts:\n  - {date: 2028-02-01, payer: Gaumont, territory: FR, medium: theatrical,\n"
                    "     amount: 100, currency: USD, reference: I}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_ledger(path, project)
    assert str(caught.value).replace(str(tmp_path), "D") == (
        "D/receipts.yaml:3:29: currency: expected a currency with a rate into EUR (a rate on this row, or "
        "one in structure.exchange_rates), found 'USD' without one")


def test_two_ledgers_are_refused(tmp_path: Path) -> None:
    (tmp_path / "receipts.csv").write_text(HEADER + "\n", encoding="utf-8")
    (tmp_path / "receipts.yaml").write_text("receipts: []\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"expected one ledger per project, found both receipts\.csv and "
                                         r"receipts\.yaml; keep one"):
        find_ledger(tmp_path / "project.yaml")


def test_a_ledger_too_large_is_refused(tmp_path: Path, project: Project,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coprod.loading.ledger.MAX_LEDGER_BYTES", 100)
    with pytest.raises(InputError, match="expected a receipts ledger of at most 0 MiB"):
        _load(tmp_path, project, GOOD, GOOD.replace("INV-1", "INV-2"))
