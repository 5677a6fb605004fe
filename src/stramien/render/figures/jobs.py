"""All figures of the document at once, drawn side by side in threads.

A writer can also start on the document before the figures are drawn: the outline is then
built with each figure's title and alt text only (:meth:`FigureJobs.sketch`), and the
writer waits for a figure's drawing (:meth:`FigureJobs.drawn`) only when it needs it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from stramien.model import Agreement

from ..blocks import Figure
from ._common import DRAWING, WORKERS
from .budget import budget_chart
from .effects import effects_stakeholders, effects_timelines
from .goals import goal_tree
from .indicators import kpi_charts
from .organisation import organogram
from .participation import participation_matrix
from .planning import phasing_gantt
from .risks import risk_heatmap

FigureResult = Figure | None | list[Figure]

#: The figures the agreement document shows, by name, in the order they are drawn. The
#: graphs come first: their Graphviz processes then run while vl-convert starts its
#: JavaScript engine, which holds the GIL for about 0.5 s the first time. The charts
#: follow in the order of the document, which is the order a writer that starts before
#: they are drawn needs them in (see outline.Drawing); the engine draws one at a time.
DOCUMENT_FIGURES: dict[str, Callable[[Agreement], FigureResult]] = {
    "goal_tree": goal_tree,
    "organogram": organogram,
    "participation_matrix": participation_matrix,
    "kpi_charts": kpi_charts,
    "effects_stakeholders": effects_stakeholders,
    "effects_timelines": effects_timelines,
    "phasing_gantt": phasing_gantt,
    "budget_chart": budget_chart,
    "risk_heatmap": risk_heatmap,
}


def has_figure(agreement: Agreement, name: str) -> bool:
    """Whether the figure ``name`` has anything to draw, found without drawing it."""
    return _make(DOCUMENT_FIGURES[name], agreement, False) not in (None, [])


def _make(function: Callable[[Agreement], FigureResult], agreement: Agreement, draw: bool) -> Any:
    token = DRAWING.set(draw)
    try:
        return function(agreement)
    finally:
        DRAWING.reset(token)


class FigureJobs:
    """The document's figures (:data:`DOCUMENT_FIGURES`), drawn side by side in threads.

    Use as a context manager; :meth:`get` waits for one figure and returns it (or raises
    what drawing it raised). With ``draw=False`` nothing is drawn: every figure has its
    title and alt text but an empty ``svg``, for formats that show no pictures.

    With ``start=False`` the drawing begins at :meth:`start` (or at the first figure
    asked for): a writer first builds what needs Python, which the JavaScript engine of
    the charts would hold up while it starts (it keeps the GIL for about half a second).
    """

    def __init__(self, agreement: Agreement, *, draw: bool = True, start: bool = True) -> None:
        self.agreement = agreement
        self.draw = draw
        self._start_at_enter = start
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[str, Future[Any]] = {}
        self._started = False
        self._lock = threading.Lock()
        # Figure key -> the name in DOCUMENT_FIGURES that makes it (see sketch).
        self._names: dict[str, str] = {}

    def __enter__(self) -> FigureJobs:
        if self._start_at_enter:
            self.start()
        return self

    def start(self) -> None:
        """Begin drawing every figure (once; nothing happens without ``draw``)."""
        with self._lock:
            if self._started:
                return
            self._started = True
            if self.draw and WORKERS > 1:
                self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="stramien-figure")
                self._futures = {
                    name: self._pool.submit(_make, function, self.agreement, True)
                    for name, function in DOCUMENT_FIGURES.items()
                }

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
        self.start()
        future = self._futures.get(name)
        if future is not None:
            result: FigureResult = future.result()
            return result
        found: FigureResult = _make(DOCUMENT_FIGURES[name], self.agreement, self.draw)
        return found

    def sketch(self) -> Sketch:
        """What :meth:`get` gives, without waiting for a drawing: every figure with its
        title and alt text and an empty ``svg`` (for an outline built before the figures
        are drawn; :meth:`drawn` then gives each figure's drawing)."""
        return Sketch(self)

    def drawn(self, key: str) -> Figure | None:
        """The drawn figure with ``key``, of a figure :meth:`sketch` gave (waits for its
        drawing; raises what drawing it raised); ``None`` when the drawing has no figure
        with that key."""
        name = self._names.get(key)
        if name is None:
            return None
        for figure in _listed(self.get(name)):
            if figure.key == key:
                return figure
        return None


class Sketch:
    """The figures of :class:`FigureJobs` undrawn (see :meth:`FigureJobs.sketch`)."""

    def __init__(self, jobs: FigureJobs) -> None:
        self._jobs = jobs

    def get(self, name: str) -> FigureResult:
        found: FigureResult = _make(DOCUMENT_FIGURES[name], self._jobs.agreement, False)
        for figure in _listed(found):
            self._jobs._names[figure.key] = name
        return found


def _listed(found: FigureResult) -> list[Figure]:
    if isinstance(found, list):
        return found
    return [] if found is None else [found]
