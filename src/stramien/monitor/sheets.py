"""Measurements as spreadsheet rows: reading a CSV or XLSX file, and writing the same form.

One row is one value: ``indicator``, ``periode``, a column per breakdown (the dimension's
key, such as ``wijk``; empty for the whole), ``waarde`` or ``teller`` and ``noemer``,
``toelichting`` and, written only, ``status``. What this module writes it reads back
unchanged, so an export imported again adds nothing.

Reading is forgiving where a Dutch spreadsheet user would expect it (``1.250,5`` and ``12,5``,
``2027-K2`` for ``2027-Q2``, a date for the period it falls in, ``;`` or ``,`` between the
columns, UTF-8 with or without BOM or Windows-1252) and strict about everything else: every
problem is reported with its row and column, in Dutch, and a row with a problem is not
returned. No Django and no database: the web application decides what the rows change.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from stramien.formatting import MONTHS, spreadsheet_text
from stramien.model import Dimension, Indicator, MeasureType, ReportingFrequency, period_key

from .measurements import Cell, Measurement, MeasurementError, measurement_problems
from .periods import PeriodError, parse_period, period_of

#: Larger files are refused before they are read.
MAX_SHEET_BYTES = 25 * 1024 * 1024
#: At most this many rows (without the header) in one file.
MAX_SHEET_ROWS = 250_000
# An XLSX file is a zip; what it unpacks to is limited too (no zip bombs).
_MAX_XLSX_UNPACKED = 400 * 1024 * 1024
#: The most characters a toelichting may have (as in the entry form).
MAX_EXPLANATION = 2000

INDICATOR = "indicator"
PERIOD = "periode"
VALUE = "waarde"
NUMERATOR = "teller"
DENOMINATOR = "noemer"
EXPLANATION = "toelichting"
STATUS = "status"
#: Dimension columns may also be written with this prefix (``uitsplitsing:wijk``); the export
#: uses it only for a dimension whose key is also the name of one of the fixed columns.
DIMENSION_PREFIX = "uitsplitsing:"

_NUMBER_COLUMNS = (VALUE, NUMERATOR, DENOMINATOR)
_FIXED_ALIASES: dict[str, str] = {
    "indicator": INDICATOR,
    "indicator id": INDICATOR,
    "indicator_id": INDICATOR,
    "indicator-id": INDICATOR,
    "periode": PERIOD,
    "period": PERIOD,
    "waarde": VALUE,
    "value": VALUE,
    "teller": NUMERATOR,
    "numerator": NUMERATOR,
    "noemer": DENOMINATOR,
    "denominator": DENOMINATOR,
    "toelichting": EXPLANATION,
    "opmerking": EXPLANATION,
    "explanation": EXPLANATION,
    "status": STATUS,
}
# The number of decimals stored; more would change the value on storage.
_PLACES = 6
_TOO_LARGE = Decimal(10) ** 18


class SheetError(ValueError):
    """The file cannot be read as a sheet of measurements at all; the message is Dutch."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong in one row (1 is the header) and column (its heading, or its letter)."""

    row: int
    column: str
    message: str


# Not frozen: a frozen dataclass sets every field through object.__setattr__, which made
# building the rows of a 100,000-row file a fifth of reading it. Treat it as read-only.
@dataclass(slots=True, kw_only=True)
class SheetRow:
    """One value as a sheet holds it; ``row`` is its row number in the file (0: written)."""

    indicator: str
    period: str
    dimensions: Mapping[str, str] = field(default_factory=dict, hash=False)
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    explanation: str = ""
    # Neither is part of the value: the status is only written, the row only read.
    status: str = field(default="", compare=False)
    row: int = field(default=0, compare=False)
    #: Indicator, period and breakdown cell: what one value is about.
    slot: tuple[str, str, Cell] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if type(self.dimensions) is not MappingProxyType:  # the reader shares one per breakdown
            self.dimensions = MappingProxyType(dict(self.dimensions))
        self.slot = (self.indicator, self.period, tuple(sorted(self.dimensions.items())))

    @property
    def content(self) -> tuple[Decimal | None, Decimal | None, Decimal | None, str]:
        return (self.value, self.numerator, self.denominator, self.explanation)


