"""Which project files a command works on."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.errors import UsageError
from coprod.loading.discover import find_projects


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for slug in ("b-film", "a-film"):
        (tmp_path / "projects" / slug).mkdir(parents=True)
        (tmp_path / "projects" / slug / "project.yaml").write_text("coprod: 1\n", encoding="utf-8")
    (tmp_path / "projects" / "notes").mkdir()
    return tmp_path


def test_no_arguments_means_every_project_sorted(root: Path) -> None:
    assert find_projects([], root) == [root / "projects" / "a-film" / "project.yaml",
                                       root / "projects" / "b-film" / "project.yaml"]


def test_a_folder_or_its_file_names_a_project_once(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    assert find_projects(["projects/b-film", "projects/b-film/project.yaml", "projects/a-film"], root) == [
        Path("projects/b-film/project.yaml"), Path("projects/a-film/project.yaml")]


@pytest.mark.parametrize(("argument", "message"), [
    ("projects/none", "projects/none: expected a project folder or its project.yaml, found nothing there"),
    ("projects/notes", "projects/notes: expected a project folder holding project.yaml, found none"),
    ("projects", "projects: expected a project folder holding project.yaml, found none"),
])
def test_a_missing_project_is_a_usage_error(argument: str, message: str, root: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    with pytest.raises(UsageError) as caught:
        find_projects([argument], root)
    assert str(caught.value) == message
    assert caught.value.exit_code == 2


def test_another_kind_of_file_is_refused(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    (root / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        find_projects(["notes.txt"], root)
    assert str(caught.value) == "notes.txt: expected a project folder or its project.yaml, found another file"


def test_no_projects_at_all_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        find_projects([], tmp_path)
    assert str(caught.value) == (f"no projects found: expected projects/<slug>/project.yaml under {tmp_path} "
                                 "(create one with 'coprod new SLUG')")
