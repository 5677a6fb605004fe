"""The agreement's diagrams and charts as :class:`Figure` s: SVG with a Dutch title and alt text.

Graphs (goal tree, organogram) are laid out by Graphviz (``_graphviz``), charts by Vega-Lite
(``_vega``). Every function returns ``None`` (``kpi_charts``: an empty list) when the
agreement holds nothing to draw. Output is deterministic: the same agreement gives the same
SVG, byte for byte; figures never reference external resources.

Both engines sit behind the figure cache (``_cache``), so a figure whose input did not
change is not drawn again. :class:`FigureJobs` draws all figures of the document at once,
in threads (both engines run outside the GIL), and can also leave the drawing out
altogether for formats that show no pictures (Markdown): the figures then carry their
title and alt text but an empty ``svg``.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import itertools
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from types import TracebackType
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from stramien.model import (
    Agreement,
    Goal,
    Indicator,
    MemberRole,
    ParticipationLevel,
    Party,
    StakeholderCategory,
)

from . import _graphviz as gv
from . import _vega
from .blocks import Block, Figure, Picture
from .text import nl_date

__all__ = [
    "DOCUMENT_FIGURES",
    "FigureJobs",
    "budget_chart",
    "goal_tree",
    "kpi_charts",
    "organogram",
    "participation_matrix",
    "phasing_gantt",
    "risk_heatmap",
    "svg_to_png",
]

Measurements = Mapping[str, list[tuple[dt.date, Decimal]]]

# Colours: one calm palette for every figure (readable in grey print too).
INK = "#1d2b36"
MUTED = "#5b6770"
LINE = "#8a969e"
DARK_BLUE = "#1f4e79"
BLUE = "#2f6f9f"
LIGHT_BLUE = "#dcebf6"
PALE_BLUE = "#f2f7fb"
AMBER = "#b7791f"
AMBER_LIGHT_LINE = "#dcb77a"
LIGHT_AMBER = "#fdf1dc"
GREEN = "#4d8f5a"
RED = "#b23a3a"
GREY = "#c9d1d6"

GOAL_WRAP = 25
# From this many goals on, leaf goals are stacked in columns under their parent.
STACK_LEAVES_FROM = 25
MAX_MEMBER_NAMES = 8
# User text in charts is shortened here, by characters: Vega's own truncation (labelLimit)
# can cut an emoji in half, which makes vl-convert fail. Vega's limits are switched off.
LABEL_CHARS = 48
LEGEND_CHARS = 32

_ROOT_TAG = re.compile(r"<svg\b[^>]*>")
_ID_ATTR = re.compile(r'\bid="([^"]+)"')
# An id where it is defined, and where it is used: url(#id) and href="#id".
_ID_USE = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


# Whether the figure functions draw (False: title and alt text only, ``svg`` empty).
_DRAW: contextvars.ContextVar[bool] = contextvars.ContextVar("stramien_draw", default=True)
#: Finest raster resolution (dots per inch at the printed width) for PNG copies.
RASTER_DPI = 600
_WIDTH_ATTR = re.compile(r'\swidth="\s*([0-9]+(?:\.[0-9]+)?)\s*(px|pt|mm|cm|in)?\s*"')
_PX_PER_UNIT = {"px": 1.0, "pt": 96 / 72, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
# Threads that draw figures at once; the engines run outside the GIL.
_WORKERS = max(1, min(4, os.cpu_count() or 1))


# --------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """A PNG of ``svg`` (rendered by resvg inside vl-convert; deterministic, cached)."""
    return _vega.svg_to_png(svg, scale=scale)


def raster_scale(svg: str, width_cm: float, scale: float = 2.0) -> float:
    """The scale to rasterise ``svg`` at when it is shown ``width_cm`` wide: ``scale``, but
    never finer than RASTER_DPI at that width.

    Graphviz draws a big goal tree thousands of points wide; at scale 2 its PNG had
    15,000 pixels across (2,400 dpi on the page, 6 MB, 0.7 s to make). 600 dpi is twice
    what print needs, and Word at its largest zoom (500 %) on an ordinary screen shows
    about 3,000 pixels across a 16 cm picture; that is where the raster stops. Charts
    (about 900 px wide) stay at ``scale``. An SVG whose width cannot be read keeps it too.
    """
    match = _ROOT_TAG.search(svg)
    found = _WIDTH_ATTR.search(match.group(0)) if match else None
    if found is None or width_cm <= 0:
        return scale
    width_px = float(found.group(1)) * _PX_PER_UNIT[found.group(2) or "px"]
    if width_px <= 0:
        return scale
    limit = width_cm / 2.54 * RASTER_DPI / width_px
    return round(max(min(scale, limit), 0.01), 4)


def rasterise(blocks: Iterable[Block], scale: float = 2.0) -> dict[str, bytes | Exception]:
    """PNGs of every figure and SVG picture in ``blocks``, made at once: SVG -> PNG or error.

    Each at ``scale``, or coarser where that would exceed RASTER_DPI (see raster_scale).
    """
    jobs: dict[str, float] = {}
    for block in blocks:
        if isinstance(block, Figure) and block.svg:
            jobs.setdefault(block.svg, raster_scale(block.svg, block.width_cm, scale))
        elif isinstance(block, Picture) and block.mime == "image/svg+xml":
            try:
                svg = block.data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            jobs.setdefault(svg, raster_scale(svg, block.width_cm, scale))
    return _svgs_to_png(jobs)


def _svgs_to_png(jobs: Mapping[str, float]) -> dict[str, bytes | Exception]:
    def one(job: tuple[str, float]) -> bytes | Exception:
        try:
            return svg_to_png(job[0], scale=job[1])
        except Exception as exc:  # reported per figure: one broken SVG must not stop us
            return exc

    items = list(jobs.items())
    if len(items) <= 1 or _WORKERS == 1:
        return {svg: one((svg, job_scale)) for svg, job_scale in items}
    with ThreadPoolExecutor(min(_WORKERS, len(items))) as pool:
        return dict(zip(jobs, pool.map(one, items), strict=True))


def _dot_svg(source: str) -> str:
    return gv.layout_svg(source) if _DRAW.get() else ""


def _chart_svg(spec: dict[str, Any]) -> str:
    return _vega.vegalite_svg(spec) if _DRAW.get() else ""


def _text(value: str) -> str:
    """User text for a chart or an alt text: one line, no control characters."""
    return gv.clean(value)


def _shorten(value: str, limit: int) -> str:
    value = _text(value)
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _join(items: Sequence[str]) -> str:
    """Dutch enumeration: 'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _number(value: Decimal | float | int, places: int | None = None) -> str:
    """A number the Dutch way: 1.234.567,5."""
    dec = Decimal(str(value))
    if places is not None:
        dec = dec.quantize(Decimal(1).scaleb(-places))
    elif dec == dec.to_integral_value():
        dec = dec.quantize(Decimal(1))
    else:
        dec = dec.normalize()
    sign = "-" if dec < 0 else ""
    text = f"{abs(dec):f}"
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def _euro(value: Decimal | float | int) -> str:
    dec = Decimal(str(value))
    places = 0 if dec == dec.to_integral_value() else 2
    return "€\u00a0" + _number(dec, places)  # no-break space, as in the nl-NL locale


