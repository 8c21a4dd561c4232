"""``coprod check`` on broken copies of the examples: each kind of rule gives its finding at its line and
column, and the exit status (1 for errors; warnings only with --strict; 2 for an invalid file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.cli import main
from tests.analysis.analysis_support import edited, example_text, position, run_check

SALT = "the-salt-road"
VLTAVA_SHARE = "    share: 15\n    signatory: {name: Petra"
AURORA_SHARE = "    share: 60\n"
NORD_SHARE = "    share: 25\n"
SHELTER = 'amount: "480000", status: confirmed, paid_after_completion: false}'


def shares(aurora: str, nord: str, vltava: str) -> tuple[tuple[str, str], ...]:
    return ((AURORA_SHARE, f"    share: {aurora}\n"), (NORD_SHARE, f"    share: {nord}\n"),
            (VLTAVA_SHARE, f"    share: {vltava}\n    signatory: {{name: Petra"))


# Each case: the edits to The Salt Road, the finding code, the text whose first character the finding
# points at (it must occur once in the edited file), and the exit status.
CASES = {
    "bilateral share below the minimum": (
        (*shares("90.01", "4.99", "5"), ("    country: CZ\n", "    country: BE\n")),
        "share.below-minimum", "4.99\n", 1),
    "non-party co-producers above 30%": (
        (*shares("44.99", "25", "30.01"), ("    country: CZ\n", "    country: US\n")),
        "non-party.above-cap", "30.01\n", 1),
    "financial-only share below 10%": (
        (*shares("65.01", "25", "9.99"),
         ("    role: minority\n    share: 9.99", "    role: financial\n    share: 9.99")),
        "financial-only.out-of-range", "9.99\n", 1),
    "third-country co-producer below 10% (Canada-France)": (
        (*shares("65.01", "25", "9.99"), ("framework: european-convention-2017", "framework: canada-france"),
         ("    country: IT\n", "    country: CA\n"), ("    country: BE\n", "    country: FR\n")),
        "third-country.below-minimum", "9.99\n", 1),
    "points below the threshold (a warning: the authorities may still admit the film)": (
        (("{role: director, name: Marco Leone, nationality: IT}",
          "{role: director, name: Marco Leone, nationality: US}"),
         ("name: Sara Villa, nationality: IT", "name: Sara Villa, nationality: US"),
         ("name: Pieter Claes, nationality: BE", "name: Pieter Claes, nationality: US")),
        "points.below-threshold", "- {role: director", 0),
    "application after principal photography": (
        (("date: 2027-02-26, parties: all", "date: 2027-05-04, parties: all"),
         ("date: 2027-03-10, parties: [aurora]", "date: 2027-05-05, parties: [aurora]")),
        "timeline.late-application", "2027-05-04, parties: all", 1),
    "finance gap": (
        (('source: Italian tax credit, amount: "760000"', 'source: Italian tax credit, amount: "660000"'),),
        "finance.gap", "- {id: it-tax-credit", 1),
    "declared share the finance lines do not bear out": (
        (('source: Italian tax credit, amount: "760000"', 'source: Italian tax credit, amount: "660000"'),),
        "finance.share-mismatch", "60\n", 1),
    "spend obligation the spend plan does not meet": (
        ((SHELTER, SHELTER.replace("}", ', spend_obligation: "1100000"}')),),
        "spend.obligation-unmet", '"1020000"', 1),
    "spend obligation above the EU Cinema Communication cap": (
        ((SHELTER, SHELTER.replace("}", ', spend_obligation: "1000000"}')),),
        "spend.obligation-above-cap", '"1000000"', 1),
    "an approval nobody gives": (
        (("heads_of_department: [aurora, nord]", "heads_of_department: []"),),
        "readiness.control-alignment.no-approver", "[]", 1),
    "a non-ratifying country (a warning: the 1992 rules apply)": (
        (("    country: CZ\n", "    country: FR\n"),),
        "instrument.fallback", "european-convention-2017", 0),
    "a kept territory without a market rationale (a warning)": (
        (("      countries: [IT, SM, VA]\n      market_rationale: >-\n        Italy is the largest of the "
          "three home markets and carries the Italian broadcaster and distributor\n        commitments; San "
          "Marino and the Vatican are served by Italian distribution.\n",
          "      countries: [IT, SM, VA]\n"),),
        "readiness.legal.no-market-rationale", "partner: aurora\n      countries: [IT, SM, VA]", 0),
    "principal photography after the provisional approval lapsed (Australia)": (
        (("framework: european-convention-2017", "framework: australia"),
         ("    country: IT\n", "    country: AU\n"), ("    country: BE\n", "    country: GB\n"),
         ("    country: CZ\n", "    country: GB\n"),
         ("  - {milestone: Principal photography", "  - {milestone: Provisional approval, kind: approval, "
                                                  "date: 2025-05-03, parties: [aurora]}\n"
                                                  "  - {milestone: Principal photography")),
        "timeline.approval-lapsed", "2025-05-03", 1),
    "spend out of proportion (a warning)": (
        (('    IT: "2150000"\n    BE: "1020000"', '    IT: "1700000"\n    BE: "1470000"'),),
        "proportionality.spend", '"1700000"', 0),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_kind_of_broken_rule_is_found_at_its_place(case: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    edits, code, marker, exit_status = CASES[case]
    text = edited(example_text(SALT), *edits)
    run = run_check(tmp_path, SALT, text, capsys, monkeypatch, "--json")
    found = run.findings(code)
    assert found, [f["code"] for f in run.report["projects"][0]["findings"]]
    line, column = position(text, marker)
    assert (found[0]["file"], found[0]["line"], found[0]["column"]) == (
        f"projects/{SALT}/project.yaml", line, column)
    assert (run.status, run.report["exit_code"]) == (exit_status, exit_status)
    if exit_status == 0:  # a warning: --strict makes it fail
        strict = run_check(tmp_path, SALT, text, capsys, monkeypatch, "--json", "--strict")
        assert (strict.status, strict.report["projects"][0]["status"]) == (1, "failed")


def test_the_text_report_puts_the_verdict_first_then_findings_by_area(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = edited(example_text("the-last-ferry"),
                  ('source: SODEC production assistance, amount: "850000"',
                   'source: SODEC production assistance, amount: "800000"'))
    run = run_check(tmp_path, "the-last-ferry", text, capsys, monkeypatch)
    line, column = position(text, "- {id: telefilm")
    share_line, share_column = position(text, "60\n")
    assert run.status == 1
    assert run.err == ""
    assert run.out.splitlines()[:6] == [
        "",
        "projects/the-last-ferry/project.yaml: The Last Ferry \u2014 failed",
        "  Not ready: the rules of Canada\u2013France Agreement (2021) are met, but errors elsewhere must be "
        "fixed first: 2 errors, 2 warnings.",
        "  Rules of Canada\u2013France Agreement (2021): 8 passed, 2 not applicable.",
        "  Finance: CAD 5,950,000.00 raised for a budget of CAD 6,000,000.00 (gap CAD 50,000.00).",
        "  Readiness: 8 of 10 ready (budget: attention, finance: not ready).",
    ]
    assert (f"  projects/the-last-ferry/project.yaml:{line}:{column}: error: The finance plan covers "
            "CAD 5,950,000.00 of the CAD 6,000,000.00 budget: a gap of CAD 50,000.00 (0.83% of the budget). "
            "Close the gap before the agreement is signed, or make the commitments it affects conditional on "
            "it.\n"
            "      field financing; finance.gap; Arithmetic of the project file [P]\n") in run.out
    assert f"projects/the-last-ferry/project.yaml:{share_line}:{share_column}: error: " in run.out
    assert run.out.index("\nFinance\n") < run.out.index("finance.gap")


def test_rules_lists_every_outcome(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    text = example_text("the-last-ferry")
    run = run_check(tmp_path, "the-last-ferry", text, capsys, monkeypatch, "--rules")
    assert run.status == 0
    assert ("  ok   CA-FR-14FR     Share of each country (French-language theatrical films): Shares within "
            "15% to 90% for each country in a bilateral co-production: CA 60%, FR 40%."
            ) in run.out.splitlines()
    assert ("  n/a  CA-FR-14F      Share of each country (theatrical films not in French): Applies only to "
            "works first released in cinemas, films not in fr.") in run.out.splitlines()
    assert ("  n/a  CA-FR-14S      Share of each country (works first released on television or online): "
            "Applies only to works first released on television or online.") in run.out.splitlines()


def test_an_unknown_framework_is_an_invalid_file_at_its_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = edited(example_text(SALT), ("framework: european-convention-2017", "framework: eurimages"))
    run = run_check(tmp_path, SALT, text, capsys, monkeypatch)
    line, column = position(text, "eurimages\n")
    assert run.status == 2
    assert run.out == f"projects/{SALT}/project.yaml: invalid\n"
    assert run.err == (
        f"projects/{SALT}/project.yaml:{line}:{column}: structure.framework: expected a framework id "
        "(australia, australia-ireland, australia-new-zealand, canada-belgium, canada-china, canada-france, "
        "canada-germany, canada-ireland, canada-uk, d-a-ch, european-convention-1992, "
        "european-convention-2017, france-belgium, france-germany, ibero-american, italy-brazil, "
        "uk-australia, uk-france, uk-india, uk-new-zealand, uk-south-africa), found 'eurimages', a fund\n")


def test_json_lists_an_invalid_file_with_its_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    text = edited(example_text(SALT), ("  currency: EUR\n", "  currency: EURO\n"))
    run = run_check(tmp_path, SALT, text, capsys, monkeypatch, "--json")
    (entry,) = run.report["projects"]
    line, column = position(text, "EURO")
    assert (run.status, entry["status"], entry["analysis"], entry["findings"]) == (2, "invalid", None, [])
    (problem,) = entry["problems"]
    assert {k: problem[k] for k in ("file", "line", "column", "field")} == {
        "file": f"projects/{SALT}/project.yaml", "line": line, "column": column,
        "field": "structure.currency"}
    assert problem["message"].startswith("expected an ISO 4217 currency code such as EUR, found 'EURO'")


def test_every_finding_referenced_by_a_rule_or_a_readiness_check_is_in_the_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    edits, *_ = CASES["bilateral share below the minimum"]
    run = run_check(tmp_path, SALT, edited(example_text(SALT), *edits), capsys, monkeypatch, "--json")
    (entry,) = run.report["projects"]
    ids = {f["id"] for f in entry["findings"]}
    referenced = [i for o in entry["analysis"]["eligibility"]["outcomes"] for i in o["findings"]]
    referenced += [i for c in entry["analysis"]["readiness"] for i in c["findings"]]
    assert set(referenced) <= ids
    eligibility_ids = {f["id"] for f in entry["findings"] if f["area"] == "eligibility"}
    assert eligibility_ids <= set(referenced)


def test_several_projects_end_with_totals_and_the_worst_exit_status(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for slug in ("the-salt-road", "the-last-ferry"):
        (tmp_path / "projects" / slug).mkdir(parents=True)
        (tmp_path / "projects" / slug / "project.yaml").write_text(example_text(slug), encoding="utf-8")
    run = run_check(tmp_path, "broken", "coprod: 1\n", capsys, monkeypatch)
    assert run.status == 2
    monkeypatch.chdir(tmp_path)
    status = main(["check"])
    out = capsys.readouterr().out
    assert status == 2
    # Both examples carry warnings: unsecured finance months before the shoot (and more).
    assert out.endswith("\nChecked 3 projects: 0 passed, 2 with warnings, 0 failed, 1 invalid.\n")
