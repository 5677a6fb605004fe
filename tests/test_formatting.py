"""Dutch notation for numbers, amounts and dates, as every document, figure and check shows them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stramien.formatting import UNKNOWN, euro, long_date, month_year, number, short_date


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal(0), "€ 0"),
        (Decimal(250), "€ 250"),
        (Decimal(1000), "€ 1.000"),
        (Decimal(1234567), "€ 1.234.567"),
        (Decimal("1234.5"), "€ 1.234,50"),
        (Decimal("1234.05"), "€ 1.234,05"),
        (Decimal("2500000.00"), "€ 2.500.000"),  # whole euros: no ,00
        (Decimal("-250"), "€ -250"),
        (Decimal("-1234.5"), "€ -1.234,50"),
        (Decimal("1E+6"), "€ 1.000.000"),
        (12, "€ 12"),
        (0.1, "€ 0,10"),  # a float reads as it is written, not its binary value
        (Decimal("999999999999999.99"), "€ 999.999.999.999.999,99"),
        # Longer than Decimal's default precision of 28 digits: no digit is lost.
        (
            Decimal("123456789012345678901234567890.5"),
            "€ 123.456.789.012.345.678.901.234.567.890,50",
        ),
    ],
)
def test_euro(amount: Decimal | int | float, expected: str) -> None:
    assert euro(amount) == expected


def test_euro_rounds_half_up_to_whole_cents() -> None:
    assert euro(Decimal("2.675")) == "€ 2,68"
    assert euro(Decimal("2.665")) == "€ 2,67"  # half to even (the Decimal default) gives 2,66
    assert euro(Decimal("-2.665")) == "€ -2,67"
    assert euro(Decimal("0.004")) == "€ 0"
    # Rounded up to whole euros, the cents disappear rather than reading ",00".
    assert euro(Decimal("1.999")) == "€ 2"


def test_euro_never_shows_minus_zero() -> None:
    assert euro(Decimal("-0")) == "€ 0"
    assert euro(Decimal("-0.004")) == "€ 0"
    assert euro(-0.0) == "€ 0"


def test_unknown_values_read_as_a_dash() -> None:
    assert UNKNOWN == "—"
    for function in (euro, number, long_date, short_date, month_year):
        assert function(None) == UNKNOWN, function.__name__
    assert number(None, places=1, unit="%") == UNKNOWN


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(0), "0"),
        (Decimal(7), "7"),
        (Decimal(1234), "1.234"),
        (Decimal(1234567), "1.234.567"),
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("1234.50"), "1.234,5"),  # trailing zeros go
        (Decimal("3.000"), "3"),
        (Decimal("0.0625"), "0,0625"),
        (Decimal("-1234.5"), "-1.234,5"),
        (Decimal("-0.0"), "0"),
        (Decimal("1.2E+4"), "12.000"),
        (Decimal("1E-7"), "0,0000001"),
        (2.5, "2,5"),
        (10**20, "100.000.000.000.000.000.000"),
    ],
)
def test_number(value: Decimal | float | int, expected: str) -> None:
    assert number(value) == expected


def test_number_rounds_half_up_to_at_most_the_places_asked() -> None:
    assert number(2.25, places=1) == "2,3"
    assert number(2.35, places=1) == "2,4"  # as written, not as the float 2.34999...
    assert number(Decimal("2.04"), places=1) == "2"
    assert number(3.0, places=1) == "3"
    assert number(2 / 3, places=2) == "0,67"
    assert number(Decimal("-0.04"), places=1) == "0"
    assert number(Decimal("1234567.891"), places=2) == "1.234.567,89"
    assert number(Decimal("9.99"), places=0) == "10"


def test_number_with_a_unit() -> None:
    assert number(Decimal(120), unit="woningen") == "120 woningen"
    assert number(Decimal("1500.5"), unit=" kiloton per jaar ") == "1.500,5 kiloton per jaar"
    # A percent sign follows the number directly.
    assert number(Decimal(59), unit="%") == "59%"
    assert number(Decimal("12.5"), unit="% van de studenten") == "12,5% van de studenten"
    assert number(Decimal(3), unit="") == "3"


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), float("inf"), float("nan")])
def test_numbers_that_are_not_finite_are_refused(bad: Decimal | float) -> None:
    with pytest.raises(ValueError):
        number(bad)
    with pytest.raises(ValueError):
        euro(bad)


def test_dates() -> None:
    assert long_date(dt.date(2026, 1, 1)) == "1 januari 2026"
    assert long_date(dt.date(2027, 3, 31)) == "31 maart 2027"
    assert long_date(dt.date(2030, 12, 9)) == "9 december 2030"
    assert short_date(dt.date(2026, 3, 1)) == "01-03-2026"
    assert short_date(dt.date(2030, 12, 31)) == "31-12-2030"
    assert month_year(dt.date(2029, 6, 30)) == "06-2029"
    # A moment reads as its day.
    assert short_date(dt.datetime(2026, 3, 1, 23, 59)) == "01-03-2026"
    # Four-digit years everywhere, not whatever the platform's strftime does.
    assert short_date(dt.date(999, 1, 2)) == "02-01-0999"


def test_every_month_has_its_dutch_name() -> None:
    names = [long_date(dt.date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert names == [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ]  # fmt: skip
