"""The PDF backend: every block type, PDF/A, embedded fonts, determinism, hostile text."""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import pickle
import re
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from typing import Any

import hostile as hostile_text
import pytest
import typst
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

import stramien.render
from stramien.render import pdf as pdf_module
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
from stramien.render.pdf import REPLACEMENT_CHARACTER, RenderError, render_pdf

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><title>Test</title>'
    '<rect width="100" height="50" fill="#369"/></svg>'
)
LONG_WORD = "x" * 300
ARABIC = "مرحبا بالعالم"
EMOJI = "🚲🌱"
BEL = "\x07"
# Rendered literally: each must appear, as is, in the extracted text.
LITERAL = (
    '#read("/etc/passwd")',
    '#import "x.typ": *',
    "$x^2$",
    "[link]",
    "*bold* _em_ <label> @ref",
    "// comment",
    "\\ backslash",
    '"quotes"',
    "#set page(width: 1cm)",
    "<script>alert(1)</script>",
)
HOSTILE = (*LITERAL, LONG_WORD, ARABIC, EMOJI, f"bel{BEL}bel")
HASH = "0123456789abcdef" * 4
STAMP = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid RGB PNG, built by hand."""
    raw = b"".join(b"\x00" + bytes((200, 40, 40)) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def hostile_blocks(index: int, text: str) -> tuple[Any, ...]:
    return (
        Heading(2, f"Kop {index} {text}", f"kop-{index}-{text}"),
        Paragraph(f"Alinea {index} {text} einde."),
        Bullets((f"Punt {index} {text}", "tweede punt")),
        Facts(((f"Label {index} {text}", f"Waarde {index} {text}"),)),
        Table(
            caption=f"Tabel {index} {text}",
            headers=(f"Kolom {index} {text}", "Getal"),
            rows=((f"Cel {index} {text}", "12"),),
            numeric=frozenset({1}),
        ),
    )


def make_document(*, timestamp: dt.datetime | None = STAMP) -> Document:
    budget = Table(
        caption="Begroting per jaar",
        headers=("Post", "Jaar", "Bedrag"),
        rows=tuple((f"Post {n}", str(2024 + n % 3), f"€ {n * 1250:,}") for n in range(120)),
        numeric=frozenset({1, 2}),
        widths=(4, 1, 2),
    )
    hostile = tuple(
        block for index, text in enumerate(HOSTILE) for block in hostile_blocks(index, text)
    )
    signatures = tuple(
        Signature(
            organisation=f"Organisatie {index} {text}",
            name=f"Naam {index} {text}",
            function=f"Functie {index} {text}",
            mandate=f"Mandaat {index} {text}",
            approval=f"Goedgekeurd {index} {text}" if index % 2 else "",
        )
        for index, text in enumerate(HOSTILE)
    )
    return Document(
        title="Samenwerkingsovereenkomst Fietsroute Noord",
        subtitle="Tussen gemeente, provincie en waterschap",
        short_name="SOK Fietsroute",
        partners=("Gemeente Utrecht", "Provincie Utrecht", f"Partner {LITERAL[0]}"),
        meta=RevisionMeta(status="concept", revision="r7", hash=HASH, timestamp=timestamp),
        blocks=(
            Heading(1, "§1 Aanleiding en doel", "aanleiding"),
            Paragraph("De partners werken samen aan een doorgaande fietsroute.", "lead"),
            Paragraph(
                "Deze overeenkomst legt vast wat ieder bijdraagt, hoe besluiten worden "
                "genomen en hoe de voortgang wordt gevolgd. " * 4
            ),
            Paragraph("Bedragen zijn exclusief btw.", "note"),
            Bullets(("Veilige oversteek", "Verlichting langs het tracé")),
            Facts((("Start", "1 januari 2024"), ("Einde", "31 december 2027"))),
            Heading(2, "§1.1 Begroting", "begroting"),
            budget,
            Figure("route", "Figuur routekaart", "Een blauwe rechthoek als routekaart", SVG, 8),
            Picture("impressie.png", tiny_png(), "image/png", "Rode impressie", "Impressie", 4),
            PageBreak(),
            Heading(1, "§2 Vijandige tekst", "vijandig"),
            Figure("vijandig", f"Figuur {LITERAL[0]}", f"Alt {LITERAL[0]}", SVG, 30),
            Picture("x.png", tiny_png(), "image/png", "", f"Bijschrift {LITERAL[0]}", 4),
            *hostile,
            Heading(1, "§9 Ondertekening", "ondertekening"),
            SignaturePage(f"Aldus overeengekomen {LITERAL[0]}", signatures),
        ),
    )


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def document() -> Document:
    return make_document()


@pytest.fixture(scope="module")
def pdf(document: Document) -> bytes:
    return render_pdf(document)


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def page_texts(reader: PdfReader) -> list[str]:
    return [normalise(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def text(page_texts: list[str]) -> str:
    return " ".join(page_texts)


def visible_strings(document: Document) -> Iterator[str]:
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            yield block.text
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Facts):
            for label, value in block.items:
                yield label
                yield value
        elif isinstance(block, Table):
            yield block.caption
            yield from block.headers
            for row in block.rows:
                yield from row
        elif isinstance(block, Figure):
            yield block.title
        elif isinstance(block, Picture):
            yield block.caption
        elif isinstance(block, SignaturePage):
            yield block.intro
            for signature in block.signatures:
                yield from (signature.organisation, signature.name, signature.function)
                yield signature.mandate
                if signature.approval:
                    yield signature.approval


def checkable(value: str) -> bool:
    """Strings whose extracted text can be compared literally."""
    return not any(part in value for part in (LONG_WORD, ARABIC, EMOJI, BEL))


def test_every_text_is_present(document: Document, text: str) -> None:
    missing = [
        value
        for value in visible_strings(document)
        if checkable(value) and normalise(value) not in text
    ]
    assert not missing


def test_title_page_and_outline(page_texts: list[str]) -> None:
    first = page_texts[0]
    for expected in (
        "Samenwerkingsovereenkomst Fietsroute Noord",
        "Tussen gemeente, provincie en waterschap",
        "Gemeente Utrecht",
        "Concept",
        "r7",
        HASH[:12],
        HASH,
        "06-05-2024",
    ):
        assert expected in first
    assert "SOK Fietsroute" not in first  # no running header on the title page
    assert "Inhoud" in page_texts[1]
    assert "§1 Aanleiding en doel" in page_texts[1]
    assert "SOK Fietsroute" in page_texts[1]


def test_pages_and_footer(reader: PdfReader, page_texts: list[str]) -> None:
    count = len(reader.pages)
    assert count > 1
    assert f"pagina 1 van {count}" in page_texts[0]
    assert f"pagina {count} van {count}" in page_texts[-1]


def test_table_breaks_and_its_header_repeats(page_texts: list[str]) -> None:
    pages = [page for page in page_texts if re.search(r"Post \d+ 202\d", page)]
    assert len(pages) >= 2  # 120 rows do not fit on one page
    assert all("Post Jaar Bedrag" in page for page in pages)
    assert "Tabel 1: Begroting per jaar" in pages[0]
    assert "Post 119 2026 € 148,750" in pages[-1]


def test_metadata(reader: PdfReader) -> None:
    info = reader.metadata
    assert info is not None
    assert info.title == "Samenwerkingsovereenkomst Fietsroute Noord"
    assert "Gemeente Utrecht" in (info.author or "")
    assert info.creation_date is not None
    assert info.creation_date.replace(tzinfo=dt.UTC) == STAMP


def xmp(reader: PdfReader) -> str:
    metadata = reader.root_object["/Metadata"].get_object()
    assert isinstance(metadata, StreamObject)
    return metadata.get_data().decode("utf-8")


def test_pdfa_identification(reader: PdfReader) -> None:
    xml = xmp(reader)
    part = re.search(r"pdfaid:part(?:>|=\")\s*(\d)", xml)
    assert part is not None and part.group(1) == "2"
    assert re.search(r"pdfuaid:part(?:>|=\")\s*1", xml)
    assert str(reader.root_object["/Lang"]) == "nl"


def fonts(value: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    """Every font dictionary reachable from ``value`` (resources, forms, Type0 fonts)."""
    if isinstance(value, IndirectObject):
        if value.idnum in seen:
            return
        seen.add(value.idnum)
        value = value.get_object()
    if isinstance(value, DictionaryObject):
        if value.get("/Type") == "/Font":
            yield value
        for key, child in value.items():
            if key not in ("/Parent", "/P", "/StructTreeRoot", "/ParentTree"):
                yield from fonts(child, seen)
    elif isinstance(value, ArrayObject):
        for child in value:
            yield from fonts(child, seen)


def test_fonts_are_embedded(reader: PdfReader) -> None:
    found: list[DictionaryObject] = []
    seen: set[int] = set()
    for page in reader.pages:
        found.extend(fonts(page.get("/Resources"), seen))
    with_files = [font for font in found if str(font["/Subtype"]) not in ("/Type0", "/Type3")]
    assert with_files  # a Type0 font's CID font is checked itself; Type3 has no file
    for font in with_files:
        descriptor = font["/FontDescriptor"].get_object()
        assert isinstance(descriptor, DictionaryObject)
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
        name = str(font["/BaseFont"])
        # typst's own fonts, or the Noto fallback fonts Stramien installs (render/fonts.py).
        assert any(part in name for part in ("Libertinus", "DejaVu", "NewCM", "Noto")), name


def alt_texts(value: Any, seen: set[int]) -> Iterator[str]:
    if isinstance(value, IndirectObject):
        if value.idnum in seen:
            return
        seen.add(value.idnum)
        value = value.get_object()
    if isinstance(value, DictionaryObject):
        if "/Alt" in value:
            yield str(value["/Alt"])
        for key in ("/K", "/StructTreeRoot"):
            if key in value:
                yield from alt_texts(value[key], seen)
    elif isinstance(value, ArrayObject):
        for child in value:
            yield from alt_texts(child, seen)


def test_images_carry_alt_text(reader: PdfReader) -> None:
    alts = set(alt_texts(reader.root_object["/StructTreeRoot"], set()))
    assert "Een blauwe rechthoek als routekaart" in alts
    assert "Rode impressie" in alts
    assert f"Alt {LITERAL[0]}" in alts
    assert f"Bijschrift {LITERAL[0]}" in alts  # empty alt falls back to the caption


def test_deterministic(document: Document, pdf: bytes) -> None:
    assert render_pdf(document) == pdf


def test_same_bytes_in_another_process_and_time_zone(document: Document, pdf: bytes) -> None:
    script = (
        "import pickle, sys; from stramien.render.pdf import render_pdf; "
        "sys.stdout.buffer.write(render_pdf(pickle.loads(sys.stdin.buffer.read())))"
    )
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps(document),
        capture_output=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert result.stdout == pdf


def test_deterministic_without_timestamp() -> None:
    small = Document("Titel", "", "", (), RevisionMeta(), (Paragraph("Tekst."),))
    first = render_pdf(small)
    assert first == render_pdf(small)
    assert first.startswith(b"%PDF-")
    assert "ongedateerd" in normalise(PdfReader(io.BytesIO(first)).pages[0].extract_text())


@pytest.mark.parametrize("literal", LITERAL)
def test_hostile_text_is_literal(literal: str, text: str) -> None:
    assert literal in text
    for where in ("Kop", "Alinea", "Punt", "Label", "Waarde", "Tabel", "Kolom", "Cel"):
        index = HOSTILE.index(literal)
        assert f"{where} {index} {literal}" in text, where
    for where in ("Organisatie", "Naam", "Functie", "Mandaat"):
        assert f"{where} {HOSTILE.index(literal)} {literal}" in text, where


def test_hostile_text_is_not_interpreted(reader: PdfReader, text: str) -> None:
    assert "root:" not in text
    assert "x.typ" in text
    # ``#set page(width: 1cm)`` did not shrink any page.
    assert all(float(page.mediabox.width) > 500 for page in reader.pages)


def test_unshowable_characters(text: str) -> None:
    # Arabic and emoji are in the fonts (emoji in the fallback fonts, render/fonts.py);
    # what no font has is tested in test_every_character.py.
    assert "Alinea 11 " in text
    assert f"Alinea 12 {EMOJI} einde." in text
    assert BEL not in text
    assert "Alinea 13 belbel einde." in text


def test_long_word_does_not_crash(text: str) -> None:
    assert "Alinea 10 " in text


def test_bad_image_gives_dutch_error() -> None:
    broken = Document(
        "Titel",
        "",
        "",
        (),
        RevisionMeta(),
        (Picture("kapot.png", b"geen png", "image/png", "Kapot"),),
    )
    with pytest.raises(RenderError) as caught:
        render_pdf(broken)
    message = str(caught.value)
    assert message.startswith("De PDF kon niet worden gemaakt")
    assert "afbeelding" in message
    assert "Traceback" not in message and "typst" not in message.lower()


def test_svg_cannot_read_files() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10"><image width="10" height="10" href="/etc/passwd"/>'
        '<image width="10" height="10" xlink:href="file:///etc/hostname"/>'
        "<text>root:</text></svg>"
    )
    sneaky = Document("Titel", "", "", (), RevisionMeta(), (Figure("x", "Figuur", "Alt", svg, 2),))
    try:
        result = render_pdf(sneaky)
    except RenderError:
        return
    assert b"root:x:" not in result


def test_render_error_is_the_package_error() -> None:
    assert issubclass(RenderError, stramien.render.RenderError)


EDGE_CASES = {
    "leeg": (),
    "overgeslagen kopniveau": (Heading(1, "Een", "een"), Heading(3, "Drie", "drie")),
    "begint op niveau 3": (Heading(3, "Drie", ""),),
    "lege kop": (Heading(1, "", ""), Heading(2, " ", "")),
    "dubbel anker": (Heading(1, "A", "x"), Heading(1, "B", "x")),
    "vreemd anker": (Heading(1, "A", '<x> #y " ] @z'),),
    "tabel zonder kop": (Table("", (), (("a", "b"), ("c",))),),
    "lege tabel": (Table("", (), ()),),
    "rare breedtes": (Table("c", ("a", "b"), (("1", "2"),), frozenset({5, -1}), (0, 1)),),
    "lege lijsten": (Facts(()), Bullets(()), SignaturePage("", ())),
    "svg-afbeelding": (Picture("a.svg", SVG.encode(), "image/svg+xml", ""),),
    "figuur zonder teksten": (Figure("k", "", "", SVG, -3),),
    "regeleinden": (Paragraph("a\nb\r\nc\td\u2028e\u202eomgekeerd"), Heading(1, "h\nh", "")),
    "verboden tekens": (Paragraph("漢字 ❤️ e\u0301 \ufeff \U000f0000 \uffff \ufdd0 \x00"),),
    "pagina-einden": (PageBreak(), PageBreak(), Paragraph("x"), PageBreak()),
}


@pytest.mark.parametrize("blocks", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases_render(blocks: tuple[Any, ...]) -> None:
    stamp = dt.datetime(2024, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    result = render_pdf(Document("", "", "", (), RevisionMeta(timestamp=stamp), blocks))
    reader = PdfReader(io.BytesIO(result))
    assert reader.metadata is not None
    assert reader.metadata.title == "Samenwerkingsovereenkomst"  # empty title replaced


def test_metadata_keeps_what_the_fonts_cannot_show() -> None:
    # No font has a private-use character (and PDF/A forbids it in text).
    private = "\ue000"
    title = f"Fietsroute {private}"
    result = render_pdf(
        Document(title, "", "", (f"Partner {private}",), RevisionMeta(), (Paragraph("x"),))
    )
    reader = PdfReader(io.BytesIO(result))
    assert reader.metadata is not None
    assert reader.metadata.title == title
    assert private in (reader.metadata.author or "")
    first = normalise(reader.pages[0].extract_text())
    assert f"Fietsroute {REPLACEMENT_CHARACTER}" in first


# -- fast paths: the same result as the long way ----------------------------------------


@functools.cache
def printable_characters() -> str:
    """Every character Python calls printable (its Unicode database, this build)."""
    return "".join(char for char in map(chr, range(0x110000)) if char.isprintable())


def clean_the_long_way(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return pdf_module._DROPPED.sub("", text)


TEXT_SAMPLES = (
    *HOSTILE,
    hostile_text.HOSTILE,
    *hostile_text.MARKERS,
    "a\r\nb\rc\td",
    "\ufeffkop\u2028regel\x85\u202eomgekeerd\U000f0000\uffff\ufdd0\x00\x7f\x9f",
    "\ud800 los \udfff",
    "€\u00a0100 — 漢字 ❤️ e\u0301",
    "",
    " ",
)


def test_clean_skips_only_text_it_would_not_change() -> None:
    # _clean returns printable text as it is: no character it changes is printable.
    assert pdf_module._DROPPED.search(printable_characters()) is None
    assert not any(char.isprintable() for char in "\r\n\t")
    for text in TEXT_SAMPLES:
        assert pdf_module._clean(text) == clean_the_long_way(text), repr(text)


def typeset_strings(value: Any, key: str = "") -> Iterator[str]:
    """The strings of a payload that are typeset (as _replace_unsupported sees them)."""
    if key in pdf_module._NOT_TYPESET:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child_key, child in value.items():
            yield from typeset_strings(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from typeset_strings(child, key)


@pytest.mark.parametrize("blocks", [None, *EDGE_CASES.values()], ids=["vijandig", *EDGE_CASES])
def test_payload_notes_every_typeset_character(document: Document, blocks: Any) -> None:
    if blocks is not None:
        document = Document(f"Titel {EMOJI}", "", "", (ARABIC,), RevisionMeta(), blocks)
    builder = pdf_module._Payload()
    payload = builder.document(document)
    expected = {
        char
        for text in typeset_strings(payload)
        for char in text
        if not (" " <= char <= "~" or char == "\n")
    }
    assert builder.typeset_chars() == expected


def test_ageing_keeps_an_edited_document_and_drops_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ageing: list[bytes] = []
    compile_ = typst.compile

    def counting(source: Any, *args: Any, **kwargs: Any) -> Any:
        if source == b"":
            ageing.append(source)
        return compile_(source, *args, **kwargs)

    monkeypatch.setattr(typst, "compile", counting)

    def document(extra: str, words: str) -> Document:
        paragraphs = tuple(Paragraph(f"{words} {index}") for index in range(20))
        return Document("Titel", "", "", (), RevisionMeta(), (*paragraphs, Paragraph(extra)))

    render_pdf(document("eerste", "Alinea"))
    ageing.clear()
    render_pdf(document("tweede", "Alinea"))  # an edit: the layout is kept
    assert len(ageing) == pdf_module._AGEING_EDIT
    ageing.clear()
    render_pdf(document("derde", "Iets anders"))  # another document: the rest goes
    assert len(ageing) == pdf_module._AGEING_OTHER


def test_table_rows_kept_on_one_page_fit_on_it() -> None:
    """Rows just short enough to be kept together (pdf._kept), in the widest letters,
    in narrow and wide columns: none runs off its page."""
    widths = [0.7, 2.0, 10.0]
    headers = ["Kop", "Tweede kop", "Derde kop"]

    def longest(make: Any, column: int) -> str:
        length = 1
        while True:
            row = [make(length + 1) if index == column else "" for index in range(3)]
            if not pdf_module._kept(headers, [row], widths)[0]:
                return str(make(length))
            length += 1

    makers = (
        lambda length: ("ǱǱǱǱ " * length)[:length],
        lambda length: ("WWW " * length)[:length],
        lambda length: "Ǳ" * length,  # 30 or more: may break anywhere
        lambda length: "\n".join(["Ǳ"] * length),
    )
    rows = tuple(tuple(longest(make, column) for column in range(3)) for make in makers)
    table = Table("Breed", tuple(headers), rows * 3, widths=tuple(widths))
    assert all(pdf_module._Payload().table(table)["keep"])
    reader = PdfReader(io.BytesIO(render_pdf(Document("T", "", "", (), RevisionMeta(), (table,)))))
    assert len(reader.pages) > 2
    bottom_margin = 2.6 / 2.54 * 72
    heights: list[float] = []

    def visit(text: str, cm: Any, tm: Any, *_: Any) -> None:
        if text.strip() and not text.startswith("pagina"):
            heights.append(cm[5] + tm[5] * cm[3])

    for page in reader.pages[1:]:
        page.extract_text(visitor_text=visit)
    assert min(heights) >= bottom_margin - 0.5  # no text below the page's bottom margin


def test_a_long_word_with_an_apostrophe_is_hyphenated_in_a_narrow_column() -> None:
    """typst does not hyphenate "deelprogramma's" as it is; whole, it ran out of its
    column into the next one."""
    word = "deelprogramma's"
    table = Table("Smal", ("Fase", "Rest"), ((f"Uitwerken {word} (2026)", "x"),), widths=(1, 9))
    reader = PdfReader(io.BytesIO(render_pdf(Document("T", "", "", (), RevisionMeta(), (table,)))))
    lines = "".join(page.extract_text() for page in reader.pages).split("\n")
    assert not any(word in line for line in lines)  # not on one line: it was broken ...
    joined = "".join(line.rstrip().removesuffix("\u00ad") for line in lines)
    assert word in joined  # ... at a hyphen, and nothing of it was lost


def test_a_long_run_without_spaces_is_broken_wherever_it_is() -> None:
    """30 or more characters without a space may break anywhere (no hyphen added), in
    every place text goes: the title page, the running header, the contents, headings,
    paragraphs, lists, facts, tables and captions. The template searches for such runs
    only in the blocks that have one (pdf._mark_searches): none may be missed."""

    def run(place: int) -> str:
        return f"R{place}" + "z" * 150

    table = Table(run(7), (run(8), "Kop"), ((run(9), "kort"), ("kort", "kort")), widths=(1, 3))
    blocks = (
        Heading(1, run(3), "kop"),
        Paragraph("Een alinea met " + run(4) + " erin."),
        Bullets(("kort", run(5))),
        Facts(((run(6), "waarde"), ("Label", run(10)))),
        Paragraph("Gewone tekst zonder lange woorden."),
        table,
    )
    document = Document(run(1), "", run(2), (), RevisionMeta(), blocks)
    reader = PdfReader(io.BytesIO(render_pdf(document)))
    lines = [line.rstrip() for page in reader.pages for line in page.extract_text().split("\n")]
    joined = "".join(lines)
    for place in range(1, 11):
        assert not any(run(place) in line for line in lines), place  # broken ...
        assert run(place) in joined, place  # ... without a hyphen, nothing lost
