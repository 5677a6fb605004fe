"""Render a :class:`~stramien.render.blocks.Document` as a Word file (DOCX) with python-docx.

Everything goes through python-docx's own API and Word's built-in styles (Title, Heading
1-3, List Bullet, Caption, Table Grid), so the reader can restyle the document in Word or
LibreOffice. The few things python-docx has no API for (fields, a repeating header row,
alt text, the language) are small, fixed OOXML elements built with lxml; user text never
becomes markup: it only ever goes in as text or as an attribute value, after
:func:`_clean` dropped the characters XML cannot hold.

The output is deterministic: the same Document gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from stramien.render import _zip
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
from stramien.render.text import drop_control_characters

__all__ = ["render_docx"]

LANGUAGE = "nl-NL"
AUTHOR = "Stramien"
# Used for the file's dates when the revision has no timestamp: never "now".
FIXED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)

TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins
TABLE_STYLE = "Table Grid"
LEAD_STYLE = "Inleiding"
NOTE_STYLE = "Noot"
TOC_INSTRUCTION = r' TOC \o "1-3" \h \z \u '
TOC_PLACEHOLDER = (
    "De inhoudsopgave wordt gevuld zodra u dit veld bijwerkt: klik erop en druk op F9 "
    "(Word), of kies Extra > Bijwerken > Alles bijwerken (LibreOffice)."
)


def _clean(text: str) -> str:
    """The one gate for user text into this format: drop what XML cannot hold."""
    return drop_control_characters(text)


def render_docx(document: Document) -> bytes:
    """The document as DOCX bytes; the same Document always gives the same bytes."""
    doc = _Builder(document).build()
    buffer = io.BytesIO()
    doc.save(buffer)
    return _zip.normalise(
        buffer.getvalue(),
        first=("[Content_Types].xml", "_rels/.rels"),
        date_time=_zip.zip_time(document.meta.timestamp),
    )


def _rasterise(document: Document) -> dict[str, bytes | Exception]:
    """PNGs for every SVG in the document, made side by side before the document is built
    (imported late: only documents with figures pay for loading the renderer)."""
    if not any(isinstance(block, Figure | Picture) for block in document.blocks):
        return {}
    from stramien.render.figures import rasterise

    return rasterise(document.blocks, scale=2.0)


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A fixed OOXML element; attribute values go through lxml, which escapes them."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def _set_language(rpr: BaseOxmlElement) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


@dataclass(frozen=True, slots=True)
class _Grid:
    table: DocxTable
    widths: Sequence[Length]


class _Builder:
    def __init__(self, document: Document) -> None:
        self.source = document
        self.pngs: dict[str, bytes | Exception] = {}
        self.style_ids: dict[str, str | None] = {}
        self.doc: DocxDocument = new_docx()

    # -- whole document -------------------------------------------------------------

    def build(self) -> DocxDocument:
        self.pngs = _rasterise(self.source)
        self._setup_page()
        self._setup_styles()
        self._setup_properties()
        self._header_footer()
        self._title_page()
        self._toc()
        for block in self.source.blocks:
            self._block(block)
        return self.doc

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width = Cm(21.0)
        section.page_height = Cm(29.7)
        section.left_margin = Cm(2.5)
        section.right_margin = Cm(2.5)
        section.top_margin = Cm(2.5)
        section.bottom_margin = Cm(2.5)
        section.header_distance = Cm(1.25)
        section.footer_distance = Cm(1.25)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        # Dutch in the document defaults and in Normal, which every style is based on.
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                _set_language(rpr)
        normal = cast(ParagraphStyle, styles["Normal"])
        _set_language(normal.element.get_or_add_rPr())
        settings = self.doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), LANGUAGE)
        # Two paragraph styles of our own for the Paragraph block's "lead" and "note".
        lead = cast(ParagraphStyle, styles.add_style(LEAD_STYLE, WD_STYLE_TYPE.PARAGRAPH))
        lead.base_style = normal
        lead.quick_style = True
        lead.font.size = Pt(13)
        note = cast(ParagraphStyle, styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH))
        note.base_style = normal
        note.quick_style = True
        note.font.size = Pt(9)
        note.font.italic = True

    def _setup_properties(self) -> None:
        source = self.source
        stamp = source.meta.timestamp or FIXED_DATE
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
        props = self.doc.core_properties
        # Core properties hold at most 255 characters each.
        props.title = _clean(source.title)[:255]
        props.subject = _clean(source.subtitle)[:255]
        props.author = AUTHOR
        props.last_modified_by = AUTHOR
        props.language = LANGUAGE
        props.created = stamp
        props.modified = stamp
        props.revision = 1
        props.version = _clean(source.meta.revision)[:255]
        props.identifier = _clean(source.meta.hash)[:255]
        props.keywords = ""
        props.comments = ""
        # The template's thumbnail shows an empty page of someone else's document.
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rid]

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        # The title page carries neither header nor footer.
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = _clean(self.source.short_name or self.source.title)
        header.style = self.doc.styles["Header"]
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("pagina ")
        self._simple_field(footer, " PAGE ", "1")
        footer.add_run(" van ")
        self._simple_field(footer, " NUMPAGES ", "1")

    @staticmethod
    def _simple_field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
        field = _element("w:fldSimple", w_instr=instruction)
        run = _element("w:r")
        text = _element("w:t")
        text.text = shown
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    def _title_page(self) -> None:
        source = self.source
        meta = source.meta
        self._add_paragraph(_clean(source.title), "Title")
        if source.subtitle:
            self._add_paragraph(_clean(source.subtitle), "Subtitle")
        if source.partners:
            self._labelled("Partners", "")
            for partner in source.partners:
                self._add_paragraph(_clean(partner), "List Bullet")
        self._labelled("Status", source.status_label)
        self._labelled("Revisie", meta.revision)
        if meta.hash:
            self._labelled("Hash", meta.hash)
        self._labelled("Datum", source.date_label)
        self._page_break()

    def _add_paragraph(self, text: str, style: str) -> DocxParagraph:
        """``doc.add_paragraph(text, style=style)``, with the style's id looked up once:
        python-docx searches the whole style sheet for every styled paragraph."""
        if style not in self.style_ids:
            # python-docx's own lookup (None for the default style), just not repeated.
            lookup = cast(Callable[[str, WD_STYLE_TYPE], str | None], self.doc.part.get_style_id)
            self.style_ids[style] = lookup(style, WD_STYLE_TYPE.PARAGRAPH)
        paragraph = self.doc.add_paragraph(text)
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def _page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _labelled(self, label: str, value: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{label}: " if value else label).bold = True
        if value:
            paragraph.add_run(_clean(value))

    def _toc(self) -> None:
        self._add_paragraph("Inhoud", "TOC Heading")
        paragraph = self.doc.add_paragraph()
        begin = paragraph.add_run()
        begin._r.append(_element("w:fldChar", w_fldCharType="begin"))
        instruction = paragraph.add_run()
        instr = _element("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = TOC_INSTRUCTION
        instruction._r.append(instr)
        separate = paragraph.add_run()
        separate._r.append(_element("w:fldChar", w_fldCharType="separate"))
        paragraph.add_run(TOC_PLACEHOLDER).italic = True
        end = paragraph.add_run()
        end._r.append(_element("w:fldChar", w_fldCharType="end"))
        self._page_break()

    # -- blocks ---------------------------------------------------------------------

    def _block(self, block: Block) -> None:
        match block:
            case Heading():
                self._add_paragraph(_clean(block.text), f"Heading {block.level}")
            case Paragraph():
                style = {"lead": LEAD_STYLE, "note": NOTE_STYLE}.get(block.style, "Normal")
                self._add_paragraph(_clean(block.text), style)
            case Bullets():
                for item in block.items:
                    self._add_paragraph(_clean(item), "List Bullet")
            case Facts():
                self._facts(block)
            case Table():
                self._table(block)
            case Figure():
                self._figure(block)
            case Picture():
                self._picture(block)
            case PageBreak():
                self._page_break()
            case SignaturePage():
                self._signatures(block)

    def _caption(self, text: str, keep_with_next: bool) -> None:
        if not text:
            return
        caption = self._add_paragraph(_clean(text), "Caption")
        caption.paragraph_format.keep_with_next = keep_with_next

    def _new_table(self, relative: Sequence[float]) -> _Grid:
        table = self.doc.add_table(rows=0, cols=len(relative))
        table.style = self.doc.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        total = sum(relative) or 1.0
        widths = [Cm(TEXT_WIDTH_CM * width / total) for width in relative]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        return _Grid(table, widths)

    @staticmethod
    def _fill_row(
        grid: _Grid,
        values: Sequence[str],
        right: Iterable[int] = (),
        bold: Iterable[int] = (),
    ) -> None:
        row = grid.table.add_row()  # type: ignore[no-untyped-call]
        right, bold = set(right), set(bold)
        for index, (cell, width) in enumerate(zip(row.cells, grid.widths, strict=True)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(_clean(values[index]) if index < len(values) else "")
            if index in bold:
                run.bold = True
            if index in right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _facts(self, block: Facts) -> None:
        if not block.items:
            return
        grid = self._new_table((1.0, 2.0))
        for label, value in block.items:
            self._fill_row(grid, (label, value), bold=(0,))
        self._spacer()

    def _table(self, block: Table) -> None:
        columns = max([len(block.headers), *(len(row) for row in block.rows)])
        if columns == 0:
            return
        widths = list(block.widths or ())
        if len(widths) != columns or any(w <= 0 for w in widths):
            widths = [1.0] * columns
        self._caption(block.caption, keep_with_next=True)
        grid = self._new_table(widths)
        numeric = {i for i in block.numeric if 0 <= i < columns}
        if block.headers:
            self._fill_row(grid, block.headers, right=numeric, bold=range(columns))
            header_row = grid.table.rows[0]
            trpr = header_row._tr.get_or_add_trPr()
            trpr.append(_element("w:cantSplit"))
            trpr.append(_element("w:tblHeader"))
        for row in block.rows:
            self._fill_row(grid, row, right=numeric)
        self._spacer()

    def _spacer(self) -> None:
        """An empty paragraph after a table, so two tables never merge into one."""
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(6)

    def _image(self, png_or_jpeg: bytes, width_cm: float, title: str, alt: str) -> bool:
        try:
            # Only the header is read: whether python-docx knows the format and its size.
            DocxImage.from_blob(png_or_jpeg)
        except Exception:  # untrusted bytes: a broken attachment only loses its image
            return False
        width = min(width_cm, TEXT_WIDTH_CM) if width_cm > 0 else TEXT_WIDTH_CM
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png_or_jpeg), width=Cm(width))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", _clean(alt))
        if title:
            doc_pr.set("title", _clean(title))
        return True

    def _missing_image(self, name: str) -> None:
        self._add_paragraph(f"[Afbeelding ‘{_clean(name)}’ kon niet worden ingevoegd.]", NOTE_STYLE)

    def _png(self, svg: str) -> bytes:
        """The PNG made for ``svg`` by _rasterise (or made now); raises what making it did."""
        found = self.pngs.get(svg)
        if found is None:
            from stramien.render.figures import svg_to_png

            found = svg_to_png(svg, scale=2.0)
        if isinstance(found, Exception):
            raise found
        return found

    def _figure(self, block: Figure) -> None:
        try:
            png = self._png(block.svg)
        except Exception:  # the converter's own errors: a broken SVG must not stop us
            png = b""
        if not png or not self._image(png, block.width_cm, block.title, block.alt):
            self._missing_image(block.title or block.key)
        self._caption(block.title, keep_with_next=False)

    def _picture(self, block: Picture) -> None:
        data = block.data
        if block.mime == "image/svg+xml":
            try:
                data = self._png(data.decode("utf-8"))
            except Exception:  # as above: a broken attachment only loses its image
                data = b""
        if not data or not self._image(data, block.width_cm, block.caption, block.alt):
            self._missing_image(block.name)
        self._caption(block.caption, keep_with_next=False)

    def _signatures(self, block: SignaturePage) -> None:
        if block.intro:
            self.doc.add_paragraph(_clean(block.intro))
        for signature in block.signatures:
            rows: list[tuple[str, str]] = [
                ("Organisatie", signature.organisation),
                ("Naam", signature.name),
                ("Functie", signature.function),
                ("Mandaat", signature.mandate),
            ]
            if signature.approval:
                rows.append(("Akkoord", signature.approval))
            rows += [("Plaats", ""), ("Datum", ""), ("Handtekening", "")]
            grid = self._new_table((1.0, 2.0))
            table = grid.table
            for label, value in rows:
                self._fill_row(grid, (label, value), bold=(0,))
            # Room to sign, and one signature block never split over two pages.
            table.rows[-1].height = Cm(2.0)
            for row in table.rows:
                row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
            for row in table.rows[:-1]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            self._spacer()
