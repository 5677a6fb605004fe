"""PDF backend: typesets a :class:`~stramien.render.blocks.Document` with typst.

User text is data, never markup. The whole document is serialised to JSON and handed
to the template (``template.typ``) as the data file ``document.json`` (the running
header's text as ``header.json``); the template builds every element with typst
functions from string values, so nothing the user typed is ever parsed as typst markup
or code.

Typst runs in a fresh temporary directory that holds only the template, the JSON files,
the pictures and the figures' SVGs under generated names (``picture-0.png``,
``figure-0.svg``); that directory is the compile root, so typst cannot read any other
file. The document can be typeset while its figures are still being drawn: typst reads
each figure's file as it lays out the figure's page (see _render_while_drawing).
Only the fonts built into typst and the fallback fonts Stramien installs with (see
:mod:`.fonts`) are used, never the system's, and the creation date comes from the
revision timestamp, so the same document always gives the same bytes on every machine.

The output is PDF/A-2a and PDF/UA-1 (tagged, with alternative texts for images).
PDF/A forbids text the fonts cannot show. Libertinus Serif sets the text; a document
with a character it lacks (Arabic, Devanagari, Chinese, an emoji, ...) is set with the
fallback fonts too, which typst then searches and reads (once per process). Which fonts
show which character is found out by typesetting it (``_levels``). A character no font
has (a private-use or unassigned code point, a rare script) becomes U+FFFD, in the text
and in the figures, and is logged; :func:`unshowable` names the fields that hold one.
Control characters are dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import math
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typst

from stramien.render import _cache, fonts
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

from .errors import RenderError as _PackageRenderError

if TYPE_CHECKING:
    from typst import PDFStandard

    from stramien.model import Agreement
    from stramien.rules.registry import Finding, Section

    from .outline import Drawing

__all__ = ["PDF_STANDARDS", "REPLACEMENT_CHARACTER", "RenderError", "render_pdf", "unshowable"]

log = logging.getLogger(__name__)

#: The standards every PDF conforms to (typst validates them while exporting).
PDF_STANDARDS: list[PDFStandard] = ["a-2a", "ua-1"]

#: Shown instead of a character no font can display (Libertinus Serif has it).
REPLACEMENT_CHARACTER = "\ufffd"
#: The rule id of :func:`unshowable`'s findings.
UNSHOWABLE_RULE = "pdf-unshowable-character"

_TEMPLATE = "template.typ"
_MAIN = "main.typ"
# The document as JSON, read by the template. A file rather than ``sys.inputs``: typst
# hashes ``sys.inputs`` into its standard library, so a new input there invalidates every
# memoised layout result, while a changed file only invalidates what depends on it.
_DOCUMENT = "document.json"
# The running header's text, in a file of its own (see template.typ).
_HEADER = "header.json"
# An SVG tried on its own (see _fit_svgs).
_PROBE_SVG = "probe.svg"
_DEFAULT_WIDTH_CM = 16.0
# typst-py evicts memoised results unused in this many compiles (comemo::evict(10)) and
# does so once after every compile; see _age_cache for the empty compiles we add.
_CACHE_MAX_AGE = 10
# Empty compiles before rendering an edit of the previous document ...
_AGEING_EDIT = 1
# ... and before rendering another one: its results then go in this render's compile.
_AGEING_OTHER = _CACHE_MAX_AGE - 1
# An edit: at least this share of its typeset strings was in the previous document.
_EDIT_OVERLAP = 0.5
# Used as creation date when the revision has no timestamp (like SOURCE_DATE_EPOCH=0):
# PDF/A requires a date, and the output must not depend on the current time.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# Table rows typst keeps on one page (see _kept): it then measures such a row for one page
# only, not for every page it could run onto (about an eighth of the layout time of the
# large example). Only rows that surely fit: the header and the row together estimated
# at no more than _KEEP_LINES lines, for text in _KEEP_CHARS only, every character
# counted as wide as the widest of them. Ragged lines and hyphenation can take up to
# about twice the estimate: 42 lines of 12 pt, where a page has 689 pt. The geometry is
# template.typ's: A4 less 2 x 2.5 cm, cells padded 5 pt on each side, 9.5 pt type.
_TABLE_WIDTH_PT = (21.0 - 2 * 2.5) / 2.54 * 72
_CELL_PADDING_PT = 10.0
_KEEP_EM = 1.35 * 9.5
_KEEP_LINES = 20
# Latin script and common punctuation: all in Libertinus Serif, at most 1.35 em wide
# (the digraph Ǳ; most letters are about half an em). Other text is not estimated.
_KEEP_CHARS = re.compile("[\\n -~\u00a0-\u024f\u2010-\u2027\u2030\u2032\u2033\u2039\u203a€]*")

# What the template's text searches need (see _mark_searches): 30 characters in a row
# outside White_Space (typst's regex ``\\s``), and eight letters (Python's word characters
# without digits and underscore: the letters and a few other numbers) and an apostrophe.
_LONG_RUN = re.compile("[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{30,}")
_APOSTROPHE_ENDING = re.compile("[^\\W\\d_]{8,}['’]")

_PICTURE_FORMATS: dict[str, tuple[str, str]] = {
    "image/png": ("png", "png"),
    "image/jpeg": ("jpg", "jpg"),
    "image/svg+xml": ("svg", "svg"),
}

# JSON keys whose string values are never typeset as text: they need no font coverage.
# (The text inside figures, "svg", is checked on its own: see _Payload.figure_chars.)
_NOT_TYPESET = frozenset(
    {"type", "anchor", "svg", "file", "format", "alt", "meta_title", "meta_authors", "fonts"}
)
# "the text `"漢"` could not be displayed with font ...", "the text contains the disallowed
# codepoint `"\u{feff}"`", "the PDF contains the codepoint `"\u{e000}"`" (private use).
_MISSING_GLYPH = re.compile(r"(?:the text|codepoint) `\"((?:[^\"\\]|\\.)*)\"`")
_TYPST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\(.)", re.DOTALL)
# A numeric character reference in SVG (XML): &#233; or &#xE9;.
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,9}));")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}
# Characters beyond ASCII the figures write themselves (number formats, separators and
# marks), tried with the text before they are drawn (see _render_while_drawing).
_FIGURE_CHARS = frozenset(
    "\u00a0\u202f\u2212\u2013\u2014\u2018\u2019\u2026\u00b7\u00d7\u00a7\u20ac\u2192"
)

# Dropped from typeset text (see _dropped): control characters (category Cc) except the
# newline, surrogates (Cs), the byte order mark, and the noncharacters U+FDD0..U+FDEF and
# U+xFFFE/U+xFFFF in every plane.
_DROPPED = re.compile(
    "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufeff\\ufdd0-\\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)

# How a character can be shown: by Libertinus Serif (so the document needs no fallback
# font for it), by one of the fallback fonts, or by none.
_PRIMARY, _FALLBACK, _NONE = 0, 1, 2
# The level of every character seen so far in this process, filled by probing (_levels).
_coverage: dict[str, int] = {}
_coverage_lock = threading.Lock()
# Hashes of the typeset strings of the document rendered last (see _age_cache).
_previous_strings: set[int] = set()
_previous_lock = threading.Lock()


class RenderError(_PackageRenderError):
    """The PDF could not be made; the message is Dutch and meant for users.

    A subclass of ``stramien.render.RenderError``, so ``render(..., "pdf")`` callers
    catch it with every other format's error.
    """


def render_pdf(document: Document | Drawing) -> bytes:
    """Typeset ``document`` as a PDF/A-2a (and PDF/UA-1) file and return its bytes.

    A :class:`~stramien.render.outline.Drawing` (a document whose figures are still being
    drawn) is typeset while they are drawn (see _render_while_drawing).
    """
    if not isinstance(document, Document):
        found = _render_while_drawing(document)
        if found is not None:
            return found
        document = document.document()
    builder = _Payload()
    payload = builder.document(document)
    _age_cache(builder.strings)
    return _render(document, builder, payload)


def _render(document: Document, builder: _Payload, payload: dict[str, Any]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="stramien-pdf-") as tmp:
        root = Path(tmp)
        (root / _MAIN).write_bytes(_template_bytes())
        timestamp = _utc(document.meta.timestamp) or _EPOCH
        chars = builder.typeset_chars() | builder.figure_chars()
        levels = _levels(chars | {REPLACEMENT_CHARACTER}, root, timestamp)
        unsupported = {char for char in chars if levels[char] == _NONE}
        fallback = any(levels[char] == _FALLBACK for char in chars)
        if unsupported:
            builder.replace(payload, unsupported)
            fallback = fallback or levels[REPLACEMENT_CHARACTER] == _FALLBACK
        if fallback:
            _fit_svgs(builder, root, timestamp, {c for c in chars if levels[c] == _FALLBACK})
        # Up to three rounds of the safety net below, and one to take the fallback fonts.
        for _attempt in range(4):
            payload["fonts"] = _families(fallback=fallback)
            try:
                for name, data in builder.files().items():
                    (root / name).write_bytes(data)
                header = {key: payload[key] for key in ("running_title", "status", "fonts")}
                (root / _HEADER).write_text(_to_json(header), encoding="utf-8")
                _mark_searches(payload)
                (root / _DOCUMENT).write_text(_to_json(payload), encoding="utf-8")
                result = _compile(root, {}, timestamp, fallback=fallback)
            except _MissingGlyphs as missing:
                # Safety net: a character that only fails in context (shaping, or inside
                # a figure). Never replace printable ASCII: the culprit is then the
                # character beside it. Without the fallback fonts, try them first.
                culprits = {char for char in missing.chars if not " " <= char <= "~"}
                if not culprits:
                    break
                if not fallback:
                    _remember(culprits, _FALLBACK)
                    fallback = True
                    continue
                _remember(culprits, _NONE)
                unsupported |= culprits
                builder.replace(payload, culprits)
                fallback = fallback or levels[REPLACEMENT_CHARACTER] == _FALLBACK
                continue
            except _UnmappedText:
                # Should _fit_svgs have missed a figure: no figure keeps text beyond what
                # Libertinus Serif sets. (Running text never fails like this.)
                beyond = {char for char in builder.figure_chars() if levels.get(char) != _PRIMARY}
                beyond.discard(REPLACEMENT_CHARACTER)
                if not beyond:
                    raise
                for slot, _title, svg in builder.svgs():
                    builder.set_svg(slot, _replace_in_svg(svg, beyond))
                continue
            if unsupported:
                log.warning(
                    "De PDF toont %s als %s: geen van de lettertypen heeft dat teken.",
                    ", ".join(_code(char) for char in sorted(unsupported)),
                    REPLACEMENT_CHARACTER,
                )
            return result
        raise RenderError(
            "De PDF kon niet worden gemaakt: de tekst bevat tekens die het lettertype niet "
            "kan weergeven."
        )


def _render_while_drawing(drawing: Drawing) -> bytes | None:
    """The PDF of ``drawing``'s document, typeset while its figures are drawn; ``None``
    when it has to be made the ordinary way, from the finished document.

    typst reads a figure's file when it lays out the page the figure is on (the template
    sizes it there), so each figure is a named pipe that gets the SVG as soon as it is
    drawn (_FigureFeed): typst lays out the pages before it meanwhile, and waits only for
    a figure that is not drawn by the time it gets there. This is only the same PDF as
    the ordinary way when nothing depends on the figures but their files: when every
    character of the text and of the figures is in Libertinus Serif (no fallback fonts,
    no replacement marks; the ordinary way then does nothing more), when each drawn
    figure is the sketch's and typst makes the PDF at the first attempt. Otherwise this
    gives ``None``; what typst did meanwhile is not lost (it keeps its layout).
    """
    if not hasattr(os, "mkfifo"):  # pragma: no cover - Windows
        return None
    sketch = drawing.sketch
    builder = _Payload()
    payload = builder.document(sketch)
    _age_cache(builder.strings)
    with tempfile.TemporaryDirectory(prefix="stramien-pdf-") as tmp:
        root = Path(tmp)
        (root / _MAIN).write_bytes(_template_bytes())
        timestamp = _utc(sketch.meta.timestamp) or _EPOCH
        chars = builder.typeset_chars() | builder.figure_chars()
        # The characters the figures add to the text, known before they are drawn.
        levels = _levels(chars | _FIGURE_CHARS, root, timestamp)
        if any(levels[char] != _PRIMARY for char in chars):
            return None
        payload["fonts"] = _families(fallback=False)
        for name, data in builder.pictures.items():
            (root / name).write_bytes(data)
        header = {key: payload[key] for key in ("running_title", "status", "fonts")}
        (root / _HEADER).write_text(_to_json(header), encoding="utf-8")
        _mark_searches(payload)
        (root / _DOCUMENT).write_text(_to_json(payload), encoding="utf-8")
        figures = [block for block in sketch.blocks if isinstance(block, Figure)]
        feed = _FigureFeed(root, figures, drawing)
        outcome: dict[str, Any] = {}

        def typeset() -> None:
            try:
                outcome["pdf"] = _compile(root, {}, timestamp, fallback=False)
            except BaseException as exc:  # handed to the calling thread
                outcome["error"] = exc

        compiler = threading.Thread(target=typeset, name="stramien-typst", daemon=True)
        compiler.start()  # before the drawing: the charts' engine holds the GIL as it starts
        drawing.start()
        feed.start()
        compiler.join()
        drawn = feed.finish()
    error = outcome.get("error")
    if error is not None and not isinstance(error, RenderError | _MissingGlyphs):
        raise error
    if error is not None or not drawn:
        return None
    result: bytes = outcome["pdf"]
    return result


class _FigureFeed:
    """Gives typst each figure's SVG, through a named pipe, as soon as it is drawn.

    One thread per figure waits for its drawing, then opens the pipe (which waits until
    typst opens it to read) and writes the SVG. A figure that cannot go in as drawn (see
    _render_while_drawing) gets an empty file, so that typst stops soon. :meth:`finish`,
    once typst is done, lets every thread end: typst has read every figure it laid out,
    and a pipe it never opened is opened and closed again to free its writer.
    """

    def __init__(self, root: Path, figures: list[Figure], drawing: Drawing) -> None:
        self._drawing = drawing
        self._done = threading.Event()
        self._failed = threading.Event()
        self._pipes = [root / _figure_file(slot) for slot in range(len(figures))]
        for pipe in self._pipes:
            os.mkfifo(pipe, 0o600)
        self._threads = [
            threading.Thread(
                target=self._feed, args=(pipe, figure), name="stramien-figure-feed", daemon=True
            )
            for pipe, figure in zip(self._pipes, figures, strict=True)
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def _feed(self, pipe: Path, figure: Figure) -> None:
        svg = self._drawing.svg(figure)
        if svg is None or not _in_primary_font(svg):
            self._failed.set()
            svg = ""
        if self._done.is_set():
            return
        try:
            with open(pipe, "wb") as file:  # waits until typst opens it to read
                file.write(svg.encode("utf-8"))
        except OSError:  # typst stopped reading (see finish)
            self._failed.set()

    def finish(self) -> bool:
        """End every thread (typst is done); whether every figure went in as drawn."""
        self._done.set()
        for pipe, thread in zip(self._pipes, self._threads, strict=True):
            while thread.is_alive():
                # The writer waits for a reader, or for room in the pipe: give it one and
                # close it again, so its write fails and it ends (or it is still drawing).
                try:
                    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
                except OSError:
                    thread.join(0.01)
                    continue
                try:
                    thread.join(0.05)
                finally:
                    os.close(reader)
        return not self._failed.is_set()


def _in_primary_font(svg: str) -> bool:
    """Whether every character of the SVG's text is known to be in Libertinus Serif."""
    chars = _svg_chars(svg)
    with _coverage_lock:
        return all(_coverage.get(char) == _PRIMARY for char in chars)


