"""The YAML reader: YAML 1.2 core-schema values, and the position of every key and value."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from coprod.errors import InputError
from coprod.loading.yaml_source import YamlTree, parse_yaml, read_tree, resolve_plain
from coprod.model.types import BasedInt, YamlFloat

FILE = Path("p.yaml")


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("False", False), ("TRUE", True),
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("NO", "NO"), ("y", "y"),
    ("null", None), ("~", None), ("", None), ("Null", None),
    ("12", 12), ("-3", -3), ("+7", 7), ("0o17", 15), ("0x1F", 31), ("007", 7),
    ("2026-11-20", "2026-11-20"), ("12:30:00", "12:30:00"), ("1_000", "1_000"), ("0b101", "0b101"),
])
def test_plain_scalars_resolve_with_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    resolved = resolve_plain(text)
    assert resolved == value
    # hexadecimal and octal numbers remember how they were written (amounts refuse them, by name)
    assert type(resolved) is (BasedInt if text[:2] in ("0o", "0x") else type(value))


@pytest.mark.parametrize("text", ["2.5", "0.0400", "-1.", ".5", "+12.50"])
def test_plain_decimals_stay_exact(text: str) -> None:
    resolved = resolve_plain(text)
    assert isinstance(resolved, YamlFloat)
    assert resolved == Decimal(text)


@pytest.mark.parametrize(("text", "shown"), [("1e3", "1e3"), (".inf", ".inf"), ("-.Inf", "-.Inf"),
                                             (".NaN", ".NaN"), ("2.5E-1", "2.5E-1")])
def test_floats_that_cannot_be_exact_stay_floats_that_remember_their_text(text: str, shown: str) -> None:
    resolved = resolve_plain(text)
    assert isinstance(resolved, float)
    assert repr(resolved) == shown


def test_quoted_scalars_are_always_text() -> None:
    data, _ = parse_yaml("a: '12'\nb: \"true\"\nc: !!str 2.5\nd: |\n  x\n", FILE)
    assert data == {"a": "12", "b": "true", "c": "2.5", "d": "x\n"}


def test_every_value_and_key_has_its_position() -> None:
    text = "film:\n  title: Tide\n  languages: [fr, en]\npartners:\n  - id: a\n    share: 70\n"
    tree = read_tree(text, FILE)
    assert tree.values == {
        (): (1, 1),
        ("film",): (2, 3), ("film", "title"): (2, 10),
        ("film", "languages"): (3, 14), ("film", "languages", 0): (3, 15), ("film", "languages", 1): (3, 19),
        ("partners",): (5, 3), ("partners", 0): (5, 5), ("partners", 0, "id"): (5, 9),
        ("partners", 0, "share"): (6, 12),
    }
    assert tree.keys == {
        ("film",): (1, 1), ("film", "title"): (2, 3), ("film", "languages"): (3, 3),
        ("partners",): (4, 1), ("partners", 0, "id"): (5, 5), ("partners", 0, "share"): (6, 5),
    }


def test_columns_count_characters_not_bytes() -> None:
    tree = read_tree("é: ça\nü: [ö, ß]\n", FILE)
    assert tree.values[("é",)] == (1, 4)
    assert tree.values[("ü", 1)] == (2, 8)


def test_parse_yaml_returns_the_data_and_the_value_positions() -> None:
    data, positions = parse_yaml("a: 1\n", FILE)
    assert (data, positions) == ({"a": 1}, {(): (1, 1), ("a",): (1, 4)})


def test_an_empty_file_is_no_data() -> None:
    assert read_tree("# only a comment\n", FILE) == YamlTree(None, {}, {})


def test_every_structural_problem_is_reported_in_one_pass() -> None:
    with pytest.raises(InputError) as caught:
        read_tree("a: 1\na: 2\nb: &x 1\nc: *x\ntrue: 3\n", FILE)
    assert [str(problem) for problem in caught.value.problems] == [
        "p.yaml:2:1: a: expected each key once in a mapping, found 'a' again (first at line 1, column 1)",
        "p.yaml:3:4: b: expected a value, found the anchor '&x': anchors and aliases are not supported "
        "(write the value out in full)",
        "p.yaml:4:4: c: expected a value, found the alias '*x': anchors and aliases are not supported "
        "(write the value out in full)",
        "p.yaml:5:1: expected a text key, found the boolean true as a key (put it in quotes)",
    ]


def test_the_pure_python_parser_gives_the_same_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from coprod.loading import yaml_source

    root = Path(__file__).resolve().parents[2]
    texts = [path.read_text(encoding="utf-8") for path in sorted(root.glob("projects/*/project.yaml"))]
    fast = [read_tree(text, FILE) for text in texts]
    monkeypatch.setattr(yaml_source, "_FAST_LOADER", yaml.SafeLoader)
    assert [read_tree(text, FILE) for text in texts] == fast
