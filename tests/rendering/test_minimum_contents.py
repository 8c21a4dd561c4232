"""DOMAIN CONTRACT-34: every agreement has the treaties' minimum contents.

The Italy-Brazil annex (GU 17G00190) lists what a co-production contract must contain: the title, the
writer, the director with a substitution clause, the budget with each co-producer's spend, the finance
plan, the split of receipts or territories, an overcost and underspend clause, and a condition precedent
on the authorities' approval (an official co-production only). Readiness warns when the file cannot name
the director or writers (``readiness.legal.unnamed-role``); this test keeps the templates' side.
"""

from __future__ import annotations

import re

import pytest

from coprod.model.project import Project
from tests.rendering.rendering_support import EXAMPLES, example, render_project

MINIMUM_CLAUSES = ("film-description", "film-creatives", "budget-amount", "overcost", "underspend", "spend",
                   "finance-plan", "territories")
"""Labels of the clauses every agreement must contain."""


def _agreement(project: Project) -> str:
    return render_project(project)["agreement.md"].markdown


def _labels(markdown: str) -> list[str]:
    return re.findall(r"^#{2,4} .* \{#([a-z0-9-]+)\}$", markdown, flags=re.MULTILINE)


@pytest.mark.parametrize("slug", EXAMPLES)
def test_every_agreement_has_the_minimum_contents(slug: str) -> None:
    project = example(slug)
    text = _agreement(project)
    labels = _labels(text)
    assert [label for label in MINIMUM_CLAUSES if label not in labels] == []
    assert ("approval" in labels) is (project.structure.kind == "official")
    assert project.film.title in text
    creatives = text[text.index("{#film-creatives}"):]
    creatives = creatives[:creatives.index("\n#")]
    names = [c.name for c in project.key_creatives if c.role.value in ("director", "screenwriter")]
    assert names and all(name in creatives for name in names)
    substitution = "If the director cannot complete the Film, the Co-Producers shall choose a replacement"
    assert substitution in creatives
    spend = text[text.index("{#spend}"):]
    spend = spend[:spend.index("\n#")]
    assert all(f"under the responsibility of {p.company}" in spend for p in project.partners
               if project.budget.spend_by_country.get(p.country))