@dataclass(frozen=True, slots=True)
class ParsedSheet:
    """The rows without problems, every problem (sorted by row), and how many empty rows
    were skipped. A caller that stores anything stores nothing while ``problems`` is not
    empty."""

    rows: list[SheetRow]
    problems: list[RowProblem]
    skipped: int = 0
    #: The heading in the file of each column found (``indicator`` -> ``Indicator``).
    columns: Mapping[str, str] = field(default_factory=dict)


# --- Reading ------------------------------------------------------------------------------


def read_sheet(data: bytes, filename: str, indicators: Sequence[Indicator]) -> ParsedSheet:
    """The measurements in a CSV or XLSX file, for the indicators of the agreement.

    Raises ``SheetError`` when the file as a whole cannot be read (wrong kind, too large,
    no header); problems in rows come back in ``problems``, each with row and column.
    """
    return _Reader(indicators).read(read_table(data, filename, "Metingen"))


def read_table(data: bytes, filename: str, sheet_name: str) -> list[list[Any]]:
    """The cells of a CSV file, or of the sheet ``sheet_name`` (else the first) of an XLSX
    file, row by row. Raises ``SheetError`` when the file cannot be read as a table; the
    one reader for every kind of sheet (measurements, spending, deliveries in kind)."""
    if len(data) > MAX_SHEET_BYTES:
        raise SheetError(
            f"Het bestand is {len(data) / 1024 / 1024:.1f} MB; het mag hoogstens "
            f"{MAX_SHEET_BYTES // 1024 // 1024} MB zijn. Splits het in kleinere bestanden."
        )
    if not data.strip():
        raise SheetError("Het bestand is leeg.")
    if _kind(data, filename) == "xlsx":
        return _xlsx_rows(data, sheet_name)
    return _csv_rows(data)


def _kind(data: bytes, filename: str) -> str:
    name = filename.lower()
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError(
            "Dit is een Excel-bestand in het oude formaat (.xls). Sla het in Excel op als "
            "Excel-werkmap (.xlsx) of als CSV en lees dat in."
        )
    if name.endswith((".xlsx", ".xlsm")):
        raise SheetError("Dit bestand heet .xlsx, maar is geen Excel-werkmap.")
    if not name.endswith((".csv", ".txt", ".tsv")) and "." in name.rsplit("/", 1)[-1]:
        raise SheetError(
            "Kies een CSV-bestand (.csv) of een Excel-werkmap (.xlsx); dit bestand is geen "
            "van beide."
        )
    return "csv"


