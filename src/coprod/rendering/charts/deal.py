"""The deal's two charts: who is paid what as receipts grow, and the finance plan by territory and source.

Both are drawn through `draw` (deterministic bytes); the amounts are the waterfall engine's and the
project's exact figures, plotted as floats; every label printed on a chart is formatted from Decimals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

import matplotlib
from matplotlib.figure import Figure

from coprod.analysis.waterfall import break_even, scenarios
from coprod.model.project import Project
from coprod.rendering.charts.figure import Chart, draw
from coprod.rendering.filters import amount
from coprod.rendering.view.common import country_name
from coprod.rendering.view.deal import FINANCE_TYPES, payee_name

RECOUPMENT: Final = "charts/recoupment.svg"
"""Where the recoupment chart goes, relative to the project's build folder (beside the term sheet)."""
FINANCE_PLAN: Final = "charts/finance-plan.svg"
STEPS: Final = 40
"""Receipt levels drawn, from nothing to twice the budget."""
_WIDTH: Final = 6.0  # inches: within the text width of an A4 portrait page
_MILLION: Final = Decimal(1_000_000)


@dataclass(frozen=True, slots=True)
class DealCharts:
    """The charts of one project, by their path in the project's build folder."""

    charts: dict[str, Chart]
    alt: dict[str, str]
    """Each chart's alternative text, the Markdown image's description."""


def _millions(value: Decimal) -> float:
    return float(value / _MILLION)


def recoupment_chart(project: Project) -> Chart:
    """Cumulative payments to each payee against collection-account receipts, break-even points marked."""
    return draw(paint_recoupment(project), width_inches=_WIDTH, height_inches=4.8)


def paint_recoupment(project: Project) -> Callable[[Figure], None]:
    """What `recoupment_chart` draws, as a painting function (the tests read its labels)."""
    currency = project.structure.currency
    budget = project.budget.total
    levels = [(budget * 2 * step / STEPS).quantize(Decimal("0.01")) for step in range(STEPS + 1)]
    results = scenarios(project, levels)
    payees: list[str] = []
    for result in results:
        payees.extend(payment.payee for payment in result.payments if payment.payee not in payees)
    points = break_even(project)

    def paint(figure: Figure) -> None:
        axes = figure.add_subplot()
        xs = [_millions(level) for level in levels]
        palette = matplotlib.colormaps["tab20"]
        colours = [palette(index) for index in range(palette.N)]
        drawn = 0
        for payee in payees:
            ys = [_millions(result.paid_to(payee)) for result in results]
            if any(ys):
                axes.plot(xs, ys, linewidth=1.2, color=colours[drawn % len(colours)],
                          label=str(payee_name(project, payee)))
                drawn += 1
        recouped: dict[Decimal, list[str]] = defaultdict(list)
        for party in points.parties:
            if party.receipts is not None and party.receipts <= levels[-1]:
                recouped[party.receipts].append(project.finance_line(party.line).source)
        for receipts, sources in sorted(recouped.items()):
            axes.axvline(_millions(receipts), color="0.45", linewidth=0.6, linestyle="--")
            who = sources[0] if len(sources) == 1 else f"{len(sources)} investments"
            label = f"{who} recouped at {amount(receipts, currency, cents=True)}"
            marker = axes.text(_millions(receipts), 0.98, label, transform=axes.get_xaxis_transform(),
                               rotation=90, va="top", ha="right", fontsize=5.5, color="0.25", clip_on=True)
            marker.set_in_layout(False)  # a long label is cut at the axes, never squeezes them
        if points.net_profits_from is not None and points.net_profits_from <= levels[-1]:
            start = points.net_profits_from
            axes.axvline(_millions(start), color="0.1", linewidth=0.8)
            label = f"net profits from {amount(start, currency, cents=True)}"
            marker = axes.text(_millions(start), 0.98, label, transform=axes.get_xaxis_transform(),
                               rotation=90, va="top", ha="left", fontsize=5.5, clip_on=True)
            marker.set_in_layout(False)
        axes.set_xlabel(f"Collection account receipts ({currency} million)")
        axes.set_ylabel(f"Paid, cumulative ({currency} million)")
        axes.set_title("Who is paid what as receipts grow")
        figure.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=6)
        axes.set_xlim(0, xs[-1])
        axes.set_ylim(bottom=0)

    return paint


def finance_plan_chart(project: Project) -> Chart:
    """The finance plan as stacked bars: a bar per territory, a segment per source, in the base currency."""
    currency = project.structure.currency
    by_country: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for line in project.financing:
        country = country_name(project.partner(line.partner).country)
        label = f"{line.source} ({FINANCE_TYPES[line.type.value].lower()})"
        by_country[str(country)].append((label, project.in_base(line).amount))
    countries = list(by_country)

    def paint(figure: Figure) -> None:
        axes = figure.add_subplot()
        for index, country in enumerate(countries):
            bottom = Decimal(0)
            for label, value in by_country[country]:
                axes.bar(index, _millions(value), bottom=_millions(bottom), width=0.6, edgecolor="white",
                         linewidth=0.6)
                if value >= max(v for _, v in by_country[country]) / 8:
                    axes.text(index, _millions(bottom + value / 2), label, ha="center", va="center",
                              fontsize=5.5)
                bottom += value
            axes.text(index, _millions(bottom), amount(bottom, currency), ha="center", va="bottom",
                      fontsize=7)
        axes.set_xticks(range(len(countries)), countries)
        axes.set_ylabel(f"{currency} million")
        axes.set_title("Finance plan by territory and source")
        axes.margins(y=0.1)

    return draw(paint, width_inches=_WIDTH, height_inches=4.0)


def deal_charts(project: Project) -> DealCharts:
    """Both charts of ``project``."""
    return DealCharts(
        {RECOUPMENT: recoupment_chart(project), FINANCE_PLAN: finance_plan_chart(project)},
        {RECOUPMENT: "Cumulative payments to each payee against collection account receipts",
         FINANCE_PLAN: "Finance plan by territory and source"},
    )
