"""finance-plan.xlsx: formulas a producer can change, whose recomputed values are coprod's own figures."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from coprod.analysis import analyse
from coprod.rendering.documents import DEFAULT_LEVELS
from coprod.rendering.sheets.finance_plan import finance_plan_xlsx
from tests.rendering.rendering_support import EXAMPLES, example


def test_totals_shares_and_conversions_are_formulas_over_the_rate_cells() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(finance_plan_xlsx(example("the-salt-road"), DEFAULT_LEVELS)))
    plan = workbook["Finance plan"]
    assert plan["J10"].value == "=VLOOKUP(H10,Rates!$A$2:$B$3,2,FALSE)"
    assert plan["K10"].value == "=I10*J10"
    assert plan["K15"].value == "=SUM(K2:K13)"
    assert Decimal(str(workbook["Rates"]["B3"].value)) == Decimal("0.04")  # the fixed CZK rate, a cell
    assert workbook["By partner"]["B2"].value.startswith("=SUMIF(")


def test_the_same_project_gives_the_same_bytes() -> None:
    project = example("the-last-ferry")
    assert finance_plan_xlsx(project, DEFAULT_LEVELS) == finance_plan_xlsx(project, DEFAULT_LEVELS)


def _recomputed(tmp_path: Path, slug: str) -> openpyxl.Workbook:
    source = tmp_path / f"{slug}.xlsx"
    source.write_bytes(finance_plan_xlsx(example(slug), DEFAULT_LEVELS))
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return openpyxl.load_workbook(out / source.name, data_only=True)


def _close(value: object, expected: Decimal) -> bool:
    return isinstance(value, int | float) and abs(Decimal(str(value)) - expected) < Decimal("0.005")


@pytest.mark.libreoffice
@pytest.mark.parametrize("slug", EXAMPLES)
def test_libreoffice_recomputes_coprods_figures(tmp_path: Path, slug: str) -> None:
    analysis = analyse(example(slug))
    summary = analysis.finance
    workbook = _recomputed(tmp_path, slug)
    plan = workbook["Finance plan"]
    total_row = next(row for row in range(2, plan.max_row + 1) if plan.cell(row, 1).value == "Total")
    assert _close(plan.cell(total_row, 11).value, summary.total)
    assert _close(plan.cell(total_row + 2, 11).value, summary.gap)
    by_partner = {row[0]: row for row in workbook["By partner"].iter_rows(min_row=2, values_only=True)}
    for partner in summary.by_partner:
        assert _close(by_partner[partner.company][1], partner.contribution)
        assert _close(by_partner[partner.company][2], partner.computed_share / 100)
    by_status = {row[0]: row[1] for row in workbook["By status"].iter_rows(min_row=2, values_only=True)}
    for total in summary.by_status:
        assert _close(by_status[total.key], total.amount)
    spend = {row[0]: row for row in workbook["Spend by country"].iter_rows(min_row=2, values_only=True)}
    for row in analysis.spend.by_country:
        assert _close(spend[row.country][2], row.percent / 100)
        assert _close(spend[row.country][3], row.financial_share / 100)
