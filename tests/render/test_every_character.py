"""Every character a user can type comes out: in the PDF through the fallback fonts (or as
a visible replacement mark, with a warning that names the field), in DOCX, ODT, HTML and
Markdown as it is."""

from __future__ import annotations

import functools
import importlib.metadata
import io
import logging
import os
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from test_pdf import fonts as font_dictionaries
from test_pdf import xmp

from stramien.model import Agreement
from stramien.render import _cache, fonts, render
from stramien.render import pdf as pdf_module
from stramien.render.blocks import Document, Figure, Paragraph, RevisionMeta, Table
from stramien.render.pdf import REPLACEMENT_CHARACTER, render_pdf, unshowable

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "small.yaml"

# One sample per script; the PDF must show every one of them.
SCRIPTS = {
    "emoji": "🚲🌱",
    "chinese": "中文",
    "japanese": "日本語",
    "korean": "한국어",
    "arabic": "مرحبا",
    "hebrew": "שלום",
    "cyrillic": "Москва",
    "greek": "Ελλάδα",
    "devanagari": "नमस्ते",
    "thai": "สวัสดี",
}
# Text extraction keeps these in reading order; the others (right to left, or shaped into
# ligatures and reordered marks) come out with all their characters, not always in order.
IN_ORDER = ("emoji", "chinese", "japanese", "korean", "hebrew", "cyrillic", "greek")
# No font has these: a private-use and an unassigned code point.
PRIVATE = "\ue000"
UNASSIGNED = "\u0378"

PARTNER = "Stichting 🚲🌱 東京 Москва"
STATEMENT = " · ".join(SCRIPTS.values())
CELL = f"Risico 中文 en Ελλάδα {PRIVATE} en {UNASSIGNED}."
CELL_IN_PDF = f"Risico 中文 en Ελλάδα {REPLACEMENT_CHARACTER} en {REPLACEMENT_CHARACTER}."
FIELDS = {
    "partnership.partners[2].name": PARTNER,
    "ambition.statement": STATEMENT,
    "risks.items[0].precautions": CELL,  # a cell of the risk table
}


def normalise(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def agreement() -> Agreement:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["partnership"]["partners"][2]["name"] = PARTNER
    data["ambition"]["statement"] = STATEMENT
    data["risks"]["items"][0]["precautions"] = CELL
    return Agreement.model_validate(data)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render(agreement(), "pdf")


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def text(reader: PdfReader) -> str:
    return " ".join(normalise(page.extract_text()) for page in reader.pages)


# -- PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS)
def test_pdf_shows_every_script(script: str, text: str) -> None:
    sample = SCRIPTS[script]
    if script in IN_ORDER:
        assert sample in text
    assert set(sample) <= set(text)


def test_pdf_shows_the_partner_name_and_the_table_cell(text: str) -> None:
    assert PARTNER in text
    assert CELL_IN_PDF in text  # the two characters no font has: the replacement mark


def test_pdf_is_still_pdfa_with_embedded_fonts(reader: PdfReader) -> None:
    # typst validates PDF/A-2a and PDF/UA-1 while exporting; the file says so and embeds
    # every font it uses, the fallback fonts among them.
    xml = xmp(reader)
    assert 'pdfaid:part="2"' in xml or "<pdfaid:part>2</pdfaid:part>" in xml
    assert "pdfuaid:part" in xml
    found: list[DictionaryObject] = []
    seen: set[int] = set()
    for page in reader.pages:
        found.extend(font_dictionaries(page.get("/Resources"), seen))
    with_files = [font for font in found if str(font["/Subtype"]) not in ("/Type0", "/Type3")]
    names = {str(font["/BaseFont"]) for font in with_files}
    for font in with_files:
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
    for family in ("NotoSansCJK", "NotoEmoji", "NotoSansDevanagari", "NotoSansThai", "DejaVu"):
        assert any(family in name for name in names), (family, names)


def test_uncovered_characters_are_named_by_field() -> None:
    findings = unshowable(agreement())
    assert [finding.path for finding in findings] == ["risks.items[0].precautions"]
    (finding,) = findings
    assert finding.rule == pdf_module.UNSHOWABLE_RULE
    assert finding.severity == "warning"
    assert finding.section.value == "programme"
    assert "U+E000" in finding.message and "U+0378" in finding.message
    assert REPLACEMENT_CHARACTER in finding.message
    assert finding.hint


def test_uncovered_character_is_marked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    document = Document("Titel", "", "", (), RevisionMeta(), (Paragraph(f"a {PRIVATE} b"),))
    with caplog.at_level(logging.WARNING, logger="stramien.render.pdf"):
        result = render_pdf(document)
    page = normalise(PdfReader(io.BytesIO(result)).pages[-1].extract_text())
    assert f"a {REPLACEMENT_CHARACTER} b" in page
    assert any("U+E000" in record.getMessage() for record in caplog.records)


def test_a_figure_keeps_what_typst_can_set_in_it(caplog: pytest.LogCaptureFixture) -> None:
    # typst cannot put joined Arabic letters in a PDF/A as an SVG's text: they get the
    # mark in the figure (and a warning), Chinese beside them stays, and the running
    # text keeps the Arabic.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60" '
        'font-family="Libertinus Serif" font-size="14"><title>Partners</title>'
        '<text x="5" y="20">Gemeente 東京</text><text x="5" y="45">Stichting مرحبا</text></svg>'
    )
    blocks = (Figure("f", "Partners", "De partners", svg, 8), Paragraph("Tekst مرحبا 東京"))
    with caplog.at_level(logging.WARNING, logger="stramien.render.pdf"):
        result = render_pdf(Document("Titel", "", "", (), RevisionMeta(), blocks))
    text = " ".join(normalise(page.extract_text()) for page in PdfReader(io.BytesIO(result)).pages)
    assert "Gemeente 東京" in text
    assert "Tekst" in text and set("مرحبا") <= set(text)
    assert any("De figuur 'Partners'" in record.getMessage() for record in caplog.records)


