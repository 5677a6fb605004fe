"""The effect measurement's figures (§4.2): per case a timeline of both scenarios with their
cumulative costs, and over all cases who pays and who benefits.

Both are drawn from ``stramien.monitor.effects.effects_result``, the same numbers the
document's tables show, so figure and table never disagree. The result is computed once per
agreement object (see :func:`effects_of`): the document asks for it from several threads.
"""

from __future__ import annotations

import threading
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stramien.formatting import euro
from stramien.model import Agreement
from stramien.monitor.effects import (
    CaseResult,
    EffectsResult,
    StakeholderLine,
    effects_result,
    format_ratio,
)

from ..blocks import Figure
from ._common import (
    AMBER,
    BLUE,
    GREEN,
    GREY,
    INK,
    LABEL_CHARS,
    MUTED,
    RED,
    chart_svg,
    finish,
    one_line,
    plural,
    row_axis,
    shorten,
    unique_labels,
)

#: The agreement draws a timeline for at most this many cases (the first ones, in the order
#: of the document); the table of results lists every case. A large programme may describe
#: dozens of cases, and each timeline is a chart of its own to draw.
TIMELINE_CASES = 4

INTERVENTION = "Met aanpak"
REFERENCE = "Zonder aanpak"
SCENARIOS = (INTERVENTION, REFERENCE)
COLOURS = {INTERVENTION: BLUE, REFERENCE: AMBER}
KINDS = {"gebeurtenis": "Gebeurtenis", "activiteit": "Activiteit"}

_last: tuple[Agreement, EffectsResult] | None = None
_last_lock = threading.Lock()


def effects_of(agreement: Agreement) -> EffectsResult:
    """The effect calculation of ``agreement``, computed once for the same object."""
    global _last
    with _last_lock:
        if _last is not None and _last[0] is agreement:
            return _last[1]
    result = effects_result(agreement)
    with _last_lock:
        _last = (agreement, result)
    return result


