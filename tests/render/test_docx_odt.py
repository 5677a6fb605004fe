"""DOCX and ODT: structure, styles, alt texts, language, determinism and hostile text,
read back with python-docx and odfdo (and, where installed, opened by LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import odfdo
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from stramien.render import _zip
from stramien.render.blocks import (
    Bullets,
    Document,
    Facts,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Picture,
    RevisionMeta,
    Signature,
    SignaturePage,
    Table,
)
from stramien.render.docx import render_docx
from stramien.render.odt import render_odt

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><title>T</title>'
    '<rect width="100" height="50" fill="#369"/></svg>'
)
STAMP = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
HOSTILE = (
    "<w:p>",
    "]]>",
    "&amp;",
    "<script>alert(1)</script>",
    '#read("/etc/passwd")',
    "$x$",
    "W" * 300,
    "مرحبا بالعالم",
    "🚲🌱",
    "\x07bell",
    "\x00nul",
)
NS_ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\xcc\x33\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def make_document(text: str = "", stamp: dt.datetime | None = STAMP) -> Document:
    """Every block type; ``text`` is put in front of every piece of user text."""
    t = text
    return Document(
        title=f"{t}Samenwerking Groene Fietsroute",
        subtitle=f"{t}Samenwerkingsovereenkomst",
        short_name=f"{t}Fietsroute",
        partners=(f"{t}Gemeente Noordstad", "Provincie Zuid"),
        meta=RevisionMeta(status="vastgesteld", revision=f"{t}r7", hash="ab" * 32, timestamp=stamp),
        blocks=(
            Heading(1, f"{t}Aanleiding", "aanleiding"),
            Paragraph(f"{t}Een gewone alinea."),
            Paragraph(f"{t}Een inleidende alinea.", "lead"),
            Paragraph(f"{t}Een noot.", "note"),
            Heading(2, f"{t}Doelen", "doelen"),
            Bullets((f"{t}Eerste doel", f"{t}Tweede doel")),
            Facts(((f"{t}Startdatum", f"{t}01-01-2025"), (f"{t}Einddatum", "31-12-2028"))),
            Heading(3, f"{t}Begroting", "begroting"),
            Table(
                caption=f"{t}Kosten per partner",
                headers=(f"{t}Partner", f"{t}Bedrag"),
                rows=((f"{t}Gemeente Noordstad", "€ 1.000"), ("Provincie Zuid", "€ 2.500")),
                numeric=frozenset({1}),
                widths=(3.0, 1.0),
            ),
            Figure(
                key="kaart",
                title=f"{t}Figuur van de route",
                alt=f"{t}Blauwe rechthoek als route",
                svg=SVG,
                width_cm=20.0,
            ),
            Picture(
                name=f"{t}impressie.png",
                data=tiny_png(),
                mime="image/png",
                alt=f"{t}Impressie van de fietsroute",
                caption=f"{t}Artist impression",
            ),
            Picture(
                name="logo.svg",
                data=SVG.encode(),
                mime="image/svg+xml",
                alt=f"{t}Logo als SVG",
            ),
            PageBreak(),
            Heading(1, f"{t}Ondertekening", "ondertekening"),
            SignaturePage(
                intro=f"{t}Aldus overeengekomen.",
                signatures=(
                    Signature(
                        f"{t}Gemeente Noordstad",
                        f"{t}N.N.",
                        f"{t}Burgemeester",
                        f"{t}Besluit B&W 2025-12",
                        f"{t}Akkoord op 01-02-2025",
                    ),
                    Signature("Provincie Zuid", "B. Jansen", "Gedeputeerde", "Mandaatbesluit"),
                ),
            ),
        ),
    )


def clean(text: str) -> str:
    return text.replace("\x07", "").replace("\x00", "")


# -- reading back ------------------------------------------------------------------------


def docx_paragraphs(data: bytes) -> tuple[docx.document.Document, list[DocxParagraph]]:
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    paragraphs = [DocxParagraph(p, document) for p in body.iter(qn("w:p"))]
    return document, paragraphs


def docx_text(data: bytes) -> str:
    document, paragraphs = docx_paragraphs(data)
    parts = [p.text for p in paragraphs]
    section = document.sections[0]
    parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def odt_paragraphs(data: bytes) -> tuple[odfdo.Document, list[odfdo.Element]]:
    document = odfdo.Document(io.BytesIO(data))
    elements = document.body.get_elements("//text:p|//text:h")
    return document, elements


def odt_text(data: bytes) -> str:
    document, elements = odt_paragraphs(data)
    parts = [element.text_recursive for element in elements]
    master = document.styles.get_element("//style:master-page[@style:name='Standard']")
    assert master is not None
    parts += [element.text_recursive for element in master.get_elements(".//text:p")]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def sample() -> Document:
    return make_document()


@pytest.fixture(scope="module")
def docx_bytes(sample: Document) -> bytes:
    return render_docx(sample)


@pytest.fixture(scope="module")
def odt_bytes(sample: Document) -> bytes:
    return render_odt(sample)


def expected_texts(document: Document) -> list[str]:
    texts = [document.title, document.subtitle, *document.partners, document.meta.revision]
    for block in document.blocks:
        match block:
            case Heading() | Paragraph():
                texts.append(block.text)
            case Bullets():
                texts.extend(block.items)
            case Facts():
                texts.extend(text for pair in block.items for text in pair)
            case Table():
                texts.extend([block.caption, *block.headers])
                texts.extend(cell for row in block.rows for cell in row)
            case Figure():
                texts.append(block.title)
            case Picture():
                texts.append(block.caption)
            case SignaturePage():
                texts.append(block.intro)
                for s in block.signatures:
                    texts += [s.organisation, s.name, s.function, s.mandate, s.approval]
    return [clean(text) for text in texts if text]


# -- DOCX --------------------------------------------------------------------------------


def test_docx_contains_every_text(sample: Document, docx_bytes: bytes) -> None:
    text = docx_text(docx_bytes)
    for expected in expected_texts(sample):
        assert expected in text
    for label in ("Organisatie", "Naam", "Functie", "Mandaat", "Plaats", "Datum", "Handtekening"):
        assert label in text
    assert "Status: Vastgesteld" in text
    assert "Datum: 04-03-2025" in text
    assert "ab" * 32 in text


def test_docx_styles(docx_bytes: bytes) -> None:
    _document, paragraphs = docx_paragraphs(docx_bytes)
    styled = {(p.style.name if p.style else "", p.text) for p in paragraphs}
    assert ("Title", "Samenwerking Groene Fietsroute") in styled
    assert ("Heading 1", "Aanleiding") in styled
    assert ("Heading 2", "Doelen") in styled
    assert ("Heading 3", "Begroting") in styled
    assert ("List Bullet", "Eerste doel") in styled
    assert ("Caption", "Kosten per partner") in styled
    assert ("Caption", "Figuur van de route") in styled
    assert ("Normal", "Een gewone alinea.") in styled
    assert ("TOC Heading", "Inhoud") in styled


def test_docx_toc_header_footer(docx_bytes: bytes) -> None:
    document, _paragraphs = docx_paragraphs(docx_bytes)
    instructions = [t.text for t in document.element.body.iter(qn("w:instrText"))]
    assert any('TOC \\o "1-3" \\h \\z \\u' in text for text in instructions)
    assert "F9" in docx_text(docx_bytes)
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Fietsroute"
    footer = section.footer.paragraphs[0]
    fields = [f.get(qn("w:instr")).strip() for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("pagina ")
    assert " van " in footer.text


def test_docx_tables(docx_bytes: bytes) -> None:
    document, _ = docx_paragraphs(docx_bytes)
    budget = next(t for t in document.tables if t.cell(0, 0).text == "Partner")
    assert budget.style is not None and budget.style.name == "Table Grid"
    first_row = budget.rows[0]._tr
    assert first_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert budget.rows[1]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
    assert budget.cell(1, 1).text == "€ 1.000"
    assert budget.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert budget.cell(0, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert budget.cell(1, 0).paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    facts = next(t for t in document.tables if t.cell(0, 0).text == "Startdatum")
    assert facts.cell(0, 1).text == "01-01-2025"
    assert facts.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
    signature = next(t for t in document.tables if t.cell(1, 1).text == "N.N.")
    labels = [row.cells[0].text for row in signature.rows]
    assert labels == [
        "Organisatie",
        "Naam",
        "Functie",
        "Mandaat",
        "Akkoord",
        "Plaats",
        "Datum",
        "Handtekening",
    ]


def test_docx_images_and_alt_text(docx_bytes: bytes) -> None:
    document, _ = docx_paragraphs(docx_bytes)
    doc_prs = list(document.element.body.iter(qn("wp:docPr")))
    alts = {p.get("descr"): p.get("title") for p in doc_prs}
    assert alts["Blauwe rechthoek als route"] == "Figuur van de route"
    assert alts["Impressie van de fietsroute"] == "Artist impression"
    assert "Logo als SVG" in alts
    assert len({p.get("id") for p in doc_prs}) == len(doc_prs)
    widths = [shape.width for shape in document.inline_shapes]
    assert len(widths) == 3
    assert all(w is not None and w <= docx.shared.Cm(16) + 1 for w in widths)


def test_docx_figures_are_svg_with_a_png_beside_them(docx_bytes: bytes) -> None:
    """Word 2016 and later show the SVG; the PNG is the copy OOXML requires for the rest."""
    document, _ = docx_paragraphs(docx_bytes)
    part = document.part
    svg_blip = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
    found = []
    for blip in document.element.body.iter(qn("a:blip")):
        png = part.related_parts[blip.get(qn("r:embed"))]
        svgs = list(blip.iter(svg_blip))
        found.append((png.content_type, [part.related_parts[s.get(qn("r:embed"))] for s in svgs]))
    # The figure and the SVG logo carry their SVG; the PNG artist impression has none.
    with_svg = [(png, svgs[0]) for png, svgs in found if svgs]
    assert len(with_svg) == 2 and len(found) == 3
    for png_type, svg_part in with_svg:
        assert png_type == "image/png"
        assert svg_part.content_type == "image/svg+xml" and svg_part.blob.decode() == SVG
    # The same SVG twice is one part of the package.
    assert len({id(svg_part) for _, svg_part in with_svg}) == 1


def test_docx_language_and_properties(docx_bytes: bytes) -> None:
    document, _ = docx_paragraphs(docx_bytes)
    styles = document.styles.element
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang is not None and lang.get(qn("w:val")) == "nl-NL"
    normal = document.styles["Normal"].element
    assert normal.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "nl-NL"
    props = document.core_properties
    assert props.title == "Samenwerking Groene Fietsroute"
    assert props.language == "nl-NL"
    assert props.author == props.last_modified_by == "Stramien"
    assert props.revision == 1
    assert props.created == props.modified == STAMP


def test_docx_deterministic(sample: Document, docx_bytes: bytes) -> None:
    assert render_docx(sample) == docx_bytes
    undated = make_document(stamp=None)
    first = render_docx(undated)
    assert render_docx(undated) == first
    props = docx.Document(io.BytesIO(first)).core_properties
    assert props.created == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2025, 3, 4, 5, 6, 6)}


# -- ODT ---------------------------------------------------------------------------------


def test_odt_contains_every_text(sample: Document, odt_bytes: bytes) -> None:
    text = odt_text(odt_bytes)
    for expected in expected_texts(sample):
        assert expected in text
    for label in ("Organisatie", "Naam", "Functie", "Mandaat", "Plaats", "Datum", "Handtekening"):
        assert label in text
    assert "Datum: 04-03-2025" in text


def test_odt_structure(odt_bytes: bytes) -> None:
    document = odfdo.Document(io.BytesIO(odt_bytes))
    body = document.body
    headings = {
        (h.get_attribute_string("text:style-name"), h.get_attribute_integer("text:outline-level"))
        for h in body.headers
    }
    assert headings == {("Heading_20_1", 1), ("Heading_20_2", 2), ("Heading_20_3", 3)}
    for name in ("Heading_20_1", "Heading_20_2", "Heading_20_3", "Text_20_body", "Title"):
        style = document.get_style("paragraph", name)
        assert style is not None, name
    assert (
        document.get_style("paragraph", "Heading_20_2").get_attribute_string(
            "style:default-outline-level"
        )
        == "2"
    )
    tocs = body.get_elements("//text:table-of-content")
    assert len(tocs) == 1
    assert "Inhoud" in tocs[0].text_recursive
    assert tocs[0].get_element(".//text:table-of-content-entry-template") is not None
    styles = [p.get_attribute_string("text:style-name") for p in body.get_elements("//text:p")]
    assert {"Text_20_body", "Inleiding", "Noot", "Caption", "List", "TitlePage"} <= set(styles)


def test_odt_tables(odt_bytes: bytes) -> None:
    document = odfdo.Document(io.BytesIO(odt_bytes))
    tables = document.body.get_tables()
    budget = next(
        t for t in tables if "Partner" in t.text_recursive and "€ 1.000" in t.text_recursive
    )
    header_rows = budget.get_element("table:table-header-rows")
    assert header_rows is not None
    assert "Partner" in header_rows.text_recursive
    assert "Gemeente Noordstad" not in header_rows.text_recursive
    cells = budget.get_elements(".//table:table-row/table:table-cell/text:p")
    by_text = {c.text_recursive: c.get_attribute_string("text:style-name") for c in cells}
    assert by_text["€ 1.000"] == "Table_20_Contents_20_Numeric"
    assert by_text["Bedrag"] == "Table_20_Heading_20_Numeric"
    assert by_text["Gemeente Noordstad"] == "Table_20_Contents"
    numeric = document.get_style("paragraph", "Table_20_Contents_20_Numeric")
    assert numeric is not None
    assert numeric.get_properties(area="paragraph")["fo:text-align"] == "end"
    facts = next(t for t in tables if "Startdatum" in t.text_recursive)
    assert facts.get_element("table:table-header-rows") is None


def test_odt_figures_and_alt_text(odt_bytes: bytes) -> None:
    document = odfdo.Document(io.BytesIO(odt_bytes))
    frames = document.body.get_elements("//draw:frame")
    alts = {f.get_element("svg:desc").text: f.get_element("svg:title") for f in frames}
    assert set(alts) == {
        "Blauwe rechthoek als route",
        "Impressie van de fietsroute",
        "Logo als SVG",
    }
    figure = next(f for f in frames if f.get_element("svg:desc").text.startswith("Blauwe"))
    assert figure.get_element("svg:title").text == "Figuur van de route"
    # ODF readers show the SVG itself: no PNG copy is made.
    images = figure.get_elements("draw:image")
    assert [i.get_attribute_string("draw:mime-type") for i in images] == ["image/svg+xml"]
    svg_part = document.get_part(images[0].get_attribute_string("xlink:href"))
    assert isinstance(svg_part, bytes) and svg_part.decode() == SVG
    assert figure.get_attribute_string("svg:width") == "16.000cm"
    assert figure.get_attribute_string("svg:height") == "8.000cm"
    manifest = document.get_part("META-INF/manifest.xml")
    assert manifest is not None


def test_odt_language_meta_header_footer(odt_bytes: bytes) -> None:
    document = odfdo.Document(io.BytesIO(odt_bytes))
    assert document.get_language() == "nl-NL"
    assert document.meta.language == "nl-NL"
    assert document.meta.title == "Samenwerking Groene Fietsroute"
    assert document.meta.get_creation_date() == STAMP
    assert document.meta.date == STAMP
    assert document.meta.generator == "Stramien"
    master = document.styles.get_element("//style:master-page[@style:name='Standard']")
    assert master is not None
    header = master.get_element("style:header")
    footer = master.get_element("style:footer")
    assert header is not None and header.text_recursive.strip() == "Fietsroute"
    assert footer is not None and footer.get_element(".//text:page-number") is not None
    assert footer.get_element(".//text:page-count") is not None
    assert footer.text_recursive.startswith("pagina ")


def test_odt_deterministic(sample: Document, odt_bytes: bytes) -> None:
    assert render_odt(sample) == odt_bytes
    undated = make_document(stamp=None)
    first = render_odt(undated)
    assert render_odt(undated) == first
    assert odfdo.Document(io.BytesIO(first)).meta.get_creation_date() == dt.datetime(2000, 1, 1)
    with zipfile.ZipFile(io.BytesIO(odt_bytes)) as archive:
        infos = archive.infolist()
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos[1:] if i.file_size)
    assert not any("thumbnail" in i.filename.lower() for i in infos)


# -- both --------------------------------------------------------------------------------


def test_zip_normalise_is_order_and_time_independent() -> None:
    def archive(order: list[str], when: tuple[int, int, int, int, int, int]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name in order:
                z.writestr(zipfile.ZipInfo(name, date_time=when), name.encode() * 10)
        return out.getvalue()

    a = archive(["b.xml", "mimetype", "a.xml"], (2020, 1, 1, 0, 0, 0))
    b = archive(["a.xml", "b.xml", "mimetype"], (2024, 5, 6, 7, 8, 10))
    assert a != b
    assert _zip.normalise(a) == _zip.normalise(b)
    with zipfile.ZipFile(io.BytesIO(_zip.normalise(a))) as z:
        assert z.namelist() == ["mimetype", "a.xml", "b.xml"]
        assert z.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert _zip.zip_time(None) == (1980, 1, 1, 0, 0, 0)
    assert _zip.zip_time(dt.datetime(1970, 1, 1)) == (1980, 1, 1, 0, 0, 0)


@pytest.mark.parametrize("hostile", HOSTILE, ids=[repr(h)[:20] for h in HOSTILE])
def test_hostile_text_stays_text(hostile: str) -> None:
    document = make_document(hostile + " ")
    expected = [text for text in expected_texts(document) if clean(hostile) in text]
    assert len(expected) > 20

    docx_data = render_docx(document)
    text = docx_text(docx_data)
    for item in expected:
        assert item in text
    assert "\x07" not in text and "\x00" not in text
    loaded, _ = docx_paragraphs(docx_data)
    assert loaded.core_properties.title.startswith(clean(hostile)[:200])
    alts = [p.get("descr") for p in loaded.element.body.iter(qn("wp:docPr"))]
    assert clean(hostile + " Blauwe rechthoek als route") in alts

    odt_data = render_odt(document)
    text = odt_text(odt_data)
    for item in expected:
        assert item in text
    loaded_odt = odfdo.Document(io.BytesIO(odt_data))
    descriptions = [d.text for d in loaded_odt.body.get_elements("//draw:frame/svg:desc")]
    assert clean(hostile + " Blauwe rechthoek als route") in descriptions
    assert loaded_odt.meta.title == clean(hostile + " Samenwerking Groene Fietsroute")


def tiny_jpeg(width: int, height: int) -> bytes:
    """Only the markers a reader needs for the size (SOI, APP0, SOF0, EOI)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def test_jpeg_broken_images_and_odd_tables() -> None:
    document = Document(
        title="",
        subtitle="",
        short_name="",
        partners=(),
        meta=RevisionMeta(),
        blocks=(
            Picture("foto.jpg", tiny_jpeg(40, 30), "image/jpeg", "Een foto", "Foto"),
            Picture("kapot.png", b"geen afbeelding", "image/png", "Kapot"),
            Picture("kapot.svg", b"<svg", "image/svg+xml", "Kapotte SVG"),
            Figure("leeg", "Lege figuur", "Alt", "<geen-svg/>"),
            Table("", (), ()),
            Table("Scheef", ("a",), (("1", "2", "3"),), widths=(1.0,)),
            Facts(()),
            Bullets(()),
            SignaturePage("", ()),
        ),
    )
    missing = ("kapot.png", "kapot.svg", "Lege figuur")

    docx_data = render_docx(document)
    loaded, _ = docx_paragraphs(docx_data)
    shapes = list(loaded.inline_shapes)
    assert len(shapes) == 1
    assert shapes[0].width == docx.shared.Cm(16)
    assert abs(shapes[0].height - docx.shared.Cm(12)) <= 1
    text = docx_text(docx_data)
    for name in missing:
        assert f"[Afbeelding ‘{name}’ kon niet worden ingevoegd.]" in text
    skewed = loaded.tables[-1]
    assert [c.text for c in skewed.rows[1].cells] == ["1", "2", "3"]

    odt_data = render_odt(document)
    loaded_odt = odfdo.Document(io.BytesIO(odt_data))
    frames = loaded_odt.body.get_elements("//draw:frame")
    assert len(frames) == 1
    assert frames[0].get_attribute_string("svg:height") == "12.000cm"
    text = odt_text(odt_data)
    for name in missing:
        assert f"[Afbeelding ‘{name}’ kon niet worden ingevoegd.]" in text
    assert "Datum: ongedateerd" in text


