"""Measurements to and from spreadsheets: the import (one action, all or nothing) and the
export in the very same columns (``stramien.monitor.sheets`` reads and writes the files).

An import follows the rules of ``actions.record_measurement`` for every row, in one
transaction with one audit row: a value the same as the one standing changes nothing; a new
value for a concept replaces the concept's figures; a new value for a value that was
approved or returned becomes a correction that replaces it; a value handed in and waiting
for review, a locked period, an indicator the user does not enter, or any problem in the
file refuses the whole file, with every reason per row and column.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.model import Indicator
from stramien.monitor import PeriodError, parse_period
from stramien.monitor.sheets import (
    INDICATOR,
    PERIOD,
    RowProblem,
    SheetError,
    SheetRow,
    read_sheet,
    write_csv,
    write_xlsx,
)
from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement
from stramien.web.users import User

from . import permissions
from .models import Measurement, PeriodLock

#: The file kinds of the export, by extension.
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Slot = tuple[str, str, tuple[tuple[str, str], ...]]


class SheetRefused(ActionError):
    """Nothing was imported; ``problems`` holds every reason, with row (0: the whole file)
    and column."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(" ".join(p.message for p in problems[:3]))
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    added: int
    corrected: int
    unchanged: int
    skipped: int


def _plain(text: str) -> str:
    # A browser sends CRLF, a sheet reads back LF: the same text either way.
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass(frozen=True, slots=True)
class _Standing:
    """What the import needs of the value standing in one slot (read without the ORM's
    per-object work: a sheet may meet 100,000 of them)."""

    pk: int
    status: str
    content: tuple[Decimal | None, Decimal | None, Decimal | None, str]


_STANDING_FIELDS = (
    "id",
    "indicator_id",
    "period",
    "dimensions",
    "value",
    "numerator",
    "denominator",
    "explanation",
    "status",
)


def row_key(row: SheetRow, replaces: int | None) -> str:
    """The client key of the record a row makes: its indicator, period, breakdown and
    figures, and the record it replaces. The same file again finds its values standing and
    adds nothing; the same figures replacing another record get another key."""
    text = (
        f"{row.indicator}\x1f{row.period}\x1f{row.slot[2]}\x1f{row.value}\x1f{row.numerator}"
        f"\x1f{row.denominator}\x1f{row.explanation}\x1f{replaces or ''}"
    )
    return "blad-" + hashlib.sha256(text.encode()).hexdigest()[:40]


@transaction.atomic
def import_measurements(
    *,
    acting_user: User,
    programme: Programme,
    data: bytes,
    filename: str,
    submit: bool = False,
) -> ImportResult:
    """Import every value of a CSV or XLSX file, or none; ``SheetRefused`` says why not."""
    if not permissions.can_enter_any(acting_user, programme):
        raise PermissionDenied
    agreement = head_agreement(programme)
    try:
        parsed = read_sheet(data, filename, agreement.indicators)
    except SheetError as exc:
        raise SheetRefused([RowProblem(0, "", str(exc))]) from None
    if not parsed.rows and not parsed.problems:
        raise SheetRefused(
            [
                RowProblem(
                    0, "", _("Onder de kolomkoppen staan geen waarden; er is niets in te lezen.")
                )
            ]
        )
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    plan = _Plan(acting_user, programme, agreement.indicators, parsed.columns)
    plan.decide(parsed.rows)
    problems = sorted([*parsed.problems, *plan.problems], key=lambda p: p.row)
    if problems:
        raise SheetRefused(problems)
    try:
        plan.write(submit=submit)
    except IntegrityError:
        raise SheetRefused(
            [RowProblem(0, "", _("Tegelijk is er iets anders opgeslagen; lees het opnieuw in."))]
        ) from None
    result = ImportResult(
        added=len(plan.added),
        corrected=len(plan.replacing) + len(plan.updated),
        unchanged=plan.unchanged,
        skipped=parsed.skipped,
    )
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.MEASUREMENTS_IMPORT,
        file=filename[-200:],
        added=result.added,
        corrected=result.corrected,
        unchanged=result.unchanged,
        submitted=submit,
    )
    return result


