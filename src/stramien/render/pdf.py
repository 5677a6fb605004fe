"""PDF backend: typesets a :class:`~stramien.render.blocks.Document` with typst.

User text is data, never markup. The whole document is serialised to JSON and handed
to the template (``template.typ``) as the data file ``document.json`` (the running
header's text as ``header.json``); the template builds every element with typst
functions from string values, so nothing the user typed is ever parsed as typst markup
or code.

Typst runs in a fresh temporary directory that holds only the template, the JSON files
and the pictures under generated names (``picture-0.png``); that directory is the
compile root, so typst cannot read any other file. Only the fonts built into typst are
used (system fonts are ignored), and the creation date comes from the revision
timestamp, so the same document always gives the same bytes on every machine.

The output is PDF/A-2a and PDF/UA-1 (tagged, with alternative texts for images).
PDF/A forbids text the fonts cannot show; characters the built-in fonts lack (emoji,
CJK, ...) are therefore replaced by U+FFFD before typesetting, and control characters
are dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typst

from stramien.render import RenderError as _PackageRenderError
from stramien.render.blocks import (
    Block,
    Bullets,
    Document,
    Facts,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Picture,
    SignaturePage,
    Table,
)

if TYPE_CHECKING:
    from typst import PDFStandard

__all__ = ["PDF_STANDARDS", "REPLACEMENT_CHARACTER", "RenderError", "render_pdf"]

log = logging.getLogger(__name__)

#: The standards every PDF conforms to (typst validates them while exporting).
PDF_STANDARDS: list[PDFStandard] = ["a-2a", "ua-1"]

#: Shown instead of a character the built-in fonts cannot display.
REPLACEMENT_CHARACTER = "\ufffd"

_TEMPLATE = "template.typ"
_MAIN = "main.typ"
# The document as JSON, read by the template. A file rather than ``sys.inputs``: typst
# hashes ``sys.inputs`` into its standard library, so a new input there invalidates every
# memoised layout result, while a changed file only invalidates what depends on it.
_DOCUMENT = "document.json"
# The running header's text, in a file of its own (see template.typ).
_HEADER = "header.json"
_DEFAULT_WIDTH_CM = 16.0
# typst-py evicts memoised results unused in this many compiles (comemo::evict(10)) and
# does so once after every compile; see _age_cache for the empty compiles we add.
_CACHE_MAX_AGE = 10
_AGEING_COMPILES = 5
# Used as creation date when the revision has no timestamp (like SOURCE_DATE_EPOCH=0):
# PDF/A requires a date, and the output must not depend on the current time.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

_PICTURE_FORMATS: dict[str, tuple[str, str]] = {
    "image/png": ("png", "png"),
    "image/jpeg": ("jpg", "jpg"),
    "image/svg+xml": ("svg", "svg"),
}

# JSON keys whose string values are never typeset as text: they need no font coverage.
_NOT_TYPESET = frozenset(
    {"type", "anchor", "svg", "file", "format", "alt", "meta_title", "meta_authors"}
)
# "the text `"漢"` could not be displayed with font ...", "the text contains the disallowed
# codepoint `"\u{feff}"`", "the PDF contains the codepoint `"\u{e000}"`" (private use).
_MISSING_GLYPH = re.compile(r"(?:the text|codepoint) `\"((?:[^\"\\]|\\.)*)\"`")
_TYPST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\(.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}

# Dropped from typeset text (see _dropped): control characters (category Cc) except the
# newline, surrogates (Cs), the byte order mark, and the noncharacters U+FDD0..U+FDEF and
# U+xFFFE/U+xFFFF in every plane.
_DROPPED = re.compile(
    "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufeff\\ufdd0-\\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)

# Characters known to be (un)displayable by the built-in fonts, filled by probing.
_coverage: dict[str, bool] = {}
_coverage_lock = threading.Lock()


class RenderError(_PackageRenderError):
    """The PDF could not be made; the message is Dutch and meant for users.

    A subclass of ``stramien.render.RenderError``, so ``render(..., "pdf")`` callers
    catch it with every other format's error.
    """


def render_pdf(document: Document) -> bytes:
    """Typeset ``document`` as a PDF/A-2a (and PDF/UA-1) file and return its bytes."""
    try:
        return _render(document)
    finally:
        _age_cache()


def _render(document: Document) -> bytes:
    pictures: dict[str, bytes] = {}
    payload = _document_payload(document, pictures)
    with tempfile.TemporaryDirectory(prefix="stramien-pdf-") as tmp:
        root = Path(tmp)
        (root / _MAIN).write_bytes(_template_bytes())
        for name, data in pictures.items():
            (root / name).write_bytes(data)
        timestamp = _utc(document.meta.timestamp) or _EPOCH
        _replace_unsupported(payload, _unsupported(_typeset_chars(payload), root, timestamp))
        for _attempt in range(3):
            try:
                header = {key: payload[key] for key in ("running_title", "status")}
                (root / _HEADER).write_text(_to_json(header), encoding="utf-8")
                (root / _DOCUMENT).write_text(_to_json(payload), encoding="utf-8")
                return _compile(root, {}, timestamp)
            except _MissingGlyphs as missing:
                # Safety net: a character that only fails in context (shaping). Never
                # replace printable ASCII: the culprit is then the character beside it.
                culprits = {char for char in missing.chars if not " " <= char <= "~"}
                if not culprits:
                    break
                _remember(culprits, ok=False)
                _replace_unsupported(payload, culprits)
        raise RenderError(
            "De PDF kon niet worden gemaakt: de tekst bevat tekens die het lettertype niet "
            "kan weergeven."
        )


# ---------------------------------------------------------------------------
# Document -> JSON payload
# ---------------------------------------------------------------------------


def _document_payload(document: Document, pictures: dict[str, bytes]) -> dict[str, Any]:
    meta = document.meta
    stamp = _utc(meta.timestamp)
    title = _clean(document.title) or "Samenwerkingsovereenkomst"
    partners = [_clean(partner) for partner in document.partners]
    return {
        # Metadata (title, authors) and alt texts are not typeset: no font coverage needed,
        # so they keep characters the fonts lack, such as emoji.
        "meta_title": title,
        "meta_authors": partners,
        "title": title,
        "subtitle": _clean(document.subtitle),
        "running_title": " ".join((_clean(document.short_name) or title).split()),
        "partners": list(partners),
        "status": document.status_label,
        "revision": _clean(meta.revision),
        "hash": _clean(meta.hash),
        "hash_short": _clean(meta.hash)[:12],
        "date": document.date_label,
        "date_parts": None
        if stamp is None
        else {
            "year": stamp.year,
            "month": stamp.month,
            "day": stamp.day,
            "hour": stamp.hour,
            "minute": stamp.minute,
            "second": stamp.second,
        },
        "blocks": _blocks_payload(document.blocks, pictures),
    }


def _blocks_payload(blocks: Iterable[Block], pictures: dict[str, bytes]) -> list[dict[str, Any]]:
    """The blocks as JSON; headings made valid for PDF/UA: never empty, no skipped level."""
    result: list[dict[str, Any]] = []
    previous_level = 0
    for block in blocks:
        payload = _block_payload(block, pictures)
        if payload["type"] == "heading":
            if not payload["text"].strip():
                continue
            payload["level"] = min(payload["level"], previous_level + 1)
            previous_level = payload["level"]
        result.append(payload)
    return result


def _block_payload(block: Block, pictures: dict[str, bytes]) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {
            "type": "heading",
            "level": min(max(int(block.level), 1), 3),
            "text": _clean(block.text),
            "anchor": _clean(block.anchor).strip(),
        }
    if isinstance(block, Paragraph):
        style = block.style if block.style in ("lead", "note") else "normal"
        return {"type": "paragraph", "text": _clean(block.text), "style": style}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": [_clean(item) for item in block.items]}
    if isinstance(block, Facts):
        return {
            "type": "facts",
            "items": [[_clean(label), _clean(value)] for label, value in block.items],
        }
    if isinstance(block, Table):
        return _table_payload(block)
    if isinstance(block, Figure):
        title = _clean(block.title)
        return {
            "type": "figure",
            "title": title,
            "alt": _clean(block.alt) or title or "Figuur",
            "svg": block.svg,
            "width_cm": _width(block.width_cm),
        }
    if isinstance(block, Picture):
        extension, image_format = _PICTURE_FORMATS.get(block.mime, ("png", "png"))
        file = f"picture-{len(pictures)}.{extension}"
        pictures[file] = block.data
        caption = _clean(block.caption)
        return {
            "type": "picture",
            "file": file,
            "format": image_format,
            "caption": caption,
            "alt": _clean(block.alt) or caption or _clean(block.name) or "Afbeelding",
            "width_cm": _width(block.width_cm),
        }
    if isinstance(block, PageBreak):
        return {"type": "pagebreak"}
    if isinstance(block, SignaturePage):
        return {
            "type": "signatures",
            "intro": _clean(block.intro),
            "signatures": [
                {
                    "organisation": _clean(signature.organisation),
                    "name": _clean(signature.name),
                    "function": _clean(signature.function),
                    "mandate": _clean(signature.mandate),
                    "approval": _clean(signature.approval),
                }
                for signature in block.signatures
            ],
        }
    raise RenderError(f"De PDF kon niet worden gemaakt: onbekend onderdeel {type(block).__name__}.")


def _table_payload(table: Table) -> dict[str, Any]:
    headers = [_clean(header) for header in table.headers]
    rows = [[_clean(cell) for cell in row] for row in table.rows]
    columns = max([len(headers), *(len(row) for row in rows), 1])
    if headers:
        headers += [""] * (columns - len(headers))
    rows = [row + [""] * (columns - len(row)) for row in rows]
    widths: list[float] | None = None
    if table.widths is not None and len(table.widths) == columns:
        candidate = [float(width) for width in table.widths]
        if all(math.isfinite(width) and width > 0 for width in candidate):
            widths = candidate
    return {
        "type": "table",
        "caption": _clean(table.caption),
        "headers": headers,
        "rows": rows,
        "columns": columns,
        "numeric": sorted(index for index in table.numeric if 0 <= index < columns),
        "widths": widths,
    }


def _width(width_cm: float) -> float:
    width = float(width_cm)
    return width if math.isfinite(width) and width > 0 else _DEFAULT_WIDTH_CM


def _clean(text: str) -> str:
    """Normalise line ends and tabs; drop control characters, lone surrogates, the byte
    order mark and noncharacters (PDF/A forbids them in text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _DROPPED.sub("", text)


def _dropped(char: str) -> bool:
    """What ``_DROPPED`` matches, spelled out (the tests check that both agree)."""
    code = ord(char)
    return char != "\n" and (
        unicodedata.category(char) in ("Cc", "Cs")
        or code == 0xFEFF
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )


def _utc(stamp: dt.datetime | None) -> dt.datetime | None:
    """The timestamp in UTC; a naive timestamp is taken to be UTC already."""
    if stamp is None:
        return None
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def _to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ---------------------------------------------------------------------------
# Font coverage: PDF/A forbids the .notdef glyph, so typst refuses text its fonts lack.
# ---------------------------------------------------------------------------


def _typeset_strings(value: Any, key: str = "") -> Iterator[str]:
    if key in _NOT_TYPESET:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child_key, child in value.items():
            yield from _typeset_strings(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from _typeset_strings(child, key)


def _typeset_chars(payload: dict[str, Any]) -> set[str]:
    chars: set[str] = set()
    for text in _typeset_strings(payload):
        chars.update(text)
    # Printable ASCII is covered by Libertinus Serif; the newline is a line break.
    return {char for char in chars if not (" " <= char <= "~" or char == "\n")}


def _unsupported(chars: set[str], root: Path, timestamp: dt.datetime) -> set[str]:
    unknown = sorted(char for char in chars if char not in _coverage)
    if unknown:
        _probe(unknown, root, timestamp)
    return {char for char in chars if not _coverage[char]}


def _probe(chars: list[str], root: Path, timestamp: dt.datetime) -> None:
    """Find out which of ``chars`` the fonts can show.

    One compile of all of them usually settles it: typst reports every character it
    cannot show, and a second compile confirms the rest. Should the diagnostics ever
    name nothing we recognise, bisection finds the culprits instead.
    """
    remaining = list(chars)
    while remaining:
        try:
            _compile(root, {"probe": _to_json(remaining)}, timestamp)
        except _MissingGlyphs as missing:
            bad = missing.chars & set(remaining)
            if not bad:
                break
            _remember(bad, ok=False)
            remaining = [char for char in remaining if char not in bad]
        except RenderError:
            break  # a message we do not parse: find the culprits by bisection
        else:
            _remember(remaining, ok=True)
            return
    if len(remaining) <= 1:
        _remember(remaining, ok=False)
        return
    middle = len(remaining) // 2
    _probe(remaining[:middle], root, timestamp)
    _probe(remaining[middle:], root, timestamp)


def _remember(chars: Iterable[str], *, ok: bool) -> None:
    with _coverage_lock:
        _coverage.update(dict.fromkeys(chars, ok))


def _replace_unsupported(value: Any, unsupported: Iterable[str]) -> None:
    """Replace unsupported characters in every typeset string of ``value``, in place."""
    table = {ord(char): REPLACEMENT_CHARACTER for char in unsupported}
    if not table:
        return
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = [
            (key, child) for key, child in value.items() if key not in _NOT_TYPESET
        ]
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return
    for key, child in items:
        if isinstance(child, str):
            value[key] = child.translate(table)
        else:
            _replace_unsupported(child, unsupported)


# ---------------------------------------------------------------------------
# Typst
# ---------------------------------------------------------------------------


class _MissingGlyphs(Exception):
    def __init__(self, chars: set[str]) -> None:
        super().__init__()
        self.chars = chars


def _template_bytes() -> bytes:
    return resources.files("stramien.render").joinpath(_TEMPLATE).read_bytes()


def _compile(root: Path, inputs: dict[str, str], timestamp: dt.datetime) -> bytes:
    try:
        result, warnings = typst.compile_with_warnings(
            root / _MAIN,
            root=root,
            ignore_system_fonts=True,
            format="pdf",
            sys_inputs=inputs,
            pdf_standards=PDF_STANDARDS,
            timestamp=timestamp,
        )
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # typst raises TypstError; a panic is a BaseException
        message = str(getattr(exc, "message", "") or exc)
        # ``diagnostic`` lists every error, ``message`` only the first.
        missing = _MISSING_GLYPH.findall(str(getattr(exc, "diagnostic", "") or message))
        if missing:
            raise _MissingGlyphs({char for text in missing for char in _unescape(text)}) from exc
        log.debug("typst failed: %s", exc)
        raise RenderError(_dutch_message(message)) from exc
    for warning in warnings:
        log.debug("typst warning: %s", warning)
    if not isinstance(result, bytes):
        raise RenderError("De PDF kon niet worden gemaakt: de opmaak leverde geen bestand op.")
    return result


def _age_cache() -> None:
    """Let typst forget what it memoised for every document but the one just rendered.

    typst keeps memoised results process-wide. Each compile ages every result by one and
    drops those older than ``_CACHE_MAX_AGE``; a result that is used again becomes young.
    Left alone, a long-running process rendering 80-page documents keeps the layout of
    its last ten documents (more than 1 GB). A few empty compiles (about 2 ms each) after
    every render age the results further: those of the document just rendered survive
    (age 1 + 5), those of the document before it, unless this one used them too, are
    gone (age 2 + 2 x 5 > 10). So a process keeps the layout of one document, which makes
    the next render of an edited document fast (typst only lays out again what changed)
    while memory stays at about the size of one render. Failures here are irrelevant.
    """
    for _ in range(_AGEING_COMPILES):
        try:
            typst.compile(b"", format="svg", ignore_system_fonts=True)
        except Exception:  # pragma: no cover - never expected
            return


def _unescape(text: str) -> str:
    """Undo typst's string repr escaping in a diagnostic (``\\u{7}``, ``\\"``, ``\\n``)."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return chr(int(match.group(1), 16))
        return _SIMPLE_ESCAPES.get(match.group(2), match.group(2))

    return _TYPST_ESCAPE.sub(replace, text)


def _dutch_message(message: str) -> str:
    lowered = message.lower()
    if "svg" in lowered:
        return "De PDF kon niet worden gemaakt: een figuur (SVG) kon niet worden gelezen."
    if "image" in lowered or "decode" in lowered:
        return (
            "De PDF kon niet worden gemaakt: een afbeelding kon niet worden gelezen "
            "(geen geldige PNG, JPEG of SVG)."
        )
    return "De PDF kon niet worden gemaakt: er ging iets mis bij het opmaken van het document."
