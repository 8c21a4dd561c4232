"""Framework files: the built-in ones load, numbers carry sources, and a broken file is located exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.analysis import analyse
from coprod.analysis.eligibility.catalog import FrameworkCatalog, LoadedFramework
from coprod.analysis.eligibility.schema import CompetentAuthorities, FrameworkKind, LeadTime, Ratification
from coprod.errors import InputError
from coprod.loading.frameworks import (
    builtin_catalog,
    load_catalog,
    load_framework,
    parse_framework,
    user_folder,
)
from coprod.model.project import Project
from tests.analysis.analysis_support import example_data

REQUIRED = ("european-convention-1992", "european-convention-2017", "canada-france", "canada-uk",
            "canada-china", "australia", "d-a-ch", "ibero-american", "italy-brazil")


def test_every_required_framework_and_the_eurimages_rules_ship_with_coprod() -> None:
    catalog = builtin_catalog()
    assert set(REQUIRED) <= set(catalog.selectable())
    assert len(catalog.entries) >= 24  # coprod check --frameworks lists at least 24
    eurimages = catalog.get("eurimages")
    assert eurimages is not None and eurimages.kind is FrameworkKind.FUND
    assert eurimages.applies_when_named == ["Eurimages"]


@pytest.mark.parametrize("framework_id", REQUIRED)
def test_each_treaty_names_authorities_and_a_lead_time(framework_id: str) -> None:
    framework = builtin_catalog().get(framework_id)
    assert framework is not None
    assert framework.rules_of(CompetentAuthorities), framework_id
    assert framework.rules_of(LeadTime), framework_id
    named = [country for country in framework.parties if framework.authority(country) is not None]
    if len(framework.parties) <= 3:  # a bilateral or trilateral treaty: every party
        assert named == framework.parties
    else:
        assert len(named) >= 8


def test_the_revised_convention_falls_back_to_the_1992_rules_per_its_ratification_table() -> None:
    revised = builtin_catalog().get("european-convention-2017")
    assert revised is not None
    (rule,) = revised.rules_of(Ratification)
    assert isinstance(rule, Ratification)
    assert rule.fallback == "european-convention-1992"
    ratified = sorted(entry.country for entry in rule.ratified)
    # The Dutch treaty database's list of Parties, 2 December 2026 (DOMAIN.md corrections): NL, NO, SK, PT,
    # IE and LU are on it; France, Germany and Ukraine are not.
    assert {"NL", "NO", "SK", "PT", "IE", "LU", "BE", "CZ", "IT", "GB"} <= set(ratified)
    assert not {"FR", "DE", "UA"} & set(ratified)
    assert len(ratified) == 37
    assert {entry.confidence.value for entry in rule.ratified} == {"V"}


GOOD = """\
version: 1
id: {id}
name: Test treaty
instrument: Test Treaty
kind: treaty
source: test
confidence: V
parties: [FR, BE]
rules:
  - name: T-1
    kind: share_bounds
    min: 20
    max: 80
    source: Art. 1
    confidence: V
