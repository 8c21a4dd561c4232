"""The schedule's own findings: dates that contradict a dependency, a lead time, or the recorded progress."""

from __future__ import annotations

from coprod.analysis.schedule import OwnerRole
from tests.analysis.analysis_support import analysed, analysed_data, example_data


def test_a_late_close_of_financing_is_found_at_its_milestone() -> None:
    analysis = analysed("the-listening-station")
    (finding,) = [f for f in analysis.findings if f.code == "timeline.late-financing-close"]
    assert finding.message == (
        "'Financing closed' is on 28 May 2027, 17 days before principal photography on 14 June 2027; "
        "financiers and guarantors expect the financing closed at least 28 days before. Close earlier or "
        "move the shoot.")
    assert finding.path == ("timeline", 3)
    assert finding in next(c for c in analysis.readiness.checks if c.id == "timeline").findings


def test_a_task_due_before_what_it_needs_is_a_finding() -> None:
    data = example_data("the-salt-road")
    # An approval recorded before the application was even filed.
    data["timeline"].append({"milestone": "Provisional approval, Czech Republic", "kind": "approval",
                             "date": "2027-02-01", "parties": ["vltava"]})
    analysis = analysed_data(data)
    (finding,) = [f for f in analysis.findings if f.code == "timeline.dependency-order"]
    assert finding.message.startswith(
        "'Obtain the provisional approval of State Cinematography Fund.' (Production office, Vltava Pictures "
        "s.r.o.) is due on 1 February 2027, but it needs 'File the application for official co-production "
        "status with State Cinematography Fund.' (Production office, Vltava Pictures s.r.o.), due only on "
        "26 February 2027")
    assert finding.path == ("timeline", 5)


def test_progress_for_an_unknown_task_is_a_finding_and_known_progress_is_applied() -> None:
    data = example_data("the-salt-road")
    data["progress"] = {"nord.sign-agreement": {"status": "done"}, "nord.sing-agreement": {"status": "done"}}
    analysis = analysed_data(data)
    (finding,) = [f for f in analysis.findings if f.code == "timeline.unknown-task"]
    assert finding.path == ("progress", "nord.sing-agreement")
    assert analysis.schedule.task("nord.sign-agreement").status.value == "done"


def test_task_ids_are_stable_when_milestones_and_deliveries_are_added() -> None:
    before = {t.id for t in analysed("the-salt-road").schedule.tasks}
    data = example_data("the-salt-road")
    data["timeline"].insert(0, {"milestone": "Script lock", "kind": "development", "date": "2026-12-01"})
    data["delivery"].insert(0, {"partner": "vltava", "item": "Czech press kit", "due": "2027-12-01"})
    after = {t.id for t in analysed_data(data).schedule.tasks}
    assert before < after
    assert after - before == {"vltava.delivery-czech-press-kit"}


def test_every_dependency_names_a_task_and_every_owner_has_a_role() -> None:
    for slug in ("the-salt-road", "the-last-ferry", "the-listening-station"):
        schedule = analysed(slug).schedule
        ids = [t.id for t in schedule.tasks]
        assert len(ids) == len(set(ids))
        for task in schedule.tasks:
            assert set(task.depends_on) <= set(ids)
            assert task.due is not None
            assert (task.owner.person is not None) == (task.owner.role is OwnerRole.SIGNATORY)
