"""The JSON Schema of the project file, generated from the model so the two cannot drift."""

from __future__ import annotations

from typing import Any

from coprod import __version__
from coprod.model.project import Project

SCHEMA_ID = "https://coprod.example/schema/project-1.json"


def project_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a version-1 project file."""
    schema = Project.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "coprod project file",
        "description": f"A film co-production deal, as read by coprod {__version__}.",
        **{key: value for key, value in schema.items() if key != "title"},
    }
