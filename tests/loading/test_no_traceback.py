"""Property: whatever value a file holds in any place, loading ends in a project or in located problems."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.errors import InputError
from coprod.loading.project import validate_tree
from coprod.loading.yaml_source import YamlTree, read_tree
from coprod.location import FieldPath
from coprod.model.types import YamlFloat

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "projects" / "the-listening-station" / "project.yaml"
TREE = read_tree(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE)
PATHS = sorted(TREE.values, key=str)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: YamlFloat(str(d))),
    st.sampled_from(["all", "fee", "split", "FR", "EUR", "fr", "2027-02-30", "aurora", "rest_of_world"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def _replace(data: Any, path: FieldPath, value: object) -> Any:
    if not path:
        return value
    changed = copy.deepcopy(data)
    node = changed
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return changed


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=3))
def test_any_value_anywhere_gives_a_project_or_located_problems(
        changes: list[tuple[FieldPath, object]]) -> None:
    data: Any = TREE.data
    for path, value in changes:
        try:
            data = _replace(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    try:
        validate_tree(YamlTree(data, TREE.values, TREE.keys), EXAMPLE)
    except InputError as error:
        for problem in error.problems:
            assert problem.location.line >= 1 and problem.location.column >= 1
            assert problem.message.startswith("expected "), problem.message
            assert ", found " in problem.message, problem.message
