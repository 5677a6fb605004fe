"""Render a :class:`~stramien.render.blocks.Document` as an OpenDocument text file (ODT)
with odfdo.

The file uses real, named ODF styles (Title, Heading 1-3 with outline levels, Text body,
Table Contents/Heading, Caption, Header, Footer, Contents 1-3), a table of contents that
LibreOffice fills on "Bijwerken", repeating table header rows, and figures as SVG with a
PNG fallback in the same frame.

Our own style definitions are fixed XML without user text. User text only ever reaches
the document through odfdo's text API, after :func:`_clean` dropped the characters XML
cannot hold. The output is deterministic: the same Document gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
from collections.abc import Iterable, Sequence

from odfdo import (
    TOC,
    Cell,
    Column,
    DrawImage,
    Element,
    Frame,
    Header,
    HeaderRows,
    ListItem,
    Row,
    Span,
    StyleMasterPage,
    VarPageCount,
    VarPageNumber,
)
from odfdo import Document as OdfDocument
from odfdo import List as OdfList
from odfdo import Paragraph as OdfParagraph
from odfdo import Table as OdfTable
from odfdo.style_base import StyleBase

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

__all__ = ["render_odt"]

LANGUAGE = "nl-NL"
AUTHOR = "Stramien"
# Used for the file's dates when the revision has no timestamp: never "now".
FIXED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)
TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins, as in the DOCX
TOC_PLACEHOLDER = (
    "De inhoudsopgave wordt gevuld zodra u haar bijwerkt: kies Extra > Bijwerken > "
    "Alles bijwerken (LibreOffice), of klik met de rechtermuisknop op deze tekst en kies "
    "Index bijwerken."
)


def _clean(text: str) -> str:
    """The one gate for user text into this format: drop what XML cannot hold."""
    return drop_control_characters(text)


def render_odt(document: Document) -> bytes:
    """The document as ODT bytes; the same Document always gives the same bytes."""
    odf = _Builder(document).build()
    buffer = io.BytesIO()
    odf.save(buffer)
    return _zip.normalise(
        buffer.getvalue(),
        first=("mimetype",),
        date_time=_zip.zip_time(document.meta.timestamp),
    )


def _rasterise(document: Document) -> dict[str, bytes | Exception]:
    """PNGs for every SVG in the document, made side by side before the document is built
    (imported late: only documents with figures pay for loading the renderer)."""
    if not any(isinstance(block, Figure | Picture) for block in document.blocks):
        return {}
    from stramien.render.figures import rasterise

    return rasterise(document.blocks, scale=2.0)


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


def _style(xml: str) -> StyleBase:
    """One of our fixed style definitions as an odfdo style element."""
    element = Element.from_tag(xml)
    if not isinstance(element, StyleBase):
        raise TypeError(f"not a style: {xml[:60]}")
    return element


def _cm(value: float) -> str:
    return f"{value:.3f}cm"


# Our styles, fixed text. Names follow LibreOffice's built-in ones where they exist
# (Text_20_body, Heading_20_1, Table_20_Contents, ...), so LibreOffice treats them as its own.
_COMMON_STYLES = (
    '<style:style style:name="Text_20_body" style:display-name="Text body" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="text">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.247cm" '
    'fo:line-height="115%"/></style:style>',
    '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" '
    'style:next-style-name="Subtitle" style:class="chapter">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.4cm"/>'
    '<style:text-properties fo:font-size="28pt" fo:font-weight="bold" '
    'style:font-size-complex="28pt" style:font-weight-complex="bold"/></style:style>',
    '<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Heading" '
    'style:next-style-name="Text_20_body" style:class="chapter">'
    '<style:paragraph-properties fo:margin-top="0.1cm" fo:margin-bottom="0.6cm"/>'
    '<style:text-properties fo:font-size="18pt" style:font-size-complex="18pt" '
    'fo:font-style="italic"/></style:style>',
    *(
        f'<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" '
        'style:family="paragraph" style:parent-style-name="Heading" '
        f'style:next-style-name="Text_20_body" style:default-outline-level="{level}" '
        'style:class="text">'
        f'<style:paragraph-properties fo:margin-top="{top}" fo:margin-bottom="0.212cm"/>'
        f'<style:text-properties fo:font-size="{size}" fo:font-weight="bold" '
        f'style:font-size-complex="{size}" style:font-weight-complex="bold"/></style:style>'
        for level, size, top in ((1, "18pt", "0.6cm"), (2, "15pt", "0.45cm"), (3, "13pt", "0.35cm"))
    ),
    '<style:style style:name="Inleiding" style:family="paragraph" '
    'style:parent-style-name="Text_20_body" style:class="text">'
    '<style:text-properties fo:font-size="13pt" style:font-size-complex="13pt"/></style:style>',
    '<style:style style:name="Noot" style:family="paragraph" '
    'style:parent-style-name="Text_20_body" style:class="text">'
    '<style:text-properties fo:font-size="9pt" fo:font-style="italic" '
    'style:font-size-complex="9pt" style:font-style-complex="italic"/></style:style>',
    '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="extra">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>'
    '<style:text-properties fo:font-size="10pt" style:font-size-complex="10pt"/></style:style>',
    '<style:style style:name="Table_20_Heading" style:display-name="Table Heading" '
    'style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">'
    '<style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>'
    "</style:style>",
    '<style:style style:name="Table_20_Contents_20_Numeric" '
    'style:display-name="Table Contents Numeric" style:family="paragraph" '
    'style:parent-style-name="Table_20_Contents" style:class="extra">'
    '<style:paragraph-properties fo:text-align="end"/></style:style>',
    '<style:style style:name="Table_20_Heading_20_Numeric" '
    'style:display-name="Table Heading Numeric" style:family="paragraph" '
    'style:parent-style-name="Table_20_Heading" style:class="extra">'
    '<style:paragraph-properties fo:text-align="end"/></style:style>',
    '<style:style style:name="Header_20_and_20_Footer" style:display-name="Header and Footer" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="extra">'
    '<style:text-properties fo:font-size="9pt" style:font-size-complex="9pt"/></style:style>',
    '<style:style style:name="Header" style:family="paragraph" '
    'style:parent-style-name="Header_20_and_20_Footer" style:class="extra"/>',
    '<style:style style:name="Footer" style:family="paragraph" '
    'style:parent-style-name="Header_20_and_20_Footer" style:class="extra">'
    '<style:paragraph-properties fo:text-align="end"/></style:style>',
    '<style:style style:name="Contents_20_Heading" style:display-name="Contents Heading" '
    'style:family="paragraph" style:parent-style-name="Heading" style:class="index">'
    '<style:text-properties fo:font-size="16pt" fo:font-weight="bold" '
    'style:font-size-complex="16pt" style:font-weight-complex="bold"/></style:style>',
    *(
        f'<style:style style:name="Contents_20_{level}" style:display-name="Contents {level}" '
        'style:family="paragraph" style:parent-style-name="Index" style:class="index">'
        f'<style:paragraph-properties fo:margin-left="{indent:.1f}cm" fo:margin-right="0cm" '
        'fo:text-indent="0cm"><style:tab-stops><style:tab-stop '
        f'style:position="{TEXT_WIDTH_CM - indent:.1f}cm" style:type="right" '
        'style:leader-style="dotted" style:leader-text="."/></style:tab-stops>'
        "</style:paragraph-properties></style:style>"
        for level, indent in ((1, 0.0), (2, 0.5), (3, 1.0))
    ),
    '<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" '
    'style:family="text"><style:text-properties fo:font-weight="bold" '
    'style:font-weight-complex="bold"/></style:style>',
    '<style:style style:name="Index_20_Link" style:display-name="Index Link" style:family="text"/>',
    '<style:style style:name="Graphics" style:family="graphic">'
    '<style:graphic-properties text:anchor-type="as-char" svg:y="0cm" style:wrap="none" '
    'style:vertical-pos="top" style:vertical-rel="baseline" fo:border="none" '
    'fo:padding="0cm"/></style:style>',
    '<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet">'
    '<text:list-level-style-bullet text:level="1" text:bullet-char="•">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" '
    'text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" '
    'fo:margin-left="0.635cm"/></style:list-level-properties>'
    "</text:list-level-style-bullet></text:list-style>",
)

_AUTOMATIC_STYLES = (
    # The first paragraph of the title page switches to the page style without header.
    '<style:style style:name="TitlePage" style:family="paragraph" style:parent-style-name="Title" '
    'style:master-page-name="First_20_Page"/>',
    '<style:style style:name="PageBreak" style:family="paragraph" '
    'style:parent-style-name="Standard"><style:paragraph-properties fo:break-after="page" '
    'fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="2pt"/>'
    "</style:style>",
    '<style:style style:name="CaptionAbove" style:family="paragraph" '
    'style:parent-style-name="Caption"><style:paragraph-properties fo:keep-with-next="always"/>'
    "</style:style>",
    '<style:style style:name="ImageParagraph" style:family="paragraph" '
    'style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" '
    'fo:keep-with-next="always" fo:margin-top="0.2cm" fo:margin-bottom="0.1cm"/></style:style>',
    '<style:style style:name="Spacer" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>',
    f'<style:style style:name="FullWidth" style:family="table"><style:table-properties '
    f'style:width="{TEXT_WIDTH_CM:.1f}cm" table:align="margins" fo:margin-top="0cm" '
    'fo:margin-bottom="0.2cm"/></style:style>',
    # A signature block never breaks over two pages.
    f'<style:style style:name="SignatureTable" style:family="table"><style:table-properties '
    f'style:width="{TEXT_WIDTH_CM:.1f}cm" table:align="margins" fo:margin-top="0.3cm" '
    'fo:margin-bottom="0.3cm" style:may-break-between-rows="false" '
    'fo:keep-with-next="auto"/></style:style>',
    '<style:style style:name="SignatureRow" style:family="table-row">'
    '<style:table-row-properties style:min-row-height="2cm" fo:keep-together="always"/>'
    "</style:style>",
    '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
    'fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>',
    '<style:style style:name="HeaderCell" style:family="table-cell"><style:table-cell-properties '
    'fo:padding="0.1cm" fo:border="0.5pt solid #000000" fo:background-color="#e6e6e6"/>'
    "</style:style>",
)

_PAGE_LAYOUT_PROPERTIES = {
    "fo:page-width": "21cm",
    "fo:page-height": "29.7cm",
    "fo:margin-top": "2cm",
    "fo:margin-bottom": "2cm",
    "fo:margin-left": "2.5cm",
    "fo:margin-right": "2.5cm",
}


class _Builder:
    def __init__(self, document: Document) -> None:
        self.source = document
        self.pngs: dict[str, bytes | Exception] = {}
        self.odf = OdfDocument("text")
        self.body = self.odf.body
        self.tables = 0
        self.frames = 0
        self.pictures: set[str] = set()

    # -- whole document -------------------------------------------------------------

    def build(self) -> OdfDocument:
        self.body.clear()
        self.pngs = _rasterise(self.source)
        self._setup_styles()
        self._setup_meta()
        self._header_footer()
        self._title_page()
        self._toc()
        for block in self.source.blocks:
            self._block(block)
        return self.odf

    def _setup_styles(self) -> None:
        odf = self.odf
        for xml in _COMMON_STYLES:
            odf.insert_style(_style(xml))
        for xml in _AUTOMATIC_STYLES:
            odf.insert_style(_style(xml), automatic=True)
        odf.language = LANGUAGE
        styles = odf.styles
        # Headings carry their outline level but no numbers: the text has its own, if any.
        for level_style in styles.get_elements("//text:outline-style/text:outline-level-style"):
            level_style.set_attribute("style:num-format", "")
            for attribute in ("style:num-suffix", "loext:num-list-format", "text:display-levels"):
                if level_style.get_attribute(attribute) is not None:
                    level_style.del_attribute(attribute)
        layout = styles.get_element("//style:page-layout[@style:name='Mpm1']")
        if layout is None:
            raise RuntimeError("odfdo template without page layout Mpm1")
        properties = layout.get_element("style:page-layout-properties")
        if properties is not None:
            for name, value in _PAGE_LAYOUT_PROPERTIES.items():
                properties.set_attribute(name, value)
        for part, margin in (("header", "fo:margin-bottom"), ("footer", "fo:margin-top")):
            holder = layout.get_element(f"style:{part}-style")
            if holder is None:
                holder = Element.from_tag(f"style:{part}-style")
                layout.append(holder)
            holder.clear()
            holder.append(
                Element.from_tag(
                    f'<style:header-footer-properties fo:min-height="0.6cm" {margin}="0.4cm"/>'
                )
            )
        masters = styles.get_element("//office:master-styles")
        if masters is None:
            raise RuntimeError("odfdo template without master styles")
        masters.append(
            Element.from_tag(
                '<style:master-page style:name="First_20_Page" style:display-name="First Page" '
                'style:page-layout-name="Mpm1" style:next-style-name="Standard"/>'
            )
        )

    def _setup_meta(self) -> None:
        source = self.source
        stamp = source.meta.timestamp or FIXED_DATE
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.UTC)
        meta = self.odf.meta
        meta.title = _clean(source.title)
        if source.subtitle:
            meta.subject = _clean(source.subtitle)
        meta.language = LANGUAGE
        meta.creation_date = stamp
        meta.date = stamp
        meta.initial_creator = AUTHOR
        meta.creator = AUTHOR
        meta.generator = AUTHOR
        meta.editing_cycles = 1
        meta.editing_duration = dt.timedelta(0)
        meta.set_user_defined_metadata("Status", source.status_label)
        meta.set_user_defined_metadata("Revisie", _clean(source.meta.revision))
        if source.meta.hash:
            meta.set_user_defined_metadata("Hash", _clean(source.meta.hash))
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
        header = OdfParagraph(_clean(self.source.short_name or self.source.title), style="Header")
        footer = OdfParagraph("pagina ", style="Footer")
        footer.append(VarPageNumber(select_page="current"))
        footer.append(" van ")
        footer.append(VarPageCount())
        master.set_page_header([header])
        master.set_page_footer([footer])

    def _paragraph(self, text: str, style: str = "Text_20_body") -> OdfParagraph:
        paragraph = OdfParagraph(_clean(text), style=style)
        self.body.append(paragraph)
        return paragraph

    def _labelled(self, label: str, value: str) -> None:
        paragraph = OdfParagraph(style="Text_20_body")
        paragraph.append(Span(f"{label}: " if value else label, style="Strong_20_Emphasis"))
        if value:
            paragraph.append_plain_text(_clean(value))
        self.body.append(paragraph)

    def _title_page(self) -> None:
        source = self.source
        meta = source.meta
        self._paragraph(source.title, "TitlePage")
        if source.subtitle:
            self._paragraph(source.subtitle, "Subtitle")
        if source.partners:
            self._labelled("Partners", "")
            self._bullets(source.partners)
        self._labelled("Status", source.status_label)
        self._labelled("Revisie", meta.revision)
        if meta.hash:
            self._labelled("Hash", meta.hash)
        self._labelled("Datum", source.date_label)
        self._page_break()

    def _page_break(self) -> None:
        self.body.append(OdfParagraph(style="PageBreak"))

    def _toc(self) -> None:
        toc = TOC(title="Inhoud", name="Inhoudsopgave", outline_level=3)
        toc.name = "Inhoudsopgave"
        source = toc.get_element("text:table-of-content-source")
        if source is not None:
            for template in source.get_elements("text:table-of-content-entry-template"):
                level = int(template.get_attribute_string("text:outline-level") or "0")
                if level > 3:
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
        self._page_break()

    # -- blocks ---------------------------------------------------------------------

    def _block(self, block: Block) -> None:
        match block:
            case Heading():
                heading = Header(block.level, _clean(block.text))
                # odfdo's Header ignores its style argument.
                heading.set_attribute("text:style-name", f"Heading_20_{block.level}")
                self.body.append(heading)
            case Paragraph():
                style = {"lead": "Inleiding", "note": "Noot"}.get(block.style, "Text_20_body")
                self._paragraph(block.text, style)
            case Bullets():
                self._bullets(block.items)
            case Facts():
                if block.items:
                    self._grid((), block.items, (1.0, 2.0), label_column=True)
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

    def _bullets(self, items: Iterable[str]) -> None:
        odf_list = OdfList(style="List_20_Bullet")
        for item in items:
            entry = ListItem()
            entry.append(OdfParagraph(_clean(item), style="List"))
            odf_list.append(entry)
        self.body.append(odf_list)

    def _table(self, block: Table) -> None:
        columns = max([len(block.headers), *(len(row) for row in block.rows)])
        if columns == 0:
            return
        widths = list(block.widths or ())
        if len(widths) != columns or any(w <= 0 for w in widths):
            widths = [1.0] * columns
        if block.caption:
            self._paragraph(block.caption, "CaptionAbove")
        self._grid(
            block.headers,
            block.rows,
            widths,
            numeric={i for i in block.numeric if 0 <= i < columns},
        )

    def _column_style(self, table: str, index: int, width: float, total: float) -> str:
        name = f"{table}.C{index + 1}"
        absolute = TEXT_WIDTH_CM * width / total
        self.odf.insert_style(
            _style(
                f'<style:style style:name="{name}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{_cm(absolute)}" '
                f'style:rel-width="{round(width / total * 65535)}*"/></style:style>'
            ),
            automatic=True,
        )
        return name

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
        self.tables += 1
        name = f"Tabel{self.tables}"
        table = OdfTable(name, style=style)
        total = sum(widths) or 1.0
        for index, width in enumerate(widths):
            table.append(Column(style=self._column_style(name, index, width, total)))
        numeric = numeric or set()
        if headers:
            header_rows = HeaderRows()
            header_rows.append(self._row(headers, len(widths), numeric, header=True))
            table.append(header_rows)
        all_rows = [self._row(row, len(widths), numeric, label_column=label_column) for row in rows]
        if last_row_style and all_rows:
            all_rows[-1].style = last_row_style
        for row in all_rows:
            table.append(row)
        self.body.append(table)

    @staticmethod
    def _row(
        values: Sequence[str],
        columns: int,
        numeric: set[int],
        header: bool = False,
        label_column: bool = False,
    ) -> Row:
        row = Row()
        for index in range(columns):
            text = _clean(values[index]) if index < len(values) else ""
            bold = header or (label_column and index == 0)
            style = "Table_20_Heading" if bold else "Table_20_Contents"
            if index in numeric:
                style += "_20_Numeric"
            cell = Cell(style="HeaderCell" if header else "Cell")
            cell.set_attribute("office:value-type", "string")
            cell.append(OdfParagraph(text, style=style))
            row.append(cell)
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
        images: Sequence[tuple[bytes, str, str]],
        size: tuple[int, int],
        width_cm: float,
        title: str,
        alt: str,
    ) -> None:
        width = min(width_cm, TEXT_WIDTH_CM) if width_cm > 0 else TEXT_WIDTH_CM
        height = width * size[1] / size[0]
        self.frames += 1
        frame = Frame(
            name=f"Afbeelding{self.frames}",
            style="Graphics",
            size=(_cm(width), _cm(height)),
            anchor_type="as-char",
        )
        # The first image the reader can show wins: SVG, then the PNG fallback.
        for data, extension, mime in images:
            frame.append(DrawImage(self._add_part(data, extension, mime), mime_type=mime))
        if title:
            frame.svg_title = _clean(title)
        frame.svg_description = _clean(alt)
        paragraph = OdfParagraph(style="ImageParagraph")
        paragraph.append(frame)
        self.body.append(paragraph)

    def _missing_image(self, name: str) -> None:
        self._paragraph(f"[Afbeelding ‘{name}’ kon niet worden ingevoegd.]", "Noot")

    def _png(self, svg: str) -> bytes:
        """The PNG made for ``svg`` by _rasterise (or made now); raises what making it did."""
        found = self.pngs.get(svg)
        if found is None:
            from stramien.render.figures import svg_to_png

            found = svg_to_png(svg, scale=2.0)
        if isinstance(found, Exception):
            raise found
        return found

    def _svg_images(self, svg: str) -> tuple[list[tuple[bytes, str, str]], tuple[int, int]] | None:
        try:
            png = self._png(svg)
        except Exception:  # the converter's own errors: a broken SVG only loses its image
            return None
        size = _image_size(png)
        if size is None:
            return None
        return [(svg.encode("utf-8"), "svg", "image/svg+xml"), (png, "png", "image/png")], size

    def _figure(self, block: Figure) -> None:
        found = self._svg_images(block.svg)
        if found is None:
            self._missing_image(block.title or block.key)
        else:
            self._frame(found[0], found[1], block.width_cm, block.title, block.alt)
        if block.title:
            self._paragraph(block.title, "Caption")

    def _picture(self, block: Picture) -> None:
        found: tuple[list[tuple[bytes, str, str]], tuple[int, int]] | None = None
        if block.mime == "image/svg+xml":
            try:
                found = self._svg_images(block.data.decode("utf-8"))
            except UnicodeDecodeError:
                found = None
        else:
            size = _image_size(block.data)
            if size is not None:
                extension = "png" if block.mime == "image/png" else "jpg"
                found = [(block.data, extension, block.mime)], size
        if found is None:
            self._missing_image(block.name)
        else:
            self._frame(found[0], found[1], block.width_cm, block.caption, block.alt)
        if block.caption:
            self._paragraph(block.caption, "Caption")

    def _signatures(self, block: SignaturePage) -> None:
        if block.intro:
            self._paragraph(block.intro)
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
            self._grid(
                (),
                rows,
                (1.0, 2.0),
                label_column=True,
                style="SignatureTable",
                last_row_style="SignatureRow",
            )
