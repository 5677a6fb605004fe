"""Spending and deliveries in kind as spreadsheet rows: Dutch numbers and dates, every bad
row with its column, and what is written reads back the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.monitor.finance_sheets import (
    FinanceKind,
    FinanceRow,
    date_from_cell,
    read_finance_sheet,
    write_finance_csv,
    write_finance_xlsx,
)
from stramien.monitor.sheets import SheetError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 12, 1)
SPENDING, IN_KIND = FinanceKind.SPENDING, FinanceKind.IN_KIND


@pytest.fixture(scope="module")
def agreement() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


def _csv(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def test_dutch_amounts_and_dates_are_read(agreement: Agreement) -> None:
    parsed = read_finance_sheet(
        _csv(
            "kostenpost;partner;datum;bedrag;toelichting\n"
            "k-2026-regie;gem-apeldoorn;30-6-2026;€ 1.250,50;Huur zaal\n"
            "k-2026-regie;gem-apeldoorn;2026-07-01;12,5;\n"
        ),
        "b.csv",
        SPENDING,
        agreement,
        TODAY,
    )
    assert parsed.problems == []
    assert [(r.day, r.amount, r.explanation) for r in parsed.rows] == [
        (dt.date(2026, 6, 30), Decimal("1250.5"), "Huur zaal"),
        (dt.date(2026, 7, 1), Decimal("12.5"), ""),
    ]


def test_every_bad_row_is_named_with_row_column_and_reason(agreement: Agreement) -> None:
    parsed = read_finance_sheet(
        _csv(
            "kostenpost;partner;datum;bedrag\n"
            "k-bestaat-niet;gem-apeldoorn;1-6-2026;10\n"
            "k-2026-regie;p-onbekend;1-6-2026;10\n"
            "k-2026-regie;gem-apeldoorn;31-2-2026;10\n"
            "k-2026-regie;gem-apeldoorn;1-6-2030;10\n"
            "k-2026-regie;gem-apeldoorn;1-6-2026;-5\n"
            "k-2026-regie;gem-apeldoorn;1-6-2026;1,234\n"
            "k-2026-regie;gem-apeldoorn;1-6-2026;veel\n"
        ),
        "b.csv",
        SPENDING,
        agreement,
        TODAY,
    )
    assert parsed.rows == []
    found = [(p.row, p.column) for p in parsed.problems]
    assert found == [
        (2, "kostenpost"),
        (3, "partner"),
        (4, "datum"),
        (5, "datum"),
        (6, "bedrag"),
        (7, "bedrag"),
        (8, "bedrag"),
    ]
    assert "staat niet (meer) in de begroting" in parsed.problems[0].message
    assert "toekomst" in parsed.problems[3].message


def test_a_delivery_takes_the_partner_of_its_contribution(agreement: Agreement) -> None:
    parsed = read_finance_sheet(
        _csv(
            "bijdrage;partner;datum;hoeveelheid;waarde\n"
            "bd-2026-ws-ruimte;;1-6-2026;2 kamers;500\n"
            "bd-2026-ws-ruimte;gem-apeldoorn;1-6-2026;;500\n"
        ),
        "n.csv",
        IN_KIND,
        agreement,
        TODAY,
    )
    assert [(r.partner, r.quantity) for r in parsed.rows] == [("ws-veluwsepoort", "2 kamers")]
    assert [(p.row, p.column) for p in parsed.problems] == [(3, "partner")]


def test_an_unknown_or_missing_column_refuses_the_file(agreement: Agreement) -> None:
    with pytest.raises(SheetError, match="kolom 'bedrag2' is onbekend"):
        read_finance_sheet(
            _csv("kostenpost;partner;datum;bedrag2\n"), "b.csv", SPENDING, agreement, TODAY
        )
    with pytest.raises(SheetError, match="bedrag"):
        read_finance_sheet(_csv("kostenpost;partner;datum\n"), "b.csv", SPENDING, agreement, TODAY)


def test_the_same_row_twice_is_refused(agreement: Agreement) -> None:
    row = "k-2026-regie;gem-apeldoorn;1-6-2026;10\n"
    parsed = read_finance_sheet(
        _csv("kostenpost;partner;datum;bedrag\n" + row + row), "b.csv", SPENDING, agreement, TODAY
    )
    assert [p.row for p in parsed.problems] == [3]
    assert "rij 2" in parsed.problems[0].message


@pytest.mark.parametrize("kind", [SPENDING, IN_KIND])
def test_what_is_written_reads_back_the_same(agreement: Agreement, kind: FinanceKind) -> None:
    item = "k-2026-regie" if kind is SPENDING else "bd-2026-ws-ruimte"
    partner = "gem-apeldoorn" if kind is SPENDING else "ws-veluwsepoort"
    rows = [
        FinanceRow(item=item, partner=partner, day=dt.date(2026, 6, 30), amount=Decimal("1250.5")),
        FinanceRow(
            item=item,
            partner=partner,
            day=dt.date(2026, 7, 1),
            amount=Decimal("0.01"),
            quantity="3 uur" if kind is IN_KIND else "",
            explanation="=SOM(A1:A3)\nregel twee",
        ),
    ]
    for name, data in [
        ("x.csv", write_finance_csv(kind, rows)),
        ("x.xlsx", write_finance_xlsx(kind, rows)),
    ]:
        parsed = read_finance_sheet(data, name, kind, agreement, TODAY)
        assert parsed.problems == []
        assert parsed.rows == rows
    assert write_finance_xlsx(kind, rows) == write_finance_xlsx(kind, rows)
    # A formula is written as text, never as something a spreadsheet runs.
    assert b"'=SOM(A1:A3)" in write_finance_csv(kind, rows)


def test_dates_as_people_write_them() -> None:
    assert date_from_cell("30 juni 2026") == dt.date(2026, 6, 30)
    assert date_from_cell(dt.datetime(2026, 6, 30, 0, 0)) == dt.date(2026, 6, 30)
    assert date_from_cell("") is None
    with pytest.raises(ValueError, match="geen datum"):
        date_from_cell("gisteren")
