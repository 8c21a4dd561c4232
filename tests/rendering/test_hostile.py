"""Every text field of a project set to a hostile string prints as itself, with no extra structure.

Each text field gets its own hostile string (numbered, so each can be found); the same project with a
harmless string of the same shape in each field is the reference for the structure: the two renderings
must produce the same Markdown tokens, block by block and inline token by inline token.
"""

from __future__ import annotations

import html
import re
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from coprod.model.project import Project
from coprod.model.types import Text
from coprod.rendering.markdown import parser
from tests.rendering.rendering_support import EXAMPLES, example, render_project

HOSTILE = ("Smith & Sons <Ltd> {{ 7*7 }} {% if x %} *stars* _u_ `tick` [link](#x) \\back # hash | pipe "
           "{#label}\n- item\n1. one\n> quote مرحبا 日本語 ~~s~~ <b>bold</b> &amp;")
PLAIN = "Plain words of the same shape\nsecond line\nthird line\nfourth line"

_TEXT_VALIDATOR = typing.get_args(Text)[1].func


def _is_text(annotation: Any, metadata: list[Any] | None = None) -> bool:
    extra = list(metadata or []) + list(getattr(annotation, "__metadata__", ()))
    return any(getattr(item, "func", None) is _TEXT_VALIDATOR for item in extra)


def _replace(value: Any, make: typing.Callable[[], str]) -> Any:
    """A copy of *value* with every Text field (and Text keys and values of dicts) replaced."""
    if not isinstance(value, BaseModel):
        return value
    update: dict[str, Any] = {}
    for name, info in type(value).model_fields.items():
        current = getattr(value, name)
        if isinstance(current, str) and _is_text(info.annotation, info.metadata):
            update[name] = make()
        elif isinstance(current, dict):
            key_type, value_type = typing.get_args(info.annotation)[:2] or (None, None)
            update[name] = {(make() if _is_text(key_type) else key):
                            (make() if _is_text(value_type) else item) for key, item in current.items()}
        elif isinstance(current, list):
            update[name] = [_replace(item, make) for item in current]
        elif isinstance(current, BaseModel):
            update[name] = _replace(current, make)
    return value.model_copy(update=update)


def _projects(slug: str) -> tuple[Project, Project, list[str]]:
    hostile: list[str] = []

    def make_hostile() -> str:
        hostile.append(f"«{len(hostile)}» {HOSTILE}")
        return hostile[-1]

    counter = iter(range(10_000))
    project = example(slug)
    return (_replace(project, make_hostile), _replace(project, lambda: f"«{next(counter)}» {PLAIN}"),
            hostile)


def _structure(markdown: str) -> list[tuple[str, ...]]:
    shape: list[tuple[str, ...]] = []
    for token in parser().parse(markdown):
        shape.append((token.type, token.tag, str(token.attrGet("id"))))
        if token.type == "inline":
            shape.append(tuple(child.type for child in token.children or []))
    return shape


def _text(markdown: str) -> str:
    rendered = str(parser().render(markdown))
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.mark.parametrize("slug", EXAMPLES)
def test_hostile_text_prints_literally_and_adds_no_structure(slug: str) -> None:
    hostile_project, plain_project, values = _projects(slug)
    assert len(values) > 60  # every text field of the example, dict keys and values included
    hostile_docs = render_project(hostile_project)
    plain_docs = render_project(plain_project)
    printed: set[str] = set()
    for relpath, document in hostile_docs.items():
        markdown = document.markdown
        assert _structure(markdown) == _structure(plain_docs[relpath].markdown), relpath
        text = _text(markdown)
        for value in values:
            marker = value.split(" ", 1)[0] + " "
            if marker not in text:
                continue
            # In a paragraph the line breaks stay; a table cell or a heading is one line.
            assert value in text or value.replace("\n", " ") in text, (relpath, marker)
            printed.add(value)
        for syntax in ("{{ 7", "{% if"):
            assert syntax not in markdown.replace("\\{\\{ 7", "").replace("\\{% if", ""), relpath
    # The fields the documents print: company names, addresses, titles, sources, items, terms...
    assert len(printed) > 40