def _finish(key: str, title: str, alt: str, svg: str, width_cm: float = 16.0) -> Figure:
    """Give the SVG a Dutch <title> and <desc> and ids unique to this figure."""
    if not svg:  # not drawn (see FigureJobs)
        return Figure(key=key, title=title, alt=alt, svg="", width_cm=width_cm)
    svg = _titled(key, title, alt, svg)
    return Figure(key=key, title=title, alt=alt, svg=svg, width_cm=width_cm)


def forget_titled() -> None:
    """Empty the small cache of finished SVGs (see _titled)."""
    _titled.cache_clear()


@functools.lru_cache(maxsize=32)
def _titled(key: str, title: str, alt: str, svg: str) -> str:
    # Cached: for a large goal tree this takes longer than fetching the drawing itself.
    svg = _prefix_ids(svg, key)
    match = _ROOT_TAG.search(svg)
    if match is None:  # pragma: no cover - both engines always write a root element
        raise ValueError("geen SVG-uitvoer")
    start = match.group(0)
    opening = start[:-1].rstrip()
    head = (
        f'{opening} role="img" aria-labelledby="{key}-title {key}-desc">'
        f'<title id="{key}-title">{xml_escape(_text(title))}</title>'
        f'<desc id="{key}-desc">{xml_escape(_text(alt))}</desc>'
    )
    return svg[: match.start()] + head + svg[match.end() :]


def _prefix_ids(svg: str, key: str) -> str:
    """Make every id in the SVG start with the figure key, so figures can share a page."""
    ids = set(_ID_ATTR.findall(svg))

    def prefixed(match: re.Match[str]) -> str:
        lead, name = match.group(1), match.group(2)
        return f"{lead}{key}-{name}" if name in ids else match.group(0)

    return _ID_USE.sub(prefixed, svg)


def _lines_expr(lines: Mapping[str, list[str]] | Mapping[int, list[str]]) -> str:
    """A Vega expression that turns our own (constant) axis labels into lines of text."""
    expr = "datum.label"
    for value, parts in reversed(list(lines.items())):
        expr = f"datum.value === {json.dumps(value)} ? {json.dumps(parts)} : {expr}"
    return expr