def _fit_svgs(builder: _Payload, root: Path, timestamp: dt.datetime, chars: set[str]) -> None:
    """Replace in each SVG what typst cannot put in the PDF as text of a figure.

    typst sets the text of an SVG on its own, in one font per run of text plus a
    fallback per character: that serves Chinese, Japanese, Korean, emoji and symbols
    beside Latin text, but not scripts whose letters change shape with their neighbours
    (Arabic, the Indic conjuncts), which come out as missing glyphs or as glyphs without
    their characters, both forbidden in PDF/A. Every SVG with a character from the
    fallback fonts (``chars``) is therefore tried on its own; what fails there gets the
    replacement mark in that figure only (the running text keeps it). The outcome is
    kept in the figure cache, keyed by the SVG.
    """
    for slot, title, svg in builder.svgs():
        candidates = _svg_chars(svg) & chars
        if not candidates:
            continue
        key = _cache.digest(["pdf-svg-text", _cache.code_fingerprint(), svg])
        known = _cache.FIGURES.get(key)
        if known is not None:
            culprits = set(json.loads(known.decode("utf-8")))
        else:
            culprits = _svg_culprits(svg, candidates, root, timestamp)
            _cache.FIGURES.put(key, _to_json(sorted(culprits)).encode("utf-8"))
        if culprits:
            builder.set_svg(slot, _replace_in_svg(svg, culprits))
            log.warning(
                "De figuur '%s' toont %s als %s: typst kan die tekens niet als tekst van een "
                "figuur in een PDF/A zetten (de lopende tekst heeft ze wel).",
                title,
                ", ".join(_code(char) for char in sorted(culprits)),
                REPLACEMENT_CHARACTER,
            )


