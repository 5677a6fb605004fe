"""Spending and deliveries in kind as spreadsheet rows: reading a CSV or XLSX file, and
writing the same form.

One row is one record. Spending: ``kostenpost``, ``partner``, ``datum``, ``bedrag``,
``toelichting``. Deliveries in kind: ``bijdrage``, ``partner`` (written; when read it must
be the partner of the contribution, or empty), ``datum``, ``hoeveelheid``, ``waarde``,
``toelichting``. What this module writes it reads back unchanged.

The file reading, cell parsing and writing are those of ``sheets`` (measurements): one
reader for every kind. No Django: the web application decides what the rows change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from stramien.formatting import MONTHS
from stramien.model import Agreement

from .finance import cost_item, in_kind_contribution
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

#: As in the entry forms.
MAX_EXPLANATION = 2000
MAX_QUANTITY = 120
_MAX_AMOUNT = Decimal(10) ** 12
_CENT = Decimal("0.01")

ITEM = "item"
PARTNER = "partner"
DAY = "datum"
AMOUNT = "bedrag"
QUANTITY = "hoeveelheid"
EXPLANATION = "toelichting"


class FinanceKind(StrEnum):
    """The two kinds of money records a sheet holds; the value is the word in the address."""

    SPENDING = "bestedingen"
    IN_KIND = "natura"

    @property
    def sheet_name(self) -> str:
        return "Bestedingen" if self is FinanceKind.SPENDING else "Leveringen in natura"

    @property
    def item_heading(self) -> str:
        return "kostenpost" if self is FinanceKind.SPENDING else "bijdrage"

    @property
    def amount_heading(self) -> str:
        return "bedrag" if self is FinanceKind.SPENDING else "waarde"

    def headings(self) -> list[str]:
        """The header row, in the order it is written."""
        if self is FinanceKind.SPENDING:
            return ["kostenpost", "partner", "datum", "bedrag", "toelichting"]
        return ["bijdrage", "partner", "datum", "hoeveelheid", "waarde", "toelichting"]

    def aliases(self) -> dict[str, str]:
        """Heading (casefolded) -> column name."""
        common = {
            "partner": PARTNER,
            "organisatie": PARTNER,
            "datum": DAY,
            "dag": DAY,
            "toelichting": EXPLANATION,
            "opmerking": EXPLANATION,
        }
        if self is FinanceKind.SPENDING:
            return common | {"kostenpost": ITEM, "post": ITEM, "bedrag": AMOUNT}
        return common | {
            "bijdrage": ITEM,
            "bijdrage in natura": ITEM,
            "hoeveelheid": QUANTITY,
            "waarde": AMOUNT,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class FinanceRow:
    """One spending or delivery as a sheet holds it; ``row`` is its row number in the file
    (0: written). ``item`` is the cost item or the contribution in kind."""

    item: str
    partner: str
    day: dt.date
    amount: Decimal
    quantity: str = ""
    explanation: str = ""
    row: int = field(default=0, compare=False)

    @property
    def content(self) -> tuple[str, str, dt.date, Decimal, str, str]:
        return (self.item, self.partner, self.day, self.amount, self.quantity, self.explanation)

    def key(self, kind: FinanceKind) -> str:
        """The client key of the record this row makes: the same row again is the same
        record, so a file imported twice adds nothing."""
        text = "\x1f".join(
            [
                kind.value,
                self.item,
                self.partner,
                self.day.isoformat(),
                str(self.amount.normalize()),
                self.quantity,
                self.explanation,
            ]
        )
        return "blad-" + hashlib.sha256(text.encode()).hexdigest()[:40]


@dataclass(frozen=True, slots=True)
class ParsedFinanceSheet:
    """The rows without problems, every problem (sorted by row) and the empty rows skipped;
    nothing may be stored while ``problems`` is not empty."""

    rows: list[FinanceRow]
    problems: list[RowProblem]
    skipped: int = 0
    #: The heading in the file of each column found.
    columns: dict[str, str] = field(default_factory=dict)


def read_finance_sheet(
    data: bytes, filename: str, kind: FinanceKind, agreement: Agreement, today: dt.date
) -> ParsedFinanceSheet:
    """The records of ``kind`` in a CSV or XLSX file, checked against the agreement (cost
    items, contributions in kind, partners) and ``today`` (nothing in the future). Raises
    ``SheetError`` when the file as a whole cannot be read."""
    table = read_table(data, filename, kind.sheet_name)
    start = next((i for i, row in enumerate(table) if any(map(cell_text, row))), None)
    if start is None:
        raise SheetError("Het bestand is leeg.")
    headings = [cell_text(cell) for cell in table[start]]
    columns = _columns(kind, headings, start + 1)
    reader = _RowReader(kind, agreement, today, columns, headings)
    rows: list[FinanceRow] = []
    seen: dict[tuple[Any, ...], int] = {}
    skipped = 0
    for index in range(start + 1, len(table)):
        cells = table[index]
        if not any(map(cell_text, cells)):
            skipped += 1
            continue
        found = reader.row(index + 1, cells)
        if found is None:
            continue
        earlier = seen.get(found.content)
        if earlier is not None:
            reader.problems.append(
                RowProblem(
                    found.row,
                    "",
                    f"Deze rij is dezelfde als rij {earlier}. Is het echt twee keer gebeurd, "
                    "zet dan het verschil in de toelichting; anders haalt u een van beide weg.",
                )
            )
            continue
        seen[found.content] = found.row
        rows.append(found)
    named = {name: headings[index] for name, index in columns.items()}
    return ParsedFinanceSheet(rows, sorted(reader.problems, key=lambda p: p.row), skipped, named)


def _columns(kind: FinanceKind, headings: list[str], row: int) -> dict[str, int]:
    aliases = kind.aliases()
    columns: dict[str, int] = {}
    for index, text in enumerate(headings):
        heading = " ".join(text.replace("\ufeff", "").casefold().split())
        if not heading:
            continue
        name = aliases.get(heading)
        if name is None:
            raise SheetError(
                f"Rij {row}, kolom {column_letter(index)}: de kolom '{text}' is onbekend. "
                f"Bekende kolommen: {', '.join(kind.headings())}."
            )
        if name in columns:
            raise SheetError(
                f"Rij {row}, kolom {column_letter(index)}: de kolom '{text}' staat er twee keer in."
            )
        columns[name] = index
    required = [ITEM, DAY, AMOUNT] + ([PARTNER] if kind is FinanceKind.SPENDING else [])
    missing = [_heading_of(kind, name) for name in required if name not in columns]
    if missing:
        raise SheetError(
            f"Rij {row} moet de kolomkoppen bevatten; de kolom(men) {', '.join(missing)} "
            f"ontbreken. Bovenaan staat bijvoorbeeld: {'; '.join(kind.headings())}."
        )
    return columns


def _heading_of(kind: FinanceKind, name: str) -> str:
    return {ITEM: kind.item_heading, AMOUNT: kind.amount_heading}.get(name, name)


class _RowReader:
    def __init__(
        self,
        kind: FinanceKind,
        agreement: Agreement,
        today: dt.date,
        columns: dict[str, int],
        headings: list[str],
    ) -> None:
        self.kind, self.agreement, self.today = kind, agreement, today
        self.columns, self.headings = columns, headings
        self.partners = {p.id for p in agreement.partnership.partners}
        self.problems: list[RowProblem] = []

    def row(self, row: int, cells: list[Any]) -> FinanceRow | None:
        width = len(self.headings)
        cells = list(cells) + [None] * (width - len(cells))
        problems: list[RowProblem] = []

        def problem(name: str, message: str) -> None:
            problems.append(RowProblem(row, self.headings[self.columns[name]], message))

        for index in range(len(cells)):
            if (index >= width or not self.headings[index]) and cell_text(cells[index]):
                problems.append(
                    RowProblem(
                        row,
                        column_letter(index),
                        "Deze cel staat in een kolom zonder kop; zet de waarde in de goede "
                        "kolom of geef de kolom een kop.",
                    )
                )

        def text(name: str) -> str:
            index = self.columns.get(name)
            return "" if index is None else cell_text(cells[index])

        item, partner = text(ITEM), text(PARTNER)
        item, partner = self._item(item, partner, problem)
        day = self._day(cells[self.columns[DAY]], problem)
        amount = self._amount(cells[self.columns[AMOUNT]], problem)
        quantity, explanation = text(QUANTITY), text(EXPLANATION)
        if len(quantity) > MAX_QUANTITY:
            problem(QUANTITY, f"De hoeveelheid is hoogstens {MAX_QUANTITY} tekens.")
        if len(explanation) > MAX_EXPLANATION:
            problem(EXPLANATION, f"De toelichting is hoogstens {MAX_EXPLANATION} tekens.")
        if problems or day is None or amount is None:
            self.problems.extend(problems)
            return None
        return FinanceRow(
            item=item,
            partner=partner,
            day=day,
            amount=amount,
            quantity=quantity,
            explanation=explanation,
            row=row,
        )

    def _item(
        self, item: str, partner: str, problem: Callable[[str, str], None]
    ) -> tuple[str, str]:
        if self.kind is FinanceKind.SPENDING:
            if not item:
                problem(ITEM, "Vul de id van de kostenpost in, zoals in de begroting.")
            elif cost_item(self.agreement, item) is None:
                problem(ITEM, f"Kostenpost {item} staat niet (meer) in de begroting.")
            if not partner:
                problem(PARTNER, "Vul de id van de partner in die het geld uitgaf.")
            elif partner not in self.partners:
                problem(PARTNER, f"Partner {partner} staat niet in de overeenkomst.")
            return item, partner
        if not item:
            problem(ITEM, "Vul de id van de bijdrage in natura in, zoals in de financiering.")
            return item, partner
        pledged = in_kind_contribution(self.agreement, item)
        if pledged is None:
            problem(ITEM, f"Bijdrage in natura {item} staat niet (meer) in de overeenkomst.")
            return item, partner
        if partner and partner != pledged.partner:
            problem(
                PARTNER,
                f"Bijdrage {item} is van partner {pledged.partner}, niet van {partner}; "
                "verbeter de partner of laat de cel leeg.",
            )
        return item, pledged.partner

    def _day(self, cell: Any, problem: Callable[[str, str], None]) -> dt.date | None:
        try:
            day = date_from_cell(cell)
        except ValueError as exc:
            problem(DAY, str(exc))
            return None
        if day is None:
            problem(DAY, "Vul de datum in, bijvoorbeeld 30-6-2027.")
        elif day > self.today:
            problem(DAY, "Deze datum ligt in de toekomst; vul in wat al gebeurd is.")
            return None
        return day

    def _amount(self, cell: Any, problem: Callable[[str, str], None]) -> Decimal | None:
        text = cell_text(cell).replace("€", "") if isinstance(cell, str) else cell
        try:
            amount = number_from_cell(text)
        except ValueError as exc:
            problem(AMOUNT, str(exc))
            return None
        if amount is None:
            problem(AMOUNT, "Vul een bedrag in euro in, bijvoorbeeld 1250,50.")
        elif abs(amount) >= _MAX_AMOUNT:
            problem(AMOUNT, "Dit bedrag is te groot.")
        elif amount < 0:
            problem(AMOUNT, "Vul een bedrag van nul of meer in; een terugboeking is een correctie.")
        elif amount == 0:
            problem(AMOUNT, "Vul een bedrag groter dan nul in.")
        elif amount.quantize(_CENT) != amount:
            problem(AMOUNT, "Een bedrag heeft hoogstens twee cijfers achter de komma.")
        else:
            return amount
        return None


_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SPOKEN_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})")
_MONTH_NUMBERS = {name: n for n, name in enumerate(MONTHS, 1)} | {
    name[:3]: n for n, name in enumerate(MONTHS, 1)
}


def date_from_cell(cell: Any) -> dt.date | None:
    """A day as a cell holds it: a date cell, 30-6-2027, 30/06/2027, 2027-06-30 or
    30 juni 2027; None for an empty cell. Raises ValueError with a Dutch message."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = cell_text(cell)
    if not text:
        return None
    lower = " ".join(text.casefold().split())
    parts: tuple[str, str, str] | None = None
    if found := _DUTCH_DATE.fullmatch(lower):
        parts = (found[3], found[2], found[1])
    elif found := _ISO_DATE.fullmatch(lower):
        parts = (found[1], found[2], found[3])
    elif (found := _SPOKEN_DATE.fullmatch(lower)) and found[2] in _MONTH_NUMBERS:
        parts = (found[3], str(_MONTH_NUMBERS[found[2]]), found[1])
    if parts is None:
        raise ValueError(f"'{text}' is geen datum; schrijf bijvoorbeeld 30-6-2027.")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"'{text}' is geen bestaande datum.") from None