class _Plan:
    """What each row of a sheet changes, decided in memory before anything is written."""

    def __init__(
        self,
        acting_user: User,
        programme: Programme,
        indicators: Iterable[Indicator],
        columns: Mapping[str, str],
    ) -> None:
        self.user, self.programme = acting_user, programme
        self.indicators = {indicator.id: indicator for indicator in indicators}
        self.columns = dict(columns)
        self.problems: list[RowProblem] = []
        self.added: list[SheetRow] = []
        self.replacing: list[tuple[SheetRow, int]] = []
        self.updated: list[tuple[SheetRow, int]] = []
        self.unchanged = 0

    def _problem(self, row: SheetRow, column: str, message: str) -> None:
        self.problems.append(RowProblem(row.row, self.columns.get(column, column), message))

    def _standing(self, used: set[str]) -> dict[Slot, _Standing]:
        standing: dict[Slot, _Standing] = {}
        current = (
            Measurement.objects.filter(
                programme=self.programme, indicator_id__in=used, superseded_by__isnull=True
            )
            .order_by("id")
            .values_list(*_STANDING_FIELDS)
        )
        cells: dict[str, tuple[tuple[str, str], ...]] = {}
        for pk, indicator, period, dims, value, num, den, note, status in current.iterator(
            chunk_size=5000
        ):
            # The same few breakdowns come back on every row: sort each one once.
            marker = repr(dims)
            cell = cells.get(marker)
            if cell is None:
                cell = cells[marker] = tuple(sorted((dims or {}).items()))
            standing[(indicator, period, cell)] = _Standing(
                pk, status, (value, num, den, _plain(note))
            )
        return standing

    def decide(self, rows: list[SheetRow]) -> None:
        used = {row.indicator for row in rows}
        allowed = {
            indicator_id: permissions.can_enter(
                self.user, self.programme, self.indicators[indicator_id].owner
            )
            for indicator_id in used
        }
        locked = set(
            PeriodLock.objects.filter(programme=self.programme, indicator_id__in=used).values_list(
                "indicator_id", "period"
            )
        )
        standing = self._standing(used)
        for row in rows:
            if not allowed[row.indicator]:
                self._problem(
                    row,
                    INDICATOR,
                    _(
                        "U voert geen waarden in voor indicator %(id)s: dat doen de "
                        "vertegenwoordigers van de eigenaar en de monitors."
                    )
                    % {"id": row.indicator},
                )
                continue
            if (row.indicator, row.period) in locked:
                self._problem(
                    row,
                    PERIOD,
                    _(
                        "Periode %(period)s van deze indicator is vergrendeld; "
                        "er kan niets meer bij."
                    )
                    % {"period": row.period},
                )
                continue
            found = standing.get(row.slot)
            if found is None:
                self.added.append(row)
            elif found.content == row.content:
                self.unchanged += 1
            elif found.status == Measurement.Status.SUBMITTED:
                self._problem(
                    row,
                    PERIOD,
                    _(
                        "Er ligt al een waarde voor deze periode ter beoordeling; wacht op de "
                        "procesregisseur of vraag hem die terug te sturen."
                    ),
                )
            elif found.status == Measurement.Status.CONCEPT:
                self.updated.append((row, found.pk))
            else:
                self.replacing.append((row, found.pk))

    def write(self, *, submit: bool) -> None:
        """Insert and update in bulk, straight through the database cursor: at 100,000 rows
        the ORM's per-object work (instances, per-field preparation) costs many times the
        statements themselves. Every value is prepared by its model field all the same."""
        now = timezone.now()
        status = Measurement.Status.SUBMITTED if submit else Measurement.Status.CONCEPT
        template = Measurement(
            programme=self.programme,
            entered_by=self.user,
            entered_at=now,
            status=status,
            submitted_at=now if submit else None,
        )
        writer = _BulkWriter(template)
        new: list[tuple[SheetRow, int | None]] = [(row, None) for row in self.added]
        new.extend(self.replacing)
        writer.insert(new)
        writer.update(self.updated)


