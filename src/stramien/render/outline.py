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
from .blocks import Document, RevisionMeta
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
    if meta is None:
        meta = RevisionMeta(hash=content_hash(agreement))
    latest = current_amendment(agreement.amendments)
    if meta.amendment is None and latest is not None:
        # The document itself says which amendment it is at: "wijziging n" on the title page.
        meta = dataclasses.replace(meta, amendment=latest.number)
    with figures.FigureJobs(agreement, draw=draw_figures) as drawn:
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
