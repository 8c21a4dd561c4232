"""Checklists as a producer acts on them: dates, owners, evidence and the tasks a deal needs."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.rendering.checklist_support import Row, checklist, row, rows_of
from tests.rendering.rendering_support import EXAMPLES, example, render_project, rendered


@pytest.mark.parametrize("slug", EXAMPLES)
def test_every_checklist_is_a_table_sorted_by_due_date(slug: str) -> None:
    for relpath, document in rendered(slug).items():
        if relpath.startswith("checklists/"):
            rows = rows_of(document.markdown)
            assert len(rows) >= 8
            days = [r.day for r in rows]
            assert None not in days
            assert days == sorted(d for d in days if d is not None)
            assert [r.number for r in rows] == list(range(1, len(rows) + 1))


def test_the_official_application_follows_the_project_milestone_once() -> None:
    rows = checklist("the-salt-road", "vltava")
    application = row(rows, "File the application for official co-production status")
    # The project's own milestone (26 February) is earlier than the framework's latest day (2 May).
    assert application.day == dt.date(2027, 2, 26)
    assert ("due project timeline, 'Applications to competent authorities'; the framework allows until "
            "2 May 2027") in application.source
    assert application.source.startswith("Co-production Agreement, Clause 6.1; CETS 220, Art. 5")
    assert not [r for r in rows if "Applications to competent authorities" in r.task]


def test_a_fund_application_stays_a_task_of_its_own() -> None:
    rows = checklist("the-salt-road", "aurora")
    assert row(rows, "Eurimages application").day == dt.date(2027, 3, 10)


def test_owners_are_roles_and_only_signing_is_the_signatory() -> None:
    rows = checklist("the-last-ferry", "boreale")
    signed = [r for r in rows if "Geneviève Tremblay" in r.owner]
    assert [r.task for r in signed] == ["Sign the Co-production Agreement."]
    assert row(rows, "national format").owner == "Production office, Productions Boréale inc."
    assert row(rows, "bank details").owner == "Legal counsel, Productions Boréale inc."
    assert row(rows, "cost report").owner == "Delegate producer, Productions Boréale inc."
    assert row(rows, "audited final cost statement to every").owner == "Accountant, Productions Boréale inc."
    assert row(rows, "Open the collection account").owner == \
        "Collection account manager, Atlantic Collection Account Management Ltd."
    assert row(rows, "Accept the delivery materials").owner == "Sales agent, Lumen International Sales SAS"


def test_deferred_fees_are_proved_by_a_deferment_letter_not_a_bank_letter() -> None:
    deferred = row(checklist("the-last-ferry", "boreale"), "Productions Boréale (deferred fees")
    assert "deferment letter" in deferred.task
    assert "bank letter" not in deferred.task and "evidence of funds" not in deferred.task


def test_the_collection_account_agreement_comes_before_the_first_receipts() -> None:
    rows = checklist("the-last-ferry", "maree-haute")
    cama = row(rows, "collection account management agreement")
    # Financing closes on 30 July 2027, long before the first delivery item (28 February 2028).
    assert cama.day == dt.date(2027, 7, 30)
    assert cama.source.endswith("due before the first receipts")


def test_key_creative_contracts_and_nationality_evidence_are_asked_of_who_engages_them() -> None:
    rows = checklist("the-salt-road", "nord")
    assert row(rows, "Sign the contracts of Anne Dubois (screenwriter)").day == dt.date(2027, 2, 26)
    cast = row(rows, "Sign the contracts of Pieter Claes (cast)")
    assert cast.day == dt.date(2027, 5, 2)
    proof = row(rows, "proof of nationality or residence")
    assert "Pieter Claes (cast)" in proof.task and "Anne Dubois" in proof.task
    assert proof.source.startswith("CETS 220, Appendix II")


def test_final_approval_and_tax_credit_certificates_follow_completion() -> None:
    rows = checklist("the-salt-road", "vltava")
    final = row(rows, "for final approval")
    audit = row(checklist("the-salt-road", "aurora"), "audited final cost statement to every")
    assert audit.day is not None and final.day is not None and final.day > audit.day > dt.date(2027, 12, 15)
    assert "Aurora Film S.r.l. #" in final.depends_on
    certificate = row(rows, "final certificate of Czech film incentive")
    assert certificate.owner == "Accountant, Vltava Pictures s.r.o."


def test_the_delegate_producer_carries_its_own_duties() -> None:
    rows = checklist("the-salt-road", "aurora")
    for words in ("insurance certificates", "cost report", "laboratory access letters",
                  "errors and omissions policy", "sales agency agreement"):
        assert row(rows, words).owner.endswith("Aurora Film S.r.l.")
    for partner in ("nord", "vltava"):
        assert not [r for r in checklist("the-salt-road", partner) if "laboratory" in r.task]


def test_the_errors_and_omissions_policy_is_one_task_dated_by_the_delivery_schedule() -> None:
    rows = checklist("the-salt-road", "aurora")
    assert row(rows, "errors and omissions").day == dt.date(2027, 12, 1)


def test_an_unbridged_post_completion_incentive_asks_for_a_bridge() -> None:
    assert [r for r in checklist("the-salt-road", "vltava") if "bridge that cash-flows Czech" in r.task]
    # The Italian tax credit records its bridge; the Belgian tax shelter is paid during production.
    assert not [r for r in checklist("the-salt-road", "aurora") if "bridge that" in r.task]
    assert not [r for r in checklist("the-salt-road", "nord") if "bridge that" in r.task]


def test_recorded_progress_shows_in_the_checklist() -> None:
    from coprod.model.progress import TaskProgress, TaskStatus

    project = example("the-salt-road")
    progress = {"nord.sign-agreement": TaskProgress(status=TaskStatus.DONE, evidence="Signed copy, ref NL-7")}
    documents = render_project(project.model_copy(update={"progress": progress}))
    signed: Row = row(rows_of(documents["checklists/nord.md"].markdown), "Sign the Co-production")
    assert signed.status == "Done"
    assert "Recorded: Signed copy, ref NL-7" in signed.evidence


def test_an_overdue_task_is_late_on_the_draft_date() -> None:
    project = example("the-salt-road")
    draft = project.draft.model_copy(update={"date": dt.date(2027, 3, 1)})
    late = project.model_copy(update={"draft": draft})
    documents = render_project(late)
    application = row(rows_of(documents["checklists/nord.md"].markdown), "File the application")
    assert application.status == "Open, late"
    assert "on 1 March 2027, " in documents["checklists/nord.md"].markdown
