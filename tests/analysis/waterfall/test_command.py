"""`coprod waterfall`: its options, and clear errors for a user's mistakes (exit status 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod.cli import main
from tests.analysis.waterfall.waterfall_support import PROJECTS

SALT = str(PROJECTS / "the-salt-road")


def fails(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["waterfall", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


@pytest.mark.parametrize(("args", "message"), [
    (["--receipts", "1,000"], "coprod: --receipts: expected an amount such as 1500000 or 1500000.50, found "
                              "'1,000'\n"),
    (["--receipts", "10.001"], "coprod: --receipts: expected an amount such as 1500000 or 1500000.50, found "
                               "'10.001'\n"),
    (["--receipts", "1", "--kept", "aurora"], "coprod: --kept: expected PARTNER=AMOUNT such as "
                                              "aurora=250000, found 'aurora'\n"),
    (["--receipts", "1", "--kept", "aurora=x"], "coprod: --kept aurora: expected an amount such as 1500000 "
                                                "or 1500000.50, found 'x'\n"),
    (["--receipts", "1", "--kept", "aurora=1", "--kept", "aurora=2"], "coprod: --kept: expected each partner "
                                                                      "once, found 'aurora' twice\n"),
    (["--receipts", "1", "--kept", "boreale=1"], "coprod: --kept: expected a partner that keeps territories "
                                                 "(aurora, nord, vltava), found 'boreale'\n"),
])
def test_bad_amounts_and_kept_receipts_are_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str],
                                                        message: str) -> None:
    assert fails(capsys, SALT, *args) == message


def test_a_missing_project_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert fails(capsys, str(missing), "--receipts", "1") == (
        f"coprod: {missing}: expected a project folder or its project.yaml, found nothing there\n")


def test_an_invalid_project_reports_its_file_position(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    text = (PROJECTS / "the-salt-road" / "project.yaml").read_text(encoding="utf-8")
    (tmp_path / "project.yaml").write_text(text.replace("payee: be-cca", "payee: aurora"), encoding="utf-8")
    assert fails(capsys, str(tmp_path), "--receipts", "1") == (
        f"coprod: {tmp_path / 'project.yaml'}:138:59: recoupment.waterfall[3].payee: expected a recoupable "
        "finance line for a corridor paid until recouped, found 'aurora'; to pay 'aurora' a fixed amount "
        "through this corridor, write until_recouped: false with a cap (the amount)\n")


def test_receipts_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["waterfall", SALT]) == 2
    assert "the following arguments are required: --receipts" in capsys.readouterr().err


def test_json_gives_every_scenario_and_the_break_even_points(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["waterfall", SALT, "--receipts", "100", "200.50", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [s["receipts"]["collection_account"] for s in document["scenarios"]] == ["100.00", "200.50"]
    assert document["scenarios"][0]["payments"][3] == {
        "tier": "Collection account fee", "tier_index": 0, "kind": "fee", "pool": None, "payee": "cam",
        "amount": "1.00"}
    assert document["break_even"]["net_profits_from"] == "1165889.41"


def test_kept_receipts_can_differ_per_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["waterfall", SALT, "--receipts", "100", "200", "--kept", "nord=5,6", "--kept", "aurora=7",
                 "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [s["receipts"]["kept_territories"] for s in document["scenarios"]] == [
        {"aurora": "7.00", "nord": "5.00", "vltava": "0.00"},
        {"aurora": "7.00", "nord": "6.00", "vltava": "0.00"}]


def test_kept_receipts_per_scenario_must_match_the_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert fails(capsys, SALT, "--receipts", "100", "200", "--kept", "nord=1,2,3") == (
        "coprod: --kept nord: expected one amount, or one per scenario (2), found 3\n")