def _svg_culprits(svg: str, chars: set[str], root: Path, timestamp: dt.datetime) -> set[str]:
    """Which of ``chars`` to replace in ``svg`` so that it goes into a PDF/A: the ones
    typst names, and when it names none, every script that does not go in alongside
    the scripts tried before it (in a fixed order, so the outcome is always the same)."""

    def embeds(replaced: set[str]) -> tuple[bool, set[str]]:
        (root / _PROBE_SVG).write_text(_replace_in_svg(svg, replaced), encoding="utf-8")
        try:
            _compile(root, {"probe_svg": _PROBE_SVG}, timestamp, fallback=True)
        except _MissingGlyphs as missing:
            return False, missing.chars & chars
        except RenderError:
            return False, set()
        return True, set()

    culprits: set[str] = set()
    fits, named = embeds(culprits)
    while not fits and named - culprits:
        culprits |= named
        fits, named = embeds(culprits)
    if fits:
        return culprits
    rest = chars - culprits
    scripts: dict[str, set[str]] = {}
    for char in rest:
        scripts.setdefault(_script(char), set()).add(char)
    kept: set[str] = set()
    for script in sorted(scripts):
        if embeds(culprits | (rest - kept - scripts[script]))[0]:
            kept |= scripts[script]
    return chars - kept


