"""Clauses appear, disappear or change with the deal: financial-only partner, creative co-production,
completion bond, corridor, kept territories. Every variant still numbers consecutively and resolves
every cross-reference."""

from __future__ import annotations

import re
from decimal import Decimal

from coprod.model.parties import PartnerRole
from coprod.model.production import CompletionBond
from coprod.model.project import Project
from coprod.model.recoupment import CorridorTier
from coprod.rendering.markdown import parser
from tests.rendering.checklist_support import row, rows_of
from tests.rendering.rendering_support import example, render_project


def _agreement(project: Project) -> str:
    return render_project(project)["agreement.md"].markdown


def _headings(markdown: str) -> list[str]:
    return re.findall(r"^#{2,4} (.*)$", markdown, flags=re.MULTILINE)


def _assert_references_resolve(markdown: str) -> None:
    tokens = parser().parse(markdown)
    ids = {t.attrGet("id") for t in tokens if t.type == "heading_open"}
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                assert str(child.attrGet("href"))[1:] in ids


def _with_financial_partner(project: Project) -> Project:
    partners = [p.model_copy(update={"role": PartnerRole.FINANCIAL}) if p.id == "vltava" else p
                for p in project.partners]
    return project.model_copy(update={"partners": partners})


def test_a_financial_only_partner_gets_its_own_clause_definition_and_credit() -> None:
    base = _agreement(example("the-salt-road"))
    text = _agreement(_with_financial_partner(example("the-salt-road")))
    assert "### 3.3 Financial participation {#financial-participation}" in text
    assert "Vltava Pictures s.r.o. participates financially only, with a share of 15% of the Budget." in text
    assert "“**Financial Co-Producer**” means Vltava Pictures s.r.o., each of which" in text
    assert "“with the participation of Vltava Pictures s.r.o.”" in text
    assert "The Financial Co-Producer's liability for Overcost is limited to its contribution" in text
    assert "### 8.5 Financial Co-Producer {#financial-consultation}" in text
    # The exchange-rates clause moves from 3.3 to 3.4; references to it follow.
    assert "### 3.3 Exchange rates {#exchange-rates}" in base
    assert "### 3.4 Exchange rates {#exchange-rates}" in text
    assert "fixed rates in [Clause 3.4](#exchange-rates)" in text
    _assert_references_resolve(text)


def test_a_creative_co_production_has_no_condition_precedent_and_renumbers() -> None:
    text = _agreement(example("the-listening-station"))
    assert "{#approval}" not in text
    assert "Competent Authorit" not in text
    assert "(B) The Film is a creative co-production" in text
    assert "## 6. Production responsibilities and spend {#production}" in text
    official = _agreement(example("the-salt-road"))
    assert "## 6. Official co-production status {#approval}" in official
    assert "## 7. Production responsibilities and spend {#production}" in official
    _assert_references_resolve(text)


def test_the_condition_precedent_names_the_framework_and_each_authority() -> None:
    text = _agreement(example("the-salt-road"))
    assert ("for approval of the Film as an official co-production under the Council of Europe Convention on "
            "Cinematographic Co-production (revised) (CETS 220)") in text
    assert "- for Czechia: State Cinematography Fund, to which Vltava Pictures s.r.o. applies." in text


def test_a_completion_bond_adds_its_clause_and_definitions() -> None:
    project = example("the-salt-road")
    bonded = project.model_copy(update={"insurance": project.insurance.model_copy(
        update={"completion_bond": CompletionBond(guarantor="Bondline Guarantors", fee_percent=Decimal(2))})})
    without, text = _agreement(project), _agreement(bonded)
    assert "Completion" not in without
    assert "## 17. Insurance, errors and omissions and completion guarantee {#insurance}" in text
    assert "### 17.3 Completion guarantee {#completion-guarantee}" in text
    assert "“**Completion Guarantor**” means Bondline Guarantors." in text
    assert "Without prejudice to the Completion Guarantee, an Overcost" in text
    _assert_references_resolve(text)


def test_a_corridor_is_described_in_the_waterfall() -> None:
    project = example("the-salt-road")
    assert any(isinstance(tier, CorridorTier) for tier in project.recoupment.waterfall)
    text = _agreement(project)
    assert ("4. **Film centre corridor**: a corridor of 5% of the Collection Account Receipts reaching this "
            "tier to Film centre selective advance (public grant), beside the tiers below it, until it has "
            "received EUR 250,000 (what it recoups)") in text


