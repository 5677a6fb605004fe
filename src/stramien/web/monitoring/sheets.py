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

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
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


def _same(found: Measurement, row: SheetRow) -> bool:
    return (found.value, found.numerator, found.denominator, _plain(found.explanation)) == (
        row.content
    )


def _slot(measurement: Measurement) -> Slot:
    return (
        measurement.indicator_id,
        measurement.period,
        tuple(sorted((measurement.dimensions or {}).items())),
    )


def row_key(row: SheetRow, replaces: int | None) -> str:
    """The client key of the record a row makes: its indicator, period, breakdown and
    figures, and the record it replaces. The same file again finds its values standing and
    adds nothing; the same figures replacing another record get another key."""
    parts = [repr(row.slot), repr(row.content), str(replaces or "")]
    return "blad-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


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
        self.replacing: list[tuple[SheetRow, Measurement]] = []
        self.updated: list[tuple[SheetRow, Measurement]] = []
        self.unchanged = 0

    def _problem(self, row: SheetRow, column: str, message: str) -> None:
        self.problems.append(RowProblem(row.row, self.columns.get(column, column), message))

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
        standing: dict[Slot, Measurement] = {}
        current = Measurement.objects.filter(
            programme=self.programme, indicator_id__in=used, superseded_by__isnull=True
        ).order_by("id")
        for measurement in current.iterator(chunk_size=5000):
            standing[_slot(measurement)] = measurement
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
            if found is not None and _same(found, row):
                self.unchanged += 1
            elif found is None:
                self.added.append(row)
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
                self.updated.append((row, found))
            else:
                self.replacing.append((row, found))

    def write(self, *, submit: bool) -> None:
        now = timezone.now()
        status = Measurement.Status.SUBMITTED if submit else Measurement.Status.CONCEPT
        submitted_at = now if submit else None
        new = [self._new(row, None, now, status, submitted_at) for row in self.added] + [
            self._new(row, old, now, status, submitted_at) for row, old in self.replacing
        ]
        Measurement.objects.bulk_create(new, batch_size=2000)
        for row, concept in self.updated:
            concept.value, concept.numerator = row.value, row.numerator
            concept.denominator, concept.explanation = row.denominator, row.explanation
            concept.entered_by, concept.entered_at = self.user, now
            concept.status, concept.submitted_at = status, submitted_at
        Measurement.objects.bulk_update(
            [concept for _row, concept in self.updated],
            [
                "value",
                "numerator",
                "denominator",
                "explanation",
                "entered_by",
                "entered_at",
                "status",
                "submitted_at",
            ],
            batch_size=1000,
        )

    def _new(
        self,
        row: SheetRow,
        replaces: Measurement | None,
        now: dt.datetime,
        status: str,
        submitted_at: dt.datetime | None,
    ) -> Measurement:
        return Measurement(
            programme=self.programme,
            indicator_id=row.indicator,
            period=row.period,
            dimensions=dict(row.dimensions),
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            explanation=row.explanation,
            entered_by=self.user,
            entered_at=now,
            status=status,
            submitted_at=submitted_at,
            supersedes=replaces,
            client_key=row_key(row, replaces.pk if replaces else None),
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
