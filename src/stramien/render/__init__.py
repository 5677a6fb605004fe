"""Agreement (+ revision metadata) -> bytes, in every format the agreement is published in.

Speed (see docs/architecture.md, "Rendering"): figures are drawn in threads and kept in
a content-addressed cache (memory, plus a directory shared between processes when one
is configured: :func:`set_figure_cache_dir` or ``STRAMIEN_FIGURE_CACHE_DIR``), and
:func:`render` keeps its last results in memory: the same agreement, metadata,
attachments and format give the same bytes, so they are not made twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path

from stramien.model import Agreement

from . import _cache
from ._cache import set_figure_cache_dir
from .blocks import Document, RevisionMeta
from .outline import build_document, content_hash

FORMATS: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
# Formats that show figures only by title and alt text: no drawing needed.
_NO_PICTURES = frozenset({"md"})
# Finished documents kept in memory (a large PDF is ~2 MB, a DOCX with figures ~3 MB).
_results = _cache.LruBytes(max_bytes=64 * 1024 * 1024, max_item_bytes=32 * 1024 * 1024)


class RenderError(Exception):
    """A document could not be produced; the message is Dutch and meant for the user."""


def _writer(fmt: str) -> Callable[[Document], bytes]:
    # Imported on demand: a user asking for HTML should not pay for loading typst.
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf
    if fmt == "docx":
        from .docx import render_docx

        return render_docx
    if fmt == "odt":
        from .odt import render_odt

        return render_odt
    if fmt == "html":
        from .html import render_html

        return render_html
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown
    raise RenderError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")


def render(
    agreement: Agreement,
    fmt: str,
    meta: RevisionMeta | None = None,
    attachments: Mapping[str, bytes] | None = None,
) -> bytes:
    """The agreement as a file in ``fmt`` (pdf, docx, odt, html or md).

    The result is a pure function of the arguments (and the Stramien version), so the
    last results are kept in memory and returned again for identical arguments.
    """
    writer = _writer(fmt)
    key = _result_key(agreement, fmt, meta, attachments)
    found = _results.get(key)
    if found is not None:
        return found
    document = build_document(agreement, meta, attachments, draw_figures=fmt not in _NO_PICTURES)
    data = writer(document)
    _results.put(key, data)
    return data


def _result_key(
    agreement: Agreement,
    fmt: str,
    meta: RevisionMeta | None,
    attachments: Mapping[str, bytes] | None,
) -> str:
    """sha256 over everything a rendered document depends on."""
    parts: list[bytes | str] = ["document", fmt, content_hash(agreement)]
    if meta is None:
        parts.append("default meta")
    else:
        stamp = meta.timestamp
        # isoformat keeps the UTC offset: equal instants in other zones get other keys,
        # which only costs a render; never can two different inputs share a key.
        parts += [meta.status, meta.revision, meta.hash, "" if stamp is None else stamp.isoformat()]
        parts.append(repr(stamp.tzinfo) if stamp is not None else "")
        for organisation, approval in meta.approvals:
            parts += ["approval", organisation, approval]
    for name in sorted(attachments or {}):
        parts += [name, hashlib.sha256((attachments or {})[name]).hexdigest()]
    return _cache.digest(parts)


def clear_caches() -> None:
    """Forget every figure and document kept in memory (the disk cache stays)."""
    from . import figures

    _results.clear()
    _cache.FIGURES.clear_memory()
    figures.forget_titled()


def attachments_beside(agreement: Agreement, folder: Path) -> dict[str, bytes]:
    """The programme's attachments from ``folder``; a name can never reach outside it."""
    found: dict[str, bytes] = {}
    image = agreement.realisation.artist_impression
    if image is None:
        return found
    root = folder.resolve()
    candidate = (root / image.file).resolve()
    if candidate.parent != root or not candidate.is_file():
        return found
    if candidate.stat().st_size <= ATTACHMENT_MAX_BYTES:
        found[image.file] = candidate.read_bytes()
    return found


__all__ = [
    "FORMATS",
    "Document",
    "RenderError",
    "RevisionMeta",
    "attachments_beside",
    "build_document",
    "clear_caches",
    "content_hash",
    "render",
    "set_figure_cache_dir",
]
