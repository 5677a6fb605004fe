"""What the two office formats, DOCX (:mod:`.docx`) and ODT (:mod:`.odt`), do alike.

Both lay out the same A4 page, put user text through the same gate (:func:`clean`), make
the same PNGs from SVG and write the same parts in the same order: :class:`OfficeWriter`
walks the document once, and each format only says how it writes a title, a heading, a
table, an image and so on.
"""

from __future__ import annotations

import datetime as dt
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, ClassVar, TypeVar

from stramien.render import _zip, blocks
from stramien.render.text import drop_control_characters

if TYPE_CHECKING:
    from stramien.render.outline import Drawing

LANGUAGE = "nl-NL"
AUTHOR = "Stramien"
# Used for the file's dates when the revision has no timestamp: never "now".
FIXED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)

PAGE_WIDTH_CM = 21.0  # A4
PAGE_HEIGHT_CM = 29.7
SIDE_MARGIN_CM = 2.5
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * SIDE_MARGIN_CM

# Our two paragraph styles beside the built-in ones, for Paragraph's "lead" and "note".
LEAD_STYLE = "Inleiding"
LEAD_SIZE_PT = 13
NOTE_STYLE = "Noot"
NOTE_SIZE_PT = 9

TOC_TITLE = "Inhoud"
TOC_LEVELS = 3
# Label and value columns of facts and signature blocks.
LABEL_VALUE_WIDTHS = (1.0, 2.0)
# PNGs are drawn at twice the SVG's size (or coarser for huge diagrams, see figures).
PNG_SCALE = 2.0
#: The PNG copy beside an SVG figure in DOCX, for readers that do not show the SVG (Word
#: before 2016, LibreOffice 7): 300 dpi at the printed width, print quality, with a
#: quarter of the pixels of the 600 dpi that a figure shown only as PNG had (the time goes
#: mostly into laying out the text, which does not depend on the resolution).
RASTER_FALLBACK_DPI = 300.0
SVG_MIME = "image/svg+xml"


def clean(text: str) -> str:
    """The one gate for user text into DOCX and ODT: drop what XML cannot hold."""
    return drop_control_characters(text)


def office_file(
    save: Callable[[io.BytesIO], object], document: blocks.Document, first: Sequence[str]
) -> bytes:
    """The bytes ``save`` writes, as a zip whose bytes depend only on its contents:
    ``first`` the entries that must lead, the revision's time on every entry."""
    buffer = io.BytesIO()
    save(buffer)
    return _zip.normalise(
        buffer.getvalue(),
        first=tuple(first),
        date_time=_zip.zip_time(document.meta.timestamp),
    )


def office_entries(
    entries: dict[str, bytes], document: blocks.Document, first: Sequence[str]
) -> bytes:
    """:func:`office_file` for a file whose entries (name -> bytes) are at hand."""
    return _zip.normalise_entries(
        entries, first=tuple(first), date_time=_zip.zip_time(document.meta.timestamp)
    )


def file_time(document: blocks.Document) -> dt.datetime:
    """The time the file says it was made and changed: the revision's, in UTC when it has
    a zone, or FIXED_DATE."""
    stamp = document.meta.timestamp or FIXED_DATE
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC)
    return stamp


def running_header(document: blocks.Document) -> str:
    """The text in the header of every page but the first."""
    return clean(document.short_name or document.title)


class NotAsSketched(Exception):
    """A drawn figure is not the one the sketch had (see :func:`written`)."""


Writer = TypeVar("Writer", bound="OfficeWriter")


def written(make: Callable[..., Writer], document: blocks.Document | Drawing) -> Writer:
    """``make(document)`` (an :class:`OfficeWriter`) after it wrote the whole document.

    A :class:`~stramien.render.outline.Drawing` is written while its figures are drawn:
    the writer takes the sketch, and waits for a figure's drawing (and its PNG copy) only
    where the figure goes. The result is what the finished document gives; should a drawn
    figure not be the sketch's, the finished document is written instead.
    """
    if isinstance(document, blocks.Document):
        writer = make(document)
        writer.write()
        return writer
    try:
        writer = make(document.sketch, drawing=document)
        writer.write()
        return writer
    except NotAsSketched:
        pass
    writer = make(document.document())
    writer.write()
    return writer


def rasterise(document: blocks.Document, dpi: float) -> dict[str, bytes | Exception]:
    """PNGs for every SVG in the document at most ``dpi`` fine, made side by side before
    the document is built (imported late: only documents with figures pay for loading the
    renderer)."""
    if not any(isinstance(block, blocks.Figure | blocks.Picture) for block in document.blocks):
        return {}
    from stramien.render.figures import rasterise as rasterise_blocks

    return rasterise_blocks(document.blocks, scale=PNG_SCALE, dpi=dpi)


