"""Collection account statements from a dated receipts ledger (see docs/statements.md).

Public interface: `run_statements(project, ledger, period=, to=) -> Statements` and the value types in
`results`. Built on the lump-sum waterfall's public functions only: each period is the engine at
receipts and costs to date, less what earlier periods paid, with shortfalls carried forward.
"""

from coprod.analysis.statements.engine import first_day, run_statements
from coprod.analysis.statements.results import (
    LineKey,
    LineStatement,
    PeriodStatement,
    Position,
    ReceiptGroup,
    Statements,
)

__all__ = ["LineKey", "LineStatement", "PeriodStatement", "Position", "ReceiptGroup", "Statements",
           "first_day", "run_statements"]