def _script(char: str) -> str:
    """A rough script of a letter or mark (the first word of its name: ARABIC, CJK,
    DEVANAGARI, HANGUL, ...); every other character counts as a symbol."""
    if unicodedata.category(char)[0] in "LM":
        name = unicodedata.name(char, "")
        if name:
            return name.split(" ", 1)[0]
    return "~symbol"


def unshowable(agreement: Agreement) -> list[Finding]:
    """A warning for every field of ``agreement`` with a character no font of the PDF can
    show (the PDF has a replacement mark instead), naming the field by its document path.

    The characters are checked as the renderer checks them (and the results are shared
    with it): after a PDF of the agreement was made this costs a walk over its text.
    """
    from stramien.model.agreement import format_path
    from stramien.rules.registry import Finding

    texts = [(path, _clean(text)) for path, text in _strings(agreement.model_dump(), ())]
    chars = {char for _, text in texts if not text.isascii() for char in text}
    chars = {char for char in chars if not (" " <= char <= "~" or char == "\n")}
    if not chars:
        return []
    with tempfile.TemporaryDirectory(prefix="stramien-pdf-") as tmp:
        root = Path(tmp)
        (root / _MAIN).write_bytes(_template_bytes())
        levels = _levels(chars, root, _EPOCH)
    missing = {char for char in chars if levels[char] == _NONE}
    findings: list[Finding] = []
    for path, text in texts:
        found = sorted(set(text) & missing)
        if not found:
            continue
        names = ", ".join(_described(char) for char in found)
        one = len(found) == 1
        findings.append(
            Finding(
                rule=UNSHOWABLE_RULE,
                severity="warning",
                section=_section(path),
                path=format_path(path),
                message=(
                    f"De PDF kan {'dit teken' if one else 'deze tekens'} niet weergeven: "
                    f"{names}. Er staat {REPLACEMENT_CHARACTER} in de plaats."
                ),
                hint=(
                    "Geen van de lettertypen van de PDF heeft "
                    f"{'dit teken' if one else 'deze tekens'}; DOCX, ODT, HTML en Markdown "
                    "bevatten het wel. Is het niet zo bedoeld, vervang het dan door een "
                    "gangbaar teken of laat het weg."
                ),
            )
        )
    return findings