def image_width_cm(width_cm: float) -> float:
    """The width an image is shown at: as asked, but never wider than the text."""
    return min(width_cm, TEXT_WIDTH_CM) if width_cm > 0 else TEXT_WIDTH_CM


def table_widths(block: blocks.Table) -> list[float]:
    """Relative column widths: the table's own when they fit its columns, else equal ones
    (an empty list for a table without columns)."""
    columns = max([len(block.headers), *(len(row) for row in block.rows)])
    widths = list(block.widths or ())
    if len(widths) != columns or any(w <= 0 for w in widths):
        widths = [1.0] * columns
    return widths


def signature_rows(signature: blocks.Signature) -> list[tuple[str, str]]:
    """One partner's signature block as label/value rows, with room to fill in by hand."""
    rows: list[tuple[str, str]] = [
        ("Organisatie", signature.organisation),
        ("Naam", signature.name),
        ("Functie", signature.function),
        ("Mandaat", signature.mandate),
    ]
    if signature.approval:
        rows.append(("Akkoord", signature.approval))
    rows += [("Plaats", ""), ("Datum", ""), ("Handtekening", "")]
    return rows


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class OfficeWriter(ABC):
    """Writes a Document in the order both office formats share: set-up, title page,
    table of contents, then the blocks. A subclass writes each part in its format; every
    text it is given is user text still to pass through :func:`clean`."""

    # The paragraph style of a normal Paragraph block.
    body_style: ClassVar[str]
    # The finest PNG copy of a figure the format needs (dots per inch at its printed
    # width), or None when the format shows the SVG itself and needs no copy.
    png_dpi: ClassVar[float | None]

    def __init__(self, document: blocks.Document, drawing: Drawing | None = None) -> None:
        self.source = document
        self.drawing = drawing
        self.pngs: dict[str, bytes | Exception] = {}
        # While drawing: the PNG jobs by block index, and by SVG the job of its first block.
        self._png_jobs: dict[int, Future[bytes | Exception | None]] = {}
        self._png_by_svg: dict[str, Future[bytes | Exception | None]] = {}
        self._index = -1  # the block being written

    def write(self) -> None:
        if self.drawing is None:
            if self.png_dpi is not None:
                self.pngs = rasterise(self.source, self.png_dpi)
            self._write()
            return
        self.drawing.start()
        if self.png_dpi is None:
            self._write()
            return
        from stramien.render.figures import WORKERS

        with ThreadPoolExecutor(WORKERS, thread_name_prefix="stramien-raster") as pool:
            try:
                self._png_jobs = self._rasterise_while_drawing(pool, self.png_dpi)
                self._write()
            finally:
                for job in self._png_jobs.values():
                    job.cancel()

    def _write(self) -> None:
        self.setup()
        self.title_page()
        self.contents()
        for index, block in enumerate(self.source.blocks):
            self._index = index
            self.block(block)

    def _rasterise_while_drawing(
        self, pool: ThreadPoolExecutor, dpi: float
    ) -> dict[int, Future[bytes | Exception | None]]:
        """A PNG job for every figure and SVG picture, in the order of the document: each
        as soon as its drawing is there, at the scale rasterise gives it."""
        from stramien.render.figures import raster_scale, svg_to_png

        drawing = self.drawing
        assert drawing is not None

        def one(block: blocks.Figure | blocks.Picture) -> bytes | Exception | None:
            if isinstance(block, blocks.Figure):
                svg = drawing.svg(block)
                if svg is None:
                    return None  # the writer finds out itself (NotAsSketched)
            else:
                svg = block.data.decode("utf-8")
            try:
                return svg_to_png(svg, scale=raster_scale(svg, block.width_cm, PNG_SCALE, dpi))
            except Exception as exc:  # as rasterise: reported where the figure goes
                return exc

        jobs: dict[int, Future[bytes | Exception | None]] = {}
        for index, block in enumerate(self.source.blocks):
            if isinstance(block, blocks.Figure) or (
                isinstance(block, blocks.Picture) and block.mime == SVG_MIME and _utf8(block.data)
            ):
                jobs[index] = pool.submit(one, block)
        return jobs

    def figure_svg(self, figure: blocks.Figure) -> str:
        """The figure's SVG: the block's own, or while drawing the drawing of it."""
        if self.drawing is None:
            return figure.svg
        svg = self.drawing.svg(figure)
        if svg is None:
            raise NotAsSketched(figure.key)
        self._note_png(svg)
        return svg

    def title_page(self) -> None:
        source = self.source
        self.title(source.title, source.subtitle)
        if source.partners:
            self.labelled("Partners", "")
            self.bullets(source.partners)
        self.labelled("Status", source.status_label)
        self.labelled("Revisie", source.meta.revision)
        if source.meta.hash:
            self.labelled("Hash", source.meta.hash)
        self.labelled("Datum", source.date_label)
        self.page_break()

    def block(self, block: blocks.Block) -> None:
        match block:
            case blocks.Heading():
                self.heading(block.level, block.text)
            case blocks.Paragraph():
                style = {"lead": LEAD_STYLE, "note": NOTE_STYLE}.get(block.style, self.body_style)
                self.paragraph(block.text, style)
            case blocks.Bullets():
                self.bullets(block.items)
            case blocks.Facts():
                if block.items:
                    self.facts(block.items)
            case blocks.Table():
                self.table_block(block)
            case blocks.Figure():
                svg = self.figure_svg(block)
                placed = self.svg_image(svg, block.width_cm, block.title, block.alt)
                self.after_image(placed, block.title or block.key, block.title)
            case blocks.Picture():
                self.picture(block)
            case blocks.PageBreak():
                self.page_break()
            case blocks.SignaturePage():
                self.signatures(block.intro, [signature_rows(s) for s in block.signatures])

    def table_block(self, block: blocks.Table) -> None:
        widths = table_widths(block)
        if not widths:
            return
        if block.caption:
            self.caption(block.caption, above=True)
        self.table(block, widths, {i for i in block.numeric if 0 <= i < len(widths)})

    def picture(self, block: blocks.Picture) -> None:
        if block.mime == SVG_MIME:
            try:
                svg = block.data.decode("utf-8")
            except UnicodeDecodeError:
                placed = False
            else:
                self._note_png(svg)
                placed = self.svg_image(svg, block.width_cm, block.caption, block.alt)
        else:
            placed = self.image(block.data, block.mime, block.width_cm, block.caption, block.alt)
        self.after_image(placed, block.name, block.caption)

    def after_image(self, placed: bool, name: str, caption: str) -> None:
        """A note in place of an image that could not be placed; then its caption."""
        if not placed:
            self.paragraph(f"[Afbeelding ‘{name}’ kon niet worden ingevoegd.]", NOTE_STYLE)
        if caption:
            self.caption(caption, above=False)

    def _note_png(self, svg: str) -> None:
        """While drawing: the PNG of ``svg`` is the job of its first block (as rasterise
        makes one PNG per SVG, at the scale of the first block that shows it)."""
        job = self._png_jobs.get(self._index)
        if job is not None:
            self._png_by_svg.setdefault(svg, job)

    def png(self, svg: str, width_cm: float = TEXT_WIDTH_CM) -> bytes:
        """The PNG made for ``svg`` by rasterise (or made now); raises what making it did."""
        found = self.pngs.get(svg)
        job = self._png_by_svg.get(svg)
        if found is None and job is not None:
            found = job.result()
        if found is None:
            from stramien.render.figures import raster_scale, svg_to_png

            dpi = self.png_dpi or RASTER_FALLBACK_DPI
            found = svg_to_png(svg, scale=raster_scale(svg, width_cm, PNG_SCALE, dpi))
        if isinstance(found, Exception):
            raise found
        return found

    # -- what each format writes in its own way ------------------------------------------

    @abstractmethod
    def setup(self) -> None:
        """Page, styles, file properties, header and footer."""

    @abstractmethod
    def contents(self) -> None:
        """The table of contents, for the reader's program to fill, and a page break."""

    @abstractmethod
    def title(self, title: str, subtitle: str) -> None: ...

    @abstractmethod
    def labelled(self, label: str, value: str) -> None:
        """One line "label: value" with the label in bold (only the label when no value)."""

    @abstractmethod
    def heading(self, level: int, text: str) -> None: ...

    @abstractmethod
    def paragraph(self, text: str, style: str) -> None: ...

    @abstractmethod
    def bullets(self, items: Sequence[str]) -> None: ...

    @abstractmethod
    def facts(self, items: Sequence[tuple[str, str]]) -> None:
        """Label/value rows as a table (there is at least one)."""

    @abstractmethod
    def table(self, block: blocks.Table, widths: Sequence[float], numeric: set[int]) -> None:
        """``block`` (not its caption) with these relative column widths, the ``numeric``
        columns aligned right."""

    @abstractmethod
    def caption(self, text: str, above: bool) -> None:
        """The caption of a table (above it) or an image (below it)."""

    @abstractmethod
    def svg_image(self, svg: str, width_cm: float, title: str, alt: str) -> bool:
        """Place a drawing; False when it cannot be placed (a broken SVG)."""

    @abstractmethod
    def image(self, data: bytes, mime: str, width_cm: float, title: str, alt: str) -> bool:
        """Place a PNG or JPEG; False when it cannot be placed (broken or unknown bytes)."""

    @abstractmethod
    def page_break(self) -> None: ...

    @abstractmethod
    def signatures(self, intro: str, blocks: Sequence[Sequence[tuple[str, str]]]) -> None:
        """The signature page: ``intro``, then one block of label/value rows per partner."""
