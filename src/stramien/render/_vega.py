"""Charts by Vega-Lite, rendered to SVG by vl-convert (no browser, no network).

``vegalite_svg(spec)`` is the only way the renderer draws a chart. It adds the house style
(font, Dutch number and date formats, no English ARIA texts). vl-convert bundles its own
Vega-Lite and Vega and reads no system state except fonts, so the same spec gives the same
SVG; dates are drawn on UTC scales so the machine's time zone does not matter.

Both conversions go through the figure cache (``_cache``): a chart or raster that was
made before, by this process or (with a cache directory) by another one, is not made
again, and vl-convert's JavaScript engine (about 0.4 s to start) is then not started.
"""

from __future__ import annotations

import copy
import functools
import importlib.metadata
import json
import re
from typing import Any, Final

from . import _cache, _engine

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


@functools.cache
def engine_version() -> str:
    """vl-convert's version (it fixes Vega, Vega-Lite and resvg), part of every cache key."""
    try:
        return importlib.metadata.version("vl-convert-python")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - installed with us
        import vl_convert

        return f"unknown-{vl_convert.__file__}"


def vegalite_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec (inline data only) to SVG, without prolog."""
    full = dict(spec)
    full["config"] = _merge(_BASE_CONFIG, spec.get("config", {}))
    try:
        # Key order is kept (not sorted): it is exactly what vl-convert is given.
        material = json.dumps(full, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):  # not plain JSON: draw it, but do not cache it
        return _vegalite_svg(full)
    key = _cache.digest(["vega-lite-svg", engine_version(), LOCALE, material])
    return _cache.FIGURES.get_or_make(key, lambda: _vegalite_svg(full).encode("utf-8")).decode(
        "utf-8"
    )


def _vegalite_svg(full: dict[str, Any]) -> str:
    # A helper process draws it when one runs (see _engine): the same call, the same SVG.
    svg = _engine.vegalite_svg(full, LOCALE)
    if svg is None:
        import vl_convert

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
    key = _cache.digest(["svg-png", engine_version(), repr(float(scale)), svg])
    return _cache.FIGURES.get_or_make(key, lambda: _svg_to_png(svg, scale))


def _svg_to_png(svg: str, scale: float) -> bytes:
    svg = _FONT_ATTR.sub(f'font-family="{FONT}, {_RASTER_FALLBACK}"', svg)
    png = _engine.svg_to_png(svg, scale)  # by a helper process when one runs (see _engine)
    if png is not None:
        return png
    import vl_convert

    return bytes(vl_convert.svg_to_png(svg, scale=scale))
