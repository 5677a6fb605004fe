"""Price lists as CSV and XLSX: the same columns both ways, Dutch errors per row and column."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from stramien.model import PriceItem, PriceList
from stramien.monitor.effects_sheets import (
    COLUMNS,
    read_price_list,
    write_price_list_csv,
    write_price_list_xlsx,
)
from stramien.monitor.sheets import RowProblem

LIST = PriceList(
    id="pl-2026",
    title="Prijslijst 2026",
    year=2026,
    items=[
        PriceItem(
            id="pr-opvang",
            activity="Opvang; tijdelijk",
            unit="per maand",
            price=Decimal("1250.50"),
            year=2026,
            stakeholder="gemeente",
            payer="Gemeente",
            source="Eigen begroting 2026",
            uncertain=True,
        ),
        PriceItem(
            id="pr-coach",
            activity="=Coach",  # a formula-looking text survives both ways
            price=Decimal(300),
            illustrative=True,
        ),
    ],
)


@pytest.mark.parametrize(
    ("writer", "filename"),
    [(write_price_list_csv, "lijst.csv"), (write_price_list_xlsx, "lijst.xlsx")],
)
def test_what_is_written_reads_back_unchanged(writer: object, filename: str) -> None:
    data = writer(LIST)  # type: ignore[operator]
    found = read_price_list(data, filename, list_id="pl-2026", title="Prijslijst 2026")
    assert found == LIST


def test_the_csv_has_dutch_headings_and_decimal_commas() -> None:
    text = write_price_list_csv(LIST).decode("utf-8-sig")
    header, first, _second = text.splitlines()[:3]
    assert header == ";".join(COLUMNS)
    assert header.startswith("id;activiteit;eenheid;prijs;prijspeil;belanghebbende")
    assert first == (
        'pr-opvang;"Opvang; tijdelijk";per maand;1250,5;2026;gemeente;Gemeente;'
        "Eigen begroting 2026;ja;nee"
    )


def test_the_xlsx_has_the_same_columns_and_real_numbers() -> None:
    book = load_workbook(io.BytesIO(write_price_list_xlsx(LIST)))
    sheet = book["Prijslijst"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[1][3] == 1250.5 and rows[1][4] == 2026


def test_a_list_without_a_year_takes_the_latest_price_level_and_the_file_name() -> None:
    data = "id;activiteit;prijs;prijspeil\npr-a;Opvang;1.250,50;2025\npr-b;Coach;300;2026\n"
    found = read_price_list(data.encode(), "standaard prijzen.csv")
    assert isinstance(found, PriceList)
    assert (found.id, found.title, found.year) == ("standaard-prijzen", "standaard prijzen", 2026)
    assert found.items[0].price == Decimal("1250.50")


def problems_of(text: str, filename: str = "lijst.csv") -> list[tuple[int, str, str]]:
    found = read_price_list(text.encode("utf-8"), filename, year=2026)
    assert isinstance(found, list), "expected problems, got a price list"
    assert all(isinstance(p, RowProblem) for p in found)
    return [(p.row, p.column, p.message) for p in found]


def test_wrong_columns_are_named() -> None:
    assert problems_of("code;omschrijving;prijs\npr-a;Opvang;10\n") == [
        (
            1,
            "A",
            "De kolom 'code' kent Stramien niet. Gebruik de kolommen: id, activiteit, "
            "eenheid, prijs, prijspeil, belanghebbende, wie betaalt, bron, onzeker, "
            "illustratief.",
        ),
        (
            1,
            "B",
            "De kolom 'omschrijving' kent Stramien niet. Gebruik de kolommen: id, activiteit, "
            "eenheid, prijs, prijspeil, belanghebbende, wie betaalt, bron, onzeker, "
            "illustratief.",
        ),
        (1, "", "De kolom 'id' ontbreekt."),
        (1, "", "De kolom 'activiteit' ontbreekt."),
    ]


def test_bad_cells_give_every_problem_with_row_and_column_and_no_list() -> None:
    text = (
        "id;activiteit;prijs;onzeker\n"
        "pr-a;Opvang;tien euro;ja\n"
        "pr-b;Coach;-5;nee\n"
        "pr-c;;10;misschien\n"
        "pr-a;Nog eens;10;nee\n"
        "3x;Fout id;10;\n"
    )
    assert problems_of(text) == [
        (2, "prijs", "'tien euro' is geen getal; schrijf bijvoorbeeld 1250 of 12,5."),
        (3, "prijs", "De waarde moet minstens 0 zijn."),
        (4, "activiteit", "Deze cel is leeg en moet ingevuld zijn."),
        (4, "onzeker", "'misschien' is geen ja of nee."),
        (5, "id", "Het id 'pr-a' staat ook in rij 2."),
        (
            6,
            "id",
            "'3x' is geen geldig id: begin met een letter; daarna letters, cijfers, punt, "
            "streepje of liggend streepje.",
        ),
    ]


def test_an_empty_required_cell_is_named() -> None:
    assert problems_of("id;activiteit;prijs\npr-a;;10\n") == [
        (2, "activiteit", "Deze cel is leeg en moet ingevuld zijn.")
    ]


def test_a_file_that_is_no_sheet_is_one_problem() -> None:
    assert problems_of("", "lijst.csv") == [(0, "", "Het bestand is leeg.")]
    assert problems_of("hallo", "lijst.pdf")[0][0] == 0


def test_an_xlsx_with_a_bad_price_names_the_row() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "activiteit", "prijs"])
    sheet.append(["pr-a", "Opvang", "veel"])
    out = io.BytesIO()
    book.save(out)
    found = read_price_list(out.getvalue(), "lijst.xlsx", year=2026)
    assert found == [
        RowProblem(2, "prijs", "'veel' is geen getal; schrijf bijvoorbeeld 1250 of 12,5.")
    ]
