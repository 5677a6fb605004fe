"""The participation matrix (§2): every party on the participation ladder, by category."""

from __future__ import annotations

from collections import Counter
from typing import Any

from stramien.model import (
    Agreement,
    ParticipationLevel,
    Party,
    StakeholderCategory,
    initiators_of,
)

from .. import _graphviz as gv
from ..blocks import Figure
from ._common import (
    AMBER,
    DARK_BLUE,
    MUTED,
    PALE_BLUE,
    chart_svg,
    finish,
    lines_expr,
    name_labels,
    plural,
)

# The kind of mark that shows the level a party wants, next to the level it has.
WANTED = "Gewenst niveau"


def participation_matrix(agreement: Agreement) -> Figure | None:
    """Partners and stakeholders by category (the 5 O's) against the participation ladder."""
    partnership = agreement.partnership
    parties: list[tuple[Party, str]] = [(p, "Partner") for p in partnership.partners]
    parties += [(s, "Belanghebbende") for s in partnership.stakeholders]
    if not parties:
        return None
    title = "Participatiematrix"
    labels = name_labels(party for party, _ in parties)
    for initiator in initiators_of(partnership):
        if initiator in labels:
            labels[initiator] += " (initiatiefnemer)"
    levels = list(ParticipationLevel)
    level_labels = [f"{level.value}. {level.label}" for level in levels]
    categories = [c.label for c in StakeholderCategory]
    order = {c: i for i, c in enumerate(StakeholderCategory)}
    ordered = sorted(enumerate(parties), key=lambda item: (order[item[1][0].category], item[0]))

    cells: list[dict[str, Any]] = []
    marks: list[dict[str, Any]] = []
    for index, (party, kind) in ordered:
        row = {
            "partij": labels[party.id],
            "volgorde": index,
            "categorie": party.category.label,
        }
        for level_label in level_labels:
            cells.append({**row, "niveau": level_label})
        marks.append(
            {
                **row,
                "niveau": level_labels[party.participation_level.value - 1],
                "soort": kind,
            }
        )
        wanted = party.wanted_level
        if wanted is not None and wanted != party.participation_level:
            marks.append({**row, "niveau": level_labels[wanted.value - 1], "soort": WANTED})
    kinds = ["Partner", "Belanghebbende"]
    shapes = ["circle", "diamond"]
    colours = [DARK_BLUE, AMBER]
    if any(mark["soort"] == WANTED for mark in marks):
        kinds.append(WANTED)
        shapes.append("triangle-left")
        colours.append(MUTED)
    y = {
        "field": "partij",
        "type": "nominal",
        "title": None,
        "sort": {"field": "volgorde", "order": "ascending"},
        "axis": {"ticks": False, "domain": False},
    }
    x = {
        "field": "niveau",
        "type": "ordinal",
        "title": "Participatieniveau",
        "sort": level_labels,
        "scale": {"domain": level_labels},
        "axis": {
            "orient": "top",
            "labelAngle": 0,
            "labelExpr": lines_expr({label: gv.wrap(label, 16) for label in level_labels}),
            "labelLineHeight": 12,
            "labelBaseline": "bottom",
            "ticks": False,
            "domain": False,
        },
    }
    spec: dict[str, Any] = {
        "data": {"values": cells + marks},
        "facet": {
            "row": {
                "field": "categorie",
                "type": "nominal",
                "sort": categories,
                "title": None,
                "header": {
                    "labelAngle": 0,
                    "labelOrient": "top",
                    "labelAnchor": "start",
                    "labelFontWeight": "bold",
                    "labelPadding": 6,
                },
            }
        },
        "spec": {
            "width": 5 * 96,
            "height": {"step": 16},
            "layer": [
                {
                    "transform": [{"filter": "datum.soort == null"}],
                    "mark": {"type": "rect", "fill": PALE_BLUE, "stroke": "white"},
                    "encoding": {"x": x, "y": y},
                },
                {
                    "transform": [{"filter": "datum.soort != null"}],
                    "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
                    "encoding": {
                        "x": x,
                        "y": y,
                        "shape": {
                            "field": "soort",
                            "type": "nominal",
                            "title": "Soort partij",
                            "scale": {"domain": kinds, "range": shapes},
                        },
                        "color": {
                            "field": "soort",
                            "type": "nominal",
                            "title": "Soort partij",
                            "scale": {"domain": kinds, "range": colours},
                        },
                    },
                },
            ],
        },
        "resolve": {"scale": {"y": "independent"}},
        "spacing": {"row": 10},
        "config": {"legend": {"orient": "bottom"}},
    }
    svg = chart_svg(spec)

    per_level = Counter(party.participation_level for party, _ in parties)
    spread = ", ".join(f"{level.label.lower()} {per_level.get(level, 0)}" for level in levels)
    per_category = Counter(party.category for party, _ in parties)
    groups = ", ".join(
        f"{c.label.lower()} {per_category[c]}" for c in StakeholderCategory if per_category[c]
    )
    alt = (
        f"Participatiematrix van {plural(len(parties), 'partij', 'partijen')} "
        f"({plural(len(partnership.partners), 'partner', 'partners')}, "
        f"{plural(len(partnership.stakeholders), 'belanghebbende', 'belanghebbenden')}) "
        f"op de vijf niveaus van de participatieladder. Per niveau: {spread}. "
        f"Per soort: {groups}."
    )
    wanting = [
        f"{party.name} (nu {int(party.participation_level)}, gewenst {int(party.wanted_level)})"
        for party, _ in parties
        if party.wanted_level is not None and party.wanted_level != party.participation_level
    ]
    if wanting:
        alt += f" Gewenst niveau anders dan het huidige: {', '.join(wanting)}."
    return finish("participation-matrix", title, alt, svg)