_Path = tuple[str | int, ...]


def _strings(value: Any, path: _Path) -> Iterable[tuple[_Path, str]]:
    """Every string in a dumped agreement, with its document path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*path, key))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _strings(child, (*path, index))


def _section(path: _Path) -> Section:
    """The section of the stramien a document path lies in (as the checks group them)."""
    from stramien.rules.registry import Section

    sections: dict[str, Section] = {
        "programme": Section.AMBITION,
        "ambition": Section.AMBITION,
        "partnership": Section.PARTNERSHIP,
        "realisation": Section.REALISATION,
        "organisation": Section.ORGANISATION,
        "appendices": Section.APPENDICES,
    }
    return sections.get(str(path[0]) if path else "", Section.PROGRAMME)


def _described(char: str) -> str:
    """``U+E000 (privégebruik)``, ``U+0378 (niet toegekend)``, ``U+1D11E (musical ...)``."""
    category = unicodedata.category(char)
    if category == "Co":
        return f"{_code(char)} (privégebruik)"
    if category == "Cn":
        return f"{_code(char)} (niet toegekend)"
    name = unicodedata.name(char, "")
    return f"{_code(char)} ({name.lower()})" if name else _code(char)


def _families(*, fallback: bool) -> list[str]:
    """The font families the text is set in (in this order): Libertinus Serif, and with
    ``fallback`` every fallback family that is installed."""
    if not fallback:
        return [fonts.PRIMARY_FAMILY]
    return [fonts.PRIMARY_FAMILY, *_installed_fallback_families()]


@functools.cache
def _installed_fallback_families() -> tuple[str, ...]:
    installed = set(fonts.typst_fonts(fallback=True).families())
    return tuple(family for family in fonts.FALLBACK_FAMILIES if family in installed)


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


# ---------------------------------------------------------------------------
# Document -> JSON payload
# ---------------------------------------------------------------------------


class _Payload:
    """Builds the document's JSON payload for the template.

    On the way it keeps the pictures (file name -> bytes) and every typeset string that
    is not plain ASCII, so that the font coverage check needs no second walk over the
    payload. Typeset means every string outside the keys in ``_NOT_TYPESET``; those
    (metadata, alt texts, anchors, ...) go through ``_clean`` only.
    """

    def __init__(self) -> None:
        self.pictures: dict[str, bytes] = {}
        # Hashes of the typeset strings: what the document says, for _age_cache.
        self.strings: set[int] = set()
        self._non_ascii: list[str] = []
        # The figures' payloads (their SVG text is typeset too) and the SVG pictures
        # (file name, caption).
        self._figures: list[dict[str, Any]] = []
        # Each figure's SVG, by slot: written to the file its payload names.
        self.figure_svgs: list[str] = []
        self._svg_pictures: list[tuple[str, str]] = []

    def text(self, value: str) -> str:
        """``value`` cleaned, noted as typeset."""
        cleaned = _clean(value)
        self.strings.add(hash(cleaned))
        if not cleaned.isascii():
            self._non_ascii.append(cleaned)
        return cleaned

    def typeset_chars(self) -> set[str]:
        """The characters of the typeset strings that need a glyph from the fonts."""
        chars: set[str] = set().union(*self._non_ascii)
        # Printable ASCII is covered by Libertinus Serif; the newline is a line break.
        # (Cleaned ASCII text holds nothing else, which is why it is not noted.)
        return {char for char in chars if not (" " <= char <= "~" or char == "\n")}

    def figure_chars(self) -> set[str]:
        """The characters beyond ASCII in the figures and SVG pictures (their text)."""
        chars: set[str] = set()
        for _slot, _title, svg in self.svgs():
            chars.update(_svg_chars(svg))
        return chars

    def svgs(self) -> list[tuple[int, str, str]]:
        """Slot, title and text of every SVG: the figures', then the SVG pictures' (those
        in UTF-8; others are left as they are)."""
        found = [
            (slot, figure["title"], self.figure_svgs[slot])
            for slot, figure in enumerate(self._figures)
        ]
        for slot, (name, title) in enumerate(self._svg_pictures, start=len(self._figures)):
            try:
                found.append((slot, title, self.pictures[name].decode("utf-8")))
            except UnicodeDecodeError:
                continue
        return found

    def set_svg(self, slot: int, svg: str) -> None:
        if slot < len(self._figures):
            self.figure_svgs[slot] = svg
        else:
            name = self._svg_pictures[slot - len(self._figures)][0]
            self.pictures[name] = svg.encode("utf-8")

    def files(self) -> dict[str, bytes]:
        """The files beside the template: the pictures and every figure's SVG."""
        found = dict(self.pictures)
        for slot, svg in enumerate(self.figure_svgs):
            found[_figure_file(slot)] = svg.encode("utf-8")
        return found

    def replace(self, payload: dict[str, Any], chars: set[str]) -> None:
        """Put the replacement mark for ``chars`` in the typeset strings and the SVGs."""
        _replace_unsupported(payload, chars)
        for slot, _title, svg in self.svgs():
            if not chars.isdisjoint(_svg_chars(svg)):
                self.set_svg(slot, _replace_in_svg(svg, chars))

    def document(self, document: Document) -> dict[str, Any]:
        text = self.text
        meta = document.meta
        stamp = _utc(meta.timestamp)
        title = _clean(document.title) or "Samenwerkingsovereenkomst"
        partners = [_clean(partner) for partner in document.partners]
        hash_ = _clean(meta.hash)
        return {
            # Metadata (title, authors) and alt texts are not typeset: no font coverage
            # needed, so they keep characters the fonts lack, such as emoji.
            "meta_title": title,
            "meta_authors": partners,
            "title": text(title),
            "subtitle": text(document.subtitle),
            "running_title": text(" ".join((_clean(document.short_name) or title).split())),
            "partners": [text(partner) for partner in partners],
            "status": text(document.status_label),
            "revision": text(meta.revision),
            "hash": text(hash_),
            "hash_short": text(hash_[:12]),
            "date": text(document.date_label),
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
            "blocks": self.blocks(document.blocks),
        }

    def blocks(self, blocks: Iterable[Block]) -> list[dict[str, Any]]:
        """The blocks as JSON; headings made valid for PDF/UA: never empty, no skipped level."""
        result: list[dict[str, Any]] = []
        previous_level = 0
        for block in blocks:
            payload = self.block(block)
            if payload["type"] == "heading":
                if not payload["text"].strip():
                    continue
                payload["level"] = min(payload["level"], previous_level + 1)
                previous_level = payload["level"]
            result.append(payload)
        return result

    def block(self, block: Block) -> dict[str, Any]:
        text = self.text
        if isinstance(block, Heading):
            return {
                "type": "heading",
                "level": min(max(int(block.level), 1), 3),
                "text": text(block.text),
                "anchor": _clean(block.anchor).strip(),
            }
        if isinstance(block, Paragraph):
            style = block.style if block.style in ("lead", "note") else "normal"
            return {"type": "paragraph", "text": text(block.text), "style": style}
        if isinstance(block, Bullets):
            return {"type": "bullets", "items": [text(item) for item in block.items]}
        if isinstance(block, Facts):
            return {
                "type": "facts",
                "items": [[text(label), text(value)] for label, value in block.items],
            }
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            title = _clean(block.title)
            figure = {
                "type": "figure",
                "title": text(title),
                "alt": _clean(block.alt) or title or "Figuur",
                "file": _figure_file(len(self._figures)),
                "width_cm": _width(block.width_cm),
            }
            self._figures.append(figure)
            self.figure_svgs.append(block.svg)
            return figure
        if isinstance(block, Picture):
            extension, image_format = _PICTURE_FORMATS.get(block.mime, ("png", "png"))
            file = f"picture-{len(self.pictures)}.{extension}"
            self.pictures[file] = block.data
            caption = _clean(block.caption)
            if image_format == "svg":
                self._svg_pictures.append((file, caption or _clean(block.name)))
            return {
                "type": "picture",
                "file": file,
                "format": image_format,
                "caption": text(caption),
                "alt": _clean(block.alt) or caption or _clean(block.name) or "Afbeelding",
                "width_cm": _width(block.width_cm),
            }
        if isinstance(block, PageBreak):
            return {"type": "pagebreak"}
        if isinstance(block, SignaturePage):
            return {
                "type": "signatures",
                "intro": text(block.intro),
                "signatures": [
                    {
                        "organisation": text(signature.organisation),
                        "name": text(signature.name),
                        "function": text(signature.function),
                        "mandate": text(signature.mandate),
                        "approval": text(signature.approval),
                    }
                    for signature in block.signatures
                ],
            }
        raise RenderError(
            f"De PDF kon niet worden gemaakt: onbekend onderdeel {type(block).__name__}."
        )

    def table(self, table: Table) -> dict[str, Any]:
        text = self.text
        headers = [text(header) for header in table.headers]
        rows = [[text(cell) for cell in row] for row in table.rows]
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
            "caption": text(table.caption),
            "headers": headers,
            "rows": rows,
            "keep": _kept(headers, rows, widths or [1.0] * columns),
            "columns": columns,
            "numeric": sorted(index for index in table.numeric if 0 <= index < columns),
            "widths": widths,
        }


