"""Where the money is spent, against the budget, each country's financial share and funders' demands.

Funders' territorial spend obligations are checked against the spend plan and, for aid from EU member
states, against the EU Cinema Communication caps (from its data file).
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coprod.analysis.eligibility.schema import Framework, TerritorialSpendCaps
from coprod.analysis.figures import RATIO, cents, money, pct, percent_of, stored
from coprod.analysis.findings import ARITHMETIC, Finding, Severity
from coprod.analysis.wording import country as country_name
from coprod.model.money import Money
from coprod.model.parties import PartnerRole
from coprod.model.project import Project

AREA = "spend"


class CountrySpend(BaseModel):
    """Spend in one country."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str
    amount: Decimal
    percent: Decimal
    """Per cent of the budget."""
    financial_share: Decimal
    """Declared share of the partners established there, per cent."""
    deviation: Decimal
    """Spend share less financial share, in percentage points."""


class SpendObligation(BaseModel):
    """A funder's requirement to spend an amount in its territory."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    line: str
    territory: str
    aid: Decimal
    obligation: Decimal
    planned: Decimal
    """Spend the budget plans in that territory."""
    percent_of_aid: Decimal
    percent_of_budget: Decimal


class SpendSummary(BaseModel):
    """The spend plan, analysed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    currency: str
    budget: Decimal
    by_country: tuple[CountrySpend, ...]
    obligations: tuple[SpendObligation, ...]


def summarise(project: Project) -> SpendSummary:
    """Spend by country (co-producing countries first, then the others) and the spend obligations."""
    budget = project.budget
    shares = project.shares_by_country()
    countries = list(dict.fromkeys([*shares, *budget.spend_by_country]))
    by_country = []
    for country in countries:
        amount = budget.spend_by_country.get(country, Decimal(0))
        percent = percent_of(amount, budget.total)
        share = shares.get(country, Decimal(0))
        by_country.append(CountrySpend(country=country, amount=cents(amount), percent=stored(percent),
                                       financial_share=share.quantize(RATIO),
                                       deviation=stored(percent - share)))
    obligations = []
    for line in project.financing:
        if line.spend_obligation is None:
            continue
        aid = project.in_base(line).amount
        required = project.rates.to_base(Money(line.spend_obligation, project.money(line).currency)).amount
        obligations.append(SpendObligation(
            line=line.id, territory=line.territory, aid=cents(aid), obligation=cents(required),
            planned=cents(budget.spend_by_country.get(line.territory, Decimal(0))),
            percent_of_aid=stored(percent_of(required, aid)),
            percent_of_budget=stored(percent_of(required, budget.total))))
    return SpendSummary(currency=project.structure.currency, budget=cents(budget.total),
                        by_country=tuple(by_country), obligations=tuple(obligations))


def spend_findings(project: Project, summary: SpendSummary) -> list[Finding]:
    """Co-producing countries with no spend, spend where nobody co-produces, unmet spend obligations."""
    currency = summary.currency
    findings = []
    for item in summary.by_country:
        path = ("budget", "spend_by_country", item.country)
        creative = any(p.country == item.country and p.role is not PartnerRole.FINANCIAL
                       for p in project.partners)
        if item.financial_share > 0 and item.amount == 0 and creative:
            findings.append(Finding(code="spend.no-spend-in-partner-country", severity=Severity.WARNING,
                                    area=AREA, path=("budget", "spend_by_country"), source=ARITHMETIC,
                                    message=f"Nothing is spent in {country_name(item.country)}, whose "
                                            f"co-producers hold {pct(item.financial_share)} of the deal; "
                                            "allocate spend there in the Spend Plan, or explain why in the "
                                            "agreement."))
        if item.financial_share == 0 and item.amount > 0:
            findings.append(Finding(code="spend.no-partner-in-country", severity=Severity.INFO, area=AREA,
                                    path=path, source=ARITHMETIC,
                                    message=f"{money(item.amount, currency)} ({pct(item.percent)} of the "
                                            f"budget) is spent in {country_name(item.country)}, where no "
                                            "co-producer is established; check whether the authorities' "
                                            "consent is needed and say who contracts that spend."))
    for obligation in summary.obligations:
        if obligation.planned < obligation.obligation:
            findings.append(Finding(
                code="spend.obligation-unmet", severity=Severity.ERROR, area=AREA,
                path=("budget", "spend_by_country", obligation.territory), source=ARITHMETIC,
                message=f"{project.finance_line(obligation.line).source} requires "
                        f"{money(obligation.obligation, currency)} to be spent in "
                        f"{country_name(obligation.territory)}, but the Spend Plan puts "
                        f"{money(obligation.planned, currency)} there "
                        f"({money(obligation.obligation - obligation.planned, currency)} short). Move spend "
                        "there before the agreement fixes the Spend Plan, or the support will shrink."))
    return findings


def obligation_cap_findings(project: Project, summary: SpendSummary, rules: Framework) -> list[Finding]:
    """Spend obligations of aid from the rules' member states above the caps (EU Cinema Communication)."""
    findings = []
    currency = summary.currency
    caps = [rule for rule in rules.rules if isinstance(rule, TerritorialSpendCaps)]
    for obligation in summary.obligations:
        if obligation.territory not in rules.parties:
            continue
        line_index = next(i for i, f in enumerate(project.financing) if f.id == obligation.line)
        path = ("financing", line_index, "spend_obligation")
        source = project.financing[line_index].source
        for rule in caps:
            limits = ((obligation.aid, rule.max_percent_of_aid, "of the aid"),
                      (summary.budget, rule.max_percent_of_budget, "of the budget"))
            for base, cap, of in limits:
                allowed = base * cap / 100
                if obligation.obligation > allowed:
                    findings.append(Finding(
                        code="spend.obligation-above-cap", severity=rule.severity, area=AREA, path=path,
                        source=rules.citation(rule), rule=rule.name,
                        message=f"{source} requires spending {money(obligation.obligation, currency)} in "
                                f"{country_name(obligation.territory)}, "
                                f"{pct(percent_of(obligation.obligation, base))} {of}; under the "
                                f"{rules.name} a territorial spending obligation may not exceed {pct(cap)} "
                                f"{of} ({money(allowed, currency)}). Ask the fund to confirm the "
                                "obligation before the agreement relies on it."))
    return findings
