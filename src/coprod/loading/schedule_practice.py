"""Read the schedule's practice data, shipped beside `coprod.analysis.schedule` as ``practice.yaml``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from coprod.analysis.schedule.practice import SchedulePractice
from coprod.errors import InputError, Problem
from coprod.loading.yaml_source import read_tree
from coprod.location import SourceMap


def parse_practice(text: str, file: Path) -> SchedulePractice:
    """Validate *text* read from *file*; InputError names the file, line, column and field of each problem."""
    tree = read_tree(text, file)
    values, keys = SourceMap(file, tree.values), SourceMap(file, tree.keys)
    try:
        return SchedulePractice.model_validate(tree.data)
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            path = tuple(detail["loc"])
            where = keys if detail["type"] == "extra_forbidden" else values
            problems.append(Problem(where.locate(path), f"expected a valid value ({detail['msg']})"))
        raise InputError(problems) from None


@cache
def schedule_practice() -> SchedulePractice:
    """The built-in schedule practice data (read once per process)."""
    item = resources.files("coprod").joinpath("analysis", "schedule", "practice.yaml")
    return parse_practice(item.read_text(encoding="utf-8"), Path(str(item)))