"""


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    min: 20\n", "    min: 90\n",
     "tt.yaml:10:5: rules[0]: expected min at most max, found min 90 above max 80"),
    ("    kind: share_bounds\n", "    kind: share_bound\n",
     "tt.yaml:11:11: rules[0].kind: expected a rule kind ('share_bounds', 'financial_only', 'non_party_cap', "
     "'third_country_minimum', 'party_count', 'points', 'proportionality', 'lead_time', "
     "'approval_validity', 'market_rationale', 'required_roles', 'ratification', 'competent_authorities', "
     "'bilateral_use', 'majority_work_location', 'country_spend_minimum', "
     "'majority_lead_cast', 'minority_creative_contribution', 'creative_nationality', 'majority_from_party', "
     "'first_release', 'non_party_spend_cap', 'fund_support_cap', 'territorial_spend_caps', 'aid_intensity', "
     "'tolerance'), "
     "found 'share_bound'"),
    ("    source: Art. 1\n", "",
     "tt.yaml:10:5: rules[0].source: expected a value for this required field, found none"),
    ("    confidence: V\n", "    confidence: maybe\n",
     "tt.yaml:15:17: rules[0].confidence: expected a valid value (input should be 'V', 'S', 'U' or 'P'), "
     "found 'maybe'"),
    ("parties: [FR, BE]", "parties: [FR, XX]",
     "tt.yaml:8:15: parties[1]: expected an ISO 3166-1 country code such as FR, found 'XX'"),
    ("    max: 80\n", "    max: 80\n    maxx: 1\n",
     "tt.yaml:14:5: rules[0].maxx: expected a known field, found an unknown key"),
])
def test_a_malformed_framework_file_is_an_input_error_at_its_line_and_column(old: str, new: str,
                                                                             expected: str) -> None:
    text = GOOD.format(id="tt")
    assert old in text
    with pytest.raises(InputError) as raised:
        parse_framework(text.replace(old, new), Path("tt.yaml"))
    assert str(raised.value) == expected


def test_the_file_name_must_match_the_framework_id() -> None:
    with pytest.raises(InputError) as raised:
        parse_framework(GOOD.format(id="other"), Path("frameworks/mine.yaml"))
    assert str(raised.value) == ("frameworks/mine.yaml:2:5: id: expected the id 'mine' (the file's name), "
                                 "found 'other'")


def test_invalid_yaml_in_a_framework_file_is_located_too() -> None:
    with pytest.raises(InputError) as raised:
        parse_framework("version: 1\nrules: [\n", Path("f.yaml"))
    assert str(raised.value).startswith("f.yaml:3:1: ")  # the wording is the YAML reader's


def test_a_user_folder_next_to_projects_adds_and_overrides_frameworks(tmp_path: Path) -> None:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "fr-be.yaml").write_text(GOOD.format(id="fr-be"), encoding="utf-8")
    project_file = tmp_path / "projects" / "film" / "project.yaml"
    assert user_folder(project_file) == folder.resolve()
    catalog = load_catalog([folder, tmp_path / "missing"])
    entry = catalog.entries["fr-be"]
    assert (entry.builtin, entry.path) == (False, folder / "fr-be.yaml")
    assert "fr-be" in catalog.selectable() and "canada-france" in catalog.selectable()
    override = GOOD.format(id="canada-france").replace("Test treaty", "My Canada-France")
    (folder / "canada-france.yaml").write_text(override, encoding="utf-8")
    assert load_catalog([folder]).get("canada-france").name == "My Canada-France"  # type: ignore[union-attr]
    assert folder / "canada-france.yaml" in load_catalog([folder]).paths


LANGUAGE_RULES = """\
version: 1
id: tt
name: Test treaty
instrument: TT
kind: treaty
source: test
confidence: U
parties: [CA, FR]
rules:
  - name: TT-FR
    kind: share_bounds
    when: {original_language: [fr]}
    min: 15
    exceptional_min: 10
    source: French-language films
    confidence: U
  - name: TT-OTHER
    kind: share_bounds
    when: {original_language_not: [fr]}
    min: 15
    source: other films
    confidence: U
"""


@pytest.mark.parametrize(("language", "statuses"), [
    ("fr", {"TT-FR": "attention", "TT-OTHER": "not_applicable"}),
    ("en", {"TT-FR": "not_applicable", "TT-OTHER": "failed"}),
])
def test_a_rule_can_depend_on_the_film_s_original_language(language: str, statuses: dict[str, str]) -> None:
    framework = parse_framework(LANGUAGE_RULES, Path("tt.yaml"))
    catalog = FrameworkCatalog({"tt": LoadedFramework(framework, Path("tt.yaml"), builtin=False)})
    data = example_data("the-last-ferry")
    data["structure"]["framework"] = "tt"
    data["film"]["languages"] = [language]
    data["partners"][0]["share"], data["partners"][1]["share"] = 88, 12
    verdict = analyse(Project.model_validate(data), catalog).eligibility
    assert verdict is not None
    assert {o.rule: o.status.value for o in verdict.outcomes if o.rule.startswith("TT-")} == statuses
    (other,) = [o for o in verdict.outcomes if o.rule == "TT-OTHER"]
    if language == "fr":
        assert other.reason == "Applies only to films not in fr."


def test_the_docs_table_of_frameworks_shows_each_file_s_check_date_and_text_status() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "frameworks.md").read_text(encoding="utf-8")
    table = doc.split("| id | kind | text checked | last checked | what |\n", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[1:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0].strip("`")] = (cells[1], cells[2], cells[3])
    catalog = builtin_catalog()
    assert set(rows) == set(catalog.entries)
    for framework_id, entry in catalog.entries.items():
        framework = entry.framework
        assert rows[framework_id] == (
            framework.kind.value.replace("_", " "), "yes" if framework.text_checked else "no",
            framework.checked.isoformat() if framework.checked else "not re-checked"), framework_id


def test_a_framework_whose_text_was_not_checked_cannot_hold_an_error_rule(tmp_path: Path) -> None:
    path = tmp_path / "unseen.yaml"
    path.write_text("version: 1\nid: unseen\nname: Unseen\ninstrument: U\nkind: treaty\nsource: press\n"
                    "confidence: S\ntext_checked: false\nparties: [FR, DE]\nrules:\n"
                    "  - {name: U-1, kind: share_bounds, min: 20, source: press, confidence: S}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_framework(path)
    assert ("expected severity: warning for every rule of a framework whose text was not checked "
            "(text_checked: false), found severity: error in rule U-1") in str(raised.value)
    path.write_text(path.read_text(encoding="utf-8").replace("min: 20,", "min: 20, severity: warning,"),
                    encoding="utf-8")
    assert load_framework(path).rules[0].severity.value == "warning"
