"""Agreement (+ revision metadata) -> bytes, in every format the agreement is published in.

Speed (see docs/architecture.md, "Rendering"): figures are drawn in threads and kept in
a content-addressed cache, and so are finished documents: the same agreement, metadata,
attachments and format give the same bytes, so they are not made twice. Both caches live
in memory and, when a directory is configured (:func:`set_cache_dir` or
``STRAMIEN_RENDER_CACHE_DIR``), on disk, shared between processes: a web application
renders each new version in the background (``stramien.web.prerender``) and the download
is then read from the cache; ``stramien render`` does not even read an unchanged file
again (:func:`cached_for_source`).

Importing this package is cheap: the document model and the writers are imported when a
document is first made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _cache, _engine
from ._cache import limit_memory, set_cache_dir, set_figure_cache_dir
from .blocks import Document, RevisionMeta
from .errors import RenderError

if TYPE_CHECKING:
    from stramien.model import Agreement

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
# Formats whose writer starts on the document while its figures are drawn (see Drawing).
_WHILE_DRAWING = frozenset({"pdf", "docx", "odt"})


def __getattr__(name: str) -> Any:
    # build_document and content_hash need the document model (pydantic): load on use.
    if name in ("build_document", "content_hash"):
        from . import outline

        return getattr(outline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _writer(fmt: str) -> Callable[[Any], bytes]:
    """The writer of ``fmt``: it takes a Document, and for the formats in _WHILE_DRAWING
    also a Drawing (the document while its figures are drawn)."""
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
    raise _unknown_format(fmt)


def _unknown_format(fmt: str) -> RenderError:
    return RenderError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")


def render(
    agreement: Agreement,
    fmt: str,
    meta: RevisionMeta | None = None,
    attachments: Mapping[str, bytes] | None = None,
) -> bytes:
    """The agreement as a file in ``fmt`` (pdf, docx, odt, html or md).

    The result is a pure function of the arguments (and the renderer's code), so it is
    kept in the document cache and returned again for identical arguments.
    """
    from .outline import Drawing, build_document, content_hash

    writer = _writer(fmt)
    digest = content_hash(agreement)
    key = result_key(agreement, fmt, meta, attachments, content=digest)
    found = _cache.DOCUMENTS.get(key)
    if found is not None:
        return found
    if meta is None:
        meta = RevisionMeta(hash=digest)  # what build_document would make: hash it once
    if fmt in _WHILE_DRAWING:
        with Drawing(agreement, meta, attachments) as drawing:
            data = writer(drawing)
    else:
        document = build_document(
            agreement, meta, attachments, draw_figures=fmt not in _NO_PICTURES
        )
        data = writer(document)
    _cache.DOCUMENTS.put(key, data)
    return data


def cached(
    agreement: Agreement,
    fmt: str,
    meta: RevisionMeta | None = None,
    attachments: Mapping[str, bytes] | None = None,
) -> bytes | None:
    """What :func:`render` would return, if it is in the cache already; else None."""
    if fmt not in FORMATS:
        raise _unknown_format(fmt)
    return _cache.DOCUMENTS.get(result_key(agreement, fmt, meta, attachments))


def result_key(
    agreement: Agreement,
    fmt: str,
    meta: RevisionMeta | None = None,
    attachments: Mapping[str, bytes] | None = None,
    *,
    content: str | None = None,
) -> str:
    """sha256 over everything a rendered document depends on, the renderer's code included.

    ``content`` is the agreement's :func:`content_hash`, when the caller has it already.
    """
    from .outline import content_hash

    parts: list[bytes | str] = ["document", _cache.code_fingerprint(), fmt]
    parts.append(content or content_hash(agreement))
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
        if meta.amendment is not None:
            parts += ["amendment", str(meta.amendment)]
        if meta.monitoring is not None:  # absent: the key of a document without values
            parts += ["monitoring", meta.monitoring.as_of.isoformat()]
            for indicator, stand in meta.monitoring.indicators:
                parts += [indicator, stand.period, stand.value, stand.status]
    if meta is None or meta.status == "concept":
        # A concept lists its open points (the checks), and a check on spending in a year
        # still to come depends on the current year: a new year gives a new document.
        parts += ["open points as of", str(dt.date.today().year)]
    for name in sorted(attachments or {}):
        parts += [name, hashlib.sha256((attachments or {})[name]).hexdigest()]
    return _cache.digest(parts)


def cache_directory() -> Path | None:
    """The disk cache's directory (``None``: documents and figures are kept in memory only)."""
    return _cache.DIRECTORY.path


def cache_directory_from_environment() -> bool:
    """Whether the environment names the disk cache (``STRAMIEN_RENDER_CACHE_DIR``)."""
    return _cache.ENV_DIR in os.environ or _cache.LEGACY_ENV_DIR in os.environ


def document_on_disk(key: str) -> bool:
    """Whether the finished document with ``key`` (see :func:`result_key`) is on disk."""
    return _cache.DOCUMENTS.disk.read(key) is not None


def clear_caches() -> None:
    """Forget every figure and document kept in memory (the disk cache stays)."""
    from . import figures

    _cache.DOCUMENTS.clear_memory()
    _cache.FIGURES.clear_memory()
    figures.forget_titled()


# -- attachments beside a file ------------------------------------------------------------


def attachment_names(agreement: Agreement) -> list[str]:
    """The attachments the agreement refers to (its artist impression), by file name."""
    image = agreement.realisation.artist_impression
    return [] if image is None else [image.file]


def read_attachment(folder: Path, name: str) -> bytes | None:
    """The file ``name`` directly in ``folder``; never a file outside it, never a big one."""
    root = folder.resolve()
    candidate = (root / name).resolve()
    try:
        if candidate.parent != root or not candidate.is_file():
            return None
        if candidate.stat().st_size > ATTACHMENT_MAX_BYTES:
            return None
        return candidate.read_bytes()
    except OSError:
        return None


def attachments_beside(agreement: Agreement, folder: Path) -> dict[str, bytes]:
    """The programme's attachments from ``folder``; a name can never reach outside it."""
    found: dict[str, bytes] = {}
    for name in attachment_names(agreement):
        data = read_attachment(folder, name)
        if data is not None:
            found[name] = data
    return found


# -- a file rendered before ---------------------------------------------------------------


def _source_key(source: bytes, fmt: str) -> str:
    digest = hashlib.sha256(source).hexdigest()
    return _cache.digest(["source", _cache.code_fingerprint(), fmt, digest])


def _fingerprint(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def cached_for_source(source: bytes, fmt: str, folder: Path) -> bytes | None:
    """The document made before from exactly these file bytes (YAML or JSON) and the same
    attachments in ``folder``, when the cache still has it; else None.

    Needs neither the document model nor a writer, so a new process answers in the time
    it takes to hash the file: ``stramien render`` on an unchanged file.
    """
    if fmt not in FORMATS:
        return None
    entry = _cache.DOCUMENTS.get(_source_key(source, fmt))
    if entry is None:
        return None
    try:
        recorded = json.loads(entry)
        key = recorded["document"]
        attachments = recorded["attachments"]
        if not (isinstance(key, str) and _cache.is_key(key) and isinstance(attachments, dict)):
            return None
    except (ValueError, KeyError, TypeError):
        return None
    for name, fingerprint in attachments.items():
        if not isinstance(name, str) or _fingerprint(read_attachment(folder, name)) != fingerprint:
            return None  # an attachment changed, appeared or went
    return _cache.DOCUMENTS.get(key)


def remember_source(
    source: bytes, fmt: str, agreement: Agreement, attachments: Mapping[str, bytes]
) -> None:
    """Note that ``source`` (with ``attachments``) gave the document :func:`render` made for
    ``agreement``, so :func:`cached_for_source` finds it next time."""
    recorded = {
        "document": result_key(agreement, fmt, None, attachments),
        # Also the names that were looked for and not found: a file added later counts.
        "attachments": {
            name: _fingerprint(attachments.get(name)) for name in attachment_names(agreement)
        },
    }
    entry = json.dumps(recorded, sort_keys=True).encode("utf-8")
    _cache.DOCUMENTS.put(_source_key(source, fmt), entry)


def start_helpers(fmt: str) -> None:
    """Start the helper processes a command-line render of ``fmt`` will use (the chart
    engine, and for DOCX the rasteriser of the PNG copies), so that they start up while this
    process is still loading the file and the model (see ``_engine``)."""
    if fmt in ("pdf", "odt"):
        _engine.start(_engine.CHARTS)
    elif fmt == "docx":
        _engine.start(_engine.CHARTS, _engine.RASTER)


def stop_helpers() -> None:
    """Stop the helper processes ``start_helpers`` started."""
    _engine.stop()


__all__ = [
    "FORMATS",
    "Document",
    "RenderError",
    "RevisionMeta",
    "attachment_names",
    "attachments_beside",
    "build_document",
    "cached",
    "cached_for_source",
    "clear_caches",
    "content_hash",
    "limit_memory",
    "read_attachment",
    "remember_source",
    "render",
    "result_key",
    "set_cache_dir",
    "set_figure_cache_dir",
    "start_helpers",
    "stop_helpers",
]
