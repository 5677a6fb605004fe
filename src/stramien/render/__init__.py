"""Agreement (+ revision metadata) -> bytes, in every format the agreement is published in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from stramien.model import Agreement

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
    """The agreement as a file in ``fmt`` (pdf, docx, odt, html or md)."""
    writer = _writer(fmt)
    return writer(build_document(agreement, meta, attachments))


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
    "content_hash",
    "render",
]
