"""``coprod statement``: the statements, --json, --compare with a manager's statement, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod.cli import main
from tests.analysis.waterfall.waterfall_support import PROJECTS

ACCOUNTING = """
accounting:
  period: quarter
  statements_from: 2028-01-01
  reserve: {percent: 10, periods: 2}
  audit: {notice_days: 30, years_back: 3}
"""
LEDGER = """\
date,kind,payer,territory,medium,amount,currency,withholding,credited_to,rate,kept_by,tier,reference
2028-02-01,receipt,Gaumont,FR,theatrical,300000,EUR,,,,,,INV-1
2028-03-01,receipt,Ceska TV,CZ,free_tv,1000000,CZK,,,,vltava,,CZ-1
2028-03-01,receipt,NHK,JP,svod,100000,EUR,15000,aurora,,,,J-1
2028-05-01,expense,,,,40000,EUR,,,,,Sales expenses,E-1
2028-08-01,receipt,Netflix,US,svod,200000,USD,,,0.9,,,N-1
"""


def salt_road_with_ledger(root: Path) -> Path:
    """The Salt Road with accounting terms and `LEDGER` as ``root/projects/salt``; returns that folder."""
    folder = root / "projects" / "salt"
    folder.mkdir(parents=True)
    text = (PROJECTS / "the-salt-road" / "project.yaml").read_text(encoding="utf-8")
    (folder / "project.yaml").write_text(text + ACCOUNTING, encoding="utf-8")
    (folder / "receipts.csv").write_text(LEDGER, encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return salt_road_with_ledger(tmp_path)


def test_statements_as_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["statement", "projects/salt", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [period["label"] for period in document["periods"]] == ["2028-Q1", "2028-Q2", "2028-Q3"]
    q1, q2, q3 = document["periods"]
    assert (q1["gross"], q1["net"], q1["reserve"]["held"]) == ("440000.00", "425000.00", "38500.00")
    assert q1["withholding_by_party"] == {"aurora": "15000.00"}
    expenses = next(line for line in q2["lines"] if line["tier"] == "Sales expenses")
    assert (expenses["paid"], expenses["carried"]) == ("0.00", "40000.00")
    assert q3["reserve"] == {"held": "18000.00", "released": "38500.00", "balance": "18000.00"}
    assert q3["paid_out"] == "200500.00"


def test_to_and_period_choose_the_statements(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["statement", "projects/salt", "--period", "month", "--to", "2028-05-31"]) == 0
    out = capsys.readouterr().out
    assert "2028-05 (2028-05-01 to 2028-05-31), EUR" in out and "2028-06" not in out


def test_a_wrong_manager_statement_is_caught(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "manager.csv").write_text(
        "period,payee,amount\n2028-Q1,vltava,40000\n2028-Q1,cam,3850.00\n2028-Q1,sales_agent,77000\n"
        "2028-Q1,be-cca,15207.50\n2028-Q1,aurora-equity,133047.58\n2028-Q1,be-regional-fund,86089.61\n"
        "2028-Q1,vltava-equity,31305.31\n2028-Q3,sales_agent,36000\n", encoding="utf-8")
    assert main(["statement", "projects/salt", "--to", "2028-09-30", "--compare",
                 "projects/salt/manager.csv"]) == 1
    out = capsys.readouterr().out
    differences = out.split("Compared with the manager's statement:\n")[1].splitlines()
    assert differences[0] == ("  missing from the manager's statement: 2028-Q3 cam: the manager pays 0.00, "
                              "the deal 1,800.00 (difference -1,800.00); tier: Collection account fee")
    assert differences[1] == ("  line 9: 2028-Q3 sales_agent: the manager pays 36,000.00, the deal 76,000.00 "
                              "(difference -40,000.00); tier: Sales expenses")
    assert len(differences) == 6  # Q3's other payees, left out by the manager


def test_a_matching_manager_statement_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "manager.csv").write_text("period,payee,amount\n2028-03-31,vltava,40000\n", encoding="utf-8")
    assert main(["statement", "projects/salt", "--to", "2028-03-31", "--compare",
                 "projects/salt/manager.csv"]) == 1  # only one payee given: the others are missing
    (project / "manager.csv").write_text(
        "period,payee,amount,tier\n" + "".join(
            f"2028-Q1,{payee},{amount},{tier}\n" for payee, amount, tier in [
                ("vltava", "40000", "Kept territories"), ("cam", "3850", "Collection account fee"),
                ("sales_agent", "77000", "Sales commission"), ("be-cca", "15207.50", "Film centre corridor"),
                ("aurora-equity", "133047.58", "Equity"), ("be-regional-fund", "86089.61", "Equity"),
                ("vltava-equity", "31305.31", "Equity")]), encoding="utf-8")
    capsys.readouterr()
    assert main(["statement", "projects/salt", "--to", "2028-03-31", "--compare",
                 "projects/salt/manager.csv"]) == 0
    assert capsys.readouterr().out.endswith("Compared with the manager's statement:\n"
                                            "  every line agrees with the deal\n")


def test_a_bad_manager_file_is_located(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "manager.csv").write_text("period,payee,amount\n2027-Q4,nobody,1.5.0\n", encoding="utf-8")
    assert main(["statement", "projects/salt", "--compare", "projects/salt/manager.csv"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("projects/salt/manager.csv:2:1: period: expected a statement period (2028-Q1 to "
                      "2028-Q3, or a period's last day), found '2027-Q4'")
    assert err[1].startswith("projects/salt/manager.csv:2:9: payee: expected a payee of the waterfall (")
    assert err[2] == ("projects/salt/manager.csv:2:16: amount: expected an amount such as 12500.50 (at "
                      "most two decimals, no thousands separators), found '1.5.0'")


def test_a_bad_ledger_is_exit_2_with_its_location(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (project / "receipts.csv").open("a", encoding="utf-8") as ledger:
        ledger.write("2028-09-01,receipt,Gaumont,FR,theatrical,abc,EUR,,,,,,INV-2\n")
    assert main(["statement", "projects/salt"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("coprod: projects/salt/receipts.csv:7:42: amount: expected an amount such as "
                            "12500 or 12500.50 (a minus sign for a refund, at most two decimals, no "
                            "thousands separators), found 'abc'\n")


def test_no_ledger_and_bad_dates_are_usage_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["statement", "projects/salt", "--to", "2028-13-01"]) == 2
    assert "--to: expected a date written YYYY-MM-DD such as 2029-06-30, found '2028-13-01'" in \
        capsys.readouterr().err
    assert main(["statement", "projects/salt", "--to", "2027-06-30"]) == 2
    assert "--to: expected a date on or after 2028-01-01" in capsys.readouterr().err
    (project / "receipts.csv").unlink()
    assert main(["statement", "projects/salt"]) == 2
    assert "expected a receipts ledger, projects/salt/receipts.csv (or receipts.yaml), found none" in \
        capsys.readouterr().err
