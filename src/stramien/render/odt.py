"""Render a :class:`~stramien.render.blocks.Document` as an OpenDocument text file (ODT)
with odfdo.

The file uses real, named ODF styles (Title, Heading 1-3 with outline levels, Text body,
Table Contents/Heading, Caption, Header, Footer, Contents 1-3), a table of contents that
LibreOffice fills on "Bijwerken", repeating table header rows, and figures as SVG with a
PNG fallback in the same frame.

Our own style definitions (:mod:`.odt_styles`) are fixed XML without user text. User text
only ever reaches the document through odfdo's text API, after
:func:`~stramien.render.office.clean` dropped the characters XML cannot hold. What DOCX
and ODT share is in :mod:`.office`. The output is deterministic: the same Document gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from lxml import etree
from lxml.etree import SubElement
from lxml.etree import _Element as _LxmlElement
from odfdo import (
    TOC,
    DrawImage,
    Element,
    Frame,
    Header,
    ListItem,
    Span,
    StyleMasterPage,
    VarPageCount,
    VarPageNumber,
)
from odfdo import Document as OdfDocument
from odfdo import List as OdfList
from odfdo import Paragraph as OdfParagraph
from odfdo import Table as OdfTable
from odfdo.element import ODF_NAMESPACES

from stramien.render import office
from stramien.render.blocks import Document, Table

if TYPE_CHECKING:
    from stramien.render.outline import Drawing
from stramien.render.odt_styles import cm, column_style, install_styles

__all__ = ["render_odt"]

_TABLE, _OFFICE = ODF_NAMESPACES["table"], ODF_NAMESPACES["office"]
_TABLE_COLUMN, _TABLE_HEADER_ROWS = f"{{{_TABLE}}}table-column", f"{{{_TABLE}}}table-header-rows"
_TABLE_ROW, _TABLE_CELL = f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell"
_STYLE_NAME, _VALUE_TYPE = f"{{{_TABLE}}}style-name", f"{{{_OFFICE}}}value-type"
_TEXT_P = f"{{{ODF_NAMESPACES['text']}}}p"
_TEXT_STYLE_NAME = f"{{{ODF_NAMESPACES['text']}}}style-name"

TOC_PLACEHOLDER = (
    "De inhoudsopgave wordt gevuld zodra u haar bijwerkt: kies Extra > Bijwerken > "
    "Alles bijwerken (LibreOffice), of klik met de rechtermuisknop op deze tekst en kies "
    "Index bijwerken."
)
# A picture in a frame: its bytes, file extension and media type.
Image = tuple[bytes, str, str]


def render_odt(document: Document | Drawing) -> bytes:
    """The document as ODT bytes; the same Document always gives the same bytes (a
    Drawing is written while its figures are drawn: see office.written)."""
    builder = office.written(_Builder, document)
    return office.office_file(builder.odf.save, builder.source, first=("mimetype",))


def _plain(text: str) -> bool:
    """Whether odfdo puts ``text`` in a paragraph as it is: no tab or line break, no space
    at either end and no two in a row (those become elements of their own)."""
    return not (
        "\t" in text
        or "\n" in text
        or "\r" in text
        or "  " in text
        or text.startswith(" ")
        or text.endswith(" ")
    )


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel width and height of a PNG or JPEG, or None when it is neither."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if data.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(data):
            if data[index] != 0xFF:
                return None
            marker = data[index + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                index += 2
                continue
            (length,) = struct.unpack(">H", data[index + 2 : index + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[index + 5 : index + 9])
                return (width, height) if width and height else None
            index += 2 + length
    return None


class _Builder(office.OfficeWriter):
    body_style = "Text_20_body"
    png_dpi = None  # figures go in as SVG

    def __init__(self, document: Document, drawing: Drawing | None = None) -> None:
        super().__init__(document, drawing)
        self.odf = OdfDocument("text")
        self.body = self.odf.body
        self.tables = 0
        self.frames = 0
        self.pictures: set[str] = set()
        self.automatic_styles: Element | None = None

    def build(self) -> OdfDocument:
        self.write()
        return self.odf

    def write(self) -> None:
        self.body.clear()
        super().write()

    # -- whole document -------------------------------------------------------------

    def setup(self) -> None:
        install_styles(self.odf)
        self._setup_meta()
        self._header_footer()

    def _setup_meta(self) -> None:
        source = self.source
        stamp = office.file_time(source)
        meta = self.odf.meta
        meta.title = office.clean(source.title)
        if source.subtitle:
            meta.subject = office.clean(source.subtitle)
        meta.language = office.LANGUAGE
        meta.creation_date = stamp
        meta.date = stamp
        meta.initial_creator = office.AUTHOR
        meta.creator = office.AUTHOR
        meta.generator = office.AUTHOR
        meta.editing_cycles = 1
        meta.editing_duration = dt.timedelta(0)
        meta.set_user_defined_metadata("Status", source.status_label)
        meta.set_user_defined_metadata("Revisie", office.clean(source.meta.revision))
        if source.meta.hash:
            meta.set_user_defined_metadata("Hash", office.clean(source.meta.hash))
        # The template's statistics (one page, no words) would be wrong: LibreOffice
        # counts anew when it opens the file.
        statistic = meta.get_element("//meta:document-statistic")
        if statistic is not None:
            statistic.delete()
        # The template's thumbnail shows an empty page, not this document.
        container = self.odf.container
        if container is not None and "Thumbnails/thumbnail.png" in container.parts:
            container.del_part("Thumbnails/thumbnail.png")
            self.odf.manifest.del_full_path("Thumbnails/thumbnail.png")

    def _header_footer(self) -> None:
        master = self.odf.get_style("master-page", "Standard")
        if not isinstance(master, StyleMasterPage):
            raise RuntimeError("odfdo template without master page Standard")
        header = OdfParagraph(office.running_header(self.source), style="Header")
        footer = OdfParagraph("pagina ", style="Footer")
        footer.append(VarPageNumber(select_page="current"))
        footer.append(" van ")
        footer.append(VarPageCount())
        master.set_page_header([header])
        master.set_page_footer([footer])

    def paragraph(self, text: str, style: str) -> None:
        self.body.append(OdfParagraph(office.clean(text), style=style))

    def labelled(self, label: str, value: str) -> None:
        paragraph = OdfParagraph(style="Text_20_body")
        paragraph.append(Span(f"{label}: " if value else label, style="Strong_20_Emphasis"))
        if value:
            paragraph.append_plain_text(office.clean(value))
        self.body.append(paragraph)

    def title(self, title: str, subtitle: str) -> None:
        self.paragraph(title, "TitlePage")
        if subtitle:
            self.paragraph(subtitle, "Subtitle")

    def page_break(self) -> None:
        self.body.append(OdfParagraph(style="PageBreak"))

    def contents(self) -> None:
        toc = TOC(title=office.TOC_TITLE, name="Inhoudsopgave", outline_level=office.TOC_LEVELS)
        toc.name = "Inhoudsopgave"
        source = toc.get_element("text:table-of-content-source")
        if source is not None:
            for template in source.get_elements("text:table-of-content-entry-template"):
                level = int(template.get_attribute_string("text:outline-level") or "0")
                if level > office.TOC_LEVELS:
                    template.delete()
                    continue
                template.clear()
                template.set_attribute("text:outline-level", str(level))
                template.set_attribute("text:style-name", f"Contents_20_{level}")
                for xml in (
                    '<text:index-entry-link-start text:style-name="Index_20_Link"/>',
                    "<text:index-entry-text/>",
                    '<text:index-entry-tab-stop style:type="right" style:leader-char="."/>',
                    "<text:index-entry-page-number/>",
                    '<text:index-entry-link-end text:style-name="Index_20_Link"/>',
                ):
                    template.append(Element.from_tag(xml))
        title = toc.get_element("text:index-body/text:index-title")
        if title is not None:
            title.set_attribute("text:name", "Inhoudsopgave_Head")
            heading = title.get_element("text:p")
            if heading is not None:
                heading.set_attribute("text:style-name", "Contents_20_Heading")
        body = toc.get_element("text:index-body")
        if body is not None:
            body.append(OdfParagraph(TOC_PLACEHOLDER, style="Contents_20_1"))
        self.body.append(toc)
        self.page_break()

    # -- blocks ---------------------------------------------------------------------

    def heading(self, level: int, text: str) -> None:
        heading = Header(level, office.clean(text))
        # odfdo's Header ignores its style argument.
        heading.set_attribute("text:style-name", f"Heading_20_{level}")
        self.body.append(heading)

    def bullets(self, items: Sequence[str]) -> None:
        odf_list = OdfList(style="List_20_Bullet")
        for item in items:
            entry = ListItem()
            entry.append(OdfParagraph(office.clean(item), style="List"))
            odf_list.append(entry)
        self.body.append(odf_list)

    def caption(self, text: str, above: bool) -> None:
        self.paragraph(text, "CaptionAbove" if above else "Caption")

    def facts(self, items: Sequence[tuple[str, str]]) -> None:
        self._grid((), items, office.LABEL_VALUE_WIDTHS, label_column=True)

    def table(self, block: Table, widths: Sequence[float], numeric: set[int]) -> None:
        self._grid(block.headers, block.rows, widths, numeric=numeric)

    def _grid(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths: Sequence[float],
        numeric: set[int] | None = None,
        label_column: bool = False,
        style: str = "FullWidth",
        last_row_style: str | None = None,
    ) -> None:
        """A table, its columns and rows appended as XML elements directly: odfdo's
        ``append`` copies every row and cell it is given, and its ``insert_style`` looks up
        the style containers for each column (most of a large document's time)."""
        self.tables += 1
        name = f"Tabel{self.tables}"
        table = OdfTable(name, style=style)
        element = table._xml_element
        if self.automatic_styles is None:
            self.automatic_styles = self.odf.content.get_element("office:automatic-styles")
        if self.automatic_styles is None:  # pragma: no cover - odfdo's template has them
            raise RuntimeError("odfdo document without automatic styles")
        total = sum(widths) or 1.0
        for index, width in enumerate(widths):
            column = f"{name}.C{index + 1}"
            # Each table's column names are new: no existing style to replace or rename.
            self.automatic_styles.append(column_style(column, width, total))
            SubElement(element, _TABLE_COLUMN, {_STYLE_NAME: column})
        numeric = numeric or set()
        if headers:
            header_rows = SubElement(element, _TABLE_HEADER_ROWS)
            header_rows.append(self._row(headers, len(widths), numeric, header=True))
        all_rows = [self._row(row, len(widths), numeric, label_column=label_column) for row in rows]
        if last_row_style and all_rows:
            all_rows[-1].set(_STYLE_NAME, last_row_style)
        element.extend(all_rows)
        self.body.append(table)

    @staticmethod
    def _row(
        values: Sequence[str],
        columns: int,
        numeric: set[int],
        header: bool = False,
        label_column: bool = False,
    ) -> _LxmlElement:
        row = etree.Element(_TABLE_ROW)
        cell_style = "HeaderCell" if header else "Cell"
        for index in range(columns):
            text = office.clean(values[index]) if index < len(values) else ""
            bold = header or (label_column and index == 0)
            style = "Table_20_Heading" if bold else "Table_20_Contents"
            if index in numeric:
                style += "_20_Numeric"
            cell = SubElement(row, _TABLE_CELL, {_STYLE_NAME: cell_style, _VALUE_TYPE: "string"})
            if _plain(text):
                # What odfdo makes of text without tabs, line breaks and runs of spaces,
                # made directly (odfdo parses an XML template for every element).
                paragraph = SubElement(cell, _TEXT_P, {_TEXT_STYLE_NAME: style})
                paragraph.text = text
            else:
                # The paragraph through odfdo: it turns tabs, line breaks and runs of
                # spaces into their ODF elements.
                cell.append(OdfParagraph(text, style=style)._xml_element)
        return row

    def _add_part(self, data: bytes, extension: str, mime: str) -> str:
        """Store a picture under a name from its content, so the name is stable."""
        path = f"Pictures/{hashlib.sha256(data).hexdigest()[:32]}.{extension}"
        if path in self.pictures:
            return path
        container = self.odf.container
        if container is None:
            raise RuntimeError("odfdo document without container")
        container.set_part(path, data)
        # odfdo's add_full_path adds a second entry for a known path: add each path once.
        self.odf.manifest.add_full_path(path, mime)
        self.pictures.add(path)
        return path

    def _frame(
        self,
        images: Sequence[Image],
        size: tuple[float, float] | tuple[int, int],
        width_cm: float,
        title: str,
        alt: str,
    ) -> None:
        width = office.image_width_cm(width_cm)
        height = width * size[1] / size[0]
        self.frames += 1
        frame = Frame(
            name=f"Afbeelding{self.frames}",
            style="Graphics",
            size=(cm(width), cm(height)),
            anchor_type="as-char",
        )
        # The first image the reader can show wins: SVG, then the PNG fallback.
        for data, extension, mime in images:
            frame.append(DrawImage(self._add_part(data, extension, mime), mime_type=mime))
        if title:
            frame.svg_title = office.clean(title)
        frame.svg_description = office.clean(alt)
        paragraph = OdfParagraph(style="ImageParagraph")
        paragraph.append(frame)
        self.body.append(paragraph)

    def svg_image(self, svg: str, width_cm: float, title: str, alt: str) -> bool:
        """The SVG itself: ODF readers show it, so no PNG copy is made. Only an SVG whose
        size cannot be read gets one (its size comes from the PNG)."""
        from stramien.render.figures import svg_size

        images = [(svg.encode("utf-8"), "svg", office.SVG_MIME)]
        size: tuple[float, float] | tuple[int, int] | None = svg_size(svg)
        if size is None:
            try:
                png = self.png(svg, width_cm)
            except Exception:  # the converter's own errors: a broken SVG only loses its image
                return False
            size = _image_size(png)
            if size is None:
                return False
            images.append((png, "png", "image/png"))
        self._frame(images, size, width_cm, title, alt)
        return True

    def image(self, data: bytes, mime: str, width_cm: float, title: str, alt: str) -> bool:
        size = _image_size(data)
        if size is None:
            return False
        extension = "png" if mime == "image/png" else "jpg"
        self._frame([(data, extension, mime)], size, width_cm, title, alt)
        return True

    def signatures(self, intro: str, blocks: Sequence[Sequence[tuple[str, str]]]) -> None:
        if intro:
            self.paragraph(intro, self.body_style)
        for rows in blocks:
            self._grid(
                (),
                rows,
                office.LABEL_VALUE_WIDTHS,
                label_column=True,
                style="SignatureTable",
                last_row_style="SignatureRow",
            )
