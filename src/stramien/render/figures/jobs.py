"""All figures of the document at once, drawn side by side in threads."""

from __future__ import annotations

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
    "effects_stakeholders": effects_stakeholders,
    "effects_timelines": effects_timelines,
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
    """

    def __init__(self, agreement: Agreement, *, draw: bool = True) -> None:
        self.agreement = agreement
        self.draw = draw
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[str, Future[Any]] = {}

    def __enter__(self) -> FigureJobs:
        if self.draw and WORKERS > 1:
            self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="stramien-figure")
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
