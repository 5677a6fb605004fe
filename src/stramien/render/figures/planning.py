"""The phasing chart (§4.3): phases as bars on a time axis, milestones as marks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stramien.formatting import long_date
from stramien.model import Agreement, Milestone
from stramien.model.dates import plan_date, sort_key
from stramien.model.enums import DatePrecision

from ..blocks import Figure
from ._common import (
    AMBER,
    BLUE,
    GREY,
    LABEL_CHARS,
    chart_svg,
    finish,
    name_labels,
    plural,
    row_axis,
    shorten,
    unique_labels,
)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _mark_day(milestone: Milestone) -> dt.date:
    """Where a milestone's mark goes: on its day, or in the middle of its period."""
    first, last = milestone.window
    return first + (last - first) / 2


def phasing_gantt(agreement: Agreement) -> Figure | None:
    """Phases as bars on a time axis, milestones as diamonds; public ones filled."""
    planning = agreement.planning
    if not planning.phases and not planning.milestones:
        return None
    title = "Fasering en mijlpalen"
    phase_labels = name_labels(planning.phases)
    milestones = sorted(planning.milestones, key=lambda m: (*sort_key(m.date, m.precision), m.id))
    milestone_labels = unique_labels(
        (
            m.id,
            f"{plan_date(m.date, m.precision, style='compact')} "
            f"{shorten(m.title, LABEL_CHARS) or m.id}",
        )
        for m in milestones
    )
    rows = [phase_labels[p.id] for p in planning.phases] + [
        milestone_labels[m.id] for m in milestones
    ]
    first_day = min([p.window[0] for p in planning.phases] + [m.window[0] for m in milestones])
    bars = [
        {
            "rij": phase_labels[p.id],
            "begin": _iso(p.window[0]),
            "einde": _iso(p.window[1] + dt.timedelta(days=1)),
            "groep": "Fase",
        }
        for p in planning.phases
    ]
    points = [
        {
            "rij": milestone_labels[m.id],
            "datum": _iso(_mark_day(m)),
            "vanaf": _iso(first_day),
            "soort": m.kind.label,
            "zichtbaarheid": "Publiek" if m.public else "Intern",
        }
        for m in milestones
    ]
    # A milestone planned in a period (Q3 2026, voorjaar 2027) shows the period as a band.
    spans = [
        {
            "rij": milestone_labels[m.id],
            "begin": _iso(m.window[0]),
            "einde": _iso(m.window[1] + dt.timedelta(days=1)),
        }
        for m in milestones
        if m.precision is not DatePrecision.DAY
    ]
    y = row_axis(rows)
    time_axis = {"format": "%Y", "tickCount": {"interval": "year", "step": 1}, "grid": True}
    layers: list[dict[str, Any]] = []
    if bars:
        layers.append(
            {
                "data": {"values": bars},
                "mark": {"type": "bar", "color": BLUE, "cornerRadius": 2, "height": 11},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "begin",
                        "type": "temporal",
                        "title": None,
                        "scale": {"type": "utc"},
                        "axis": time_axis,
                    },
                    "x2": {"field": "einde"},
                },
            }
        )
    if spans:
        layers.append(
            {
                "data": {"values": spans},
                "mark": {"type": "bar", "color": AMBER, "opacity": 0.3, "height": 9},
                "encoding": {
                    "y": y,
                    "x": {"field": "begin", "type": "temporal", "scale": {"type": "utc"}},
                    "x2": {"field": "einde"},
                },
            }
        )
    if points:
        kinds = ["Mijlpaal", "Oplevermoment", "Besluitmoment"]
        # A dotted leader from the time axis' start to each milestone guides the eye.
        layers.append(
            {
                "data": {"values": points},
                "mark": {"type": "rule", "color": GREY, "strokeDash": [1, 2]},
                "encoding": {
                    "y": y,
                    "x": {"field": "vanaf", "type": "temporal", "scale": {"type": "utc"}},
                    "x2": {"field": "datum"},
                },
            }
        )
        layers.append(
            {
                "data": {"values": points},
                "mark": {"type": "point", "size": 70, "strokeWidth": 1.5, "opacity": 1},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "datum",
                        "type": "temporal",
                        "title": None,
                        "scale": {"type": "utc"},
                        "axis": time_axis,
                    },
                    "shape": {
                        "field": "soort",
                        "type": "nominal",
                        "title": "Soort",
                        "scale": {"domain": kinds, "range": ["diamond", "square", "triangle-up"]},
                    },
                    "fill": {
                        "field": "zichtbaarheid",
                        "type": "nominal",
                        "title": "Zichtbaarheid",
                        "scale": {"domain": ["Publiek", "Intern"], "range": [AMBER, "white"]},
                    },
                    "stroke": {"value": AMBER},
                },
            }
        )
    spec: dict[str, Any] = {
        "width": 480,
        "height": {"step": 16},
        "layer": layers,
        "resolve": {"scale": {"shape": "independent", "fill": "independent"}},
        "config": {"legend": {"orient": "bottom"}},
    }
    svg = chart_svg(spec)

    ends = [p.window[1] for p in planning.phases] + [m.window[1] for m in milestones]
    public = sum(1 for m in milestones if m.public)
    alt = (
        f"Tijdbalk van {long_date(first_day)} tot {long_date(max(ends))} met "
        f"{plural(len(planning.phases), 'fase', 'fasen')} en "
        f"{plural(len(milestones), 'mijlpaal', 'mijlpalen')}"
        + (f", waarvan {public} publiek." if milestones else ".")
    )
    if planning.phases:
        alt += " Fasen: " + "; ".join(
            f"{shorten(p.name, 60)} ({plan_date(p.start, p.start_precision, style='short')} "
            f"tot en met {plan_date(p.end, p.end_precision, style='short')})"
            for p in planning.phases[:12]
        )
        alt += " en meer." if len(planning.phases) > 12 else "."
    return finish("phasing", title, alt, svg)