def _party_names(agreement: Agreement) -> dict[str, str]:
    parties: list[Party] = [*agreement.partnership.partners, *agreement.partnership.stakeholders]
    return {party.id: _text(party.name) or party.id for party in parties}


def _unique_labels(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """id -> label, where labels that occur twice get their id added to tell them apart."""
    items = list(pairs)
    counts = Counter(label for _, label in items)
    return {
        item_id: (f"{label} ({item_id})" if counts[label] > 1 else label)
        for item_id, label in items
    }


# --------------------------------------------------------------------------------------
# Goal tree
# --------------------------------------------------------------------------------------


def _children(goals: Sequence[Goal]) -> dict[str, list[str]]:
    known = {goal.id for goal in goals}
    children: dict[str, list[str]] = defaultdict(list)
    for goal in goals:
        for parent in _parents(goal, known):
            children[parent].append(goal.id)
    return children


def _parents(goal: Goal, known: set[str]) -> list[str]:
    """The goals ``goal`` contributes to, each once, unknown and self references left out."""
    return [p for p in dict.fromkeys(goal.contributes_to) if p in known and p != goal.id]


def _descendants(goal_id: str, children: Mapping[str, list[str]]) -> list[str]:
    """All goals below ``goal_id`` (breadth first, each once, cycles are harmless)."""
    seen = {goal_id}
    order: list[str] = []
    queue = list(children.get(goal_id, ()))
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        order.append(current)
        queue.extend(children.get(current, ()))
    return order


def _depths(goals: Sequence[Goal], children: Mapping[str, list[str]]) -> dict[str, int]:
    depth: dict[str, int] = {}
    queue = [(goal.id, 1) for goal in goals if goal.contributes_to_ambition]
    while queue:
        current, level = queue.pop(0)
        if current in depth:
            continue
        depth[current] = level
        queue.extend((child, level + 1) for child in children.get(current, ()))
    return depth


def _ambition_text(statement: str) -> str:
    text = _text(statement)
    if not text:
        return ""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return _shorten(first, 140)


def goal_tree(agreement: Agreement) -> Figure | None:
    """The goal tree: ambition on top, goals below it, arrows pointing up to what they serve."""
    goals = agreement.goals
    if not goals:
        return None
    title = "Doelenboom"
    span = gv.Span
    goal_ids = {goal.id for goal in goals}
    by_id = {goal.id: goal for goal in goals}
    tops = [goal for goal in goals if goal.contributes_to_ambition]

    interests: dict[str, tuple[str, str]] = {}  # id -> (partner name, description)
    for partner in agreement.partnership.partners:
        for interest in partner.interests:
            interests[interest.id] = (_text(partner.name), interest.description)
    used_interests: list[str] = []
    for goal in goals:
        for ref in goal.interests:
            if ref in interests and ref not in used_interests:
                used_interests.append(ref)

    lines = [
        f"digraph {gv.quote(title)} {{",
        f"  graph [rankdir=TB, fontname={gv.quote(gv.FONT)}, bgcolor=white, pad=0.15, "
        "nodesep=0.18, ranksep=0.45, newrank=true, outputorder=edgesfirst];",
        f"  node [fontname={gv.quote(gv.FONT)}, fontsize=9, shape=box, "
        f'style="rounded,filled", fillcolor=white, color="{LINE}", fontcolor="{INK}", '
        'margin="0.12,0.05", penwidth=0.8];',
        f'  edge [color="{MUTED}", arrowsize=0.55, penwidth=0.7, dir=back];',
    ]
    ambition_lines: list[list[gv.Span]] = [
        [span("Maatschappelijke ambitie", bold=True, size=11, color="#ffffff")]
    ]
    ambition_lines += [
        [span(line, size=9, color="#ffffff")]
        for line in gv.wrap(_ambition_text(agreement.ambition.statement), 45)
        if line
    ]
    lines.append(
        f"  {gv.quote('_ambition')} [label={gv.html_label(ambition_lines)}, "
        f'fillcolor="{DARK_BLUE}", color="{DARK_BLUE}", margin="0.15,0.08"];'
    )

    for goal in goals:
        label_lines = [[span(line)] for line in gv.wrap(goal.title, GOAL_WRAP, max_lines=6)]
        label_lines.append([span(goal.id, size=7, color=MUTED)])
        style = ""
        if goal.contributes_to_ambition:
            style = f', fillcolor="{LIGHT_BLUE}", color="{BLUE}", penwidth=1.2'
        lines.append(f"  {gv.quote(goal.id)} [label={gv.html_label(label_lines)}{style}];")

    for interest_id in used_interests:
        partner_name, description = interests[interest_id]
        label_lines = [
            [span(line, italic=True, size=8, color=AMBER)]
            for line in gv.wrap(f"Belang van {partner_name}", GOAL_WRAP, max_lines=2)
        ]
        label_lines += [
            [span(line, size=8)] for line in gv.wrap(description, GOAL_WRAP, max_lines=4)
        ]
        lines.append(
            f"  {gv.quote(interest_id)} [label={gv.html_label(label_lines)}, shape=note, "
            f'style=filled, fillcolor="{LIGHT_AMBER}", color="{AMBER}"];'
        )

    for goal in tops:
        lines.append(f"  {gv.quote('_ambition')} -> {gv.quote(goal.id)};")
    for goal in goals:
        for parent in _parents(goal, goal_ids):
            lines.append(f"  {gv.quote(parent)} -> {gv.quote(goal.id)};")
    children = _children(goals)
    if len(goals) >= STACK_LEAVES_FROM:
        # A big tree gets very wide: stack the leaf goals under their (only) parent in a
        # column, chained by invisible edges, so each branch takes one column, not three.
        for goal in goals:
            leaves = [
                child
                for child in children.get(goal.id, [])
                if not children.get(child) and _parents(by_id[child], goal_ids) == [goal.id]
            ]
            for upper, lower in itertools.pairwise(leaves):
                lines.append(f"  {gv.quote(upper)} -> {gv.quote(lower)} [style=invis, weight=4];")
    # An interest hangs below the first goal that serves it; its links to further goals are
    # drawn lighter and do not pull it around the tree.
    placed: set[str] = set()
    for goal in goals:
        for ref in dict.fromkeys(goal.interests):
            if ref not in interests:
                continue
            if ref in placed:
                attrs = f'color="{AMBER_LIGHT_LINE}", penwidth=0.5, constraint=false'
            else:
                attrs = f'color="{AMBER}"'
                placed.add(ref)
            lines.append(
                f"  {gv.quote(goal.id)} -> {gv.quote(ref)} [dir=none, style=dashed, {attrs}];"
            )
    lines.append("}")

    svg = _dot_svg("\n".join(lines) + "\n")
    depth = _depths(goals, children)
    sub_count = len(goals) - len(tops)
    alt = f"Doelenboom met {_plural(len(tops), 'hoofddoel', 'hoofddoelen')} en "
    alt += f"{_plural(sub_count, 'subdoel', 'subdoelen')}"
    if depth:
        alt += (
            f" in {_plural(max(depth.values()), 'laag', 'lagen')} onder de maatschappelijke ambitie"
        )
    alt += "."
    if tops:
        alt += " Hoofddoelen: " + "; ".join(_shorten(goal.title, 80) for goal in tops) + "."
    loose = sum(1 for goal in goals if goal.id not in depth)
    if loose:
        alt += f" {_plural(loose, 'doel hangt', 'doelen hangen')} niet onder een hoofddoel."
    if used_interests:
        alt += (
            f" {_plural(len(used_interests), 'organisatiebelang is', 'organisatiebelangen zijn')}"
            " aan doelen gekoppeld."
        )
    return _finish("goal-tree", title, alt, svg)


# --------------------------------------------------------------------------------------
# Organogram
# --------------------------------------------------------------------------------------


def organogram(agreement: Agreement) -> Figure | None:
    """The bodies of the programme organisation, who reports to whom, and the director."""
    org = agreement.organisation
    if not org.bodies and org.process_director is None:
        return None
    title = "Programma-organogram"
    span = gv.Span
    names = _party_names(agreement)
    body_ids = {body.id for body in org.bodies}
    lines = [
        f"digraph {gv.quote(title)} {{",
        f"  graph [rankdir=TB, fontname={gv.quote(gv.FONT)}, bgcolor=white, pad=0.15, "
        "nodesep=0.25, ranksep=0.45];",
        f"  node [fontname={gv.quote(gv.FONT)}, fontsize=9, shape=box, style=filled, "
        f'fillcolor="{PALE_BLUE}", color="{BLUE}", fontcolor="{INK}", margin="0.12,0.06", '
        "penwidth=0.8];",
        f'  edge [color="{MUTED}", arrowsize=0.55, penwidth=0.8, dir=back];',
    ]
    for body in org.bodies:
        rows: list[list[list[gv.Span]]] = [
            [[span(line, bold=True, size=10)]] for line in gv.wrap(body.name, 32, max_lines=3)
        ]
        rows.append([[span(body.kind.label, italic=True, size=8, color=MUTED)]])
        if body.members and len(body.members) <= MAX_MEMBER_NAMES:
            for member in body.members:
                text = _shorten(member.name, 40)
                if member.role is not MemberRole.MEMBER:
                    text += f" ({member.role.label.lower()})"
                organisation = names.get(member.organisation or "", "")
                rows.append(
                    [
                        [span(text)],
                        [span(_shorten(organisation, 36), size=8, color=MUTED)],
                    ]
                )
        elif body.members:
            rows.append([[span(f"{len(body.members)} leden")]])
            chairs = [m for m in body.members if m.role is MemberRole.CHAIR]
            if chairs:
                rows.append([[span(f"voorzitter: {_shorten(chairs[0].name, 40)}", size=8)]])
        else:
            rows.append([[span("nog geen leden", italic=True, size=8, color=MUTED)]])
        top = body.reports_to is None or body.reports_to not in body_ids
        style = f', fillcolor="{LIGHT_BLUE}", penwidth=1.2' if top else ""
        lines.append(f"  {gv.quote(body.id)} [label={gv.html_table(rows)}{style}];")
    for body in org.bodies:
        if body.reports_to in body_ids and body.reports_to != body.id:
            lines.append(f"  {gv.quote(body.reports_to)} -> {gv.quote(body.id)};")

    director = org.process_director
    if director is not None:
        label: list[list[gv.Span]] = [[span("Procesregisseur", italic=True, size=8, color=AMBER)]]
        label.append([span(_shorten(director.name, 40), bold=True, size=10)])
        if director.function:
            label += [[span(line, size=8)] for line in gv.wrap(director.function, 32, 2)]
        if director.organisation in names:
            label.append([span(_shorten(names[director.organisation], 40), size=8, color=MUTED)])
        lines.append(
            f"  {gv.quote('_director')} [label={gv.html_label(label)}, shape=box, "
            f'style="rounded,filled", fillcolor="{LIGHT_AMBER}", color="{AMBER}"];'
        )
        # Linked (dashed) to the bodies the director sits in.
        key = _text(director.name).casefold()
        seats = [
            body.id
            for body in org.bodies
            if any(_text(member.name).casefold() == key for member in body.members)
        ]
        for body_id in seats:
            lines.append(
                f"  {gv.quote('_director')} -> {gv.quote(body_id)} "
                f'[dir=none, style=dashed, color="{AMBER}", constraint=false];'
            )
    lines.append("}")
    svg = _dot_svg("\n".join(lines) + "\n")

    alt = f"Organogram met {_plural(len(org.bodies), 'orgaan', 'organen')}"
    roots = [b for b in org.bodies if b.reports_to is None or b.reports_to not in body_ids]
    if roots:
        alt += "; bovenaan " + _join([_shorten(b.name, 60) for b in roots])
    reports = [b for b in org.bodies if b.reports_to in body_ids and b.reports_to != b.id]
    if reports:
        by_id = {b.id: b for b in org.bodies}
        parts = [
            f"{_shorten(b.name, 60)} aan {_shorten(by_id[b.reports_to].name, 60)}"
            for b in reports[:8]
            if b.reports_to is not None
        ]
        more = f" en {len(reports) - 8} meer" if len(reports) > 8 else ""
        alt += ". Verantwoording: " + "; ".join(parts) + more
    if director is not None:
        alt += f". Procesregisseur: {_shorten(director.name, 60)}"
    alt += "."
    return _finish("organogram", title, alt, svg)


# --------------------------------------------------------------------------------------
# Participation matrix
# --------------------------------------------------------------------------------------


def participation_matrix(agreement: Agreement) -> Figure | None:
    """Partners and stakeholders by category (the 5 O's) against the participation ladder."""
    partnership = agreement.partnership
    parties: list[tuple[Party, str]] = [(p, "Partner") for p in partnership.partners]
    parties += [(s, "Belanghebbende") for s in partnership.stakeholders]
    if not parties:
        return None
    title = "Participatiematrix"
    labels = _unique_labels((p.id, _shorten(p.name, LABEL_CHARS) or p.id) for p, _ in parties)
    if partnership.initiator in labels:
        labels[partnership.initiator] += " (initiatiefnemer)"
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
            "labelExpr": _lines_expr({label: gv.wrap(label, 16) for label in level_labels}),
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
                            "scale": {
                                "domain": ["Partner", "Belanghebbende"],
                                "range": ["circle", "diamond"],
                            },
                        },
                        "color": {
                            "field": "soort",
                            "type": "nominal",
                            "title": "Soort partij",
                            "scale": {
                                "domain": ["Partner", "Belanghebbende"],
                                "range": [DARK_BLUE, AMBER],
                            },
                        },
                    },
                },
            ],
        },
        "resolve": {"scale": {"y": "independent"}},
        "spacing": {"row": 10},
        "config": {"legend": {"orient": "bottom"}},
    }
    svg = _chart_svg(spec)

    per_level = Counter(party.participation_level for party, _ in parties)
    spread = ", ".join(f"{level.label.lower()} {per_level.get(level, 0)}" for level in levels)
    per_category = Counter(party.category for party, _ in parties)
    groups = ", ".join(
        f"{c.label.lower()} {per_category[c]}" for c in StakeholderCategory if per_category[c]
    )
    alt = (
        f"Participatiematrix van {_plural(len(parties), 'partij', 'partijen')} "
        f"({_plural(len(partnership.partners), 'partner', 'partners')}, "
        f"{_plural(len(partnership.stakeholders), 'belanghebbende', 'belanghebbenden')}) "
        f"op de vijf niveaus van de participatieladder. Per niveau: {spread}. "
        f"Per soort: {groups}."
    )
    return _finish("participation-matrix", title, alt, svg)


