"""Read a rendered checklist's task table back into rows, as a producer reads it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tests.rendering.rendering_support import rendered

HEADER = "| \\# | Due | Task | Owner | Evidence | Status | Depends on | Source |"


@dataclass(frozen=True)
class Row:
    """One task row of a checklist."""

    number: int
    due: str
    task: str
    owner: str
    evidence: str
    status: str
    depends_on: str
    source: str

    @property
    def day(self) -> dt.date | None:
        """The due date, when the row has one."""
        match = re.match(r"(\d{1,2} \w+ \d{4})", self.due)
        return dt.datetime.strptime(match.group(1), "%d %B %Y").date() if match else None


def _cells(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in cells]


def rows_of(markdown: str) -> list[Row]:
    """The task rows of a checklist's Markdown (the table after its header and rule lines)."""
    lines = markdown.splitlines()
    start = lines.index(HEADER)
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        number, *rest = _cells(line)
        rows.append(Row(int(number), *rest))
    return rows


def checklist(slug: str, partner: str) -> list[Row]:
    """The rows of *partner*'s checklist in the example *slug*."""
    return rows_of(rendered(slug)[f"checklists/{partner}.md"].markdown)


def row(rows: list[Row], words: str) -> Row:
    """The one row whose task contains *words*."""
    found = [r for r in rows if words in r.task]
    assert len(found) == 1, f"{len(found)} rows with {words!r}"
    return found[0]