def whole_euro(amount: Decimal | None) -> str:
    """An effect amount in whole euro: present values carry cents no estimate has."""
    if amount is None:
        return euro(None)
    return euro(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def kind_label(kind: object) -> str:
    """'Gebeurtenis' or 'Activiteit', whatever form the model gives the kind in."""
    value = str(getattr(kind, "value", kind) or "gebeurtenis")
    return KINDS.get(value, value[:1].upper() + value[1:])


def _horizon_months(agreement: Agreement) -> int:
    years = getattr(agreement.effect_measurement, "horizon", None)
    return int(years) * 12 if years else 0


def _has_events(result: CaseResult) -> bool:
    return bool(result.intervention.events or result.reference.events)


def effects_timelines(agreement: Agreement) -> list[Figure]:
    """A timeline for each of the first :data:`TIMELINE_CASES` cases with events."""
    cases = effects_of(agreement).cases if agreement.effect_measurement.cases else []
    horizon = _horizon_months(agreement)
    return [_timeline(c, horizon) for c in timeline_cases(cases)]


def timeline_cases(cases: list[CaseResult]) -> list[CaseResult]:
    """The cases that get a timeline in the document (see :data:`TIMELINE_CASES`)."""
    return [c for c in cases if _has_events(c)][:TIMELINE_CASES]


def effects_timeline(agreement: Agreement, case_id: str) -> Figure | None:
    """The timeline of one case (for a web page), or None when it has no events yet."""
    if not agreement.effect_measurement.cases:
        return None
    for found in effects_of(agreement).cases:
        if found.case.id == case_id and _has_events(found):
            return _timeline(found, _horizon_months(agreement))
    return None


def _amount(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _timeline(result: CaseResult, horizon: int) -> Figure:
    spec, end = timeline_spec(result, horizon)
    title = f"Tijdlijn van de casus {one_line(result.case.title)}"
    return finish(f"effect-{result.case.id}", title, _timeline_alt(result, end), chart_svg(spec))


def timeline_spec(result: CaseResult, horizon: int) -> tuple[dict[str, Any], int]:
    """The Vega-Lite spec of a case's timeline, and the last month its axis shows.

    Above, one lane per scenario with a mark per line at its month (shape: life event or
    activity; open: not counted). Below, per scenario the costs so far, in present value,
    stepping up at each counted line."""
    scenarios = ((INTERVENTION, result.intervention), (REFERENCE, result.reference))
    marks: list[dict[str, Any]] = []
    costs: list[dict[str, Any]] = []
    # A line whose moment is unknown (a date without a case start) has no place to go.
    placed = {
        label: sorted(
            (e for e in scenario.events if e.month is not None), key=lambda e: int(e.month or 0)
        )
        for label, scenario in scenarios
    }
    last = max((int(e.month or 0) for events in placed.values() for e in events), default=0)
    end = max(last, horizon, 12)
    for label, events in placed.items():
        colour = COLOURS[label]
        running = 0.0
        costs.append({"scenario": label, "maand": 0, "kosten": 0.0})
        for event in events:
            month = int(event.month or 0)
            marks.append(
                {
                    "rij": label,
                    "scenario": label,
                    "maand": month,
                    "soort": kind_label(event.kind),
                    "telt": bool(event.priced and event.counted),
                    "lijn": colour,
                    "vulling": colour if event.priced and event.counted else "white",
                    "wat": shorten(event.description, LABEL_CHARS),
                }
            )
            if event.priced and event.counted:
                running += _amount(event.present_value)
                costs.append({"scenario": label, "maand": month, "kosten": running})
        costs.append({"scenario": label, "maand": end, "kosten": running})
    month_axis = {
        "field": "maand",
        "type": "quantitative",
        "scale": {"domain": [0, end], "nice": False},
        # A tick a year: the calculation counts in whole years after the start.
        "axis": {"values": list(range(0, end + 1, 12)), "format": "d", "grid": True},
    }
    scenario_colour = {"domain": list(SCENARIOS), "range": [COLOURS[s] for s in SCENARIOS]}
    lanes: dict[str, Any] = {
        "title": {
            "text": "Gebeurtenissen en activiteiten",
            "subtitle": "Open symbool: telt niet mee (nog zonder prijs of buiten de horizon)",
        },
        "width": 460,
        "height": 96,
        "data": {"values": marks},
        "mark": {
            "type": "point",
            "filled": True,
            "color": MUTED,
            "size": 90,
            "strokeWidth": 1.6,
            "opacity": 1,
        },
        "encoding": {
            "x": {**month_axis, "title": None},
            "y": _lane_axis(),
            # Life events and activities in the same month side by side, not on top.
            "yOffset": {
                "field": "soort",
                "type": "nominal",
                "scale": {"domain": list(KINDS.values()), "paddingOuter": 0.6},
            },
            "shape": {
                "field": "soort",
                "type": "nominal",
                "title": "Soort",
                "scale": {"domain": list(KINDS.values()), "range": ["diamond", "circle"]},
            },
            # Colours given per mark (no scale): the legend then shows the shapes in the
            # mark's own grey, not in the colour of one scenario.
            "stroke": {"field": "lijn", "type": "nominal", "scale": None},
            "fill": {"field": "vulling", "type": "nominal", "scale": None},
        },
    }
    line: dict[str, Any] = {
        "title": {"text": "Kosten opgeteld (contante waarde, per geval)"},
        "width": 460,
        "height": 150,
        "data": {"values": costs},
        "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2},
        "encoding": {
            "x": {**month_axis, "title": "Maanden vanaf de start van de casus"},
            "y": {
                "field": "kosten",
                "type": "quantitative",
                "title": None,
                "axis": {"format": "$,.0f", "labelFlush": True},
            },
            "color": {
                "field": "scenario",
                "type": "nominal",
                "title": "Scenario",
                "scale": scenario_colour,
            },
            "order": {"field": "maand"},
        },
    }
    spec: dict[str, Any] = {
        "vconcat": [lanes, line],
        "spacing": 18,
        "resolve": {
            "scale": {
                "shape": "independent",
                "stroke": "independent",
                "fill": "independent",
                "color": "independent",
            }
        },
        "config": {"legend": {"orient": "right"}},
    }
    return spec, end


def _lane_axis() -> dict[str, Any]:
    axis = row_axis(list(SCENARIOS))
    # Labels away from the marks at month 0; a line between the lanes.
    return {
        **axis,
        "scale": {**axis["scale"], "paddingInner": 0.2},
        "axis": {**axis["axis"], "offset": 10, "grid": True, "bandPosition": 1, "gridColor": GREY},
    }


def _some(count: int, singular: str, several: str) -> str:
    return f"geen {several}" if count == 0 else plural(count, singular, several)


def _scenario_alt(label: str, result: CaseResult, reference: bool) -> str:
    scenario = result.reference if reference else result.intervention
    events = sum(1 for e in scenario.events if kind_label(e.kind) == "Gebeurtenis")
    activities = len(scenario.events) - events
    return (
        f"{label}: {_some(events, 'gebeurtenis', 'gebeurtenissen')} en "
        f"{_some(activities, 'activiteit', 'activiteiten')}, kosten "
        f"{whole_euro(scenario.costs)}."
    )


def _timeline_alt(result: CaseResult, end: int) -> str:
    alt = (
        f"Tijdlijn over {end} maanden van de casus {shorten(result.case.title, 80)}, "
        f"per geval. {_scenario_alt(INTERVENTION, result, False)} "
        f"{_scenario_alt(REFERENCE, result, True)} "
        f"Netto effect {whole_euro(result.net)}; rendement {format_ratio(result.ratio)}"
        + ("" if result.ratio is None else ".")
    )
    if result.unpriced:
        alt += f" {plural(len(result.unpriced), 'gebeurtenis', 'gebeurtenissen')} zonder prijs."
    return alt


def effects_stakeholders(agreement: Agreement) -> Figure | None:
    """Per stakeholder what it pays (to the left) and what it gains (to the right), over all
    cases times their number of similar cases; a dark mark shows the balance."""
    if not agreement.effect_measurement.cases:
        return None
    lines = [line for line in effects_of(agreement).stakeholders if line.pays or line.benefits]
    if not lines:
        return None
    labels, order = _stakeholder_rows(lines)
    svg = chart_svg(stakeholder_spec(lines))
    parts = [
        f"{labels[i]} betaalt {whole_euro(lines[i].pays)} en profiteert "
        f"{whole_euro(lines[i].benefits)} (saldo {whole_euro(lines[i].net)})"
        for i in order[:12]
    ]
    alt = (
        "Wie betaalt en wie profiteert, over alle casussen samen: "
        + "; ".join(parts)
        + ("; en meer." if len(lines) > 12 else ".")
    )
    return finish("effect-stakeholders", STAKEHOLDER_TITLE, alt, svg)


STAKEHOLDER_TITLE = "Wie betaalt, wie profiteert"


def _stakeholder_rows(lines: list[StakeholderLine]) -> tuple[list[str], list[int]]:
    """Each line's label (shortened, told apart when two are alike) and the order of the
    rows: the largest balance on top."""
    found = unique_labels(
        (str(i), shorten(line.stakeholder, LABEL_CHARS) or "Onbekend")
        for i, line in enumerate(lines)
    )
    labels = [found[str(i)] for i in range(len(lines))]
    order = sorted(range(len(lines)), key=lambda i: (-lines[i].net, labels[i]))
    return labels, order


def stakeholder_spec(lines: list[StakeholderLine]) -> dict[str, Any]:
    """The Vega-Lite spec of the diverging bars: per stakeholder what it pays to the left of
    zero, what it gains to the right, and its balance as a dark tick."""
    labels, order = _stakeholder_rows(lines)
    rows = [labels[i] for i in order]
    bars: list[dict[str, Any]] = []
    balance: list[dict[str, Any]] = []
    for label, line in zip(labels, lines, strict=True):
        bars.append({"rij": label, "soort": "Betaalt", "bedrag": -_amount(line.pays)})
        bars.append({"rij": label, "soort": "Profiteert", "bedrag": _amount(line.benefits)})
        balance.append({"rij": label, "bedrag": _amount(line.net)})
    # Few ticks: amounts in millions are wide labels, and Vega drops those that overlap.
    euro_axis = {"format": "$,.0f", "labelFlush": True, "grid": True, "tickCount": 5}
    return {
        "title": {
            "text": STAKEHOLDER_TITLE,
            "subtitle": "Rood: wat een partij betaalt (extra inzet); groen: wat zij "
            "profiteert (vermeden kosten); het streepje is het saldo",
        },
        "width": 460,
        "height": {"step": 22},
        "layer": [
            {
                "data": {"values": bars},
                "mark": {"type": "bar", "height": 14},
                "encoding": {
                    "y": row_axis(rows),
                    "x": {
                        "field": "bedrag",
                        "type": "quantitative",
                        "title": "Maatschappelijke kosten en baten over alle gevallen",
                        "axis": euro_axis,
                    },
                    "color": {
                        "field": "soort",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": ["Betaalt", "Profiteert"], "range": [RED, GREEN]},
                    },
                },
            },
            {
                "data": {"values": [{"nul": 0}]},
                "mark": {"type": "rule", "color": MUTED},
                "encoding": {"x": {"field": "nul", "type": "quantitative"}},
            },
            {
                "data": {"values": balance},
                "mark": {"type": "tick", "thickness": 3, "bandSize": 18, "color": INK},
                "encoding": {
                    "y": row_axis(rows),
                    "x": {"field": "bedrag", "type": "quantitative"},
                },
            },
        ],
        "config": {"legend": {"orient": "bottom"}},
    }
