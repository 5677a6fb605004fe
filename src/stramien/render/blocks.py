"""The document as format-neutral blocks: every renderer (PDF, DOCX, ODT, HTML, Markdown)
walks the same list, so all formats carry the same text in the same order.

All strings here are user text or our own text, never markup: each renderer escapes them
for its format in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Heading:
    level: Literal[1, 2, 3]
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: Literal["normal", "lead", "note"] = "normal"


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """Label/value pairs, such as the start and end date of the programme."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Indices of columns that hold numbers or amounts: right-aligned in every format.
    numeric: frozenset[int] = frozenset()
    # Relative column widths (sum is irrelevant); None lets the renderer decide.
    widths: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A diagram or chart. ``svg`` is the picture; PNG is derived from it where needed."""

    key: str
    title: str
    alt: str
    svg: str
    width_cm: float = 16.0


@dataclass(frozen=True, slots=True)
class Picture:
    """An attached image (the artist impression): PNG, JPEG or SVG bytes from the
    programme's own attachments, never a path."""

    name: str
    data: bytes
    mime: Literal["image/png", "image/jpeg", "image/svg+xml"]
    alt: str
    caption: str = ""
    width_cm: float = 16.0


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Signature:
    organisation: str
    name: str
    function: str
    mandate: str
    # Filled once the organisation approved a revision (issue: agreeing and publishing).
    approval: str = ""


@dataclass(frozen=True, slots=True)
class SignaturePage:
    intro: str
    signatures: tuple[Signature, ...]


Block = Heading | Paragraph | Bullets | Facts | Table | Figure | Picture | PageBreak | SignaturePage


@dataclass(frozen=True, slots=True)
class IndicatorStand:
    """The latest approved value of one indicator, as the monitoring knows it."""

    period: str  # the period it is for, as a reader says it: 2e kwartaal 2027
    value: str  # the value so far, as a reader sees it: 402 personen
    status: str  # against the path: Op koers


@dataclass(frozen=True, slots=True)
class MonitoringStand:
    """Appendix 1 with measured values (the web application's download); None: without."""

    as_of: dt.date
    indicators: tuple[tuple[str, IndicatorStand], ...]  # (indicator id, stand)


@dataclass(frozen=True, slots=True)
class RevisionMeta:
    """What the document says about the version it shows."""

    status: Literal["concept", "vastgesteld"] = "concept"
    revision: str = "werkversie"
    # sha256 over the canonical JSON of the agreement (the revision hash once revisions exist).
    hash: str = ""
    # The revision's time; also the timestamp inside every output file (determinism).
    timestamp: dt.datetime | None = None
    # Per partner name: the approval that adopted this revision (shown on the signature page).
    approvals: tuple[tuple[str, str], ...] = ()
    # The latest approved value per indicator, shown in appendix 1 (monitoring).
    monitoring: MonitoringStand | None = None
    # Which amendment of the agreement this version is ("wijziging n"); None: the original.
    amendment: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    subtitle: str
    short_name: str
    partners: tuple[str, ...]
    meta: RevisionMeta
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    language: str = "nl"

    @property
    def status_label(self) -> str:
        label = "Vastgesteld" if self.meta.status == "vastgesteld" else "Concept"
        if self.meta.amendment is not None:
            label += f", wijziging {self.meta.amendment}"
        return label

    @property
    def date_label(self) -> str:
        stamp = self.meta.timestamp
        return f"{stamp:%d-%m-%Y}" if stamp is not None else "ongedateerd"
