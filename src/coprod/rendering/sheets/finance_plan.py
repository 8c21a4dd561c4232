"""finance-plan.xlsx: the finance plan a producer can change and see recompute.

Exchange rates are cells; every converted amount, total, share and difference is a formula over them, so
changing a rate or an amount recomputes the workbook. The values coprod computes (the readiness report's
tables) are what LibreOffice or Excel compute from these formulas; a test recomputes them to prove it.
The waterfall scenarios are coprod's engine's results (a waterfall is not a spreadsheet formula).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from coprod.analysis.waterfall import scenarios
from coprod.model.project import Project
from coprod.rendering.sheets.package import workbook_bytes
from coprod.rendering.view.deal import payee_name

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
MONEY = "#,##0.00"
SHARE = "0.00%"
PLAN = "'Finance plan'"


def _header(sheet: Worksheet, cells: Sequence[str], row: int = 1) -> None:
    for column, text in enumerate(cells, start=1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = f"A{row + 1}"  # a string: asking for the cell would create an empty row


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def _rates(workbook: Workbook, project: Project) -> int:
    sheet = workbook.create_sheet("Rates")
    base = project.structure.currency
    _header(sheet, ("Currency", f"{base} for one unit"))
    sheet.append([base, 1])
    for currency, rate in sorted(project.structure.exchange_rates.items()):
        sheet.append([currency, rate])
    _widths(sheet, (12, 18))
    last: int = sheet.max_row
    return last


def _plan(workbook: Workbook, project: Project, rates_last: int) -> tuple[int, int]:
    """The plan, one line a row; returns its last line's row and the total's row."""
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Finance plan"
    base = project.structure.currency
    _header(sheet, ("Id", "Partner", "Partner country", "Territory", "Type", "Source", "Status", "Currency",
                    "Amount", "Rate", f"Amount in {base}", "Share of the plan", "Recoupable", "Premium %"))
    companies = {p.id: p for p in project.partners}
    first = 2
    last = first + len(project.financing) - 1
    total_row = last + 2
    for row, line in enumerate(project.financing, start=first):
        partner = companies[line.partner]
        sheet.append([line.id, partner.company, partner.country, line.territory, line.type.value, line.source,
                      line.status.value, line.currency or base, line.amount,
                      f"=VLOOKUP(H{row},Rates!$A$2:$B${rates_last},2,FALSE)", f"=I{row}*J{row}",
                      f"=K{row}/$K${total_row}", "yes" if line.recoupable else "no", line.premium])
        sheet[f"I{row}"].number_format = MONEY
        sheet[f"K{row}"].number_format = MONEY
        sheet[f"L{row}"].number_format = SHARE
    sheet.cell(row=total_row, column=1, value="Total").font = Font(bold=True)
    sheet.cell(row=total_row, column=11, value=f"=SUM(K{first}:K{last})").number_format = MONEY
    sheet.cell(row=total_row, column=12, value=f"=SUM(L{first}:L{last})").number_format = SHARE
    sheet.cell(row=total_row + 1, column=1, value="Budget")
    sheet.cell(row=total_row + 1, column=11, value=project.budget.total).number_format = MONEY
    sheet.cell(row=total_row + 2, column=1, value="Gap (budget less plan)")
    sheet.cell(row=total_row + 2, column=11, value=f"=K{total_row + 1}-K{total_row}").number_format = MONEY
    sheet.auto_filter.ref = f"A1:N{last}"
    _widths(sheet, (18, 26, 8, 10, 18, 40, 11, 9, 16, 10, 18, 12, 11, 10))
    return last, total_row


def _grouped(workbook: Workbook, title: str, key_column: str, keys: Sequence[str], last: int,
             total_row: int, declared: dict[str, Decimal] | None = None) -> None:
    sheet = workbook.create_sheet(title)
    _header(sheet, (title.removeprefix("By ").capitalize(), "Amount", "Share of the plan",
                    *(("Declared share",) if declared is not None else ())))
    for row, key in enumerate(keys, start=2):
        keys_range = f"{PLAN}!${key_column}$2:${key_column}${last}"
        sheet.append([key, f"=SUMIF({keys_range},A{row},{PLAN}!$K$2:$K${last})",
                      f"=B{row}/{PLAN}!$K${total_row}",
                      *((declared[key] / 100,) if declared is not None else ())])
        sheet[f"B{row}"].number_format = MONEY
        sheet[f"C{row}"].number_format = SHARE
        if declared is not None:
            sheet[f"D{row}"].number_format = SHARE
    end = len(keys) + 1
    sheet.append(["Total", f"=SUM(B2:B{end})", f"=SUM(C2:C{end})"])
    sheet[f"B{end + 1}"].number_format = MONEY
    sheet[f"C{end + 1}"].number_format = SHARE
    _widths(sheet, (30, 18, 16, 14))


def _spend(workbook: Workbook, project: Project, last: int, total_row: int) -> None:
    sheet = workbook.create_sheet("Spend by country")
    _header(sheet, ("Country", "Planned spend", "Share of the budget", "Financial share", "Difference"))
    budget_row = len(project.budget.spend_by_country) + 2
    for row, (country, amount) in enumerate(project.budget.spend_by_country.items(), start=2):
        sheet.append([country, amount, f"=B{row}/$B${budget_row}",
                      f"=SUMIF({PLAN}!$C$2:$C${last},A{row},{PLAN}!$K$2:$K${last})/{PLAN}!$K${total_row}",
                      f"=C{row}-D{row}"])
        sheet[f"B{row}"].number_format = MONEY
        for column in "CDE":
            sheet[f"{column}{row}"].number_format = SHARE
    sheet.append(["Total", f"=SUM(B2:B{budget_row - 1})"])
    sheet[f"B{budget_row}"].number_format = MONEY
    _widths(sheet, (12, 18, 18, 16, 12))


def _scenarios(workbook: Workbook, project: Project, levels: Sequence[Decimal]) -> None:
    sheet = workbook.create_sheet("Scenarios")
    budget = project.budget.total
    receipts = [(budget * level / 100).quantize(Decimal("0.01")) for level in levels]
    results = scenarios(project, receipts)
    sheet.append(["Receipts, per cent of the budget", *(level / 100 for level in levels)])
    sheet.append(["Receipts", *receipts])
    _header(sheet, ("Payee",), row=3)
    payees: list[str] = []
    for result in results:
        for payment in result.payments:
            if payment.payee not in payees:
                payees.append(payment.payee)
    for payee in payees:
        sheet.append([payee_name(project, payee), *(result.paid_to(payee) for result in results)])
    end = sheet.max_row
    columns = [chr(ord("B") + index) for index in range(len(levels))]
    sheet.append(["Total", *(f"=SUM({column}4:{column}{end})" for column in columns)])
    for column in columns:
        sheet[f"{column}1"].number_format = "0%"
        for row in range(2, end + 2):
            sheet[f"{column}{row}"].number_format = MONEY
    note = ("Payments are coprod's waterfall engine's results at each level of receipts; change the project "
            "file to change them.")
    sheet.cell(row=end + 3, column=1, value=note)
    _widths(sheet, (34, *(16 for _ in levels)))


def finance_plan_xlsx(project: Project, levels: Sequence[Decimal]) -> bytes:
    """The finance plan workbook of *project*; *levels*: the scenarios' receipts, per cent of the budget."""
    workbook = Workbook()
    rates_last = _rates(workbook, project)
    last, total_row = _plan(workbook, project, rates_last)
    partners = [p.company for p in project.partners]
    declared = {p.company: p.share for p in project.partners}
    _grouped(workbook, "By partner", "B", partners, last, total_row, declared)
    _grouped(workbook, "By territory", "D", list(dict.fromkeys(x.territory for x in project.financing)), last,
             total_row)
    _grouped(workbook, "By type", "E", list(dict.fromkeys(x.type.value for x in project.financing)), last,
             total_row)
    _grouped(workbook, "By status", "G", list(dict.fromkeys(x.status.value for x in project.financing)), last,
             total_row)
    _spend(workbook, project, last, total_row)
    _scenarios(workbook, project, levels)
    return workbook_bytes(workbook, project.draft.date)
