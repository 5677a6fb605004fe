"""Reading and writing sheets of measurements (stramien.monitor.sheets), without a database."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from stramien.model import Dimension, Indicator, MeasureType, ReportingFrequency
from stramien.monitor.sheets import (
    MAX_SHEET_BYTES,
    SheetError,
    SheetRow,
    number_from_cell,
    period_from_cell,
    read_sheet,
    write_csv,
    write_xlsx,
)

QUARTERLY = ReportingFrequency.QUARTERLY

INDICATORS = [
    Indicator(
        id="i-woningen",
        name="Gerenoveerde woningen",
        goal="g-wonen",
        unit="woningen",
        dimensions=[Dimension(key="wijk", name="Wijk", values=["Noord", "Zuid"])],
    ),
    Indicator(
        id="i-deelname",
        name="Deelname",
        goal="g-meedoen",
        measure=MeasureType.PERCENTAGE,
        frequency=ReportingFrequency.MONTHLY,
    ),
]


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


def _read(data: bytes, name: str = "metingen.csv"):
    return read_sheet(data, name, INDICATORS)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.250,5", Decimal("1250.5")),
        ("12,5", Decimal("12.5")),
        ("1.250", Decimal(1250)),
        ("12.5", Decimal("12.5")),
        ("-3", Decimal(-3)),
        ("1 250", Decimal(1250)),
        ("1,250.75", Decimal("1250.75")),
        ("", None),
    ],
)
def test_numbers_as_dutch_users_type_them(typed: str, expected: Decimal | None) -> None:
    assert number_from_cell(typed) == expected


def test_a_spreadsheet_float_is_rounded_to_what_is_stored() -> None:
    assert number_from_cell(0.1 + 0.2) == Decimal("0.3")
    with pytest.raises(ValueError, match="geen getal"):
        number_from_cell("twaalf")
    with pytest.raises(ValueError, match="te groot"):
        number_from_cell("1" + "0" * 20)
    with pytest.raises(ValueError, match="6 cijfers"):
        number_from_cell("0,1234567")


@pytest.mark.parametrize(
    "typed",
    ["2027-Q2", "2027-K2", "2027 k2", "K2 2027", "2e kwartaal 2027", "30-6-2027", "2027-05-01"],
)
def test_periods_as_people_write_them(typed: str) -> None:
    assert period_from_cell(typed, QUARTERLY) == "2027-Q2"


def test_months_and_date_cells() -> None:
    monthly = ReportingFrequency.MONTHLY
    assert period_from_cell("maart 2027", monthly) == "2027-M03"
    assert period_from_cell("2027-3", monthly) == "2027-M03"
    assert period_from_cell(dt.datetime(2027, 3, 9), monthly) == "2027-M03"
    assert period_from_cell(2027, ReportingFrequency.YEARLY) == "2027"


def test_a_period_of_the_wrong_length_says_what_to_write() -> None:
    with pytest.raises(ValueError, match="bijvoorbeeld 2027-Q1"):
        period_from_cell("2027-M03", QUARTERLY)
    with pytest.raises(ValueError, match="geen bestaande datum"):
        period_from_cell("31-2-2027", QUARTERLY)


def test_semicolons_bom_and_dutch_numbers() -> None:
    parsed = _read(
        _csv(
            "\ufeffIndicator;Periode;Wijk;Waarde;Toelichting\n"
            "i-woningen;2027-K2;noord;1.250;Eerste blok\n"
            ";;;;\n"
            "i-woningen;2027-K2;Zuid;12,5;\n"
        )
    )
    assert parsed.problems == []
    assert parsed.skipped == 1
    first, second = parsed.rows
    assert (first.period, dict(first.dimensions), first.value) == (
        "2027-Q2",
        {"wijk": "Noord"},
        Decimal(1250),
    )
    assert first.explanation == "Eerste blok"
    assert (second.row, second.value) == (4, Decimal("12.5"))


def test_commas_and_windows_1252() -> None:
    parsed = _read(
        _csv(
            'indicator,periode,wijk,waarde,toelichting\ni-woningen,2027-Q1,Noord,"3,5",café\n',
            "cp1252",
        )
    )
    assert parsed.problems == []
    assert (parsed.rows[0].value, parsed.rows[0].explanation) == (Decimal("3.5"), "café")


def test_tabs_and_utf_16_as_excel_saves_unicode_text() -> None:
    text = "indicator\tperiode\twijk\twaarde\ni-woningen\t2027-HJ1\tZuid\t7\n"
    with pytest.raises(SheetError, match="geen leesbare tekst"):
        _read(text.encode("utf-16-le"))  # without its byte order mark: no way to tell
    parsed = _read(text.encode("utf-16"))
    assert parsed.problems[0].message.startswith("'2027-H1' is een halfjaar")
    monthly = "indicator\tperiode\tteller\tnoemer\ni-deelname\tmrt 2027\t7\t8\n"
    parsed = _read(monthly.encode("utf-16"))
    assert parsed.problems == [] and parsed.rows[0].period == "2027-M03"


def test_every_bad_row_has_its_row_column_and_reason() -> None:
    parsed = _read(
        _csv(
            "indicator;periode;wijk;waarde;teller;noemer\n"
            "i-woningen;2027-Q2;West;10;;\n"
            "i-onbekend;2027-Q2;;10;;\n"
            "i-woningen;2027-Q9;;veel;;\n"
            "i-deelname;2027-M01;;40;;\n"
            "i-deelname;2027-M02;;;50;40\n"
            "i-woningen;2027-Q3;;5;;\n"
            "i-woningen;2027-K3;;6;;\n"
        )
    )
    found = {(p.row, p.column): p.message for p in parsed.problems}
    assert "kies uit: Noord, Zuid" in found[(2, "wijk")]
    assert "niet (meer) in de overeenkomst" in found[(3, "indicator")]
    assert "geen geldige periode" in found[(4, "periode")]
    assert "geen getal" in found[(4, "waarde")]
    assert "teller en noemer" in found[(5, "teller")]
    assert "tussen nul en de noemer" in found[(6, "teller")]
    assert "ook al op rij 7" in found[(8, "periode")]
    assert [row.row for row in parsed.rows] == [7]


def test_files_that_are_not_sheets_are_refused_in_dutch() -> None:
    with pytest.raises(SheetError, match="leeg"):
        _read(b"\r\n\r\n")
    with pytest.raises(SheetError, match="geen leesbare Excel-werkmap"):
        _read(b"PK\x03\x04 geen zip", "metingen.xlsx")
    with pytest.raises(SheetError, match=r"heet \.xlsx, maar"):
        _read(b"indicator;periode\n", "metingen.xlsx")
    with pytest.raises(SheetError, match="oude formaat"):
        _read(b"\xd0\xcf\x11\xe0" + bytes(100), "metingen.xls")
    with pytest.raises(SheetError, match="CSV-bestand"):
        _read(b"%PDF-1.7", "metingen.pdf")
    with pytest.raises(SheetError, match="geen leesbare tekst"):
        _read(b"indicator;periode\n\x81\x8d\x00", "metingen.csv")
    with pytest.raises(SheetError, match="hoogstens 25 MB"):
        _read(b"a" * (MAX_SHEET_BYTES + 1))
    with pytest.raises(SheetError, match="kolom 'bedrag' is onbekend"):
        _read(_csv("indicator;periode;bedrag\n"))
    with pytest.raises(SheetError, match="periode ontbreken"):
        _read(_csv("indicator;waarde\n"))
    with pytest.raises(SheetError, match="aanhalingsteken"):
        _read(_csv('indicator;periode\n"i-woningen;2027-Q1\n'))


def test_a_word_document_is_not_a_workbook() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(SheetError, match="geen leesbare Excel-werkmap"):
        _read(out.getvalue(), "metingen.xlsx")


ROWS = [
    SheetRow(
        indicator="i-woningen",
        period="2027-Q2",
        dimensions={"wijk": "Noord"},
        value=Decimal("1250.5"),
        explanation="=SOM(A1:A9)",
        status="Goedgekeurd",
    ),
    SheetRow(indicator="i-woningen", period="2027-Q3", value=Decimal(-4), explanation="'+ of -"),
    SheetRow(
        indicator="i-deelname",
        period="2027-M01",
        numerator=Decimal(30),
        denominator=Decimal("123456789012345.123456"),
        explanation="Twee regels\nuitleg",
    ),
]


def test_csv_round_trip_and_defused_formulas() -> None:
    data = write_csv(ROWS, INDICATORS)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "indicator;periode;wijk;waarde;teller;noemer;toelichting;status"
    assert ";1250,5;" in text and ";'=SOM(A1:A9);Goedgekeurd" in text
    assert ";-4;" in text  # our own numbers are numbers, not defused text
    parsed = _read(data)
    assert parsed.problems == [] and parsed.rows == ROWS


def test_xlsx_round_trip_is_byte_identical_and_defused() -> None:
    data = write_xlsx(ROWS, INDICATORS)
    assert data == write_xlsx(ROWS, INDICATORS)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["G2"].value == "'=SOM(A1:A9)" and sheet["G2"].data_type == "s"
    assert sheet["D2"].value == 1250.5
    parsed = _read(data, "metingen.xlsx")
    assert parsed.problems == [] and parsed.rows == ROWS


def test_an_xlsx_someone_made_in_excel() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Indicator", "Periode", "Wijk", "Waarde"])
    sheet.append(["i-woningen", dt.datetime(2027, 5, 12), "Zuid", 12])
    sheet.append([None, None, None, None])
    sheet.append(["i-woningen", "2027-K3", "Zuid", "=A1"])
    out = io.BytesIO()
    book.save(out)
    parsed = _read(out.getvalue(), "uit-excel.xlsx")
    assert [(row.row, row.period, row.value) for row in parsed.rows] == [
        (2, "2027-Q2", Decimal(12))
    ]
    assert [(p.row, p.column) for p in parsed.problems] == [(4, "Waarde")]
