"""Readiness: the six essentials and four alignments, each with a status and the findings behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coprod.analysis import Analysis, analyse
from coprod.analysis.findings import Severity
from coprod.analysis.readiness import ReadinessStatus
from coprod.loading.frameworks import builtin_catalog, load_catalog
from coprod.model.project import Project
from tests.analysis.analysis_support import analysed_data, example_data


def check(analysis: Analysis, check_id: str) -> tuple[ReadinessStatus, list[str]]:
    (found,) = [c for c in analysis.readiness.checks if c.id == check_id]
    return found.status, [f.code for f in found.findings]


def ferry() -> dict[str, Any]:
    return example_data("the-last-ferry")


def test_the_last_ferry_needs_attention_only_for_its_budget_lines_and_unsecured_finance() -> None:
    analysis = analysed_data(ferry())
    # 67% of its finance is unsecured and its bond line cannot hold the guarantor's fee and a contingency.
    assert [(c.id, c.group, c.status) for c in analysis.readiness.checks] == [
        ("story", "essentials", ReadinessStatus.READY), ("producers", "essentials", ReadinessStatus.READY),
        ("budget", "essentials", ReadinessStatus.ATTENTION), ("legal", "essentials", ReadinessStatus.READY),
        ("finance", "essentials", ReadinessStatus.ATTENTION),
        ("timeline", "essentials", ReadinessStatus.READY),
        ("story-alignment", "alignments", ReadinessStatus.READY),
        ("spend-alignment", "alignments", ReadinessStatus.READY),
        ("control-alignment", "alignments", ReadinessStatus.READY),
        ("delivery-alignment", "alignments", ReadinessStatus.READY)]
    assert analysis.readiness.ready


def test_a_co_producing_country_without_territorial_logic_needs_attention() -> None:
    data = ferry()
    del data["film"]["territorial_logic"]["FR"]
    analysis = analysed_data(data)
    assert check(analysis, "story") == (ReadinessStatus.ATTENTION, ["readiness.story.missing-logic"])
    (finding,) = [f for f in analysis.findings if f.code == "readiness.story.missing-logic"]
    assert finding.message == ("The Background does not say why the story belongs in France, a co-producing "
                               "country; authorities read the recitals for it. Add a sentence on what the "
                               "story owes to that country.")
    assert finding.path == ("film", "territorial_logic")


def test_public_money_from_a_country_without_a_co_producer_needs_attention() -> None:
    data = ferry()
    data["financing"][8]["territory"] = "BE"  # the Brittany fund, moved to Belgium
    status, codes = check(analysed_data(data), "producers")
    assert (status, codes) == (ReadinessStatus.ATTENTION, ["readiness.producers.no-local-partner"])


def test_a_gap_in_the_finance_plan_makes_finance_not_ready() -> None:
    data = ferry()
    data["financing"][0]["amount"] = "1000000"
    status, codes = check(analysed_data(data), "finance")
    assert status is ReadinessStatus.NOT_READY
    assert codes == ["readiness.finance.unsecured", "finance.gap", "finance.share-mismatch"]


def test_late_applications_make_the_timeline_not_ready() -> None:
    data = ferry()
    data["timeline"][0]["date"] = "2027-09-06"
    data["timeline"][2]["date"] = "2027-09-06"
    status, codes = check(analysed_data(data), "timeline")
    assert (status, codes) == (ReadinessStatus.NOT_READY, ["timeline.late-application"])


def test_post_production_before_the_shoot_is_out_of_order() -> None:
    data = ferry()
    data["timeline"][5]["start"] = "2027-09-01"
    analysis = analysed_data(data)
    assert check(analysis, "timeline") == (ReadinessStatus.ATTENTION, ["readiness.timeline.out-of-order"])
    (finding,) = [f for f in analysis.findings if f.code == "readiness.timeline.out-of-order"]
    assert finding.message == ("'Post-production' starts on 1 September 2027, before 'Principal photography' "
                               "(6 September 2027); correct the dates.")


def test_copyright_out_of_line_with_the_shares_needs_attention() -> None:
    data = ferry()
    data["rights"]["copyright"] = {"boreale": 70, "maree-haute": 30}
    analysis = analysed_data(data)
    assert check(analysis, "legal") == (ReadinessStatus.ATTENTION, ["readiness.legal.copyright-differs"] * 2)
    assert [f.path for f in analysis.findings if f.code == "readiness.legal.copyright-differs"] == [
        ("rights", "copyright", "boreale"), ("rights", "copyright", "maree-haute")]


def test_a_co_producing_country_neither_in_the_story_nor_on_location_needs_attention() -> None:
    data = ferry()
    data["film"]["set_in"] = ["CA"]
    data["locations"]["shooting"] = ["CA"]
    status, codes = check(analysed_data(data), "story-alignment")
    assert (status, codes) == (ReadinessStatus.ATTENTION, ["readiness.story-alignment.country-absent"])


def test_an_approval_with_no_approver_is_not_ready() -> None:
    data = ferry()
    data["control"]["approvals"]["final_cut"] = []
    analysis = analysed_data(data)
    assert check(analysis, "control-alignment") == (ReadinessStatus.NOT_READY,
                                                    ["readiness.control-alignment.no-approver"])
    assert not analysis.readiness.ready


def test_a_partner_with_nothing_to_deliver_and_an_item_due_during_the_shoot_need_attention() -> None:
    data = ferry()
    data["delivery"] = [item for item in data["delivery"] if item["partner"] == "boreale"]
    data["delivery"][0]["due"] = "2027-10-01"
    status, codes = check(analysed_data(data), "delivery-alignment")
    assert status is ReadinessStatus.ATTENTION
    assert codes == ["readiness.delivery-alignment.partner-without-items",
                     "readiness.delivery-alignment.due-before-wrap"]


def test_a_finding_appears_once_in_the_list_even_when_a_check_shows_it() -> None:
    data = ferry()
    data["financing"][0]["amount"] = "1000000"
    analysis = analysed_data(data)
    assert len(analysis.findings) == len({id(f) for f in analysis.findings})
    assert [f.code for f in analysis.findings].count("finance.gap") == 1


# --- RIGHTS-33: a market rationale for each kept territory ----------------------------------------------

RIGHTS_33_SOURCE = ("Switzerland\u2013Canada Agreement (1987), Art. X (SR 0.443.923.2); Austrian bilateral "
                    "agreement (gesetzefinden.at 20008520), Art. 4(6)")


def test_kept_territories_without_a_market_rationale_need_attention_citing_the_treaties() -> None:
    data = ferry()
    del data["rights"]["territories"][1]["market_rationale"]
    analysis = analysed_data(data)
    assert check(analysis, "legal") == (ReadinessStatus.ATTENTION, ["readiness.legal.no-market-rationale"])
    (finding,) = [f for f in analysis.findings if f.code == "readiness.legal.no-market-rationale"]
    assert (finding.severity, finding.path) == (Severity.WARNING, ("rights", "territories", 1))
    assert finding.message == (
        "Marée Haute Films SAS keeps France, Monaco and Andorra but no reason is given; where receipts are "
        "split by territory, treaties ask that the split reflect the size and value of each market. Record "
        "the rationale in a drafting note or the application, not in the Schedule.")
    assert finding.rule == "RIGHTS-33"
    assert (finding.source.text, finding.source.confidence.value) == (RIGHTS_33_SOURCE, "V")
    assert analysis.eligibility is not None and analysis.eligibility.qualifies  # a warning, not a failure


def test_a_creative_co_production_also_needs_a_market_rationale() -> None:
    data = example_data("the-listening-station")
    for kept in data["rights"]["territories"]:
        del kept["market_rationale"]
    analysis = analysed_data(data)
    found = [f.path for f in analysis.findings if f.code == "readiness.legal.no-market-rationale"]
    assert found == [("rights", "territories", 0), ("rights", "territories", 1), ("rights", "territories", 2)]


def test_the_market_rationale_rule_comes_from_the_practice_defaults_file(tmp_path: Path) -> None:
    data = ferry()
    del data["rights"]["territories"][0]["market_rationale"]
    project = Project.model_validate(data)
    practice = builtin_catalog().entries["practice"].path.read_text(encoding="utf-8")
    without = practice[:practice.index("  - name: RIGHTS-33")]
    (tmp_path / "practice.yaml").write_text(without, encoding="utf-8")
    codes = [f.code for f in analyse(project, load_catalog([tmp_path])).findings]
    assert "readiness.legal.no-market-rationale" not in codes
    assert "readiness.legal.no-market-rationale" in [f.code for f in analyse(project).findings]


# --- CONTRACT-34: the agreement names the director and the writers --------------------------------------

def test_a_film_without_a_named_director_or_writer_needs_attention_citing_the_minimum_contents() -> None:
    data = ferry()
    unnamed = ("director", "screenwriter")
    data["key_creatives"] = [c for c in data["key_creatives"] if c["role"] not in unnamed]
    analysis = analysed_data(data)
    found = [f for f in analysis.findings if f.code == "readiness.legal.unnamed-role"]
    assert [f.message for f in found] == [
        "No director is named yet; the co-production agreement must name the director, and the draft "
        "leaves it to be agreed by the Co-Producers. Name the director before signature.",
        "No screenwriter is named yet; the co-production agreement must name the screenwriter, and the draft "
        "leaves it to be agreed by the Co-Producers. Name the screenwriter before signature."]
    assert {(f.severity, f.path, f.source.confidence.value) for f in found} == {
        (Severity.WARNING, ("key_creatives",), "V")}
    assert found[0].source.text.startswith("Italy\u2013Brazil Agreement (2008), annex on the minimum")
    assert check(analysis, "legal")[0] is ReadinessStatus.ATTENTION


def test_a_documentary_needs_a_director_but_no_screenwriter() -> None:
    data = example_data("the-listening-station")
    assert not any(c["role"] == "screenwriter" for c in data["key_creatives"])
    assert "readiness.legal.unnamed-role" not in [f.code for f in analysed_data(data).findings]
    data["key_creatives"] = [c for c in data["key_creatives"] if c["role"] != "director"]
    found = [f.message for f in analysed_data(data).findings if f.code == "readiness.legal.unnamed-role"]
    assert [m.split(";")[0] for m in found] == ["No director is named yet"]