def test_kept_territories_change_the_territories_clause_and_gross_receipts() -> None:
    project = example("the-salt-road")
    text = _agreement(project)
    assert "### 10.1 Kept Territories {#kept-territories}" in text
    assert ("“**Gross Receipts**” means all sums received from the exploitation of the Film and of all "
            "rights in it, in every medium and territory, including the receipts from the Kept "
            "Territories.") in text
    assert ("“**Collection Account Receipts**” means the Gross Receipts paid into the Collection Account: "
            "the receipts from every territory other than the Kept Territories.") in text
    none_kept = project.model_copy(update={"rights": project.rights.model_copy(update={"territories": []})})
    plain = _agreement(none_kept)
    assert "{#kept-territories}" not in plain
    assert "No Co-Producer keeps a territory of its own." in plain
    assert "Kept Territories" not in plain
    _assert_references_resolve(plain)


def test_a_threshold_on_kept_receipts_is_spelled_out() -> None:
    text = _agreement(example("the-last-ferry"))
    assert ("- Productions Boréale inc. keeps receipts from Canada up to CAD 1,500,000 (one million five "
            "hundred thousand Canadian dollars); receipts above that amount are paid into the Collection "
            "Account.") in text


def test_every_clause_heading_is_numbered_consecutively_in_every_variant() -> None:
    for project in (_with_financial_partner(example("the-salt-road")), example("the-listening-station")):
        numbers = [h.split(" ")[0].rstrip(".") for h in _headings(_agreement(project)) if h[0].isdigit()]
        top = [int(n) for n in numbers if "." not in n]
        assert top == list(range(1, len(top) + 1))


def test_without_sales_agent_or_collection_account_no_undefined_term_is_used() -> None:
    project = example("the-salt-road")
    waterfall = [tier for tier in project.recoupment.waterfall
                 if getattr(tier, "payee", None) not in ("cam", "sales_agent")]
    bare = project.model_copy(update={
        "rights": project.rights.model_copy(update={"world_sales": None, "territories": []}),
        "recoupment": project.recoupment.model_copy(update={"collection_account": None,
                                                            "waterfall": waterfall})})
    text = _agreement(bare)  # a defined term used without its definition would raise TemplateError
    for absent in ("{#sales}", "{#collection}", "Sales Agent", "Collection Account"):
        assert absent not in text
    assert "## 11. Recoupment and net profits {#recoupment}" in text
    assert "| Worldwide | all the Co-Producers jointly |" in text
    assert "may audit the books of the Delegate Producer" in text
    _assert_references_resolve(text)


def test_a_defined_term_inside_data_is_not_a_use_of_the_term() -> None:
    project = example("the-salt-road")
    partners = [p.model_copy(update={"company": "Sales Agent Ltd"}) if p.id == "nord" else p
                for p in project.partners]
    bare = project.model_copy(update={
        "partners": partners,
        "rights": project.rights.model_copy(update={"world_sales": None})})
    text = _agreement(bare)
    assert "Sales Agent Ltd" in text
    assert "“**Sales Agent**”" not in text


def test_a_framework_lead_time_sets_the_application_deadline_in_clause_and_checklist() -> None:
    project = example("the-salt-road")
    partners = [p.model_copy(update={"country": "BR"}) if p.id == "nord" else p for p in project.partners]
    italy_brazil = project.model_copy(update={
        "partners": partners,
        "structure": project.structure.model_copy(update={"framework": "italy-brazil"})})
    documents = render_project(italy_brazil)
    # Principal photography starts on 3 May 2027; the Italy-Brazil agreement asks for 30 days.
    assert ("for provisional approval (an advance ruling) no later than 3 April 2027, being thirty (30) days "
            "before the start of Principal Photography") in documents["agreement.md"].markdown
    application = row(rows_of(documents["checklists/nord.md"].markdown), "File the application")
    assert application.task == ("File the application for official co-production status with Agência "
                                "Nacional do Cinema (ANCINE).")
    # The project's own milestone (26 February) is earlier and sets the date; the framework's day is kept.
    assert "the framework allows until 3 April 2027" in application.source
