"""``coprod schema`` describes every example project, rejects broken ones, and the docs are in sync."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from coprod.cli import main
from coprod.loading.yaml_source import read_tree
from coprod.model.reference import reference_markdown

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "projects").glob("*/project.yaml"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from coprod.model.schema import project_schema

    return project_schema()


def _data(path: Path) -> object:
    return read_tree(path.read_text(encoding="utf-8"), path).data


def test_there_are_three_examples() -> None:
    assert [p.parent.name for p in EXAMPLES] == ["the-last-ferry", "the-listening-station", "the-salt-road"]


def test_the_command_prints_a_valid_draft_2020_12_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_every_example_validates_against_the_schema(example: Path, schema: dict[str, Any]) -> None:
    errors = [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(_data(example))]
    assert errors == []


@pytest.mark.parametrize(("old", "new", "complaint"), [
    ("    country: BE\n", "    country: Belgium\n", "'Belgium' does not match '^[A-Z]{2}$'"),
    ("  total: \"3800000\"\n", "  total: 3800000.5\n", "is not valid under any of the given schemas"),
    ("  logline: >-\n", "  logine: >-\n", "Additional properties are not allowed ('logine' was unexpected)"),
    ("    final_cut: [aurora]\n", "    final_cut: [Aurora]\n", "is not valid under any of the given schemas"),
])
def test_the_schema_rejects_what_the_loader_rejects(old: str, new: str, complaint: str,
                                                    schema: dict[str, Any]) -> None:
    path = ROOT / "projects" / "the-salt-road" / "project.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    data = read_tree(text.replace(old, new), path).data
    messages = [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert any(complaint in message for message in messages), messages


def test_the_checked_in_schema_is_the_generated_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert (ROOT / "docs" / "project.schema.json").read_text(encoding="utf-8") == capsys.readouterr().out


def test_the_reference_page_is_the_generated_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--markdown"]) == 0
    printed = capsys.readouterr().out
    assert printed == reference_markdown()
    assert (ROOT / "docs" / "project-file.md").read_text(encoding="utf-8") == printed, (
        "docs/project-file.md is stale: run `coprod schema --markdown > docs/project-file.md`")


def test_the_reference_page_documents_every_field() -> None:
    from pydantic import BaseModel

    from coprod.model.reference import _models

    page = reference_markdown()
    models: list[type[BaseModel]] = [model for model, _ in _models()]
    assert len(models) >= 25
    for model in models:
        assert f"### {model.__name__}\n" in page
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
            assert f"| `{name}` |" in page


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_every_example_points_editors_at_the_schema(example: Path) -> None:
    first = example.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=../../docs/project.schema.json"
    assert (example.parent / "../../docs/project.schema.json").resolve().is_file()
