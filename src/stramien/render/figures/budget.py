"""The budget chart (§4.4): costs per year, financing per partner, and the gap."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from stramien.formatting import euro
from stramien.model import Agreement, budget_stages, successor_of, tracks_stages

from ..blocks import Figure
from ._common import (
    DARK_BLUE,
    GREEN,
    INK,
    LEGEND_CHARS,
    RED,
    chart_svg,
    finish,
    name_labels,
    one_line,
    plural,
    shorten,
)


def budget_chart(agreement: Agreement) -> Figure | None:
    """Costs per year by category, financing per partner (cash / in kind), and the gap."""
    finance = agreement.finance
    if not finance.cost_items and not finance.contributions:
        return None
    title = "Begroting en financiering"
    # Funders who do not sign pay into the programme too: their money is shown by name.
    partner_labels = name_labels([*agreement.partnership.partners, *agreement.partnership.funders])
    total_costs = sum((c.amount for c in finance.cost_items), Decimal(0))
    total_financing = sum((c.amount for c in finance.contributions), Decimal(0))
    cash = sum((c.amount for c in finance.contributions if not c.kind.in_kind), Decimal(0))
    in_kind = total_financing - cash
    charts: list[dict[str, Any]] = []
    euro_axis = {"format": "$,.0f", "labelFlush": True}

    if finance.cost_items:
        use_category = any(one_line(c.category) for c in finance.cost_items)
        phase_names = name_labels(agreement.planning.phases, LEGEND_CHARS)
        stack_title = "Kostensoort" if use_category else "Fase"

        def stack_of(item_category: str, phase: str | None) -> str:
            if use_category:
                value = shorten(item_category, LEGEND_CHARS)
                return value[:1].upper() + value[1:] if value else "Overig"
            return phase_names.get(phase or "", "Zonder fase")

        costs: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        for item in finance.cost_items:
            costs[(item.year, stack_of(item.category, item.phase))] += item.amount
        stacks = sorted({stack for _, stack in costs})
        years = sorted({year for year, _ in costs} | {c.year for c in finance.contributions})
        funded: dict[int, Decimal] = defaultdict(Decimal)
        for contribution in finance.contributions:
            funded[contribution.year] += contribution.amount
        cost_rows = [
            {"jaar": str(year), "post": stack, "bedrag": float(amount)}
            for (year, stack), amount in sorted(costs.items())
        ]
        funding_rows = [{"jaar": str(year), "bedrag": float(funded[year])} for year in years]
        year_x = {
            "field": "jaar",
            "type": "ordinal",
            "title": None,
            "sort": [str(y) for y in years],
            "scale": {"domain": [str(y) for y in years]},
            "axis": {"labelAngle": 0},
        }
        layers: list[dict[str, Any]] = [
            {
                "data": {"values": cost_rows},
                "mark": {"type": "bar", "width": {"band": 0.6}},
                "encoding": {
                    "x": year_x,
                    "y": {
                        "field": "bedrag",
                        "type": "quantitative",
                        "aggregate": "sum",
                        "title": None,
                        "axis": euro_axis,
                    },
                    "color": {
                        "field": "post",
                        "type": "nominal",
                        "title": stack_title,
                        "sort": stacks,
                        "scale": {"scheme": "tableau10"},
                    },
                    "order": {"field": "post"},
                },
            }
        ]
        if finance.contributions:
            layers.append(
                {
                    "data": {"values": funding_rows},
                    "mark": {
                        "type": "tick",
                        "color": INK,
                        "thickness": 2,
                        "bandSize": 34,
                    },
                    "encoding": {
                        "x": year_x,
                        "y": {"field": "bedrag", "type": "quantitative"},
                        "stroke": {
                            "datum": "Financiering in dat jaar",
                            "type": "nominal",
                            "title": None,
                            "scale": {"range": [INK]},
                            "legend": {"symbolType": "stroke", "symbolStrokeWidth": 2},
                        },
                    },
                }
            )
        subtitle = f"Totaal {euro(total_costs)}"
        if tracks_stages(finance.cost_items):
            # What is already spent, per year, as a dot on the year's costs.
            stages = budget_stages(finance.cost_items)
            subtitle += f"; verplicht {euro(stages.committed)}, besteed {euro(stages.spent)}"
            spent: dict[int, Decimal] = defaultdict(Decimal)
            for item in finance.cost_items:
                spent[item.year] += item.spent or Decimal(0)
            layers.append(
                {
                    "data": {
                        "values": [
                            {"jaar": str(year), "bedrag": float(spent[year])}
                            for year in years
                            if spent[year]
                        ]
                    },
                    "mark": {"type": "point", "filled": True, "size": 60, "color": RED},
                    "encoding": {
                        "x": year_x,
                        "y": {"field": "bedrag", "type": "quantitative"},
                        "fill": {
                            "datum": "Besteed in dat jaar",
                            "type": "nominal",
                            "title": None,
                            "scale": {"range": [RED]},
                        },
                    },
                }
            )
        charts.append(
            {
                "title": {
                    "text": "Kosten per jaar",
                    "subtitle": subtitle,
                },
                "width": max(220, 70 * len(years)),
                "height": 220,
                "layer": layers,
            }
        )

    if finance.contributions:
        per_partner: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for contribution in finance.contributions:
            payer = successor_of(
                agreement.partnership.successions, contribution.partner, contribution.year
            )
            label = partner_labels.get(payer, payer)
            kind = "In natura" if contribution.kind.in_kind else "Geld"
            per_partner[(label, kind)] += contribution.amount
            totals[label] += contribution.amount
        partner_order = sorted(totals, key=lambda label: (-totals[label], label))
        rows = [
            {"partner": label, "soort": kind, "bedrag": float(amount)}
            for (label, kind), amount in sorted(per_partner.items())
        ]
        charts.append(
            {
                "title": {
                    "text": "Financiering per partner",
                    "subtitle": f"Totaal {euro(total_financing)}: {euro(cash)} in geld, "
                    f"{euro(in_kind)} in natura",
                },
                "width": 360,
                "height": {"step": 14},
                "data": {"values": rows},
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {
                        "field": "partner",
                        "type": "nominal",
                        "title": None,
                        "sort": partner_order,
                    },
                    "x": {
                        "field": "bedrag",
                        "type": "quantitative",
                        "aggregate": "sum",
                        "title": "Bijdrage",
                        "axis": {**euro_axis, "labelAngle": 0},
                    },
                    "color": {
                        "field": "soort",
                        "type": "nominal",
                        "title": "Soort bijdrage",
                        "scale": {"domain": ["Geld", "In natura"], "range": [DARK_BLUE, GREEN]},
                    },
                    "order": {"field": "soort"},
                },
            }
        )

    gap = total_costs - total_financing
    if finance.cost_items and finance.contributions:
        if gap > 0:
            gap_text = f"Dekkingstekort: {euro(gap)} van de kosten is niet gefinancierd."
        elif gap < 0:
            gap_text = f"Geen dekkingstekort: de financiering is {euro(-gap)} hoger dan de kosten."
        else:
            gap_text = "Geen dekkingstekort: kosten en financiering zijn gelijk."
    elif finance.cost_items:
        gap_text = f"Dekkingstekort: er is nog geen financiering, {euro(total_costs)} is open."
    else:
        gap_text = "Er is nog geen begroting om de financiering tegen af te zetten."
    spec: dict[str, Any] = {
        "title": {
            "text": gap_text,
            "orient": "bottom",
            "anchor": "start",
            "fontSize": 11,
            "color": RED if gap > 0 else INK,
            "offset": 14,
        },
        "vconcat": charts,
        "spacing": 28,
        "resolve": {
            "scale": {"color": "independent", "stroke": "independent", "fill": "independent"}
        },
        "config": {"legend": {"orient": "right"}},
    }
    svg = chart_svg(spec)

    alt = "Begroting en financiering."
    if finance.cost_items:
        years_all = sorted({c.year for c in finance.cost_items})
        period = f"{years_all[0]}" if len(years_all) == 1 else f"{years_all[0]}–{years_all[-1]}"
        alt += f" Kosten {euro(total_costs)} over {period}."
        if tracks_stages(finance.cost_items):
            stages = budget_stages(finance.cost_items)
            alt += (
                f" Daarvan is {euro(stages.committed)} verplicht en {euro(stages.spent)} "
                f"besteed; {euro(stages.free)} is nog vrij."
            )
    if finance.contributions:
        funder_ids = {f.id for f in agreement.partnership.funders}
        payers = {c.partner for c in finance.contributions}
        funders = len(payers & funder_ids)
        partners = len(payers) - funders
        who = plural(partners, "partner", "partners")
        if funders:
            who += " en " + plural(funders, "financier", "financiers")
        alt += (
            f" Financiering {euro(total_financing)} van "
            f"{who}: {euro(cash)} in geld en {euro(in_kind)} in natura."
        )
    alt += " " + gap_text
    return finish("budget", title, alt, svg)