def test_fallback_fonts_only_for_text_that_needs_them(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    compile_ = pdf_module._compile

    def spy(*args: Any, fallback: bool) -> bytes:
        calls.append(fallback)
        return compile_(*args, fallback=fallback)

    monkeypatch.setattr(pdf_module, "_compile", spy)
    dutch = Document("Titel", "", "", (), RevisionMeta(), (Paragraph("Coöperatie — € 5"),))
    render_pdf(dutch)
    assert calls and not any(calls)
    calls.clear()
    chinese = Document("Titel", "", "", (), RevisionMeta(), (Paragraph("中文"),))
    render_pdf(chinese)
    assert calls[-1] is True


def test_same_bytes_in_another_process() -> None:
    blocks = (
        Paragraph(STATEMENT),
        Table("Tabel", ("Naam", "Stad"), ((PARTNER, "東京"), ("☃ ✓ ⚠ ♻", CELL))),
    )
    document = Document("Titel 東京", "", "", (PARTNER,), RevisionMeta(), blocks)
    first = render_pdf(document)
    assert render_pdf(document) == first
    script = (
        "import pickle, sys; from stramien.render.pdf import render_pdf; "
        "sys.stdout.buffer.write(render_pdf(pickle.loads(sys.stdin.buffer.read())))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps(document),
        capture_output=True,
        env={**os.environ, "TZ": "Asia/Tokyo"},
        check=True,
        timeout=120,
    )
    assert result.stdout == first


def test_fonts_without_links(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where no link can be made (Windows without the right), the package folders serve.
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("no links here")

    monkeypatch.setattr(Path, "symlink_to", refuse)
    assert fonts._in_fixed_order(fonts.font_files()) is None
    fonts.typst_fonts.cache_clear()
    try:
        families = set(fonts.typst_fonts(fallback=True).families())
    finally:
        fonts.typst_fonts.cache_clear()
    assert {"Libertinus Serif", "Noto Sans CJK SC", "Noto Emoji", "Noto Sans Thai"} <= families


def test_every_fallback_family_is_installed() -> None:
    installed = set(fonts.typst_fonts(fallback=True).families())
    assert set(fonts.FALLBACK_FAMILIES) <= installed
    for path in fonts.font_files():
        assert path.suffix.lower() in (".ttf", ".otf", ".ttc")


def test_the_font_packages_are_part_of_the_render_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert set(fonts.FALLBACK_DISTRIBUTIONS) <= set(_cache._ENGINES)
    version = importlib.metadata.version

    def newer(name: str) -> str:
        return "9999" if name == fonts.FALLBACK_DISTRIBUTIONS[-1] else version(name)

    before = _cache.code_fingerprint()
    _cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(importlib.metadata, "version", newer)
    try:
        assert _cache.code_fingerprint() != before
    finally:
        monkeypatch.undo()
        _cache.code_fingerprint.cache_clear()
    assert _cache.code_fingerprint() == before


# -- the other formats keep every character as it is -------------------------------------


def office_xml(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode("utf-8")


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "md"])
def test_other_formats_keep_every_character(fmt: str) -> None:
    data = render(agreement(), fmt)
    if fmt == "docx":
        content = office_xml(data, "word/document.xml")
    elif fmt == "odt":
        content = office_xml(data, "content.xml")
    else:
        content = data.decode("utf-8")
    for value in FIELDS.values():
        assert value in content
    assert REPLACEMENT_CHARACTER not in content
