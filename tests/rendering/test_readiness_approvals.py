"""The readiness report tells the producer which consents and discretionary approvals the deal needs."""

from __future__ import annotations

from tests.analysis.analysis_support import project
from tests.rendering.rendering_support import render_project


def test_a_points_shortfall_puts_the_discretionary_approval_and_what_it_needs_in_the_report() -> None:
    fifteen_points = project(
        "the-salt-road", ("name: Sara Villa, nationality: IT", "name: Sara Villa, nationality: US"),
        ("name: Pieter Claes, nationality: BE", "name: Pieter Claes, nationality: US"),
        ("name: Eva Králová, nationality: CZ", "name: Eva Králová, nationality: US"))
    text = render_project(fifteen_points)["readiness.md"].markdown
    assert ("no eligibility rule fails: the film qualifies subject to the authorities' discretionary "
            "approval, as set out in [What the authorities must approve](#approvals).") in text
    section = text.split("## What the authorities must approve {#approvals}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| Discretionary approval |")]
    assert rows == [
        "| Discretionary approval | Appendix II points (live action) | The film scores 15 of 21 points, "
        "below the 16 needed (held outside the parties: cast 1 (US) 0/3; cast 2 (US) 0/2; sound (US) 0/1) "
        "(CETS 220, rule ECC17-10). | The competent authorities may still approve a lower score after "
        "consulting each other: apply to each of them with the points table and explain why the story needs "
        "the elements from outside the parties. |"]


def test_a_deal_that_needs_no_approval_has_no_such_section() -> None:
    text = render_project(project("the-salt-road"))["readiness.md"].markdown
    assert "{#approvals}" not in text
    assert "the film qualifies subject" not in text
