"""Agreement -> Document: the content and order of the agreement, shared by every format.

The parts are written by ``outline_sections`` (summary, §1-§3, signatures),
``outline_programme`` (§4) and ``outline_appendices`` (§5), into an ``OutlineBuilder``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping

from stramien.model import Agreement, current_amendment

from . import figures
from .blocks import Document, Figure, RevisionMeta
from .outline_appendices import appendices
from .outline_builder import OutlineBuilder
from .outline_open_points import open_points
from .outline_programme import programme
from .outline_sections import (
    ambition,
    amendments,
    partnership,
    realisation,
    signatures,
    summary,
)


def content_hash(agreement: Agreement) -> str:
    """sha256 over the canonical JSON of the agreement: sorted keys, no whitespace."""
    canonical = json.dumps(
        agreement.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def build_document(
    agreement: Agreement,
    meta: RevisionMeta | None = None,
    attachments: Mapping[str, bytes] | None = None,
    *,
    draw_figures: bool = True,
) -> Document:
    """The whole agreement as blocks, in the stramien's order, ending with the signatures.

    The figures are drawn in threads while the rest is built. ``draw_figures=False`` leaves
    the drawing out (for Markdown, which shows a figure as its title and alt text): the
    figures are there, with an empty ``svg``.
    """
    with figures.FigureJobs(agreement, draw=draw_figures) as drawn:
        return outline(agreement, meta, attachments, drawn)


def outline(
    agreement: Agreement,
    meta: RevisionMeta | None,
    attachments: Mapping[str, bytes] | None,
    drawn: figures.FigureJobs | figures.Sketch,
) -> Document:
    """The document with the figures ``drawn`` gives: :func:`build_document` with its own
    figure jobs, or a writer's (:class:`Drawing`)."""
    if meta is None:
        meta = RevisionMeta(hash=content_hash(agreement))
    latest = current_amendment(agreement.amendments)
    if meta.amendment is None and latest is not None:
        # The document itself says which amendment it is at: "wijziging n" on the title page.
        meta = dataclasses.replace(meta, amendment=latest.number)
    builder = OutlineBuilder(agreement, attachments or {}, drawn)
    summary(builder)
    ambition(builder)
    partnership(builder)
    realisation(builder)
    programme(builder)
    appendices(builder, meta.monitoring)
    amendments(builder)
    signing_day = meta.timestamp.date() if meta.timestamp is not None else None
    signatures(builder, dict(meta.approvals), signing_day)
    open_points(builder, meta)
    basics = agreement.programme
    return Document(
        title=basics.name,
        subtitle="Samenwerkingsovereenkomst",
        short_name=basics.short_name or basics.name,
        partners=tuple(p.name for p in agreement.partnership.partners),
        meta=meta,
        blocks=tuple(builder.blocks),
    )


class Drawing:
    """A document whose figures are still being drawn, for a writer that starts on it
    meanwhile.

    :attr:`sketch` is the document with every figure undrawn (title and alt text, an empty
    ``svg``), built before any drawing began. The writer calls :meth:`start` once it has
    done what needs Python most (the charts' engine holds up other threads while it
    starts), then :meth:`svg` for each figure of the sketch as it needs it. Should the
    sketch not do (:meth:`svg` returned ``None``, or the writer finds a reason of its own),
    :meth:`document` is the finished document, exactly what :func:`build_document` makes.
    Use as a context manager: the drawing threads end with it.
    """

    def __init__(
        self,
        agreement: Agreement,
        meta: RevisionMeta | None = None,
        attachments: Mapping[str, bytes] | None = None,
    ) -> None:
        self._agreement = agreement
        self._meta = meta
        self._attachments = attachments
        self._jobs = figures.FigureJobs(agreement, start=False)
        self.sketch = outline(agreement, meta, attachments, self._jobs.sketch())
        self._document: Document | None = None

    def __enter__(self) -> Drawing:
        self._jobs.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._jobs.__exit__(None, None, None)

    def start(self) -> None:
        """Begin drawing (every other method begins it too)."""
        self._jobs.start()

    def svg(self, figure: Figure) -> str | None:
        """The drawing of ``figure`` (a figure of the sketch), waiting for it; ``None``
        when the drawn figure is not the sketch's (another title, alt text or width) or
        drawing it failed (:meth:`document` then raises what it raised)."""
        try:
            drawn = self._jobs.drawn(figure.key)
        except Exception:
            return None
        if drawn is None or not drawn.svg or dataclasses.replace(drawn, svg="") != figure:
            return None
        return drawn.svg

    def document(self) -> Document:
        """The document with its figures drawn (waits for them)."""
        if self._document is None:
            self._document = outline(self._agreement, self._meta, self._attachments, self._jobs)
        return self._document