def _decoded(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise SheetError(
        "Dit bestand is geen leesbare tekst. Sla het op als CSV (UTF-8) of als Excel-werkmap "
        "(.xlsx) en probeer het opnieuw."
    )


def _separator(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: _count_outside_quotes(first, sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        raise SheetError(
            "De eerste regel heeft maar één kolom. Zet de kolomkoppen (indicator; periode; "
            "waarde; ...) op de eerste regel, gescheiden door ; of ,."
        )
    return best


def _count_outside_quotes(line: str, separator: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            count += 1
    return count


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = _decoded(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    rows: list[list[Any]] = []
    try:
        for row in reader:
            if len(rows) > MAX_SHEET_ROWS:
                raise SheetError(_too_many_rows())
            rows.append(row)
    except csv.Error:
        raise SheetError(
            f"Rij {len(rows) + 1} is geen geldige CSV: waarschijnlijk staat er een "
            'aanhalingsteken (") dat niet wordt gesloten.'
        ) from None
    return rows


def _too_many_rows() -> str:
    return (
        f"Het bestand heeft meer dan {MAX_SHEET_ROWS:,} rijen".replace(",", ".")
        + "; splits het in kleinere bestanden."
    )


_NOT_XLSX = (
    "Dit bestand is geen leesbare Excel-werkmap (.xlsx). Sla het opnieuw op als Excel-werkmap "
    "of als CSV."
)


def _xlsx_rows(data: bytes, sheet_name: str) -> list[list[Any]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise SheetError(
                    "Dit is een OpenDocument-rekenblad (.ods). Sla het op als Excel-werkmap "
                    "(.xlsx) of als CSV en lees dat in."
                )
    except zipfile.BadZipFile:
        raise SheetError(_NOT_XLSX) from None
    if "xl/workbook.xml" not in names:
        raise SheetError(_NOT_XLSX)
    if unpacked > _MAX_XLSX_UNPACKED:
        raise SheetError("Deze Excel-werkmap is uitgepakt te groot; splits haar in kleinere.")
    rows: list[list[Any]] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                if len(rows) > MAX_SHEET_ROWS:
                    raise SheetError(_too_many_rows())
                rows.append(list(values))
        finally:
            book.close()
    except SheetError:
        raise
    except Exception:  # openpyxl fails in many ways on a damaged file; all mean the same
        raise SheetError(_NOT_XLSX) from None
    return rows


def column_letter(index: int) -> str:
    """The spreadsheet's name of the column at ``index`` (0: A, 26: AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(cell: Any) -> str:
    """A cell as text, with the apostrophe that kept it from being a formula taken off."""
    if cell.__class__ is str and "\r" not in cell:
        text = cell.strip()
        return unquoted(text) if text[:1] == "'" else text
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).replace("\r\n", "\n").replace("\r", "\n").strip()
    return unquoted(text)


def unquoted(text: str) -> str:
    """The text ``spreadsheet_text`` was given: one leading apostrophe fewer where it added one."""
    if text[:1] == "'" and spreadsheet_text(text[1:]) != text[1:]:
        return text[1:]
    return text


_NO_HEADING = (
    "Deze cel staat in een kolom zonder kop; zet de waarde in de goede kolom of geef de "
    "kolom een kop."
)


class _Reader:
    """Reads the rows of one table. Files repeat the same periods, numbers and breakdown
    values on many rows, so each distinct one is checked once (a 100,000-row file)."""

    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self.indicators = {indicator.id: indicator for indicator in indicators}
        self.dimension_columns: dict[str, str] = {}
        # Per indicator, per dimension key: the dimension and its values by their casefold.
        self.declared: dict[str, dict[str, tuple[Dimension, dict[str, str]]]] = {}
        names: dict[str, set[str]] = {}
        for indicator in indicators:
            self.declared[indicator.id] = {
                d.key: (d, {v.casefold(): v for v in d.values}) for d in indicator.dimensions
            }
            for dimension in indicator.dimensions:
                self.dimension_columns.setdefault(dimension.key, dimension.key)
                self.dimension_columns[DIMENSION_PREFIX + dimension.key] = dimension.key
                names.setdefault(_heading(dimension.name), set()).add(dimension.key)
        for name, keys in names.items():
            if len(keys) == 1 and name not in self.dimension_columns:
                self.dimension_columns[name] = next(iter(keys))
        self.problems: list[RowProblem] = []
        self.periods: dict[tuple[Any, str], str | PeriodError] = {}
        self.numbers: dict[Any, Decimal | ValueError | None] = {}
        self.checked: dict[tuple[Any, ...], list[str]] = {}
        self.breakdowns: dict[tuple[str, ...], Mapping[str, str]] = {}

    def read(self, table: list[list[Any]]) -> ParsedSheet:
        start = next((i for i, row in enumerate(table) if any(map(cell_text, row))), None)
        if start is None:
            raise SheetError("Het bestand is leeg.")
        columns = self._columns(table[start], start + 1)
        self.headings = [cell_text(cell) for cell in table[start]]
        self.columns = columns
        self.width = max(columns.values()) + 1
        self.dimension_indexes = [
            (name[4:], index) for name, index in columns.items() if name.startswith("dim:")
        ]
        self.unnamed = [i for i in range(self.width) if not self.headings[i]]
        self.number_indexes = [(name, columns.get(name)) for name in _NUMBER_COLUMNS]
        rows: list[SheetRow] = []
        seen: dict[tuple[str, str, Cell], int] = {}
        skipped = 0
        for index in range(start + 1, len(table)):
            cells = table[index]
            texts = list(map(cell_text, cells))
            if not any(texts):
                skipped += 1
                continue
            found = self._row(index + 1, cells, texts)
            if found is None:
                continue
            slot = found.slot
            earlier = seen.get(slot)
            if earlier is not None:
                self.problems.append(
                    RowProblem(
                        found.row,
                        self.headings[columns[PERIOD]],
                        f"Deze indicator, periode en uitsplitsing staan ook al op rij {earlier}; "
                        "geef elke waarde één keer.",
                    )
                )
                continue
            seen[slot] = found.row
            rows.append(found)
        problems = sorted(self.problems, key=lambda p: p.row)
        named = {name: self.headings[index] for name, index in columns.items()}
        return ParsedSheet(rows, problems, skipped, named)

    def _columns(self, header: list[Any], row: int) -> dict[str, int]:
        """Where each known column is: fixed names, and dimension keys as ``dim:<key>``."""
        columns: dict[str, int] = {}
        for index, cell in enumerate(header):
            text = cell_text(cell)
            heading = _heading(text)
            if not heading:
                continue
            name = _FIXED_ALIASES.get(heading)
            if name is None and heading in self.dimension_columns:
                name = "dim:" + self.dimension_columns[heading]
            if name is None:
                fixed = [INDICATOR, PERIOD, VALUE, NUMERATOR, DENOMINATOR, EXPLANATION, STATUS]
                known = ", ".join([*fixed, *sorted(set(self.dimension_columns.values()))])
                raise SheetError(
                    f"Rij {row}, kolom {column_letter(index)}: de kolom '{text}' is onbekend. "
                    f"Bekende kolommen: {known}."
                )
            if name in columns:
                raise SheetError(
                    f"Rij {row}, kolom {column_letter(index)}: de kolom '{text}' staat er twee "
                    "keer in."
                )
            columns[name] = index
        missing = [name for name in (INDICATOR, PERIOD) if name not in columns]
        if missing:
            raise SheetError(
                f"Rij {row} moet de kolomkoppen bevatten; de kolom(men) {', '.join(missing)} "
                "ontbreken. Bovenaan staat bijvoorbeeld: indicator; periode; waarde; "
                "toelichting."
            )
        return columns

    def _row(self, row: int, cells: list[Any], texts: list[str]) -> SheetRow | None:
        problems: list[RowProblem] = []
        columns, width = self.columns, self.width
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
            texts = texts + [""] * (width - len(texts))
        elif len(cells) > width:
            for index in range(width, len(cells)):
                if texts[index]:
                    problems.append(RowProblem(row, column_letter(index), _NO_HEADING))

        def problem(name: str, message: str) -> None:
            problems.append(RowProblem(row, self.headings[columns[name]], message))

        for index in self.unnamed:
            if texts[index]:
                problems.append(RowProblem(row, column_letter(index), _NO_HEADING))
        indicator_id = texts[columns[INDICATOR]]
        indicator = self.indicators.get(indicator_id)
        if not indicator_id:
            problem(INDICATOR, "Vul de id van de indicator in, bijvoorbeeld i-bijstand.")
        elif indicator is None:
            problem(INDICATOR, f"Indicator {indicator_id} staat niet (meer) in de overeenkomst.")
        period = ""
        period_index = columns[PERIOD]
        if not texts[period_index]:
            problem(PERIOD, "Vul de periode in, bijvoorbeeld 2027-K2 of 2027-M03.")
        elif indicator is not None:
            found_period = self._period(cells[period_index], indicator.frequency)
            if isinstance(found_period, PeriodError):
                problem(PERIOD, str(found_period))
            else:
                period = found_period
        numbers: list[Decimal | None] = []
        for name, place in self.number_indexes:
            found_number = None if place is None else self._number(cells[place])
            if isinstance(found_number, ValueError):
                problem(name, str(found_number))
            else:
                numbers.append(found_number)
        dimensions: Mapping[str, str] = {}
        if indicator is not None and self.dimension_indexes:
            dimensions = self._dimensions(indicator, texts, problem)
        explanation_index = columns.get(EXPLANATION)
        explanation = "" if explanation_index is None else texts[explanation_index]
        if len(explanation) > MAX_EXPLANATION:
            problem(EXPLANATION, f"De toelichting is hoogstens {MAX_EXPLANATION} tekens.")
        if indicator is not None and period and len(numbers) == len(_NUMBER_COLUMNS):
            column = NUMERATOR if indicator.measure is MeasureType.PERCENTAGE else VALUE
            key = (indicator.id, period, *numbers)
            messages = self.checked.get(key)
            if messages is None:
                messages = self.checked[key] = _value_problems(indicator, period, numbers)
            for message in messages:
                if column in columns:
                    problem(column, message)
                else:
                    problems.append(RowProblem(row, "", message))
        if problems:
            self.problems.extend(problems)
            return None
        return SheetRow(
            indicator=indicator_id,
            period=period,
            dimensions=dimensions,
            value=numbers[0],
            numerator=numbers[1],
            denominator=numbers[2],
            explanation=explanation,
            row=row,
        )

    def _period(self, cell: Any, frequency: ReportingFrequency) -> str | PeriodError:
        key = (cell, frequency.value)
        found = self.periods.get(key)
        if found is None:
            try:
                found = period_from_cell(cell, frequency)
            except PeriodError as exc:
                found = exc
            self.periods[key] = found
        return found

    def _number(self, cell: Any) -> Decimal | ValueError | None:
        key = cell if isinstance(cell, str) else (type(cell), cell)
        if key in self.numbers:
            return self.numbers[key]
        try:
            found: Decimal | ValueError | None = number_from_cell(cell)
        except ValueError as exc:
            found = exc
        self.numbers[key] = found
        return found

    def _dimensions(
        self, indicator: Indicator, texts: list[str], problem: Callable[[str, str], None]
    ) -> Mapping[str, str]:
        key = (indicator.id, *(texts[index] for _key, index in self.dimension_indexes))
        known = self.breakdowns.get(key)
        if known is not None:
            return known
        found = self._checked_dimensions(indicator, texts, problem)
        if found is not None:
            known = self.breakdowns[key] = MappingProxyType(found)
            return known
        return {}

    def _checked_dimensions(
        self, indicator: Indicator, texts: list[str], problem: Callable[[str, str], None]
    ) -> dict[str, str] | None:
        """The breakdown of a row, or None when a problem was reported."""
        declared = self.declared[indicator.id]
        good = True
        dimensions: dict[str, str] = {}
        for key, index in self.dimension_indexes:
            text = texts[index]
            if not text:
                continue
            found = declared.get(key)
            if found is None:
                problem(
                    "dim:" + key,
                    f"Indicator {indicator.id} wordt niet uitgesplitst naar '{key}'; laat deze "
                    "cel leeg.",
                )
                good = False
                continue
            dimension, values = found
            if values:
                match = values.get(text.casefold())
                if match is None:
                    problem(
                        "dim:" + key,
                        f"'{text}' is geen waarde van de uitsplitsing '{dimension.name}'; kies "
                        f"uit: {', '.join(dimension.values)}.",
                    )
                    good = False
                    continue
                text = match
            dimensions[key] = text
        return dimensions if good else None


def _heading(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").casefold().split())


def _value_problems(
    indicator: Indicator, period: str, numbers: Sequence[Decimal | None]
) -> list[str]:
    try:
        candidate = Measurement(
            id="blad",
            indicator=indicator.id,
            period=period,
            entered_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
            value=numbers[0],
            numerator=numbers[1],
            denominator=numbers[2],
        )
    except MeasurementError as exc:
        return [str(exc)]
    return measurement_problems(candidate, indicator)


# --- Numbers and periods as people type them ----------------------------------------------

_DUTCH_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_ENGLISH_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def number_from_cell(cell: Any) -> Decimal | None:
    """A number as a cell holds it: 1250, 1.250 (a thousand two hundred and fifty), 12,5,
    1.250,5 or 12.5; None for an empty cell. Raises ValueError with a Dutch message."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        found = Decimal(int(cell))
    elif isinstance(cell, int | Decimal):
        found = Decimal(cell)
    elif isinstance(cell, float):
        # A spreadsheet keeps binary fractions: 0,1 + 0,2 is 0,30000000000000004 there.
        found = Decimal(repr(cell)).quantize(Decimal(1).scaleb(-_PLACES))
    else:
        found = _parsed_number(cell_text(cell))
    if not found.is_finite() or abs(found) >= _TOO_LARGE:
        raise ValueError("Dit getal is te groot.")
    if found.as_tuple().exponent < -_PLACES:  # type: ignore[operator]
        raise ValueError(f"Geef hoogstens {_PLACES} cijfers achter de komma.")
    return found.normalize() if found else Decimal(0)


def _parsed_number(text: str) -> Decimal:
    compact = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if _DUTCH_THOUSANDS.fullmatch(compact):
        compact = compact.replace(".", "").replace(",", ".")
    elif _ENGLISH_THOUSANDS.fullmatch(compact) and "." in compact:
        compact = compact.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(compact):
        compact = compact.replace(",", ".")
    elif not _PLAIN.fullmatch(compact):
        raise ValueError(f"'{text}' is geen getal; schrijf bijvoorbeeld 1250 of 12,5.")
    try:
        return Decimal(compact)
    except InvalidOperation:
        raise ValueError(f"'{text}' is geen getal; schrijf bijvoorbeeld 1250 of 12,5.") from None


_LETTERS = {
    "M": ReportingFrequency.MONTHLY,
    "Q": ReportingFrequency.QUARTERLY,
    "K": ReportingFrequency.QUARTERLY,
    "H": ReportingFrequency.HALF_YEARLY,
    "HJ": ReportingFrequency.HALF_YEARLY,
}
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/ _.]?\s*(HJ|[MQKH])\s*(\d{1,2})")
_YEAR_LAST = re.compile(r"(HJ|[MQKH])\s*(\d{1,2})\s*[-/ _.]?\s*(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/](\d{4})")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SPOKEN = re.compile(r"(\d)e\s+(kwartaal|halfjaar)\s+(\d{4})")
_MONTH_NAMES = {name: n for n, name in enumerate(MONTHS, 1)} | {
    name[:3]: n for n, name in enumerate(MONTHS, 1)
}
_MONTH_NAMES["mrt"] = 3
_MONTH_NAME_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{4})")


def period_from_cell(cell: Any, frequency: ReportingFrequency) -> str:
    """The period key a cell means, for an indicator measured at ``frequency``.

    Takes the written keys (2027-Q2, 2027-M03, 2027-H1, 2027) and what people type for
    them: 2027-K2, 2027 k2, K2 2027, 2e kwartaal 2027, 2027-03, maart 2027; a date
    (30-6-2027, 2027-06-30, or a date cell) is the period it falls in. Raises ``PeriodError``.
    """
    if isinstance(cell, dt.datetime):
        return period_of(cell.date(), frequency).key
    if isinstance(cell, dt.date):
        return period_of(cell, frequency).key
    text = cell_text(cell)
    key = _key_fromcell_text(text, frequency)
    return parse_period(key, frequency).key


def _key_fromcell_text(text: str, frequency: ReportingFrequency) -> str:
    upper = " ".join(text.upper().split())
    lower = upper.lower()
    if re.fullmatch(r"\d{4}", upper):
        return upper
    day = _date(upper)
    if day is not None:
        return period_of(day, frequency).key
    if found := _YEAR_FIRST.fullmatch(upper):
        return _key(int(found[1]), _LETTERS[found[2]], int(found[3]), text)
    if found := _YEAR_LAST.fullmatch(upper):
        return _key(int(found[3]), _LETTERS[found[1]], int(found[2]), text)
    if found := _SPOKEN.fullmatch(lower):
        kind = {"kwartaal": ReportingFrequency.QUARTERLY}.get(
            found[2], ReportingFrequency.HALF_YEARLY
        )
        return _key(int(found[3]), kind, int(found[1]), text)
    if found := _YEAR_MONTH.fullmatch(upper):
        return _key(int(found[1]), ReportingFrequency.MONTHLY, int(found[2]), text)
    if found := _MONTH_YEAR.fullmatch(upper):
        return _key(int(found[2]), ReportingFrequency.MONTHLY, int(found[1]), text)
    if (found := _MONTH_NAME_YEAR.fullmatch(lower)) and found[1] in _MONTH_NAMES:
        return _key(int(found[2]), ReportingFrequency.MONTHLY, _MONTH_NAMES[found[1]], text)
    return text  # parse_period names what is wrong with it


def _key(year: int, frequency: ReportingFrequency, number: int, text: str) -> str:
    if not 1 <= number <= frequency.periods_per_year:
        return text
    return period_key(year, frequency, number)


def _date(text: str) -> dt.date | None:
    found = _DUTCH_DATE.fullmatch(text)
    parts = (found[3], found[2], found[1]) if found else None
    if parts is None and (found := _ISO_DATE.fullmatch(text)):
        parts = (found[1], found[2], found[3])
    if parts is None:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise PeriodError(f"'{text}' is geen bestaande datum.") from None


# --- Writing ------------------------------------------------------------------------------


def headings(indicators: Sequence[Indicator], rows: Iterable[SheetRow] = ()) -> list[str]:
    """The header row: the fixed columns with one column per dimension in between."""
    keys: list[str] = []
    for indicator in indicators:
        keys.extend(d.key for d in indicator.dimensions if d.key not in keys)
    for row in rows:
        keys.extend(key for key in row.dimensions if key not in keys)
    dimension_headings = [DIMENSION_PREFIX + key if key in _FIXED_ALIASES else key for key in keys]
    return [
        INDICATOR,
        PERIOD,
        *dimension_headings,
        VALUE,
        NUMERATOR,
        DENOMINATOR,
        EXPLANATION,
        STATUS,
    ]


def _dimension_key(heading: str) -> str:
    return heading.removeprefix(DIMENSION_PREFIX)


def _cells(row: SheetRow, header: list[str]) -> Iterator[tuple[str, Any]]:
    """Each cell of ``row`` with its kind: ``text`` or ``number``."""
    fixed = {
        INDICATOR: row.indicator,
        PERIOD: row.period,
        VALUE: row.value,
        NUMERATOR: row.numerator,
        DENOMINATOR: row.denominator,
        EXPLANATION: row.explanation,
        STATUS: row.status,
    }
    for heading in header:
        if heading in fixed:
            found = fixed[heading]
            yield ("number" if heading in _NUMBER_COLUMNS else "text"), found
        else:
            yield "text", row.dimensions.get(_dimension_key(heading), "")


def dutch_number(value: Decimal | None) -> str:
    """A number for a cell: all its digits, a decimal comma, no thousands dots (1250,5)."""
    if value is None:
        return ""
    text = f"{value.normalize() if value else Decimal(0):f}"
    return text.replace(".", ",")


#: A row to write: each cell with its kind, ``text`` or ``number``.
TypedRow = Iterable[tuple[str, Any]]


def write_csv(rows: Iterable[SheetRow], indicators: Sequence[Indicator]) -> bytes:
    """The rows as CSV the way Dutch Excel opens it: ``;`` between cells, UTF-8 with BOM."""
    every = list(rows)
    header = headings(indicators, every)
    return write_csv_table(header, (_cells(row, header) for row in every))


def write_csv_table(header: Sequence[str], rows: Iterable[TypedRow]) -> bytes:
    """A header and typed rows as CSV: ``;`` between cells, UTF-8 with BOM, numbers with a
    decimal comma, text that a spreadsheet would run as a formula defused."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for cells in rows:
        writer.writerow(
            [
                dutch_number(value) if kind == "number" else spreadsheet_text(value)
                for kind, value in cells
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# Every XLSX this module writes says it was made at this moment, so two exports are the same.
_FIXED_MOMENT = dt.datetime(2000, 1, 1)
_ZIP_MOMENT = (1980, 1, 1, 0, 0, 0)


def write_xlsx(rows: Iterable[SheetRow], indicators: Sequence[Indicator]) -> bytes:
    """The rows as an Excel workbook with one sheet, "Metingen"; the same rows give the same
    bytes (fixed document properties and zip times)."""
    every = list(rows)
    header = headings(indicators, every)
    return write_xlsx_table("Metingen", header, (_cells(row, header) for row in every))


def write_xlsx_table(sheet_name: str, header: Sequence[str], rows: Iterable[TypedRow]) -> bytes:
    """A header and typed rows as a workbook with the one sheet ``sheet_name``; the same
    rows give the same bytes."""
    book = Workbook(write_only=True)
    book.properties.creator = "Stramien"
    book.properties.created = _FIXED_MOMENT
    sheet = book.create_sheet(sheet_name)
    sheet.append(list(header))
    for cells in rows:
        sheet.append([_xlsx_cell(kind, value) for kind, value in cells])
    out = io.BytesIO()
    book.save(out)
    return _reproducible(out.getvalue())


def _xlsx_cell(kind: str, value: Any) -> Any:
    if kind == "number":
        if value is None:
            return None
        # A number Excel can hold exactly is a number; a longer one stays text (12,5 style).
        if Decimal(repr(float(value))) == value:
            return int(value) if value == value.to_integral_value() else float(value)
        return dutch_number(value)
    return spreadsheet_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def _reproducible(data: bytes) -> bytes:
    """The zip again with fixed times, and the save time in its properties fixed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(
                    rb"<dcterms:modified\1>2000-01-01T00:00:00Z</dcterms:modified>", content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_MOMENT)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


__all__ = [
    "DIMENSION_PREFIX",
    "MAX_SHEET_BYTES",
    "MAX_SHEET_ROWS",
    "ParsedSheet",
    "RowProblem",
    "SheetError",
    "SheetRow",
    "TypedRow",
    "cell_text",
    "column_letter",
    "dutch_number",
    "headings",
    "number_from_cell",
    "period_from_cell",
    "read_sheet",
    "read_table",
    "unquoted",
    "write_csv",
    "write_csv_table",
    "write_xlsx",
    "write_xlsx_table",
]
