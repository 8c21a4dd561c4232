"""The readiness report tells the producer which consents and discretionary approvals the deal needs."""

from __future__ import annotations

from coprod.model.project import Project
from tests.analysis.analysis_support import project
from tests.analysis.test_verdicts import last_ferry_data
from tests.rendering.rendering_support import render_project


def test_a_points_shortfall_puts_the_discretionary_approval_and_what_it_needs_in_the_report() -> None:
    fifteen_points = project(
        "the-salt-road", ("name: Sara Villa, nationality: IT", "name: Sara Villa, nationality: US"),
        ("name: Pieter Claes, nationality: BE", "name: Pieter Claes, nationality: US"),
        ("name: Eva Králová, nationality: CZ", "name: Eva Králová, nationality: US"))
    text = render_project(fifteen_points)["readiness.md"].markdown
    assert ("no eligibility rule fails: the film qualifies subject to the authorities' discretionary "
            "approval; see [What the authorities must approve](#approvals).") in text
    section = text.split("## What the authorities must approve {#approvals}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| Discretionary approval |")]
    assert rows == [
        "| Discretionary approval | Appendix II points (live action) | The film scores 15 of 21 points, "
        "below the 16 needed (held outside the parties: cast 1 (US) 0/3; cast 2 (US) 0/2; sound (US) 0/1)"
        ". | The competent authorities may still approve a lower score after "
        "consulting each other: apply to each of them with the points table and explain why the story needs "
        "the elements from outside the parties. | Not yet |"]


def test_a_deal_that_needs_no_approval_has_no_such_section() -> None:
    text = render_project(project("the-salt-road"))["readiness.md"].markdown
    assert "{#approvals}" not in text
    assert "the film qualifies subject" not in text


def test_consents_on_record_appear_in_the_readiness_report_and_the_agreement_s_recitals() -> None:
    data = last_ferry_data(fr_share="12")
    data["consents"] = [
        {"authority": "Telefilm Canada", "country": "CA", "date": "2027-05-03", "reference": "TC-2027-114",
         "consented_to": "a French share of 12% for a French-language film", "rules": ["CA-FR-14FR"]},
        {"authority": "CNC", "country": "FR", "date": "2027-05-10", "reference": "CNC/COPRO/27-88",
         "consented_to": "a French share of 12%", "rules": ["CA-FR-14FR"]}]
    documents = render_project(Project.model_validate(data))
    readiness = documents["readiness.md"].markdown
    row = next(line for line in readiness.splitlines() if line.startswith("| Consent |"))
    assert row.endswith("| Telefilm Canada on 2027-05-03 (ref. TC-2027-114: a French share of 12% for a "
                        "French-language film); CNC on 2027-05-10 (ref. CNC/COPRO/27-88: a French share of "
                        "12%) |")
    agreement = documents["agreement.md"].markdown
    assert ("(D) The Competent Authorities have given the following consents and approvals, on which the "
            "Co-Producers rely:\n\n"
            "- Telefilm Canada, on 3 May 2027 (reference TC-2027-114): a French share of 12% for a "
            "French-language film\n"
            "- CNC, on 10 May 2027 (reference CNC/COPRO/27-88): a French share of 12%\n") in agreement


def test_without_consents_the_recitals_have_no_such_paragraph() -> None:
    assert "(D) The Competent Authorities" not in render_project(project("the-last-ferry"))[
        "agreement.md"].markdown
