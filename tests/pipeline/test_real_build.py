"""``coprod build`` and ``coprod clean`` end to end, with the real loader, analysis and renderers."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from coprod import __version__
from coprod.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "projects"
SLUGS = ("the-last-ferry", "the-listening-station", "the-salt-road")


@pytest.fixture
def slate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for slug in SLUGS:
        (tmp_path / "projects" / slug).mkdir(parents=True)
        shutil.copy(EXAMPLES / slug / "project.yaml", tmp_path / "projects" / slug / "project.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".coprod" not in p.parts}


def test_build_is_incremental_explains_itself_and_repeats_byte_for_byte(
        slate: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--jobs", "2"]) == 0
    first = capsys.readouterr().out
    assert first.splitlines()[-1] == "built 52 files in 3 projects; 0 up to date"  # 6 file outputs each
    built = _files(slate / "build")
    assert {"index.md", "index.docx", "the-salt-road/README.md", "the-salt-road/agreement.docx",
            "the-salt-road/checklists/vltava.md", "the-last-ferry/readiness.docx"} <= set(built)
    agreement = built["the-salt-road/agreement.md"].decode()
    assert f'coprod_version: "{__version__}"\n' in agreement
    input_hash = agreement.split('input_hash: "')[1].split('"')[0]
    assert f"[agreement.md](agreement.md) | `{input_hash}` |" in built["the-salt-road/README.md"].decode()
    with zipfile.ZipFile(slate / "build" / "the-salt-road" / "agreement.docx") as docx:
        assert "coprod input_hash" in docx.read("docProps/custom.xml").decode()

    assert main(["build"]) == 0
    assert capsys.readouterr().out == "built 0 files in 0 projects; 52 up to date\n"

    project = slate / "projects" / "the-salt-road" / "project.yaml"
    project.write_text(project.read_text().replace("  number: 3\n", "  number: 4\n"))
    assert main(["build", "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["up_to_date"] == 34
    assert set(plan["stale"]) == {f"the-salt-road/{name}.{ext}" for ext in ("md", "docx") for name in
                                  ("agreement", "term-sheet", "readiness", "checklists/aurora",
                                   "checklists/nord", "checklists/vltava")} | {
        "the-salt-road/charts/recoupment.svg", "the-salt-road/charts/finance-plan.svg",
        "the-salt-road/readiness-timeline.svg", "the-salt-road/tracker.xlsx", "the-salt-road/deadlines.ics",
        "the-salt-road/finance-plan.xlsx"}
    assert set(map(tuple, plan["stale"].values())) == {("project file changed",)}
    assert main(["build", "--json", "--jobs", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert sorted(summary["built"]) == sorted(plan["stale"])

    assert main(["build", "projects/the-salt-road", "--out", "elsewhere", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["build", "--quiet"]) == 0  # catches up if a template changed meanwhile (shared tree)
    salt_road = _files(slate / "build" / "the-salt-road")
    assert len(salt_road) == 19
    assert _files(slate / "elsewhere" / "the-salt-road") == salt_road


def test_bad_projects_and_bad_usage(slate: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = slate / "projects" / "the-last-ferry" / "project.yaml"
    broken.write_text(broken.read_text().replace("coprod: 1\n", "coprod: 7\n"))
    assert main(["build", "projects/the-last-ferry", "projects/the-salt-road"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ("failed the-last-ferry/*:\n    projects/the-last-ferry/project.yaml:5:9: "
                            "coprod: expected 1, found the number 7\n")
    assert captured.out.splitlines()[-1] == "built 18 files in 1 project; 0 up to date; 1 failed"

    assert main(["build", "projects/no-such-film"]) == 2
    assert capsys.readouterr().err == ("coprod: projects/no-such-film: expected a project folder or its "
                                       "project.yaml, found nothing there\n")
    assert main(["build", "--jobs", "0"]) == 2
    assert "expected at least 1 job, found 0" in capsys.readouterr().err


def test_clean_removes_what_build_made_and_nothing_else(slate: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "projects/the-salt-road", "--format", "md", "-q"]) == 0
    (slate / "build" / "notes.txt").write_text("mine")
    assert main(["clean"]) == 0
    assert capsys.readouterr().out == ("removed 14 files from build\n"
                                       "left 1 file coprod did not make, e.g. build/notes.txt\n")
    assert sorted(p.name for p in (slate / "build").rglob("*")) == ["notes.txt"]
    (slate / "build" / "notes.txt").unlink()
    assert main(["clean"]) == 0
    assert not (slate / "build").exists()


def test_adding_a_user_framework_file_rebuilds_what_the_analysis_could_read(
        slate: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--format", "md", "--jobs", "1", "projects/the-listening-station"]) == 0
    capsys.readouterr()
    folder = slate / "frameworks"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "src" / "coprod" / "frameworks" / "italy-brazil.yaml",
                folder / "italy-brazil.yaml")
    assert main(["build", "--dry-run", "--json", "--format", "md", "projects/the-listening-station"]) == 0
    stale = json.loads(capsys.readouterr().out)["stale"]
    assert len(stale) == 12
    assert set(map(tuple, stale.values())) == {("options changed (framework files added or removed)",)}
    assert main(["build", "--format", "md", "--jobs", "1", "projects/the-listening-station"]) == 0
    capsys.readouterr()
    assert main(["build", "--format", "md", "projects/the-listening-station"]) == 0
    assert capsys.readouterr().out == "built 0 files in 0 projects; 12 up to date\n"


def test_a_project_under_a_user_framework_is_analysed_and_drafted_with_it(
        slate: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = slate / "frameworks"
    folder.mkdir()
    builtin = Path(__file__).resolve().parents[2] / "src" / "coprod" / "frameworks" / "canada-france.yaml"
    (folder / "house-canada-france.yaml").write_text(
        builtin.read_text().replace("id: canada-france", "id: house-canada-france")
        .replace("instrument: Canada", "instrument: House rules of Canada"))
    project = slate / "projects" / "the-last-ferry" / "project.yaml"
    project.write_text(project.read_text().replace("framework: canada-france",
                                                   "framework: house-canada-france"))
    assert main(["build", "--format", "md", "--jobs", "1", "projects/the-last-ferry"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "built 11 files in 1 project; 0 up to date"
    agreement = (slate / "build" / "the-last-ferry" / "agreement.md").read_text()
    assert "House rules of Canada" in agreement
