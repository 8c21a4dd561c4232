"""Required contract contents: each framework's and each incentive's items, checked against the clauses
the agreement carries (labels, ``provides`` markers, defined terms), never against its prose. Replaces the
old CONTRACT-34 minimum-contents test: the Italy-Brazil annex's list is now data in italy-brazil.yaml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from coprod.analysis import analyse
from coprod.analysis.contract.coverage import applicable_incentives, coverage, incentives
from coprod.analysis.findings import Confidence, Severity
from coprod.loading.frameworks import builtin_catalog
from coprod.rendering.documents import DocumentRenderer, RenderedDocument
from coprod.rendering.environment import TEMPLATES
from tests.rendering.rendering_support import example, render_project
from tests.rendering.variants import under_italy_brazil

_CONTRACT = "contract.missing-content"


def _gaps(documents: dict[str, RenderedDocument]) -> list[str]:
    readiness = documents["readiness.md"].markdown
    pattern = r"^\| Error \| The agreement does not provide for (.*?), which"
    return re.findall(pattern, readiness, re.MULTILINE)


def test_an_agreement_under_italy_brazil_covers_the_annex_and_names_director_and_writers() -> None:
    project = under_italy_brazil(example("the-salt-road"))
    framework = builtin_catalog().get("italy-brazil")
    assert framework is not None and len(framework.contract_contents) == 10
    assert {item.confidence for item in framework.contract_contents} == {Confidence.VERIFIED}
    documents = render_project(project)
    assert _gaps(documents) == []
    text = documents["agreement.md"].markdown
    creatives = text[text.index("{#film-creatives}"):]
    creatives = creatives[:creatives.index("\n#")]
    assert "Marco Leone" in creatives and "Anne Dubois" in creatives
    assert "If the director cannot complete the Film, the Co-Producers shall choose a replacement" \
        in creatives


def test_an_item_no_clause_covers_is_an_error_in_the_readiness_report_and_a_note_in_the_agreement(
        tmp_path: Path) -> None:
    # Drafted under CETS 220, Appendix I, with its two exhibition clauses taken out of the library.
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES, root, ignore=shutil.ignore_patterns("word"))
    approval = root / "clauses" / "approval.md.j2"
    text = approval.read_text(encoding="utf-8")
    start = text.index('{% call clause("no-exhibition-licence"')
    end = text.index('{% call clause("exhibition-prohibited"')
    end = text.index("{% endcall %}", end) + len("{% endcall %}\n")
    approval.write_text(text[:start] + text[end:], encoding="utf-8")
    project = example("the-salt-road")
    documents = {d.relpath: d for d in DocumentRenderer(root).render(project, analyse(project))}
    assert _gaps(render_project(project)) == []
    framework = builtin_catalog().get("european-convention-2017")
    assert framework is not None
    wanted = {item.item for item in framework.contract_contents if "no-exhibition-licence" in item.clauses
              or "exhibition-prohibited" in item.clauses}
    assert set(_gaps(documents)) == wanted and len(wanted) == 2
    agreement = documents["agreement.md"].markdown
    assert ("> Drafting note: Error: The agreement does not provide for what happens if the authorities "
            "prohibit the exhibition or export of the film") in agreement


def test_removing_a_clause_the_treaty_requires_is_found(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES, root, ignore=shutil.ignore_patterns("word"))
    budget = root / "clauses" / "budget.md.j2"
    text = budget.read_text(encoding="utf-8")
    start = text.index('{% call clause("underspend"')
    budget.write_text(text[:start] + text[text.index("{% endcall %}", start) + len("{% endcall %}\n"):],
                      encoding="utf-8")
    project = under_italy_brazil(example("the-salt-road"))
    documents = {d.relpath: d for d in DocumentRenderer(root).render(project, analyse(project))}
    assert _gaps(documents) == ["each co-producer's share of any underspend"]


def test_an_incentive_applies_to_its_finance_line_and_its_conditions_are_checked() -> None:
    project = example("the-salt-road")
    applied = {(project.financing[index].id, incentive.id)
               for index, incentive in applicable_incentives(project)}
    assert applied == {("it-tax-credit", "it-tax-credit"), ("be-shelter", "be-tax-shelter"),
                       ("cz-incentive", "cz-incentive")}
    # Without a cost-reports clause, each incentive that needs cost reports says so, at its finance line.
    markers = {"film-description", "spend", "recoupment"}
    found = coverage(project, None, markers, ())
    assert {f.path for f in found} == {("financing", 0), ("financing", 5), ("financing", 8)}
    assert all(f.code == _CONTRACT and f.severity is Severity.ERROR for f in found)
    shelter = next(f for f in found if f.path == ("financing", 5))
    assert shelter.message == (
        "The agreement does not provide for cost reports detailed enough for the Belgian co-producer to "
        "certify its Belgian spend, which the Belgian tax shelter (Belgian tax shelter) requires the "
        "co-production contract to contain. Add a clause that does before the agreement is signed and filed.")
    assert shelter.source.text.startswith("Belgian tax shelter: Art. 194ter CIR 92")


def test_every_required_item_names_clauses_the_templates_carry_or_awaiting_a_clause() -> None:
    carried = set()
    for path in TEMPLATES.rglob("*.md.j2"):
        source = path.read_text(encoding="utf-8")
        carried |= set(re.findall(r'(?:clause|schedule|section)\("([a-z0-9-]+)"', source))
        carried |= set(re.findall(r'provides="([^"]+)"', source))
    # Items a treaty or incentive requires that no clause of the library does yet: each is an error
    # finding on every agreement that needs it, until a clause declares it.
    awaiting = {"no-exhibition-licence", "exhibition-prohibited", "shooting-period", "local-spend",
                "spend-obligations"}
    items = [item for entry in builtin_catalog().entries.values()
             for item in entry.framework.contract_contents]
    items += [condition for incentive in incentives() for condition in incentive.conditions]
    assert items
    unknown = {clause for item in items for clause in item.clauses} - carried - awaiting
    assert unknown == set()
