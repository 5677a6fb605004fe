"""A societal price list as a spreadsheet: reading a CSV or XLSX file, and writing the same.

One row is one price item. The columns, written in this order and read in any order:
``id``, ``activiteit``, ``eenheid``, ``prijs``, ``prijspeil``, ``belanghebbende`` (the id of
a party), ``wie betaalt``, ``bron``, ``onzeker`` and ``illustratief`` (ja/nee). Only ``id``,
``activiteit`` and ``prijs`` must be there. What this module writes it reads back unchanged.

A file with one problem gives no price list at all: every problem comes back, with its row
and column, and nothing is half read. The file reading and cell parsing are those of
``sheets`` (measurements).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from stramien.model import PriceItem, PriceList
from stramien.model.base import DUTCH_BOOLS

from .sheets import (
    RowProblem,
    SheetError,
    TypedRow,
    cell_text,
    column_letter,
    number_from_cell,
    read_table,
    write_csv_table,
    write_xlsx_table,
)

SHEET_NAME = "Prijslijst"

# Column heading -> field of the price item, in the order they are written.
COLUMNS: dict[str, str] = {
    "id": "id",
    "activiteit": "activity",
    "eenheid": "unit",
    "prijs": "price",
    "prijspeil": "year",
    "belanghebbende": "stakeholder",
    "wie betaalt": "payer",
    "bron": "source",
    "onzeker": "uncertain",
    "illustratief": "illustrative",
}
REQUIRED = ("id", "activiteit", "prijs")
# Other words people use for a column (casefolded).
ALIASES = {
    "activiteit of gebeurtenis": "activiteit",
    "gebeurtenis": "activiteit",
    "prijs (euro)": "prijs",
    "bedrag": "prijs",
    "jaar": "prijspeil",
    "partij": "belanghebbende",
    "betaler": "wie betaalt",
    "onzekere prijs": "onzeker",
}
_NUMBERS = ("prijs", "prijspeil")
_YES_NO = ("onzeker", "illustratief")
_YES_NO_WORDS = DUTCH_BOOLS | {"1": True, "0": False, "true": True, "false": False, "": False}
_SLUG = re.compile(r"[^A-Za-z0-9_.\-]+")


def _heading(cell: Any) -> str:
    text = " ".join(cell_text(cell).casefold().split())
    return ALIASES.get(text, text)


def _columns(header: Sequence[Any]) -> tuple[dict[str, int], list[RowProblem]]:
    found: dict[str, int] = {}
    problems: list[RowProblem] = []
    for index, cell in enumerate(header):
        name = _heading(cell)
        letter = column_letter(index)
        if not name:
            continue
        if name not in COLUMNS:
            problems.append(
                RowProblem(
                    1,
                    letter,
                    f"De kolom '{cell_text(cell)}' kent Stramien niet. Gebruik de kolommen: "
                    f"{', '.join(COLUMNS)}.",
                )
            )
        elif name in found:
            problems.append(RowProblem(1, letter, f"De kolom '{name}' staat er twee keer in."))
        else:
            found[name] = index
    for name in REQUIRED:
        if name not in found:
            problems.append(RowProblem(1, "", f"De kolom '{name}' ontbreekt."))
    return found, problems


_FIELD_HEADINGS = {field: heading for heading, field in COLUMNS.items()}


def _item(
    number: int, cells: Sequence[Any], columns: dict[str, int]
) -> tuple[PriceItem | None, list[RowProblem]]:
    problems: list[RowProblem] = []
    data: dict[str, Any] = {}
    for heading, index in columns.items():
        cell = cells[index] if index < len(cells) else None
        field = COLUMNS[heading]
        if heading in _NUMBERS:
            try:
                value = number_from_cell(cell)
            except ValueError as error:
                problems.append(RowProblem(number, heading, str(error)))
                continue
            if value is None:
                continue
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
            data[field] = int(value) if heading == "prijspeil" else value
        elif heading in _YES_NO:
            text = cell_text(cell).casefold()
            if text not in _YES_NO_WORDS:
                problems.append(
                    RowProblem(number, heading, f"'{cell_text(cell)}' is geen ja of nee.")
                )
                continue
            data[field] = _YES_NO_WORDS[text]
        else:
            text = cell_text(cell)
            if not text and heading in REQUIRED:
                problems.append(
                    RowProblem(number, heading, "Deze cel is leeg en moet ingevuld zijn.")
                )
            elif text:
                data[field] = text
    if problems:
        return None, problems
    try:
        return PriceItem.model_validate(data), []
    except ValidationError as error:
        for detail in error.errors():
            where = detail["loc"][0] if detail["loc"] else ""
            heading = _FIELD_HEADINGS.get(str(where), str(where))
            problems.append(RowProblem(number, heading, _message(detail)))
        return None, problems


def _message(detail: Any) -> str:
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind == "missing" or (kind == "string_pattern_mismatch" and detail.get("input") == ""):
        return "Deze cel is leeg en moet ingevuld zijn."
    if kind == "string_pattern_mismatch":
        return (
            f"'{detail.get('input')}' is geen geldig id: begin met een letter; daarna letters, "
            "cijfers, punt, streepje of liggend streepje."
        )
    if kind == "greater_than_equal":
        return f"De waarde moet minstens {context.get('ge')} zijn."
    if kind == "less_than_equal":
        return f"De waarde mag hoogstens {context.get('le')} zijn."
    if kind == "string_too_long":
        return f"Deze tekst is te lang (hoogstens {context.get('max_length')} tekens)."
    if kind in ("decimal_max_places", "decimal_max_digits", "decimal_whole_digits"):
        return "Geef een bedrag in euro met hoogstens twee cijfers achter de komma."
    return "Deze waarde klopt niet."


def _rows(table: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in enumerate(table[1:], start=2):
        if any(cell_text(cell) for cell in cells):
            yield number, cells


def read_price_list(
    data: bytes,
    filename: str,
    *,
    list_id: str | None = None,
    title: str | None = None,
    year: int | None = None,
) -> PriceList | list[RowProblem]:
    """The price list in a CSV or XLSX file, or every problem in it (row 1 is the header;
    row 0 is the file as a whole). Nothing partial: one problem and no list comes back.

    The list gets ``list_id``, ``title`` and ``year`` when given; otherwise an id and title
    from the file name and, as year, the latest price level in the rows."""
    try:
        table = read_table(data, filename, SHEET_NAME)
    except SheetError as error:
        return [RowProblem(0, "", str(error))]
    if not table or not any(cell_text(cell) for cell in table[0]):
        return [RowProblem(1, "", "De eerste regel moet de kolomkoppen bevatten.")]
    columns, problems = _columns(table[0])
    if problems:
        return problems
    items: list[PriceItem] = []
    seen: dict[str, int] = {}
    for number, cells in _rows(table):
        item, found = _item(number, cells, columns)
        problems += found
        index = columns["id"]
        item_id = cell_text(cells[index]) if index < len(cells) else ""
        if item_id in seen:
            problems.append(
                RowProblem(number, "id", f"Het id '{item_id}' staat ook in rij {seen[item_id]}.")
            )
            continue
        if item_id:
            seen[item_id] = number
        if item is not None:
            items.append(item)
    if not items and not problems:
        problems.append(RowProblem(2, "", "Het bestand bevat geen prijsregels."))
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "prijslijst"
    if year is None:
        years = [item.year for item in items if item.year is not None]
        year = max(years) if years else None
    if problems:
        return problems
    if year is None:
        return [RowProblem(0, "prijspeil", "Het prijspeil ontbreekt: vul de kolom 'prijspeil'.")]
    slug = _SLUG.sub("-", stem).strip("-.") or "prijslijst"
    if not slug[0].isalpha():
        slug = f"pl-{slug}"
    try:
        return PriceList(id=list_id or slug[:64], title=title or stem[:300], year=year, items=items)
    except ValidationError:
        return [RowProblem(0, "", "Het prijspeil moet een jaar tussen 1900 en 2200 zijn.")]


def _typed(item: PriceItem) -> TypedRow:
    return [
        ("text", item.id),
        ("text", item.activity),
        ("text", item.unit),
        ("number", item.price),
        ("number", None if item.year is None else Decimal(item.year)),
        ("text", item.stakeholder or ""),
        ("text", item.payer),
        ("text", item.source),
        ("text", "ja" if item.uncertain else "nee"),
        ("text", "ja" if item.illustrative else "nee"),
    ]


def write_price_list_csv(price_list: PriceList) -> bytes:
    """The price list as CSV: ``;`` between cells, UTF-8 with BOM, decimal commas."""
    return write_csv_table(list(COLUMNS), (_typed(item) for item in price_list.items))


def write_price_list_xlsx(price_list: PriceList) -> bytes:
    """The price list as a workbook with one sheet, 'Prijslijst'; the same list gives the
    same bytes."""
    return write_xlsx_table(SHEET_NAME, list(COLUMNS), (_typed(item) for item in price_list.items))


__all__ = [
    "COLUMNS",
    "REQUIRED",
    "SHEET_NAME",
    "read_price_list",
    "write_price_list_csv",
    "write_price_list_xlsx",
]