# --------------------------------------------------------------------------------------
# Phasing
# --------------------------------------------------------------------------------------


def _iso(day: dt.date) -> str:
    return day.isoformat()


def phasing_gantt(agreement: Agreement) -> Figure | None:
    """Phases as bars on a time axis, milestones as diamonds; public ones filled."""
    planning = agreement.planning
    if not planning.phases and not planning.milestones:
        return None
    title = "Fasering en mijlpalen"
    phase_labels = _unique_labels(
        (p.id, _shorten(p.name, LABEL_CHARS) or p.id) for p in planning.phases
    )
    milestones = sorted(planning.milestones, key=lambda m: (m.date, m.id))
    milestone_labels = _unique_labels(
        (m.id, f"{m.date:%d-%m-%Y} {_shorten(m.title, LABEL_CHARS) or m.id}") for m in milestones
    )
    rows = [phase_labels[p.id] for p in planning.phases] + [
        milestone_labels[m.id] for m in milestones
    ]
    first_day = min([p.start for p in planning.phases] + [m.date for m in milestones])
    bars = [
        {
            "rij": phase_labels[p.id],
            "begin": _iso(p.start),
            "einde": _iso(p.end + dt.timedelta(days=1)),
            "groep": "Fase",
        }
        for p in planning.phases
    ]
    points = [
        {
            "rij": milestone_labels[m.id],
            "datum": _iso(m.date),
            "vanaf": _iso(first_day),
            "soort": m.kind.label,
            "zichtbaarheid": "Publiek" if m.public else "Intern",
        }
        for m in milestones
    ]
    y = {
        "field": "rij",
        "type": "nominal",
        "title": None,
        "sort": rows,
        "scale": {"domain": rows},
        "axis": {"ticks": False, "domain": False},
    }
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
    svg = _chart_svg(spec)

    ends = [p.end for p in planning.phases] + [m.date for m in milestones]
    public = sum(1 for m in milestones if m.public)
    alt = (
        f"Tijdbalk van {nl_date(first_day)} tot {nl_date(max(ends))} met "
        f"{_plural(len(planning.phases), 'fase', 'fasen')} en "
        f"{_plural(len(milestones), 'mijlpaal', 'mijlpalen')}"
        + (f", waarvan {public} publiek." if milestones else ".")
    )
    if planning.phases:
        alt += " Fasen: " + "; ".join(
            f"{_shorten(p.name, 60)} ({p.start:%d-%m-%Y} tot en met {p.end:%d-%m-%Y})"
            for p in planning.phases[:12]
        )
        alt += " en meer." if len(planning.phases) > 12 else "."
    return _finish("phasing", title, alt, svg)


