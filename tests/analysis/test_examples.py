"""Each example project gets the verdict its story intends, and its full ``check --json`` output is pinned."""

from __future__ import annotations

import json
import re

import pytest

from coprod.analysis.eligibility.outcome import Status
from coprod.analysis.readiness import ReadinessStatus
from tests.analysis.analysis_support import EXAMPLES, ROOT, analysed_data, example_data
from tests.analysis.regenerate_snapshots import check_json, snapshot_path


@pytest.mark.parametrize("slug", EXAMPLES)
def test_check_json_matches_the_pinned_snapshot(slug: str) -> None:
    status, out = check_json(slug)
    expected = snapshot_path(slug).read_text(encoding="utf-8")
    assert out == expected, "regenerate with: .venv/bin/python -m tests.analysis.regenerate_snapshots"
    assert status == json.loads(out)["exit_code"]


def test_the_salt_road_qualifies_under_the_revised_convention_with_eurimages_rules() -> None:
    analysis = analysed_data(example_data("the-salt-road"))
    verdict = analysis.eligibility
    assert verdict is not None
    assert (verdict.instrument, verdict.qualifies, verdict.funds) == (
        "european-convention-2017", True, ("eurimages",))
    assert analysis.verdict.startswith("Qualifies as an official co-production under CETS 220: 0 errors, ")
    assert not analysis.errors
    assert {o.status for o in verdict.outcomes} == {Status.PASSED, Status.NOT_APPLICABLE}


def test_the_last_ferry_qualifies_under_canada_france_with_only_its_budget_and_finance_to_watch() -> None:
    analysis = analysed_data(example_data("the-last-ferry"))
    assert analysis.eligibility is not None and analysis.eligibility.qualifies
    assert analysis.verdict == ("Qualifies as an official co-production under Canada\u2013France Agreement "
                                "(2021): 0 errors, 2 warnings.")
    assert sorted(f.code for f in analysis.warnings) == ["readiness.budget.bond-line-short",
                                                         "readiness.finance.unsecured"]
    assert {c.id for c in analysis.readiness.checks if c.status is not ReadinessStatus.READY} == {
        "budget", "finance"}


def test_the_listening_station_is_creative_so_it_skips_treaty_rules_but_gets_every_other_check() -> None:
    analysis = analysed_data(example_data("the-listening-station"))
    assert analysis.eligibility is None
    assert analysis.verdict.startswith("Creative co-production (no treaty to qualify under): 0 errors, ")
    assert [c.id for c in analysis.readiness.checks] == [
        "story", "producers", "budget", "legal", "finance", "timeline", "story-alignment", "spend-alignment",
        "control-alignment", "delivery-alignment"]
    assert analysis.finance.total == analysis.finance.budget
    assert {f.area for f in analysis.findings} <= {"finance", "spend", "waterfall", "readiness"}


def test_a_creative_deal_gets_the_practice_spend_tolerance_instead_of_a_treaty_rule() -> None:
    data = example_data("the-listening-station")
    data["budget"]["spend_by_country"] = {"GB": "700000", "US": "250000", "DE": "240000"}  # GB 58.82% vs 50%
    assert not [f for f in analysed_data(data).findings if f.code == "readiness.spend-alignment.deviation"]
    data["budget"]["spend_by_country"] = {"GB": "730000", "US": "250000", "DE": "210000"}  # GB 61.34%
    (finding,) = [f for f in analysed_data(data).findings if f.code == "readiness.spend-alignment.deviation"]
    assert finding.message == ("The Spend Plan puts 61.34% of the Budget in the United Kingdom against a "
                               "financial share of 50% (+11.3445 pp), more than 10 percentage points apart; "
                               "rebalance the spend or be ready to justify it.")


def _documented_keys(section: str) -> set[str]:
    """The keys in the first column of the table under *section* in docs/check-json.md."""
    doc = (ROOT / "docs" / "check-json.md").read_text(encoding="utf-8")
    table = doc.split(f"{section}\n", 1)[1].strip().split("\n\n", 1)[0]
    keys: set[str] = set()
    for row in table.splitlines()[2:]:
        keys.update(re.findall(r"`([a-z_]+)`", row.split("|")[1]))
    return keys


def test_the_json_document_has_exactly_the_documented_keys() -> None:
    _, out = check_json("the-salt-road")
    document = json.loads(out)
    (project,) = document["projects"]
    assert set(document) == _documented_keys("## The document")
    assert set(project) == _documented_keys("## project")
    assert set(project["findings"][0]) == _documented_keys("### finding")
    assert set(project["analysis"]) == _documented_keys("## analysis")
    assert set(project["analysis"]["finance"]) == _documented_keys("### finance")
    assert set(project["analysis"]["spend"]) == _documented_keys("### spend")
    assert set(project["analysis"]["eligibility"]) == _documented_keys("### eligibility")