# -- LibreOffice -------------------------------------------------------------------------


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.libreoffice
# In CI (.ci/run installs LibreOffice) a missing soffice fails instead of skipping.
@pytest.mark.skipif(
    _soffice() is None and not os.environ.get("CI"), reason="LibreOffice is not installed"
)
def test_libreoffice_opens_both(tmp_path: Path) -> None:
    soffice = _soffice()
    assert soffice is not None
    files = []
    for text, suffix in (("", ""), (" ".join(HOSTILE) + " ", "-hostile")):
        document = make_document(text)
        for extension, data in (("docx", render_docx(document)), ("odt", render_odt(document))):
            path = tmp_path / f"overeenkomst{suffix}-{extension}.{extension}"
            path.write_bytes(data)
            files.append(path)
    out = tmp_path / "pdf"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    for path in files:
        pdf = out / f"{path.stem}.pdf"
        assert pdf.exists(), pdf
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size > 5000


def test_odt_svg_without_a_size_gets_a_png_for_its_shape() -> None:
    """An uploaded SVG may give only a viewBox: its frame's shape then comes from a PNG
    copy, which goes in beside the SVG."""
    unsized = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10">'
        '<rect width="40" height="10" fill="#369"/></svg>'
    )
    sample = make_document()
    document = Document(
        title=sample.title,
        subtitle=sample.subtitle,
        short_name=sample.short_name,
        partners=sample.partners,
        meta=sample.meta,
        blocks=(Figure(key="k", title="Kaart", alt="Een smalle balk", svg=unsized, width_cm=8.0),),
    )
    odt = odfdo.Document(io.BytesIO(render_odt(document)))
    (frame,) = odt.body.get_elements("//draw:frame")
    images = frame.get_elements("draw:image")
    assert [i.get_attribute_string("draw:mime-type") for i in images] == [
        "image/svg+xml",
        "image/png",
    ]
    width = float(frame.get_attribute_string("svg:width").removesuffix("cm"))
    height = float(frame.get_attribute_string("svg:height").removesuffix("cm"))
    assert width == 8.0 and abs(width / height - 4.0) < 0.05
