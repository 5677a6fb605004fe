"""The risk matrix (§4.6): likelihood against impact, coloured by score."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from stramien.model import Agreement

from ..blocks import Figure
from ._common import INK, MUTED, chart_svg, finish, lines_expr, plural

_LIKELIHOOD = {1: "zeer klein", 2: "klein", 3: "gemiddeld", 4: "groot", 5: "zeer groot"}
_IMPACT = {1: "gering", 2: "beperkt", 3: "gemiddeld", 4: "groot", 5: "zeer groot"}
_BANDS = (("laag", "1–4"), ("middel", "5–9"), ("hoog", "10–14"), ("zeer hoog", "15–25"))
_BAND_COLOURS = ("#d9ead3", "#fff2b3", "#f9c98f", "#ef9a8c")
_CELL_WIDTH = 104
_CELL_HEIGHT = 84
_CELL_LINES = 5
_CELL_CHARS = 22


def _band(score: int) -> str:
    index = 0 if score < 5 else 1 if score < 10 else 2 if score < 15 else 3
    return _BANDS[index][0]


def _pack(ids: Sequence[str], width: int, max_lines: int) -> list[str]:
    """Risk ids as comma-separated lines of about ``width`` characters; the rest counted."""
    lines: list[str] = []
    for item in ids:
        item = item if len(item) <= width else item[: width - 1] + "…"
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += ", " + item
        else:
            lines.append(item)
    if len(lines) <= max_lines:
        return lines
    kept = lines[: max_lines - 1]
    shown = sum(line.count(", ") + 1 for line in kept)  # ids never contain ", "
    return [*kept, f"+ {len(ids) - shown} meer"]


def risk_heatmap(agreement: Agreement) -> Figure | None:
    """A 5 x 5 grid of likelihood against impact, coloured by score, with the risk ids."""
    risks = agreement.risks.items
    if not risks:
        return None
    title = "Risicomatrix"
    per_cell: dict[tuple[int, int], list[str]] = defaultdict(list)
    for risk in risks:
        per_cell[(risk.likelihood, risk.impact)].append(risk.id)
    band_labels = {name: f"{name} ({scores})" for name, scores in _BANDS}
    cells: list[dict[str, Any]] = []
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            score = likelihood * impact
            cells.append(
                {
                    "kans": likelihood,
                    "impact": impact,
                    "score": score,
                    "klasse": band_labels[_band(score)],
                    "risicos": _pack(
                        per_cell.get((likelihood, impact), []), _CELL_CHARS, _CELL_LINES
                    ),
                }
            )
    x = {
        "field": "kans",
        "type": "ordinal",
        "title": "Kans",
        "sort": [1, 2, 3, 4, 5],
        "axis": {
            "labelAngle": 0,
            "ticks": False,
            "domain": False,
            "labelExpr": lines_expr({n: [f"{n} {w}"] for n, w in _LIKELIHOOD.items()}),
        },
    }
    y = {
        "field": "impact",
        "type": "ordinal",
        "title": "Impact",
        "sort": [5, 4, 3, 2, 1],
        "axis": {
            "ticks": False,
            "domain": False,
            "labelExpr": lines_expr({n: [f"{n} {w}"] for n, w in _IMPACT.items()}),
        },
    }
    spec: dict[str, Any] = {
        "data": {"values": cells},
        "width": 5 * _CELL_WIDTH,
        "height": 5 * _CELL_HEIGHT,
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": {
                        "field": "klasse",
                        "type": "nominal",
                        "title": "Score (kans × impact)",
                        "scale": {
                            "domain": [band_labels[name] for name, _ in _BANDS],
                            "range": list(_BAND_COLOURS),
                        },
                    },
                },
            },
            {
                "mark": {
                    "type": "text",
                    "fontSize": 9,
                    "lineHeight": 12,
                    "baseline": "top",
                    "dy": -_CELL_HEIGHT / 2 + 16,
                    "color": INK,
                },
                "encoding": {"x": x, "y": y, "text": {"field": "risicos"}},
            },
            {
                "mark": {
                    "type": "text",
                    "fontSize": 8,
                    "align": "right",
                    "baseline": "top",
                    "dx": _CELL_WIDTH / 2 - 6,
                    "dy": -_CELL_HEIGHT / 2 + 4,
                    "color": MUTED,
                },
                "encoding": {"x": x, "y": y, "text": {"field": "score"}},
            },
        ],
        "config": {"legend": {"orient": "bottom"}},
    }
    svg = chart_svg(spec)

    bands = Counter(_band(risk.score) for risk in risks)
    worst = sorted(risks, key=lambda r: (-r.score, r.id))[:3]
    alt = (
        f"Risicomatrix van kans tegen impact met {plural(len(risks), 'risico', 'risico’s')}: "
        + ", ".join(f"{bands[name]} {name}" for name, _ in reversed(_BANDS))
        + ". Hoogste score: "
        + "; ".join(f"{r.id} (kans {r.likelihood}, impact {r.impact})" for r in worst)
        + "."
    )
    return finish("risks", title, alt, svg)