def dutch_date(day: dt.date) -> str:
    """A day for a cell: 30-06-2027."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def _cells(kind: FinanceKind, row: FinanceRow) -> TypedRow:
    yield "text", row.item
    yield "text", row.partner
    yield "text", dutch_date(row.day)
    if kind is FinanceKind.IN_KIND:
        yield "text", row.quantity
    yield "number", row.amount
    yield "text", row.explanation


def write_finance_csv(kind: FinanceKind, rows: Iterable[FinanceRow]) -> bytes:
    """The rows as CSV the way Dutch Excel opens it (as ``sheets.write_csv``)."""
    return write_csv_table(kind.headings(), (_cells(kind, row) for row in rows))


def write_finance_xlsx(kind: FinanceKind, rows: Iterable[FinanceRow]) -> bytes:
    """The rows as a workbook with one sheet; the same rows give the same bytes."""
    return write_xlsx_table(kind.sheet_name, kind.headings(), (_cells(kind, r) for r in rows))


def finance_kind(word: str) -> FinanceKind | None:
    """The kind a word of an address or option means, or None."""
    try:
        return FinanceKind(word)
    except ValueError:
        return None


__all__ = [
    "FinanceKind",
    "FinanceRow",
    "ParsedFinanceSheet",
    "date_from_cell",
    "dutch_date",
    "finance_kind",
    "read_finance_sheet",
    "write_finance_csv",
    "write_finance_xlsx",
]
