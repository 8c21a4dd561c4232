"""The readiness report's timeline section and its Gantt chart, as built."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coprod.analysis import analyse
from coprod.rendering.timeline_chart import gantt
from tests.rendering.rendering_support import ROOT, example, render_project, rendered


def _section(markdown: str) -> str:
    start = markdown.index("## Timeline {#timeline}")
    return markdown[start:markdown.index("\n## ", start + 1)]


def test_the_timeline_gives_key_dates_and_both_critical_paths() -> None:
    section = _section(rendered("the-salt-road")["readiness.md"].markdown)
    assert "| Close of financing | 5 April 2027 | 28 days before principal photography |" in section
    assert "| Principal photography starts | 3 May 2027 | Project timeline |" in section
    assert "![Timeline: the project's milestones" in section and "(readiness-timeline.svg)" in section
    to_shoot, to_delivery = section.split("The critical path to principal photography")[1].split(
        "The critical path to delivery")
    assert "| 26 February 2027 | File the application for official co-production status" in to_shoot
    assert to_shoot.rstrip().endswith("| 3 May 2027 | Start principal photography. | Delegate producer, "
                                      "Aurora Film S.r.l. | Aurora Film S.r.l. \\#21 | Open | — |")
    assert "| 3 May 2027 | Start principal photography. |" in to_delivery
    assert "Deliver the Film to the sales agent." in to_delivery.splitlines()[-1]
    assert "Nothing is late or due within 30 days." in section


def test_late_and_soon_due_tasks_are_listed_as_of_the_draft_date() -> None:
    project = example("the-salt-road")
    draft = project.draft.model_copy(update={"date": dt.date(2027, 3, 15)})
    later = project.model_copy(update={"draft": draft})
    section = _section(render_project(later)["readiness.md"].markdown)
    watch = section.split("Late, or due within 30 days:")[1].split("The critical path")[0]
    assert "| 26 February 2027 | Sign the Co-production Agreement. | Thomas Wouters, Gérant (Nord Lumière " \
        "SRL) | Nord Lumière SRL \\#2 | Open, late |" in watch
    assert "| 5 April 2027 | Close the financing" in watch and "Open, due soon |" in watch
    assert "| 10 March 2027 | File: Eurimages application. |" in watch


def test_the_chart_is_the_same_bytes_from_the_same_project_and_changes_with_it() -> None:
    project = example("the-salt-road")
    schedule = analyse(project).schedule
    first, second = gantt(project, schedule), gantt(project, schedule)
    assert first.svg == second.svg and first.png == second.png
    assert first.svg.startswith(b"<?xml")
    draft = project.draft.model_copy(update={"date": dt.date(2027, 1, 5)})
    moved = project.model_copy(update={"draft": draft})
    assert gantt(moved, analyse(moved).schedule).svg != first.svg


def test_a_build_writes_the_chart_beside_the_report_and_rebuilds_nothing_the_second_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coprod.cli import main

    out = tmp_path / "build"
    assert main(["build", "--out", str(out), "--format", "md", str(ROOT / "projects" / "the-salt-road")]) == 0
    chart = out / "the-salt-road" / "readiness-timeline.svg"
    first = chart.read_bytes()
    assert first.startswith(b"<?xml")
    capsys.readouterr()
    assert main(["build", "--out", str(out), "--format", "md", str(ROOT / "projects" / "the-salt-road")]) == 0
    assert "built 0 files in 0 projects; 12 up to date" in capsys.readouterr().out
    assert chart.read_bytes() == first
