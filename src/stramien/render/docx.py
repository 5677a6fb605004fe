"""Render a :class:`~stramien.render.blocks.Document` as a Word file (DOCX) with python-docx.

Everything goes through python-docx's own API and Word's built-in styles (Title, Heading
1-3, List Bullet, Caption, Table Grid), so the reader can restyle the document in Word or
LibreOffice. The few things python-docx has no API for (fields, a repeating header row,
alt text, the language) are small, fixed OOXML elements built with lxml; user text never
becomes markup: it only ever goes in as text or as an attribute value, after
:func:`~stramien.render.office.clean` dropped the characters XML cannot hold.

What DOCX and ODT share (page, order of the parts, rasterising) is in :mod:`.office`.
The output is deterministic: the same Document gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shape import InlineShape
from docx.shared import Cm, Length, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import SubElement

from stramien.render import office
from stramien.render.blocks import Document, Table

if TYPE_CHECKING:
    from stramien.render.outline import Drawing

__all__ = ["render_docx"]

TABLE_STYLE = "Table Grid"
# The names of a table row's parts (see _Builder._fill_row).
_W_TC, _W_TCPR, _W_TCW, _W_P, _W_PPR, _W_JC, _W_R, _W_RPR, _W_B = (
    qn(f"w:{tag}") for tag in ("tc", "tcPr", "tcW", "p", "pPr", "jc", "r", "rPr", "b")
)
_W_W, _W_TYPE, _W_VAL, _W_T = qn("w:w"), qn("w:type"), qn("w:val"), qn("w:t")
_XML_SPACE = qn("xml:space")
# What python-docx turns into elements of their own in a run's text (w:tab, w:br).
_RUN_BREAKS = frozenset("\t\r\n")
# An SVG beside a picture's PNG: the extension Office 2016 introduced for it.
_SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_SVG_BLIP = f"{{{_SVG_NS}}}svgBlip"
TOC_INSTRUCTION = rf' TOC \o "1-{office.TOC_LEVELS}" \h \z \u '
TOC_PLACEHOLDER = (
    "De inhoudsopgave wordt gevuld zodra u dit veld bijwerkt: klik erop en druk op F9 "
    "(Word), of kies Extra > Bijwerken > Alles bijwerken (LibreOffice)."
)


def render_docx(document: Document | Drawing) -> bytes:
    """The document as DOCX bytes; the same Document always gives the same bytes (a
    Drawing is written while its figures are drawn: see office.written)."""
    builder = office.written(_Builder, document)
    return office.office_entries(
        _entries(builder.doc), builder.source, first=("[Content_Types].xml", "_rels/.rels")
    )


class _Entries:
    """Collects what python-docx's package writer writes (name -> bytes), instead of the
    zip it would make: the zip is made once, by _zip (compressing it twice took a tenth
    of the time of a large document)."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        name = pack_uri.membername
        if name in self.entries:
            raise ValueError(f"{name} twice in the package")
        self.entries[name] = blob


def _entries(doc: DocxDocument) -> dict[str, bytes]:
    """The files of the package, as ``doc.save`` writes them (python-docx's own steps)."""
    package = doc.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    collected = _Entries()
    writer: Any = PackageWriter  # its steps, each given our collector for its zip writer
    writer._write_content_types_stream(collected, parts)
    writer._write_pkg_rels(collected, package.rels)
    writer._write_parts(collected, parts)
    return collected.entries


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A fixed OOXML element; attribute values go through lxml, which escapes them."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def _set_text(run: CT_R, text: str) -> None:
    """``run.text = text`` for a new run: the same elements, made directly (python-docx
    looks at every character and searches the run first; for a table of a thousand rows
    that was most of the time). Text with tabs or line breaks goes through python-docx."""
    if not text:
        return
    if not _RUN_BREAKS.isdisjoint(text):
        run.text = text
        return
    element = SubElement(run, _W_T)
    element.text = text
    if len(text.strip()) < len(text):
        element.set(_XML_SPACE, "preserve")