def _mark_searches(payload: dict[str, Any]) -> None:
    """Mark the blocks the template's text searches (show rules with a regex) can match
    in, so that typst searches only those: ``long`` where a typeset string has 30
    characters in a row outside Unicode's white space (which typst's ``\\S`` leaves out),
    ``apostrophes`` for a table whose header or cell has eight letters and an apostrophe
    in a row. Each a condition every match of the search needs, checked per string: a
    match never spans two strings of a block. Done on the payload as written, after any
    replacement of unshowable characters.
    """
    for block in payload["blocks"]:
        block["long"] = any(_LONG_RUN.search(place[key]) for place, key in _typeset_places(block))
        if block["type"] == "table":
            cells = [*block["headers"], *(cell for row in block["rows"] for cell in row)]
            block["apostrophes"] = any(_APOSTROPHE_ENDING.search(cell) for cell in cells)


def _kept(headers: list[str], rows: list[list[str]], widths: list[float]) -> list[bool]:
    """Per row: whether it surely fits on one page below the header, so typst may keep it
    together.

    Without widths the columns share the width equally: typst gives an automatic column
    at least that share, unless all its cells fit on one line in less.
    """
    total = sum(widths)
    per_line = [
        max(1.0, (_TABLE_WIDTH_PT * width / total - _CELL_PADDING_PT) / _KEEP_EM)
        for width in widths
    ]

    def lines(row: list[str]) -> float:
        return max(_lines(cell, chars) for cell, chars in zip(row, per_line, strict=True))

    budget = _KEEP_LINES - (lines(headers) if headers else 0)
    return [lines(row) <= budget for row in rows]


