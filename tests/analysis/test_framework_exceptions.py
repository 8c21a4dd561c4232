"""No rule whose source text allows an exception is an error: every framework file is walked.

A rule the authorities may waive (``exception: consent`` or ``discretionary`` in its file) must be a
warning; the schema refuses anything else. A rule whose own words speak of consent, exceptions or the
authorities' discretion must carry that flag, or bound the exception itself (``exceptional_min``), or be
listed below with the reason its hard limit stands.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod.analysis.eligibility.schema import Framework, RuleBase
from coprod.analysis.findings import Severity
from coprod.errors import InputError
from coprod.loading.frameworks import builtin_catalog, load_framework

EXCEPTION_WORDS = re.compile(r"consent|unless|exception|discretion|may (?:still )?(?:approve|grant|admit)"
                             r"|\bagrees?\b", re.IGNORECASE)

HARD_LIMITS = {
    "canada-china/CA-CN-16S": "consent is needed for any non-party technical services, and above 25% of the "
                              "budget not even consent admits them",
    "canada-ireland/CA-IE-S": "the same rule as Canada-China's: consent for any technical services outside "
                              "the parties, and never above 25% of the budget",
}
"""Error rules whose text mentions consent only for what lies within the limit."""


def _rules() -> list[tuple[str, Framework, RuleBase]]:
    catalog = builtin_catalog()
    return [(f"{fid}/{rule.name}", entry.framework, rule) for fid, entry in sorted(catalog.entries.items())
            for rule in entry.framework.rules]


RULES = _rules()


def test_the_walk_covers_every_shipped_framework() -> None:
    walked = {name.split("/")[0] for name, _, _ in RULES}
    assert walked == set(builtin_catalog().entries)
    assert len(RULES) > 90


@pytest.mark.parametrize(("name", "framework", "rule"), RULES, ids=[name for name, _, _ in RULES])
def test_a_rule_the_authorities_may_waive_is_never_an_error(name: str, framework: Framework,
                                                             rule: RuleBase) -> None:
    if rule.exception is not None:
        assert rule.severity is not Severity.ERROR, name
    if rule.severity is not Severity.ERROR:
        return
    words = " ".join(text for text in (rule.title, rule.source, rule.note) if text)
    if EXCEPTION_WORDS.search(words):
        bounded = getattr(rule, "exceptional_min", None) is not None
        assert bounded or name in HARD_LIMITS, (
            f"{name} is an error, but its text allows an exception: {words!r}. Set 'exception: consent' or "
            "'exception: discretionary' and 'severity: warning', or bound it with exceptional_min")


def test_the_points_rules_of_both_conventions_are_discretionary() -> None:
    flagged = {name: rule.exception for name, _, rule in RULES
               if rule.name.startswith(("ECC17-10", "ECC92-06"))}
    assert flagged == {"european-convention-1992/ECC92-06": "discretionary",
                       "european-convention-2017/ECC17-10": "discretionary",
                       "european-convention-2017/ECC17-10A": "discretionary",
                       "european-convention-2017/ECC17-10D": "discretionary"}


def test_a_file_that_makes_a_waivable_rule_an_error_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "strict-points.yaml"
    path.write_text(
        "version: 1\nid: strict-points\nname: Strict points\ninstrument: SP\nkind: treaty\nsource: test\n"
        "confidence: U\nparties: [FR, DE]\nrules:\n"
        "  - name: SP-1\n    kind: points\n    severity: error\n    exception: discretionary\n"
        "    source: test\n    confidence: U\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_framework(path)
    message = str(raised.value)
    assert "strict-points.yaml:10:5" in message
    assert ("expected severity: warning for a rule whose text allows an exception (exception: "
            "discretionary), found severity: error") in message