def _set_language(rpr: BaseOxmlElement) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), office.LANGUAGE)
    lang.set(qn("w:eastAsia"), office.LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


@dataclass(frozen=True, slots=True)
class _Grid:
    table: DocxTable
    widths: Sequence[Length]


class _Builder(office.OfficeWriter):
    body_style = "Normal"
    png_dpi = office.RASTER_FALLBACK_DPI

    def __init__(self, document: Document, drawing: Drawing | None = None) -> None:
        super().__init__(document, drawing)
        self.style_ids: dict[str, str | None] = {}
        self.table_style_id: str | None = None
        self.svg_parts: dict[str, str] = {}  # sha256 of an SVG -> its relationship id
        self.doc: DocxDocument = new_docx()

    def build(self) -> DocxDocument:
        self.write()
        return self.doc

    # -- whole document -------------------------------------------------------------

    def setup(self) -> None:
        self._setup_page()
        self._setup_styles()
        self._setup_properties()
        self._header_footer()

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width = Cm(office.PAGE_WIDTH_CM)
        section.page_height = Cm(office.PAGE_HEIGHT_CM)
        section.left_margin = Cm(office.SIDE_MARGIN_CM)
        section.right_margin = Cm(office.SIDE_MARGIN_CM)
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
            theme_lang.set(qn("w:val"), office.LANGUAGE)
        # Two paragraph styles of our own for the Paragraph block's "lead" and "note".
        lead = cast(ParagraphStyle, styles.add_style(office.LEAD_STYLE, WD_STYLE_TYPE.PARAGRAPH))
        lead.base_style = normal
        lead.quick_style = True
        lead.font.size = Pt(office.LEAD_SIZE_PT)
        note = cast(ParagraphStyle, styles.add_style(office.NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH))
        note.base_style = normal
        note.quick_style = True
        note.font.size = Pt(office.NOTE_SIZE_PT)
        note.font.italic = True

    def _setup_properties(self) -> None:
        source = self.source
        stamp = office.file_time(source).replace(tzinfo=None)
        props = self.doc.core_properties
        # Core properties hold at most 255 characters each.
        props.title = office.clean(source.title)[:255]
        props.subject = office.clean(source.subtitle)[:255]
        props.author = office.AUTHOR
        props.last_modified_by = office.AUTHOR
        props.language = office.LANGUAGE
        props.created = stamp
        props.modified = stamp
        props.revision = 1
        props.version = office.clean(source.meta.revision)[:255]
        props.identifier = office.clean(source.meta.hash)[:255]
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
        header.text = office.running_header(self.source)
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

    def title(self, title: str, subtitle: str) -> None:
        self._add_paragraph(office.clean(title), "Title")
        if subtitle:
            self._add_paragraph(office.clean(subtitle), "Subtitle")

    def labelled(self, label: str, value: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{label}: " if value else label).bold = True
        if value:
            paragraph.add_run(office.clean(value))

    def contents(self) -> None:
        self._add_paragraph(office.TOC_TITLE, "TOC Heading")
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
        self.page_break()

    # -- blocks ---------------------------------------------------------------------

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def heading(self, level: int, text: str) -> None:
        self._add_paragraph(office.clean(text), f"Heading {level}")

    def paragraph(self, text: str, style: str) -> None:
        self._add_paragraph(office.clean(text), style)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self._add_paragraph(office.clean(item), "List Bullet")

    def caption(self, text: str, above: bool) -> None:
        caption = self._add_paragraph(office.clean(text), "Caption")
        caption.paragraph_format.keep_with_next = above

    def _new_table(self, relative: Sequence[float]) -> _Grid:
        # What Document.add_table does, without looking up the default table style in the
        # style sheet for every table (an XPath walk each; a second one to set ours).
        table = self.doc._body.add_table(0, len(relative), self.doc._block_width)
        if self.table_style_id is None:
            self.table_style_id = self.doc.styles[TABLE_STYLE].style_id
        table._tbl.tblPr.style = self.table_style_id
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        total = sum(relative) or 1.0
        widths = [Cm(office.TEXT_WIDTH_CM * width / total) for width in relative]
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
        """One row, built as the XML python-docx would make for it, but directly: its
        ``add_row`` and ``row.cells`` walk the whole table for every row (quadratic in the
        rows; most of the time of a large document's tables)."""
        right, bold = set(right), set(bold)
        tr = _element("w:tr")
        for index, width in enumerate(grid.widths):
            tc = SubElement(tr, _W_TC)
            width_element = SubElement(SubElement(tc, _W_TCPR), _W_TCW)
            width_element.set(_W_TYPE, "dxa")
            width_element.set(_W_W, str(width.twips))
            paragraph = SubElement(tc, _W_P)
            if index in right:
                SubElement(SubElement(paragraph, _W_PPR), _W_JC).set(_W_VAL, "right")
            run = cast(CT_R, SubElement(paragraph, _W_R))
            if index in bold:
                SubElement(SubElement(run, _W_RPR), _W_B)
            if index < len(values):
                _set_text(run, office.clean(values[index]))
        grid.table._tbl.append(tr)

    def _label_value_table(self, rows: Iterable[tuple[str, str]]) -> _Grid:
        grid = self._new_table(office.LABEL_VALUE_WIDTHS)
        for label, value in rows:
            self._fill_row(grid, (label, value), bold=(0,))
        return grid

    def facts(self, items: Sequence[tuple[str, str]]) -> None:
        self._label_value_table(items)
        self._spacer()

    def table(self, block: Table, widths: Sequence[float], numeric: set[int]) -> None:
        grid = self._new_table(widths)
        if block.headers:
            self._fill_row(grid, block.headers, right=numeric, bold=range(len(widths)))
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

    def image(self, data: bytes, mime: str, width_cm: float, title: str, alt: str) -> bool:
        return self._picture(data, width_cm, title, alt) is not None

    def _picture(self, data: bytes, width_cm: float, title: str, alt: str) -> InlineShape | None:
        try:
            # Only the header is read: whether python-docx knows the format and its size.
            DocxImage.from_blob(data)
        except Exception:  # untrusted bytes: a broken attachment only loses its image
            return None
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        width = Cm(office.image_width_cm(width_cm))
        shape = paragraph.add_run().add_picture(io.BytesIO(data), width=width)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", office.clean(alt))
        if title:
            doc_pr.set("title", office.clean(title))
        return shape

    def svg_image(self, svg: str, width_cm: float, title: str, alt: str) -> bool:
        """The SVG, with the PNG copy OOXML requires beside it (Word 2016 and later, and
        LibreOffice, show the SVG; older readers the PNG)."""
        try:
            png = self.png(svg, width_cm)
        except Exception:  # the converter's own errors: a broken SVG must not stop us
            return False
        shape = self._picture(png, width_cm, title, alt) if png else None
        if shape is None:
            return False
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        extensions = SubElement(blip, qn("a:extLst"))
        extension = SubElement(extensions, qn("a:ext"), {"uri": _SVG_EXTENSION})
        SubElement(
            extension, _SVG_BLIP, {qn("r:embed"): self._svg_part(svg)}, nsmap={"asvg": _SVG_NS}
        )
        return True

    def _svg_part(self, svg: str) -> str:
        """The relationship id of ``svg`` as a part of the document (one part per SVG)."""
        data = svg.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self.svg_parts:
            package = self.doc.part.package
            name = package.next_partname("/word/media/image%d.svg")
            part = Part(name, office.SVG_MIME, data, package)
            self.svg_parts[digest] = self.doc.part.relate_to(part, RT.IMAGE)
        return self.svg_parts[digest]

    def signatures(self, intro: str, blocks: Sequence[Sequence[tuple[str, str]]]) -> None:
        if intro:
            self.doc.add_paragraph(office.clean(intro))
        for rows in blocks:
            table = self._label_value_table(rows).table
            # Room to sign, and one signature block never split over two pages.
            table.rows[-1].height = Cm(2.0)
            for row in table.rows:
                row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
            for row in table.rows[:-1]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            self._spacer()