# --------------------------------------------------------------------------------------
# Budget
# --------------------------------------------------------------------------------------


def budget_chart(agreement: Agreement) -> Figure | None:
    """Costs per year by category, financing per partner (cash / in kind), and the gap."""
    finance = agreement.finance
    if not finance.cost_items and not finance.contributions:
        return None
    title = "Begroting en financiering"
    partner_labels = _unique_labels(
        (p.id, _shorten(p.name, LABEL_CHARS) or p.id) for p in agreement.partnership.partners
    )
    total_costs = sum((c.amount for c in finance.cost_items), Decimal(0))
    total_financing = sum((c.amount for c in finance.contributions), Decimal(0))
    cash = sum((c.amount for c in finance.contributions if not c.kind.in_kind), Decimal(0))
    in_kind = total_financing - cash
    charts: list[dict[str, Any]] = []
    euro_axis = {"format": "$,.0f", "labelFlush": True}

    if finance.cost_items:
        use_category = any(_text(c.category) for c in finance.cost_items)
        phase_names = _unique_labels(
            (p.id, _shorten(p.name, LEGEND_CHARS) or p.id) for p in agreement.planning.phases
        )
        stack_title = "Kostensoort" if use_category else "Fase"

        def stack_of(item_category: str, phase: str | None) -> str:
            if use_category:
                value = _shorten(item_category, LEGEND_CHARS)
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
        charts.append(
            {
                "title": {
                    "text": "Kosten per jaar",
                    "subtitle": f"Totaal {_euro(total_costs)}",
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
            label = partner_labels.get(contribution.partner, contribution.partner)
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
                    "subtitle": f"Totaal {_euro(total_financing)}: {_euro(cash)} in geld, "
                    f"{_euro(in_kind)} in natura",
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
            gap_text = f"Dekkingstekort: {_euro(gap)} van de kosten is niet gefinancierd."
        elif gap < 0:
            gap_text = f"Geen dekkingstekort: de financiering is {_euro(-gap)} hoger dan de kosten."
        else:
            gap_text = "Geen dekkingstekort: kosten en financiering zijn gelijk."
    elif finance.cost_items:
        gap_text = f"Dekkingstekort: er is nog geen financiering, {_euro(total_costs)} is open."
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
        "resolve": {"scale": {"color": "independent", "stroke": "independent"}},
        "config": {"legend": {"orient": "right"}},
    }
    svg = _chart_svg(spec)

    alt = "Begroting en financiering."
    if finance.cost_items:
        years_all = sorted({c.year for c in finance.cost_items})
        period = f"{years_all[0]}" if len(years_all) == 1 else f"{years_all[0]}–{years_all[-1]}"
        alt += f" Kosten {_euro(total_costs)} over {period}."
    if finance.contributions:
        partners = len({c.partner for c in finance.contributions})
        alt += (
            f" Financiering {_euro(total_financing)} van "
            f"{_plural(partners, 'partner', 'partners')}: {_euro(cash)} in geld en "
            f"{_euro(in_kind)} in natura."
        )
    alt += " " + gap_text
    return _finish("budget", title, alt, svg)


# --------------------------------------------------------------------------------------
# Risks
# --------------------------------------------------------------------------------------

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
            "labelExpr": _lines_expr({n: [f"{n} {w}"] for n, w in _LIKELIHOOD.items()}),
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
            "labelExpr": _lines_expr({n: [f"{n} {w}"] for n, w in _IMPACT.items()}),
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
    svg = _chart_svg(spec)

    bands = Counter(_band(risk.score) for risk in risks)
    worst = sorted(risks, key=lambda r: (-r.score, r.id))[:3]
    alt = (
        f"Risicomatrix van kans tegen impact met {_plural(len(risks), 'risico', 'risico’s')}: "
        + ", ".join(f"{bands[name]} {name}" for name, _ in reversed(_BANDS))
        + ". Hoogste score: "
        + "; ".join(f"{r.id} (kans {r.likelihood}, impact {r.impact})" for r in worst)
        + "."
    )
    return _finish("risks", title, alt, svg)


# --------------------------------------------------------------------------------------
# Indicators
# --------------------------------------------------------------------------------------


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
    number = _number(value)
    unit = _shorten(unit, 30)
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def kpi_charts(
    agreement: Agreement,
    measurements: Measurements | None = None,
) -> list[Figure]:
    """One chart per top goal: every indicator of that goal and the goals below it, from
    baseline (0 %) to target (100 %).

    ``measurements`` (indicator id -> (date, value) pairs, from monitoring) adds the
    measured values: every measurement as a small dot, the latest as a bar of progress.
    """
    goals = agreement.goals
    if not goals or not agreement.indicators:
        return []
    by_goal: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in agreement.indicators:
        by_goal[indicator.goal].append(indicator)
    children = _children(goals)
    figures: list[Figure] = []
    for top in (goal for goal in goals if goal.contributes_to_ambition):
        scope = [top.id, *_descendants(top.id, children)]
        indicators = [i for goal_id in scope for i in by_goal.get(goal_id, [])]
        if indicators:
            figures.append(_kpi_chart(top, indicators, measurements or {}))
    return figures


def _indicator_summary(indicator: Indicator) -> str:
    name = _shorten(indicator.name, 60)
    if indicator.baseline is None and indicator.target is None:
        return f"{name} (nog zonder nulmeting en streefwaarde)"
    baseline = _value_text(indicator.baseline, indicator.unit)
    target = _value_text(indicator.target, indicator.unit)
    return f"{name} van {baseline} naar {target}"


def _kpi_chart(
    top: Goal,
    indicators: Sequence[Indicator],
    measurements: Measurements,
) -> Figure:
    labels = _unique_labels((i.id, _shorten(i.name, LABEL_CHARS) or i.id) for i in indicators)
    rows = [labels[i.id] for i in indicators]
    lines: list[dict[str, Any]] = []
    ends: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    measured: list[dict[str, Any]] = []
    latest: list[dict[str, Any]] = []
    high = 100.0
    low = 0.0
    for indicator in indicators:
        label = labels[indicator.id]
        target_when = f" in {indicator.target_date:%m-%Y}" if indicator.target_date else ""
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
            note += f"; gemeten: {_value_text(value, indicator.unit)} op {day:%d-%m-%Y}"
        notes.append({"rij": label, "tekst": note})
    high = min(high, 300.0)
    low = max(low, -200.0)
    text_x = high + 8
    y = {
        "field": "rij",
        "type": "nominal",
        "title": None,
        "sort": rows,
        "scale": {"domain": rows},
        "axis": {"ticks": False, "domain": False},
    }
    x = {
        "type": "quantitative",
        "title": "Voortgang van nulmeting (0 %) naar streefwaarde (100 %)",
        "scale": {"domain": [low - 5, text_x + 95], "nice": False},
        "axis": {
            "values": list(range(int(low // 25 * 25), int(high) + 1, 25)),
            "format": ".0f",
            "labelExpr": "datum.label + ' %'",
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
                    "scale": {
                        "domain": ["Nulmeting", "Streefwaarde", *(["Meting"] if measured else [])],
                        "range": [MUTED, GREEN, BLUE],
                    },
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
    spec: dict[str, Any] = {
        "width": 520,
        "height": {"step": 18},
        "layer": layers,
        "config": {"legend": {"orient": "bottom"}},
    }
    svg = _chart_svg(spec)

    title = f"Indicatoren bij hoofddoel: {_shorten(top.title, 120)}"
    goals_covered = len({i.goal for i in indicators})
    alt = (
        f"{_plural(len(indicators), 'indicator', 'indicatoren')} bij het hoofddoel "
        f"'{_shorten(top.title, 120)}' en de doelen eronder "
        f"({_plural(goals_covered, 'doel', 'doelen')} met een indicator), elk van nulmeting "
        "naar streefwaarde: "
        + "; ".join(_indicator_summary(i) for i in indicators[:8])
        + ("; en meer." if len(indicators) > 8 else ".")
    )
    with_data = sum(1 for i in indicators if measurements.get(i.id))
    if with_data:
        alt += f" Met metingen voor {_plural(with_data, 'indicator', 'indicatoren')}."
    return _finish(f"kpi-{top.id}", title, alt, svg)


# --------------------------------------------------------------------------------------
# All figures of the document at once
# --------------------------------------------------------------------------------------

FigureResult = Figure | None | list[Figure]

#: The figures the agreement document shows, by name. The graphs come first: their
#: Graphviz processes then run while vl-convert starts its JavaScript engine, which holds
#: the GIL for about 0.3 s the first time.
DOCUMENT_FIGURES: dict[str, Callable[[Agreement], FigureResult]] = {
    "goal_tree": goal_tree,
    "organogram": organogram,
    "participation_matrix": participation_matrix,
    "kpi_charts": kpi_charts,
    "phasing_gantt": phasing_gantt,
    "budget_chart": budget_chart,
    "risk_heatmap": risk_heatmap,
}


def _make(function: Callable[[Agreement], FigureResult], agreement: Agreement, draw: bool) -> Any:
    token = _DRAW.set(draw)
    try:
        return function(agreement)
    finally:
        _DRAW.reset(token)


class FigureJobs:
    """The document's figures (:data:`DOCUMENT_FIGURES`), drawn side by side in threads.

    Use as a context manager; :meth:`get` waits for one figure and returns it (or raises
    what drawing it raised). With ``draw=False`` nothing is drawn: every figure has its
    title and alt text but an empty ``svg``, for formats that show no pictures.
    """

    def __init__(self, agreement: Agreement, *, draw: bool = True) -> None:
        self.agreement = agreement
        self.draw = draw
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[str, Future[Any]] = {}

    def __enter__(self) -> FigureJobs:
        if self.draw and _WORKERS > 1:
            self._pool = ThreadPoolExecutor(_WORKERS, thread_name_prefix="stramien-figure")
            self._futures = {
                name: self._pool.submit(_make, function, self.agreement, True)
                for name, function in DOCUMENT_FIGURES.items()
            }
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def get(self, name: str) -> FigureResult:
        """The figure(s) called ``name`` in :data:`DOCUMENT_FIGURES`."""
        future = self._futures.get(name)
        if future is not None:
            result: FigureResult = future.result()
            return result
        found: FigureResult = _make(DOCUMENT_FIGURES[name], self.agreement, self.draw)
        return found