def _lines(cell: str, chars_per_line: float) -> float:
    """About as many lines as the cell takes, for _kept (``math.inf``: not estimated)."""
    if _KEEP_CHARS.fullmatch(cell) is None:
        return math.inf
    return sum(max(1, math.ceil(len(line) / chars_per_line)) for line in cell.split("\n"))


def _figure_file(slot: int) -> str:
    """The name of the file that holds the figure in ``slot`` (its SVG) for typst."""
    return f"figure-{slot}.svg"


def _width(width_cm: float) -> float:
    width = float(width_cm)
    return width if math.isfinite(width) and width > 0 else _DEFAULT_WIDTH_CM


def _clean(text: str) -> str:
    """Normalise line ends and tabs; drop control characters, lone surrogates, the byte
    order mark and noncharacters (PDF/A forbids them in text)."""
    if text.isprintable():
        # Nearly all text. Every character changed below is non-printable (Cc, Cs, Cf
        # or Cn; the tests check each one), so there is nothing to do.
        return text
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


def _levels(chars: set[str], root: Path, timestamp: dt.datetime) -> dict[str, int]:
    """How each of ``chars`` can be shown (``_PRIMARY``, ``_FALLBACK`` or ``_NONE``).

    Characters not seen before in this process are typeset: first in Libertinus Serif
    alone (no fallback), then those it lacks with every font. ``root`` holds the template.
    """
    unknown = sorted(char for char in chars if char not in _coverage)
    if unknown:
        lacking = _probe(unknown, root, timestamp, fallback=False)
        _remember(set(unknown) - lacking, _PRIMARY)
        if lacking:
            missing = _probe(sorted(lacking), root, timestamp, fallback=True)
            _remember(lacking - missing, _FALLBACK)
            _remember(missing, _NONE)
    with _coverage_lock:
        return {char: _coverage.get(char, _NONE) for char in chars}


def _probe(chars: list[str], root: Path, timestamp: dt.datetime, *, fallback: bool) -> set[str]:
    """Which of ``chars`` the fonts cannot show: Libertinus Serif alone, or with
    ``fallback`` every font.

    One compile of all of them usually settles it: typst reports every character it
    cannot show, and a second compile confirms the rest. Should the diagnostics ever
    name nothing we recognise, bisection finds the culprits instead.
    """
    inputs = {"probe_fonts": _to_json(_families(fallback=fallback))}
    if not fallback:
        inputs["probe_strict"] = "1"
    lacking: set[str] = set()
    remaining = list(chars)
    while remaining:
        try:
            _compile(root, {"probe": _to_json(remaining), **inputs}, timestamp, fallback=fallback)
        except _MissingGlyphs as missing:
            bad = missing.chars & set(remaining)
            if not bad:
                break
            lacking |= bad
            remaining = [char for char in remaining if char not in bad]
        except RenderError:
            break  # a message we do not parse: find the culprits by bisection
        else:
            return lacking
    if len(remaining) <= 1:
        return lacking | set(remaining)
    middle = len(remaining) // 2
    return (
        lacking
        | _probe(remaining[:middle], root, timestamp, fallback=fallback)
        | _probe(remaining[middle:], root, timestamp, fallback=fallback)
    )


