"""docs/timeline.md states the practice numbers the code applies; this holds them to the data."""

from __future__ import annotations

from decimal import Decimal

from coprod.loading.schedule_practice import schedule_practice
from coprod.rendering.calendar import ALARM_DAYS
from tests.analysis.analysis_support import ROOT

DOC = (ROOT / "docs" / "timeline.md").read_text(encoding="utf-8")
WORDS = {7: "seven"}


def test_the_escalation_the_doc_describes_is_the_data() -> None:
    first, second, last = schedule_practice().finance_escalation
    assert (first.unconfirmed_above, second.unconfirmed_above) == (Decimal(0), Decimal(50))
    assert last.within_days_of_shoot is None
    assert (f"by default any unsecured money within {first.within_days_of_shoot} days of the\nshoot, or more "
            f"than half the plan within {second.within_days_of_shoot} days, is an error") in DOC


def test_the_reminder_the_doc_describes_is_the_calendar_s() -> None:
    assert f"with a reminder {WORDS[ALARM_DAYS]} days before" in DOC
