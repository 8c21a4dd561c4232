"""Property: any project the model accepts survives a dump to YAML and a reload, unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from coprod.loading.dumping import dump_yaml
from coprod.loading.yaml_source import read_tree, resolve_plain
from coprod.model import Project

from .strategies import projects, text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(projects)
def test_a_valid_project_survives_dump_and_reload(data: dict[str, Any]) -> None:
    project = Project.model_validate(data)
    text_once = dump_yaml(project.model_dump(mode="json"))
    reloaded = Project.model_validate(read_tree(text_once, Path("dumped.yaml")).data)
    assert reloaded == project
    assert dump_yaml(reloaded.model_dump(mode="json")) == text_once


@given(text | text.map(lambda s: s.replace(s[0], "0o1")) | text.map(lambda s: s + "e3"))
def test_any_text_survives_dump_and_reload(value: str) -> None:
    assert read_tree(dump_yaml({"k": value}), Path("t.yaml")).data == {"k": value}


def test_strings_that_yaml_1_2_reads_as_numbers_are_quoted() -> None:
    assert dump_yaml({"a": "0o17", "b": "1e3", "c": "yes", "d": "NO"}) == (
        "a: \"0o17\"\nb: \"1e3\"\nc: 'yes'\nd: 'NO'\n")
    assert resolve_plain("0o17") == 15
