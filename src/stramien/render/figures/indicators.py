"""The indicator charts (§4.2): per top goal, each indicator from baseline to target."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from stramien.formatting import month_year, number, short_date
from stramien.model import Agreement, Goal, Indicator

from ..blocks import Figure
from ._common import (
    AMBER,
    BLUE,
    GREEN,
    GREY,
    INK,
    MUTED,
    chart_svg,
    finish,
    name_labels,
    plural,
    row_axis,
    shorten,
)
from .goals import children_of, descendants

Measurements = Mapping[str, list[tuple[dt.date, Decimal]]]


def _progress(indicator: Indicator, value: Decimal) -> float | None:
    """How far ``value`` is on the way from baseline (0 %) to target (100 %)."""
    if indicator.baseline is None or indicator.target is None:
        return None
    span = indicator.target - indicator.baseline
    if span == 0:
        return None
    return float((value - indicator.baseline) / span * 100)


def _value_text(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "onbekend"
    return number(value, unit=shorten(unit, 30))


def kpi_charts(
    agreement: Agreement,
    measurements: Measurements | None = None,
    path: Mapping[str, Decimal] | None = None,
) -> list[Figure]:
    """One chart per top goal: every indicator of that goal and the goals below it, from
    baseline (0 %) to target (100 %).

    ``measurements`` (indicator id -> (date, value) pairs, from monitoring) adds the
    measured values: every measurement as a small dot, the latest as a bar of progress.
    ``path`` (indicator id -> the planned path's value at the moment reported on) adds a
    tick where the indicator should stand by now.
    """
    goals = agreement.goals
    if not goals or not agreement.indicators:
        return []
    by_goal: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in agreement.indicators:
        by_goal[indicator.goal].append(indicator)
    children = children_of(goals)
    figures: list[Figure] = []
    for top in (goal for goal in goals if goal.contributes_to_ambition):
        scope = [top.id, *descendants(top.id, children)]
        indicators = [i for goal_id in scope for i in by_goal.get(goal_id, [])]
        if indicators:
            figures.append(_kpi_chart(top, indicators, measurements or {}, path or {}))
    return figures


def _legend(measured: bool, planned: bool) -> dict[str, list[str]]:
    domain = ["Nulmeting", "Streefwaarde", *(["Meting"] if measured else [])]
    if not planned:
        return {"domain": domain, "range": [MUTED, GREEN, BLUE]}
    return {
        "domain": [*domain, "Streefpad"],
        "range": [*[MUTED, GREEN, BLUE][: len(domain)], AMBER],
    }


def _indicator_summary(indicator: Indicator) -> str:
    name = shorten(indicator.name, 60)
    if indicator.baseline is None and indicator.target is None:
        return f"{name} (nog zonder nulmeting en streefwaarde)"
    baseline = _value_text(indicator.baseline, indicator.unit)
    target = _value_text(indicator.target, indicator.unit)
    return f"{name} van {baseline} naar {target}"


def _kpi_chart(
    top: Goal,
    indicators: Sequence[Indicator],
    measurements: Measurements,
    path: Mapping[str, Decimal],
) -> Figure:
    labels = name_labels(indicators)
    rows = [labels[i.id] for i in indicators]
    lines: list[dict[str, Any]] = []
    ends: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    measured: list[dict[str, Any]] = []
    latest: list[dict[str, Any]] = []
    planned: list[dict[str, Any]] = []
    high = 100.0
    low = 0.0
    for indicator in indicators:
        label = labels[indicator.id]
        target_when = f" in {month_year(indicator.target_date)}" if indicator.target_date else ""
        note = (
            f"{_value_text(indicator.baseline, indicator.unit)} → "
            f"{_value_text(indicator.target, indicator.unit)}{target_when}"
        )
        comparable = (
            indicator.baseline is not None
            and indicator.target is not None
            and indicator.baseline != indicator.target
        )
        if comparable:
            lines.append({"rij": label, "van": 0, "tot": 100})
            ends.append({"rij": label, "waarde": 0, "punt": "Nulmeting"})
            ends.append({"rij": label, "waarde": 100, "punt": "Streefwaarde"})
        else:
            note += " (geen verloop te tekenen)"
        history = sorted(measurements.get(indicator.id, []))
        points = [_progress(indicator, value) for _, value in history]
        for progress in points:
            if progress is not None:
                measured.append({"rij": label, "waarde": progress, "punt": "Meting"})
                high, low = max(high, progress), min(low, progress)
        if history:
            day, value = history[-1]
            progress = points[-1]
            if progress is not None:
                latest.append({"rij": label, "van": 0, "tot": progress})
            note += f"; gemeten: {_value_text(value, indicator.unit)} op {short_date(day)}"
        should = path.get(indicator.id)
        expected = None if should is None else _progress(indicator, should)
        if should is not None and expected is not None:
            planned.append({"rij": label, "waarde": expected, "punt": "Streefpad"})
            high, low = max(high, expected), min(low, expected)
            note += f"; streefpad: {_value_text(should, indicator.unit)}"
        notes.append({"rij": label, "tekst": note})
    high = min(high, 300.0)
    low = max(low, -200.0)
    text_x = high + 8
    y = row_axis(rows)
    x = {
        "type": "quantitative",
        "title": "Voortgang van nulmeting (0%) naar streefwaarde (100%)",
        "scale": {"domain": [low - 5, text_x + 95], "nice": False},
        "axis": {
            "values": list(range(int(low // 25 * 25), int(high) + 1, 25)),
            "format": ".0f",
            "labelExpr": "datum.label + '%'",
            "grid": True,
            "domain": False,
        },
    }
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": lines},
            "mark": {"type": "rule", "color": GREY, "strokeWidth": 3},
            "encoding": {"y": y, "x": {**x, "field": "van"}, "x2": {"field": "tot"}},
        },
        {
            "data": {"values": ends},
            "mark": {"type": "point", "filled": True, "size": 60, "opacity": 1},
            "encoding": {
                "y": y,
                "x": {**x, "field": "waarde"},
                "color": {
                    "field": "punt",
                    "type": "nominal",
                    "title": None,
                    "scale": _legend(bool(measured), bool(planned)),
                },
            },
        },
        {
            "data": {"values": notes},
            "mark": {"type": "text", "align": "left", "fontSize": 9, "color": INK},
            "encoding": {
                "y": y,
                "x": {"datum": text_x, "type": "quantitative"},
                "text": {"field": "tekst"},
            },
        },
    ]
    if measured:
        layers.insert(
            1,
            {
                "data": {"values": latest},
                "mark": {"type": "rule", "color": BLUE, "strokeWidth": 3},
                "encoding": {"y": y, "x": {**x, "field": "van"}, "x2": {"field": "tot"}},
            },
        )
        layers.append(
            {
                "data": {"values": measured},
                "mark": {"type": "point", "filled": True, "size": 30, "opacity": 1},
                "encoding": {
                    "y": y,
                    "x": {**x, "field": "waarde"},
                    "color": {"field": "punt", "type": "nominal"},
                },
            }
        )
    if planned:
        layers.append(
            {
                "data": {"values": planned},
                "mark": {"type": "tick", "color": AMBER, "thickness": 3, "size": 14},
                "encoding": {"y": y, "x": {**x, "field": "waarde"}},
            }
        )
    spec: dict[str, Any] = {
        "width": 520,
        "height": {"step": 18},
        "layer": layers,
        "config": {"legend": {"orient": "bottom"}},
    }
    svg = chart_svg(spec)

    title = f"Indicatoren bij hoofddoel: {shorten(top.title, 120)}"
    goals_covered = len({i.goal for i in indicators})
    alt = (
        f"{plural(len(indicators), 'indicator', 'indicatoren')} bij het hoofddoel "
        f"'{shorten(top.title, 120)}' en de doelen eronder "
        f"({plural(goals_covered, 'doel', 'doelen')} met een indicator), elk van nulmeting "
        "naar streefwaarde: "
        + "; ".join(_indicator_summary(i) for i in indicators[:8])
        + ("; en meer." if len(indicators) > 8 else ".")
    )
    with_data = sum(1 for i in indicators if measurements.get(i.id))
    if with_data:
        alt += f" Met metingen voor {plural(with_data, 'indicator', 'indicatoren')}."
    return finish(f"kpi-{top.id}", title, alt, svg)


def indicator_over_time(
    indicator: Indicator,
    path: Sequence[tuple[dt.date, Decimal | None, bool]],
    measured: Sequence[tuple[dt.date, Decimal]],
) -> Figure:
    """One indicator over time: baseline and target as lines, the planned path (``path``:
    each period's end, the value on the path there, and whether it is an interim target of
    the document) as a line with the interim targets marked, and each approved value
    (``measured``: period end, value) as a dot."""
    unit = indicator.unit
    lines: list[dict[str, Any]] = []
    if indicator.baseline is not None:
        lines.append({"waarde": float(indicator.baseline), "lijn": "Nulmeting"})
    if indicator.target is not None:
        lines.append({"waarde": float(indicator.target), "lijn": "Streefwaarde"})
    planned = [
        {"datum": day.isoformat(), "waarde": float(value), "tussendoel": explicit}
        for day, value, explicit in path
        if value is not None
    ]
    interim = [point for point in planned if point["tussendoel"]]
    values = [
        {
            "datum": day.isoformat(),
            "waarde": float(value),
            "tekst": f"{_value_text(value, unit)} op {short_date(day)}",
        }
        for day, value in sorted(measured)
    ]
    x = {"field": "datum", "type": "temporal", "title": None, "axis": {"format": "%b %Y"}}
    y = {"field": "waarde", "type": "quantitative", "title": shorten(unit, 40) or None,
         "scale": {"zero": False}}  # fmt: skip
    layers: list[dict[str, Any]] = []
    if lines:
        layers.append(
            {
                "data": {"values": lines},
                "mark": {"type": "rule", "strokeDash": [4, 3], "strokeWidth": 1.5},
                "encoding": {
                    "y": y,
                    "color": {
                        "field": "lijn",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": ["Nulmeting", "Streefwaarde", "Streefpad", "Gemeten"],
                            "range": [MUTED, GREEN, AMBER, BLUE],
                        },
                    },
                },
            }
        )
    if planned:
        layers.append(
            {
                "data": {"values": planned},
                "mark": {"type": "line", "color": AMBER, "strokeWidth": 2},
                "encoding": {"x": x, "y": y},
            }
        )
    if interim:
        layers.append(
            {
                "data": {"values": interim},
                "mark": {"type": "point", "shape": "diamond", "color": AMBER, "size": 50},
                "encoding": {"x": x, "y": y},
            }
        )
    if values:
        layers.append(
            {
                "data": {"values": values},
                "mark": {"type": "line", "color": BLUE, "strokeWidth": 2, "point": False},
                "encoding": {"x": x, "y": y},
            }
        )
        layers.append(
            {
                "name": "metingen",
                "data": {"values": values},
                "mark": {
                    "type": "point",
                    "filled": True,
                    "color": BLUE,
                    "size": 60,
                    "opacity": 1,
                },
                "encoding": {"x": x, "y": y},
            }
        )
    spec: dict[str, Any] = {
        "width": 520,
        "height": 220,
        "layer": layers or [{"data": {"values": []}, "mark": "point"}],
        "config": {"legend": {"orient": "bottom"}},
    }
    svg = chart_svg(spec)
    name = shorten(indicator.name, 120)
    alt = (
        f"Verloop van '{name}': nulmeting {_value_text(indicator.baseline, unit)}, "
        f"streefwaarde {_value_text(indicator.target, unit)}"
        + (f" in {month_year(indicator.target_date)}" if indicator.target_date else "")
        + f", {plural(len(values), 'goedgekeurde meting', 'goedgekeurde metingen')}"
        + (": " + "; ".join(str(v["tekst"]) for v in values[-6:]) if values else "")
        + "."
    )
    return finish(f"verloop-{indicator.id}", f"Verloop: {name}", alt, svg)
