"""Dutch notation for numbers, amounts and dates: the one place that writes them.

The document, its figures, the checks and the web pages all format through here, so the
same value reads the same everywhere: 1.234.567,5 · € 1.234.567 · € 1.234,50 · 59% ·
1 januari 2026 · 01-01-2026. An unknown value (``None``) reads as a dash. Standard library
only: every layer may import it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "MONTHS",
    "UNKNOWN",
    "euro",
    "long_date",
    "month_year",
    "number",
    "short_date",
    "spreadsheet_text",
]

#: What an unknown value reads as.
UNKNOWN = "—"

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

Numeric = Decimal | float | int


def number(value: Numeric | None, places: int | None = None, unit: str = "") -> str:
    """A number the Dutch way: 1.234.567,5 (grouped by dots, decimal comma).

    With ``places``, rounded half up to at most that many decimals; trailing zeros are
    dropped either way (2,50 -> 2,5; 3,0 -> 3). ``unit`` follows after a space, except a
    percent sign, which follows directly (59%, 12% van de studenten).
    """
    if value is None:
        return UNKNOWN
    amount = _decimal(value)
    if places is not None:
        amount = _rounded(amount, places)
    text = _grouped(amount, trim=True)
    unit = unit.strip()
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def euro(amount: Numeric | None) -> str:
    """An amount in euro: € 1.234.567, with cents only when there are any (€ 1.234,50).

    Rounded half up to whole cents; a negative amount reads € -250, as in the nl-NL locale.
    """
    if amount is None:
        return UNKNOWN
    cents = _rounded(_decimal(amount), 2)
    whole = cents.to_integral_value()
    return "€ " + _grouped(whole if cents == whole else cents)


def long_date(day: dt.date | None) -> str:
    """A date written out: 1 januari 2026."""
    if day is None:
        return UNKNOWN
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date | None) -> str:
    """A date in figures: 01-01-2026 (the same on every platform, unlike strftime)."""
    if day is None:
        return UNKNOWN
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def month_year(day: dt.date | None) -> str:
    """The month of a date in figures: 01-2026."""
    if day is None:
        return UNKNOWN
    return f"{day.month:02d}-{day.year:04d}"


#: What a spreadsheet program reads as the start of a formula (a tab or a carriage return
#: may come before one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text for a CSV or XLSX cell that no spreadsheet program runs as a formula.

    A leading apostrophe makes it text (``=SOM(A1)`` -> ``'=SOM(A1)``). Text that already
    starts with an apostrophe before such a start gets one more, so reading a cell back
    (dropping one apostrophe) always gives the text that was written.
    """
    if text[:1] in FORMULA_STARTS or (text[:1] == "'" and spreadsheet_text(text[1:]) != text[1:]):
        return "'" + text
    return text


def _decimal(value: Numeric) -> Decimal:
    # Through str(): Decimal(0.1) would carry the float's binary error in every digit.
    found = value if isinstance(value, Decimal) else Decimal(str(value))
    if not found.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return found


def _rounded(value: Decimal, places: int) -> Decimal:
    with localcontext() as context:
        # Room for every digit of a large number: quantize fails where the result is longer.
        context.prec = max(context.prec, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _grouped(value: Decimal, *, trim: bool = False) -> str:
    """All digits of ``value``, grouped: -1234.50 -> -1.234,50 (never a minus zero).

    ``trim`` drops trailing zeros of the fraction. Works on the digits themselves, so no
    context precision rounds a long number.
    """
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{value.copy_abs():f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")
