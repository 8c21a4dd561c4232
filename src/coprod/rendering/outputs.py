"""Outputs that are files, not Markdown documents.

The readiness report's chart, the producer's tracker and calendar, the finance plan workbook. Each is
deterministic bytes (the pipeline's file outputs).
"""

from __future__ import annotations

from dataclasses import dataclass

from coprod.analysis.run import Analysis
from coprod.model.project import Project
from coprod.rendering.timeline_chart import gantt
from coprod.rendering.view.timeline import CHART


@dataclass(frozen=True, slots=True)
class FileOutput:
    """One file of a project's build folder."""

    relpath: str
    kind: str
    title: str
    data: bytes


def file_outputs(project: Project, analysis: Analysis) -> tuple[FileOutput, ...]:
    """Every file output of *project*."""
    title = project.film.title
    return (FileOutput(CHART, "chart", f"{title} — Timeline", gantt(project, analysis.schedule).svg),)
