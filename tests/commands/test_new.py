"""``coprod new SLUG`` writes a commented project file that passes ``coprod check`` as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coprod.cli import main
from coprod.commands.new import starter
from coprod.loading import load_project


def test_new_writes_a_file_that_passes_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "the-long-winter"]) == 0
    assert capsys.readouterr().out == ("wrote projects/the-long-winter/project.yaml: fill it in, then run "
                                       "'coprod check projects/the-long-winter'\n")
    assert main(["check", "projects/the-long-winter"]) == 0
    loaded = load_project(tmp_path / "projects" / "the-long-winter" / "project.yaml")
    assert loaded.project.film.title == "The Long Winter"
    assert loaded.project.draft.date == dt.date.today()


def test_the_starter_shows_every_section_with_comments() -> None:
    text = starter("x", dt.date(2027, 1, 4))
    from coprod.model import Project

    for section in Project.model_fields:
        assert f"\n{section}:" in text, section
    assert text.count("#") > 40
    assert "date: 2027-01-04" in text


def test_new_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "projects" / "taken"
    folder.mkdir(parents=True)
    (folder / "project.yaml").write_text("mine\n", encoding="utf-8")
    assert main(["new", "taken"]) == 2
    assert capsys.readouterr().err == ("coprod: projects/taken/project.yaml: the project already exists; "
                                       "coprod new never overwrites a file (choose another SLUG or edit "
                                       "that file)\n")
    assert (folder / "project.yaml").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("slug", ["The_Film", "film-", "../escape", "a/b", "", "é"])
def test_new_refuses_a_bad_slug(slug: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", slug]) == 2
    assert capsys.readouterr().err == (f"coprod: expected a SLUG of lower-case letters, digits and hyphens "
                                       f"such as the-salt-road, found {slug!r}\n")
    assert not (tmp_path / "projects").exists()


def test_the_new_file_checks_without_errors_or_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from coprod.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["new", "clean-start"]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", "projects/clean-start"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_new_outside_the_repository_points_editors_at_a_schema_that_exists(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from coprod.model.schema import project_schema

    monkeypatch.chdir(tmp_path)  # no docs/ here: a producer's own folder
    assert main(["new", "first-film"]) == 0
    project = tmp_path / "projects" / "first-film" / "project.yaml"
    hint = project.read_text("utf-8").splitlines()[0]
    target = hint.removeprefix("# yaml-language-server: $schema=")
    assert target != hint
    schema = (project.parent / target).resolve()
    assert schema == tmp_path / "projects" / "project.schema.json"
    assert json.loads(schema.read_text("utf-8")) == project_schema()
    schema.write_text("{}", encoding="utf-8")  # stale (an older coprod): the next `new` brings it up to date
    assert main(["new", "second-film"]) == 0
    assert json.loads(schema.read_text("utf-8")) == project_schema()
    assert sorted(path.name for path in (tmp_path / "projects").iterdir()) == [
        "first-film", "project.schema.json", "second-film"]
