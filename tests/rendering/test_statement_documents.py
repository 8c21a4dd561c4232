"""Statement documents in a build: per period and per beneficiary, a CSV, and only what changed rebuilt."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from coprod.cli import main
from tests.commands.test_statement import salt_road_with_ledger


@pytest.fixture
def slate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    salt_road_with_ledger(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _stamps(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns for path in sorted(folder.rglob("*"))
            if path.is_file()}


def test_a_build_writes_every_statement_and_rebuilds_only_changed_periods(slate: Path) -> None:
    assert main(["build", "--quiet"]) == 0
    statements = slate / "build" / "salt" / "statements"
    names = sorted(str(path.relative_to(statements)) for path in statements.rglob("*.md"))
    assert names == ["2028-Q1.md", "2028-Q2.md", "2028-Q3.md", "beneficiaries/aurora-equity.md",
                     "beneficiaries/be-cca.md", "beneficiaries/be-regional-fund.md", "beneficiaries/cam.md",
                     "beneficiaries/sales_agent.md", "beneficiaries/vltava-equity.md",
                     "beneficiaries/vltava.md"]
    assert (statements / "2028-Q1.docx").is_file()
    before = _stamps(slate / "build" / "salt")
    with (slate / "projects" / "salt" / "receipts.csv").open("a", encoding="utf-8") as ledger:
        ledger.write("2028-11-02,receipt,Netflix,US,svod,50000,USD,,,0.9,,,N-2\n")
    assert main(["build", "--quiet"]) == 0
    after = _stamps(slate / "build" / "salt")
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert "statements/2028-Q4.md" in changed and "statements/statements.csv" in changed
    assert not [name for name in changed if name.startswith(("statements/2028-Q1", "statements/2028-Q2",
                                                              "statements/2028-Q3"))]
    assert not [name for name in changed if not name.startswith("statements/") and name != "README.md"]


def test_the_statement_says_what_is_carried_forward(slate: Path) -> None:
    assert main(["build", "--quiet", "--format", "md"]) == 0
    text = (slate / "build" / "salt" / "statements" / "2028-Q2.md").read_text(encoding="utf-8")
    assert "# Collection Account Statement 2028-Q2\n" in text
    assert "| Sales expenses | Meridian Sales Ltd | 40,000.00 | 0.00 | 0.00 | 40,000.00 | 0.00 |" in text
    assert ("Sales expenses: Meridian Sales Ltd is owed EUR 40,000.00 more than it has been paid; the "
            "shortfall is carried forward and paid from later receipts before anything below this "
            "tier.") in text
    rows = list(csv.DictReader(io.StringIO((slate / "build" / "salt" / "statements" / "statements.csv")
                                           .read_text(encoding="utf-8"))))
    q3 = [row for row in rows if row["period"] == "2028-Q3"]
    assert sum(float(row["paid"]) for row in q3) == pytest.approx(200500.00)
    expense = next(row for row in q3 if row["tier"] == "Sales expenses")
    assert (expense["paid"], expense["carried"]) == ("40000.00", "0.00")


def test_a_bad_ledger_fails_the_project_and_writes_nothing(slate: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    with (slate / "projects" / "salt" / "receipts.csv").open("a", encoding="utf-8") as ledger:
        ledger.write("2028-11-02,receipt,Netflix,US,svod,lots,USD,,,0.9,,,N-2\n")
    assert main(["build", "--quiet"]) == 1
    assert not (slate / "build" / "salt" / "statements").exists()
    assert "receipts.csv:7:36: amount: expected an amount" in capsys.readouterr().err
