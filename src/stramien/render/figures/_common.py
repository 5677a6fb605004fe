"""What every figure shares: the palette, drawing (or not), short labels and the
finishing touch that gives each SVG its Dutch title, description and own ids."""

from __future__ import annotations

import contextvars
import functools
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol
from xml.sax.saxutils import escape as xml_escape

from stramien.model import Agreement, Party

from .. import _graphviz as gv
from .. import _vega
from ..blocks import Figure

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

# User text in charts is shortened here, by characters: Vega's own truncation (labelLimit)
# can cut an emoji in half, which makes vl-convert fail. Vega's limits are switched off.
LABEL_CHARS = 48
LEGEND_CHARS = 32

ROOT_TAG = re.compile(r"<svg\b[^>]*>")
_ID_ATTR = re.compile(r'\bid="([^"]+)"')
# An id where it is defined, and where it is used: url(#id) and href="#id".
_ID_USE = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')

# Whether the figure functions draw (False: title and alt text only, ``svg`` empty).
DRAWING: contextvars.ContextVar[bool] = contextvars.ContextVar("stramien_draw", default=True)

# Threads that draw figures at once; the engines run outside the GIL.
WORKERS = max(1, min(4, os.cpu_count() or 1))


def dot_svg(source: str) -> str:
    return gv.layout_svg(source) if DRAWING.get() else ""


def chart_svg(spec: dict[str, Any]) -> str:
    return _vega.vegalite_svg(spec) if DRAWING.get() else ""


def one_line(value: str) -> str:
    """User text for a chart or an alt text: one line, no control characters."""
    return gv.clean(value)


def shorten(value: str, limit: int) -> str:
    value = one_line(value)
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def enumeration(items: Sequence[str]) -> str:
    """Dutch enumeration: 'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def finish(key: str, title: str, alt: str, svg: str, width_cm: float = 16.0) -> Figure:
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
    match = ROOT_TAG.search(svg)
    if match is None:  # pragma: no cover - both engines always write a root element
        raise ValueError("geen SVG-uitvoer")
    start = match.group(0)
    opening = start[:-1].rstrip()
    head = (
        f'{opening} role="img" aria-labelledby="{key}-title {key}-desc">'
        f'<title id="{key}-title">{xml_escape(one_line(title))}</title>'
        f'<desc id="{key}-desc">{xml_escape(one_line(alt))}</desc>'
    )
    return svg[: match.start()] + head + svg[match.end() :]


def _prefix_ids(svg: str, key: str) -> str:
    """Make every id in the SVG start with the figure key, so figures can share a page."""
    ids = set(_ID_ATTR.findall(svg))

    def prefixed(match: re.Match[str]) -> str:
        lead, name = match.group(1), match.group(2)
        return f"{lead}{key}-{name}" if name in ids else match.group(0)

    return _ID_USE.sub(prefixed, svg)


def lines_expr(lines: Mapping[str, list[str]] | Mapping[int, list[str]]) -> str:
    """A Vega expression that turns our own (constant) axis labels into lines of text."""
    expr = "datum.label"
    for value, parts in reversed(list(lines.items())):
        expr = f"datum.value === {json.dumps(value)} ? {json.dumps(parts)} : {expr}"
    return expr


def party_names(agreement: Agreement) -> dict[str, str]:
    parties: list[Party] = [*agreement.partnership.partners, *agreement.partnership.stakeholders]
    return {party.id: one_line(party.name) or party.id for party in parties}


def unique_labels(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """id -> label, where labels that occur twice get their id added to tell them apart."""
    items = list(pairs)
    counts = Counter(label for _, label in items)
    return {
        item_id: (f"{label} ({item_id})" if counts[label] > 1 else label)
        for item_id, label in items
    }


class Named(Protocol):
    """Anything with a stable id and a name: a party, a phase, an indicator."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


def name_labels(items: Iterable[Named], limit: int = LABEL_CHARS) -> dict[str, str]:
    """id -> the item's name shortened to ``limit`` characters (see :func:`unique_labels`)."""
    return unique_labels((item.id, shorten(item.name, limit) or item.id) for item in items)


def row_axis(rows: list[str]) -> dict[str, Any]:
    """The y encoding of a chart with one row per label, in the order given."""
    return {
        "field": "rij",
        "type": "nominal",
        "title": None,
        "sort": rows,
        "scale": {"domain": rows},
        "axis": {"ticks": False, "domain": False},
    }
