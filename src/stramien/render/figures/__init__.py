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

One module per figure; ``_common`` holds what they share, ``raster`` the PNG copies and
``jobs`` the document's set of figures.
"""

from __future__ import annotations

from ._common import WORKERS, forget_titled
from .budget import budget_chart
from .effects import effects_stakeholders, effects_timeline, effects_timelines
from .goals import goal_tree
from .indicators import Measurements, indicator_over_time, kpi_charts
from .jobs import DOCUMENT_FIGURES, FigureJobs, FigureResult, Sketch, has_figure
from .organisation import organogram
from .participation import participation_matrix
from .planning import phasing_gantt
from .raster import RASTER_DPI, raster_scale, rasterise, svg_size, svg_to_png
from .risks import risk_heatmap

__all__ = [
    "DOCUMENT_FIGURES",
    "RASTER_DPI",
    "WORKERS",
    "FigureJobs",
    "FigureResult",
    "Measurements",
    "Sketch",
    "budget_chart",
    "effects_stakeholders",
    "effects_timeline",
    "effects_timelines",
    "forget_titled",
    "goal_tree",
    "has_figure",
    "indicator_over_time",
    "kpi_charts",
    "organogram",
    "participation_matrix",
    "phasing_gantt",
    "raster_scale",
    "rasterise",
    "risk_heatmap",
    "svg_size",
    "svg_to_png",
]
