"""Charts by Vega-Lite, rendered to SVG by vl-convert (no browser, no network).

``vegalite_svg(spec)`` is the only way the renderer draws a chart. It adds the house style
(font, Dutch number and date formats, no English ARIA texts). vl-convert bundles its own
Vega-Lite and Vega and reads no system state except fonts, so the same spec gives the same
SVG; dates are drawn on UTC scales so the machine's time zone does not matter.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Final

import vl_convert

FONT = "Libertinus Serif"
LOCALE: Final = "nl-NL"

_RASTER_FALLBACK = "Liberation Sans"
_FONT_ATTR = re.compile(r'font-family="Libertinus Serif"')
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)

# Applied under every chart's own config: the chart's settings win.
_BASE_CONFIG: dict[str, Any] = {
    "font": FONT,
    # Vega writes English aria-labels ("X-axis titled ..."); figures carry a Dutch <title>
    # and <desc> instead.
    "aria": False,
    "background": "white",
    "view": {"stroke": None},
    # No truncation by Vega (labelLimit 0): it cuts strings by UTF-16 unit, which can split
    # an emoji and then breaks vl-convert's text measuring. Callers shorten user text.
    "axis": {
        "labelFontSize": 10,
        "titleFontSize": 11,
        "titleFontWeight": "normal",
        "labelLimit": 0,
    },
    "legend": {
        "labelFontSize": 10,
        "titleFontSize": 11,
        "titleFontWeight": "normal",
        "labelLimit": 0,
    },
    "title": {"fontSize": 13, "fontWeight": "normal", "anchor": "start", "limit": 0},
    "header": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 0},
}


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def vegalite_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec (inline data only) to SVG, without prolog."""
    full = dict(spec)
    full["config"] = _merge(_BASE_CONFIG, spec.get("config", {}))
    svg = vl_convert.vegalite_to_svg(
        full,
        format_locale=LOCALE,
        time_format_locale=LOCALE,
        # Charts only ever get inline data: refuse every URL.
        allowed_base_urls=[],
    )
    return _PROLOG.sub("", svg, count=1)


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """PNG from SVG, by the same engine (resvg) for every figure.

    The SVG names only Libertinus Serif, the typst font. resvg draws no text at all in a
    font it cannot find, and Libertinus is not on every machine, so for the raster copy the
    font list gets a fallback: Liberation Sans, which vl-convert carries itself (so the PNG
    does not depend on the fonts installed either).
    """
    svg = _FONT_ATTR.sub(f'font-family="{FONT}, {_RASTER_FALLBACK}"', svg)
    return vl_convert.svg_to_png(svg, scale=scale)
