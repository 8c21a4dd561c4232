"""`load_project`: a valid example comes back with its slug, text and the positions of its values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from coprod.errors import InputError
from coprod.loading import load_project
from coprod.loading.project import load_text

ROOT = Path(__file__).resolve().parents[2]


def test_an_example_loads_with_its_slug_text_and_source_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = ROOT / "projects" / "the-last-ferry" / "project.yaml"
    loaded = load_project(path)
    assert (loaded.path, loaded.slug) == (path, "the-last-ferry")
    assert loaded.text == path.read_text(encoding="utf-8")
    assert loaded.source_map.file == Path("projects/the-last-ferry/project.yaml")
    line, column = loaded.source_map.positions[("partners", 1, "country")]
    assert loaded.text.split("\n")[line - 1][column - 1:] == "FR"
    assert str(loaded.source_map.locate(("partners", 1, "country"))) == (
        f"projects/the-last-ferry/project.yaml:{line}:{column}")


def test_the_fixed_rate_converts_foreign_money_exactly() -> None:
    project = load_project(ROOT / "projects" / "the-last-ferry" / "project.yaml").project
    french = [project.in_base(line).amount for line in project.financing if line.partner == "maree-haute"]
    assert sum(french, Decimal(0)) == Decimal("2400000")
    assert project.budget.total == Decimal("6000000")


def test_percentages_written_as_decimals_stay_exact() -> None:
    project = load_project(ROOT / "projects" / "the-listening-station" / "project.yaml").project
    assert project.recoupment.waterfall[0].percent == Decimal("1.5")  # type: ignore[union-attr]


def test_a_series_needs_episodes_and_only_a_series_has_them() -> None:
    text = (ROOT / "tests" / "loading" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_text(text.replace("  format: fiction\n", "  format: series\n"), Path("p.yaml"))
    assert str(caught.value) == "p.yaml:4:3: film: expected episodes for a series, found none"
    with pytest.raises(InputError) as caught:
        load_text(text.replace("  format: fiction\n", "  format: fiction\n  episodes: 6\n"), Path("p.yaml"))
    assert str(caught.value) == ("p.yaml:6:13: film.episodes: expected episodes only for a series, found "
                                 "them for a fiction")
