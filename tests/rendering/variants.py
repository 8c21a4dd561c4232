"""The example projects and the conditional variants of them that switch clauses on and off.

Every check that must hold "over every example and every conditional variant" iterates `all_variants()`:
a financial-only partner, a completion bond, no sales agent nor collection account, no kept territories,
a framework with a lead time. Add a variant here when a template grows a new condition.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from coprod.model.parties import PartnerRole
from coprod.model.production import CompletionBond
from coprod.model.project import Project
from tests.rendering.rendering_support import EXAMPLES, example


def with_financial_partner(project: Project) -> Project:
    """The Czech partner of The Salt Road participates financially only."""
    partners = [p.model_copy(update={"role": PartnerRole.FINANCIAL}) if p.id == "vltava" else p
                for p in project.partners]
    return project.model_copy(update={"partners": partners})


def with_completion_bond(project: Project) -> Project:
    """A completion guarantor bonds the film."""
    return project.model_copy(update={"insurance": project.insurance.model_copy(
        update={"completion_bond": CompletionBond(guarantor="Bondline Guarantors", fee_percent=Decimal(2))})})


def without_sales_or_collection(project: Project) -> Project:
    """No sales agent, no kept territories, no collection account (and no tier paying them)."""
    waterfall = [tier for tier in project.recoupment.waterfall
                 if getattr(tier, "payee", None) not in ("cam", "sales_agent")]
    return project.model_copy(update={
        "rights": project.rights.model_copy(update={"world_sales": None, "territories": []}),
        "recoupment": project.recoupment.model_copy(update={"collection_account": None,
                                                            "waterfall": waterfall})})


def without_kept_territories(project: Project) -> Project:
    """Every territory is sold jointly."""
    return project.model_copy(update={"rights": project.rights.model_copy(update={"territories": []})})


def under_italy_brazil(project: Project) -> Project:
    """The Belgian partner becomes Brazilian, under a framework with a lead time."""
    partners = [p.model_copy(update={"country": "BR"}) if p.id == "nord" else p for p in project.partners]
    structure = project.structure.model_copy(update={"framework": "italy-brazil"})
    return project.model_copy(update={"partners": partners, "structure": structure})


VARIANTS: dict[str, tuple[str, Callable[[Project], Project]]] = {
    "financial-partner": ("the-salt-road", with_financial_partner),
    "completion-bond": ("the-salt-road", with_completion_bond),
    "no-sales-no-collection": ("the-salt-road", without_sales_or_collection),
    "no-kept-territories": ("the-salt-road", without_kept_territories),
    "italy-brazil": ("the-salt-road", under_italy_brazil),
    "no-bond": ("the-last-ferry", lambda p: p.model_copy(update={
        "insurance": p.insurance.model_copy(update={"completion_bond": None})})),
}
"""Each variant: the example it starts from, and the change."""


def all_variants() -> dict[str, Project]:
    """Every example as it is, and every variant, by name."""
    projects = {slug: example(slug) for slug in EXAMPLES}
    projects.update({name: change(example(slug)) for name, (slug, change) in VARIANTS.items()})
    return projects