class _BulkWriter:
    """Rows into ``monitoring_measurement`` with ``executemany``, in batches."""

    _VARYING = (
        "indicator_id",
        "period",
        "dimensions",
        "value",
        "numerator",
        "denominator",
        "explanation",
        "supersedes",
        "client_key",
    )
    _UPDATED = ("value", "numerator", "denominator", "explanation")
    _BATCH = 5000

    def __init__(self, template: Measurement) -> None:
        self.template = template
        meta = Measurement._meta
        self.fields = [f for f in meta.concrete_fields if not f.primary_key]
        self.by_name = {f.name: f for f in self.fields}
        self.prepared: dict[tuple[str, object], Any] = {}
        self.quote = connection.ops.quote_name
        self.table = self.quote(meta.db_table)

    def _prep(self, name: str, value: object) -> Any:
        """The value as the field prepares it; repeated values are prepared once."""
        key = (name, value)
        found = self.prepared.get(key, self)
        if found is self:
            found = self.prepared[key] = self.by_name[name].get_db_prep_save(value, connection)
        return found

    def _fixed(self) -> dict[str, Any]:
        return {
            f.name: f.get_db_prep_save(f.pre_save(self.template, add=True), connection)
            for f in self.fields
            if f.name not in self._VARYING
        }

    def insert(self, rows: list[tuple[SheetRow, int | None]]) -> None:
        fixed = self._fixed()
        columns = ", ".join(self.quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        statement = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"
        names = [f.name for f in self.fields]
        base = [fixed.get(name) for name in names]
        at = {name: names.index(name) for name in self._VARYING}
        dimensions_field = self.by_name["dimensions"]
        prepared_cells: dict[tuple[tuple[str, str], ...], Any] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(rows), self._BATCH):
                params: list[list[Any]] = []
                for row, replaces in rows[start : start + self._BATCH]:
                    cell = row.slot[2]
                    dimensions = prepared_cells.get(cell)
                    if dimensions is None:
                        dimensions = prepared_cells[cell] = dimensions_field.get_db_prep_save(
                            dict(row.dimensions), connection
                        )
                    values = base.copy()
                    values[at["indicator_id"]] = row.indicator
                    values[at["period"]] = row.period
                    values[at["dimensions"]] = dimensions
                    values[at["value"]] = self._prep("value", row.value)
                    values[at["numerator"]] = self._prep("numerator", row.numerator)
                    values[at["denominator"]] = self._prep("denominator", row.denominator)
                    values[at["explanation"]] = row.explanation
                    values[at["supersedes"]] = replaces
                    values[at["client_key"]] = row_key(row, replaces)
                    params.append(values)
                if connection.vendor == "postgresql":
                    # One COPY instead of a round trip per row.
                    with cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                        for values in params:
                            copy.write_row(values)
                else:
                    cursor.executemany(statement, params)

    def update(self, rows: list[tuple[SheetRow, int]]) -> None:
        if not rows:
            return
        fixed = self._fixed()
        also = ("entered_by", "entered_at", "status", "submitted_at")
        params = [
            [
                self._prep("value", row.value),
                self._prep("numerator", row.numerator),
                self._prep("denominator", row.denominator),
                row.explanation,
                pk,
            ]
            for row, pk in rows
        ]
        column = {n: self.quote(self.by_name[n].column) for n in [*self._UPDATED, *also]}
        same = ", ".join(f"{column[n]} = %s" for n in also)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The new figures into a temporary table with one COPY, then one UPDATE.
                cursor.execute(
                    "CREATE TEMPORARY TABLE stramien_sheet_update (value numeric, numerator "
                    "numeric, denominator numeric, explanation text, id bigint) ON COMMIT DROP"
                )
                with cursor.cursor.copy("COPY stramien_sheet_update FROM STDIN") as copy:
                    for values in params:
                        copy.write_row(values)
                figures = ", ".join(f"{column[n]} = u.{n}" for n in self._UPDATED)
                cursor.execute(
                    f"UPDATE {self.table} SET {figures}, {same} FROM stramien_sheet_update u "
                    f"WHERE {self.table}.{self.quote('id')} = u.id",
                    [fixed[n] for n in also],
                )
                return
            figures = ", ".join(f"{column[n]} = %s" for n in self._UPDATED)
            statement = f"UPDATE {self.table} SET {figures}, {same} WHERE {self.quote('id')} = %s"
            for start in range(0, len(params), self._BATCH):
                cursor.executemany(
                    statement,
                    [
                        [*values[:4], *(fixed[n] for n in also), values[4]]
                        for values in params[start : start + self._BATCH]
                    ],
                )


# --- Export ---------------------------------------------------------------------------------


def _period_order(key: str) -> tuple[object, ...]:
    try:
        period = parse_period(key)
    except PeriodError:
        return (1, key)
    return (0, period.start, period.end)


def export_rows(programme: Programme) -> list[SheetRow]:
    """The value standing for every indicator, period and breakdown (whatever its status),
    in the order of the agreement's indicators, then by period and breakdown. Values of
    indicators no longer in the agreement are left out: an import would refuse them."""
    agreement = head_agreement(programme)
    order = {indicator.id: n for n, indicator in enumerate(agreement.indicators)}
    current = Measurement.objects.filter(
        programme=programme, indicator_id__in=order, superseded_by__isnull=True
    ).order_by("id")
    labels = {status.value: str(status.label) for status in Measurement.Status}
    rows = [
        SheetRow(
            indicator=m.indicator_id,
            period=m.period,
            dimensions=m.dimensions or {},
            value=_exact(m.value),
            numerator=_exact(m.numerator),
            denominator=_exact(m.denominator),
            explanation=_plain(m.explanation),
            status=labels.get(m.status, m.status),
        )
        for m in current.iterator(chunk_size=5000)
    ]
    rows.sort(key=lambda r: (order[r.indicator], _period_order(r.period), r.slot[2]))
    return rows


def _exact(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def export_measurements(programme: Programme, extension: str) -> bytes:
    """The export as a file: ``csv`` or ``xlsx``."""
    indicators = head_agreement(programme).indicators
    rows = export_rows(programme)
    if extension == "xlsx":
        return write_xlsx(rows, indicators)
    return write_csv(rows, indicators)


__all__ = [
    "FORMATS",
    "ImportResult",
    "SheetRefused",
    "export_measurements",
    "export_rows",
    "import_measurements",
    "row_key",
]