def _remember(chars: Iterable[str], level: int) -> None:
    with _coverage_lock:
        _coverage.update(dict.fromkeys(chars, level))


def _svg_chars(svg: str) -> set[str]:
    """The characters beyond ASCII in an SVG: as they are, or as character references.

    SVG markup is ASCII, so these are its text (and attribute values, which is harmless).
    """
    chars = {char for char in set(svg) if char > "~"}
    if "&#" in svg:
        for match in _CHAR_REFERENCE.finditer(svg):
            char = _referenced(match)
            if char is not None and char > "~":
                chars.add(char)
    return chars


def _replace_in_svg(svg: str, chars: set[str]) -> str:
    """``svg`` with the replacement mark for ``chars``, as they are or as references."""
    svg = svg.translate({ord(char): REPLACEMENT_CHARACTER for char in chars})
    if "&#" not in svg:
        return svg

    def replace(match: re.Match[str]) -> str:
        return REPLACEMENT_CHARACTER if _referenced(match) in chars else match.group(0)

    return _CHAR_REFERENCE.sub(replace, svg)


def _referenced(match: re.Match[str]) -> str | None:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    return chr(code) if code < 0x110000 else None


def _replace_unsupported(value: Any, unsupported: Iterable[str]) -> None:
    """Replace unsupported characters in every typeset string of ``value``, in place."""
    table = {ord(char): REPLACEMENT_CHARACTER for char in unsupported}
    if not table:
        return
    for place, key in _typeset_places(value):
        place[key] = place[key].translate(table)


def _typeset_places(value: Any) -> Iterator[tuple[Any, Any]]:
    """Where the typeset strings inside ``value`` are: (dict or list, key or index) of
    every string that is not under one of the keys in ``_NOT_TYPESET``. A string may be
    replaced at its place while the walk goes on."""
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
            yield value, key
        else:
            yield from _typeset_places(child)


# ---------------------------------------------------------------------------
# Typst
# ---------------------------------------------------------------------------


class _MissingGlyphs(Exception):
    def __init__(self, chars: set[str]) -> None:
        super().__init__()
        self.chars = chars


class _UnmappedText(RenderError):
    """PDF/A refused glyphs without their characters (from an SVG's text)."""


def _template_bytes() -> bytes:
    return resources.files("stramien.render").joinpath(_TEMPLATE).read_bytes()


def _compile(
    root: Path, inputs: dict[str, str], timestamp: dt.datetime, *, fallback: bool
) -> bytes:
    """Compile ``root``'s template; the fonts built into typst (passed to every compile,
    so that each one does not search and load them again), with ``fallback`` also the
    fallback fonts."""
    try:
        result, warnings = typst.compile_with_warnings(
            root / _MAIN,
            root=root,
            font_paths=fonts.typst_fonts(fallback=fallback),
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
        if "missing codepoints" in message:
            raise _UnmappedText(_dutch_message(message)) from exc
        raise RenderError(_dutch_message(message)) from exc
    for warning in warnings:
        log.debug("typst warning: %s", warning)
    if not isinstance(result, bytes):
        raise RenderError("De PDF kon niet worden gemaakt: de opmaak leverde geen bestand op.")
    return result


def _age_cache(strings: set[int]) -> None:
    """Let typst forget what it memoised for other documents than the one about to render.

    typst keeps memoised results process-wide. Each compile ages every result by one and
    drops those older than ``_CACHE_MAX_AGE``; a result that is used again becomes young.
    Left alone, a long-running process rendering 80-page documents keeps the layout of
    its last ten documents (more than 1 GB). So before each render a few empty compiles
    (about 5 ms each with a full cache) age the results further:

    * another document than the one rendered last (less than ``_EDIT_OVERLAP`` of its
      typeset strings were in that one): nine, so that everything memoised before is
      gone after this render's compile. A process keeps the layout of one document.
    * an edit of the document rendered last: one, so a result lives five renders
      without being used. A hit on a large part of the layout (a page, a table) does
      not touch the results inside it, which therefore have to outlive a few renders
      that only use the large part: otherwise an edit inside such a part, after a
      render that did not change it, lays the whole part out again. The edits of one
      document share nearly all their layout, so memory stays at about one render.

    Failures here are irrelevant.
    """
    global _previous_strings
    with _previous_lock:
        shared = len(strings & _previous_strings)
        _previous_strings = strings
    edit = shared >= _EDIT_OVERLAP * len(strings) > 0
    for _ in range(_AGEING_EDIT if edit else _AGEING_OTHER):
        try:
            typst.compile(
                b"",
                format="svg",
                font_paths=fonts.typst_fonts(fallback=False),
                ignore_system_fonts=True,
            )
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
