"""PNG copies of the figures, for formats that cannot show SVG (DOCX, ODT)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor

from .. import _vega
from ..blocks import Block, Figure, Picture
from ._common import ROOT_TAG, WORKERS

#: Finest raster resolution (dots per inch at the printed width) for PNG copies.
RASTER_DPI = 600
_WIDTH_ATTR = re.compile(r'\swidth="\s*([0-9]+(?:\.[0-9]+)?)\s*(px|pt|mm|cm|in)?\s*"')
_HEIGHT_ATTR = re.compile(r'\sheight="\s*([0-9]+(?:\.[0-9]+)?)\s*(px|pt|mm|cm|in)?\s*"')
_PX_PER_UNIT = {"px": 1.0, "pt": 96 / 72, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """A PNG of ``svg`` (rendered by resvg inside vl-convert; deterministic, cached)."""
    return _vega.svg_to_png(svg, scale=scale)


def svg_size(svg: str) -> tuple[float, float] | None:
    """The width and height of ``svg`` in CSS pixels, read from its root element (both
    chart engines write them); ``None`` when they cannot be read."""
    match = ROOT_TAG.search(svg)
    if match is None:
        return None
    width, height = _WIDTH_ATTR.search(match.group(0)), _HEIGHT_ATTR.search(match.group(0))
    if width is None or height is None:
        return None
    sizes = tuple(float(m.group(1)) * _PX_PER_UNIT[m.group(2) or "px"] for m in (width, height))
    return (sizes[0], sizes[1]) if sizes[0] > 0 and sizes[1] > 0 else None


def raster_scale(svg: str, width_cm: float, scale: float = 2.0, dpi: float = RASTER_DPI) -> float:
    """The scale to rasterise ``svg`` at when it is shown ``width_cm`` wide: ``scale``, but
    never finer than ``dpi`` (RASTER_DPI unless asked) at that width.

    Graphviz draws a big goal tree thousands of points wide; at scale 2 its PNG had
    15,000 pixels across (2,400 dpi on the page, 6 MB, 0.7 s to make). 600 dpi is twice
    what print needs, and Word at its largest zoom (500 %) on an ordinary screen shows
    about 3,000 pixels across a 16 cm picture; that is where the raster stops. Charts
    (about 900 px wide) stay at ``scale``. An SVG whose width cannot be read keeps it too.
    """
    match = ROOT_TAG.search(svg)
    found = _WIDTH_ATTR.search(match.group(0)) if match else None
    if found is None or width_cm <= 0:
        return scale
    width_px = float(found.group(1)) * _PX_PER_UNIT[found.group(2) or "px"]
    if width_px <= 0:
        return scale
    limit = width_cm / 2.54 * dpi / width_px
    return round(max(min(scale, limit), 0.01), 4)


def rasterise(
    blocks: Iterable[Block], scale: float = 2.0, dpi: float = RASTER_DPI
) -> dict[str, bytes | Exception]:
    """PNGs of every figure and SVG picture in ``blocks``, made at once: SVG -> PNG or error.

    Each at ``scale``, or coarser where that would exceed ``dpi`` (see raster_scale).
    """
    jobs: dict[str, float] = {}
    for block in blocks:
        if isinstance(block, Figure) and block.svg:
            jobs.setdefault(block.svg, raster_scale(block.svg, block.width_cm, scale, dpi))
        elif isinstance(block, Picture) and block.mime == "image/svg+xml":
            try:
                svg = block.data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            jobs.setdefault(svg, raster_scale(svg, block.width_cm, scale, dpi))
    return _svgs_to_png(jobs)


def _svgs_to_png(jobs: Mapping[str, float]) -> dict[str, bytes | Exception]:
    def one(job: tuple[str, float]) -> bytes | Exception:
        try:
            return svg_to_png(job[0], scale=job[1])
        except Exception as exc:  # reported per figure: one broken SVG must not stop us
            return exc

    items = list(jobs.items())
    if len(items) <= 1 or WORKERS == 1:
        return {svg: one((svg, job_scale)) for svg, job_scale in items}
    with ThreadPoolExecutor(min(WORKERS, len(items))) as pool:
        return dict(zip(jobs, pool.map(one, items), strict=True))
