"""`coprod waterfall` on every example project, pinned: the text tables and the JSON document.

Set ``COPROD_UPDATE_SNAPSHOTS=1`` to rewrite the files after a deliberate change, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from coprod.cli import main
from tests.analysis.waterfall.waterfall_support import EXAMPLES, PROJECTS, ROOT

SNAPSHOTS = Path(__file__).parent / "snapshots"
LEVELS = ["0", "750000", "2500000", "6000000"]
KEPT = {"the-salt-road": "aurora=400000", "the-last-ferry": "boreale=2000000",
        "the-listening-station": "cobalt-ridge=200000"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["waterfall", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def compare(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("COPROD_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", EXAMPLES)
def test_text_tables(slug: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    compare(f"{slug}.txt", run(capsys, f"projects/{slug}", "--receipts", *LEVELS))


@pytest.mark.parametrize("slug", EXAMPLES)
def test_json_with_kept_territory_receipts(slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, str(PROJECTS / slug), "--receipts", *LEVELS, "--kept", KEPT[slug], "--json")
    document = json.loads(out)
    for scenario in document["scenarios"]:
        paid = sum((Decimal(payment["amount"]) for payment in scenario["payments"]), Decimal(0))
        assert paid == Decimal(scenario["receipts"]["total"])
    compare(f"{slug}.json", out)



def keys(value: object) -> set[str]:
    """Every key name in a JSON document."""
    if isinstance(value, dict):
        return set(value).union(*(keys(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(keys(item) for item in value))
    return set()


def test_every_json_key_is_documented() -> None:
    doc = (ROOT / "docs" / "waterfall-json.md").read_text(encoding="utf-8")
    document = json.loads((SNAPSHOTS / "the-last-ferry.json").read_text(encoding="utf-8"))
    scenario = document["scenarios"][0]
    dynamic = set(scenario["receipts"]["kept_territories"]) | set(scenario["totals"])  # partner and payee ids
    undocumented = {key for key in keys(document) - dynamic
                    if not re.search(rf"`([a-z_]+(\[\])?\.)*{key}`", doc)}
    assert undocumented == set()
