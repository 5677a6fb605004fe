"""Spending and deliveries in kind to and from spreadsheets: the import (one action, all or
nothing) and the export in the very same columns (``stramien.monitor.finance_sheets`` reads
and writes the files).

A row adds a record unless the same row was imported before (its client key) or a standing
record already says the same; then it changes nothing, so an export imported again adds
nothing. A cost item, contribution or partner not in the agreement, a partner whose records
the user does not keep, or any problem in the file refuses the whole file, with every reason
per row and column. Corrections stay the work of the finance page's forms.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.monitor.finance_sheets import (
    PARTNER,
    FinanceKind,
    FinanceRow,
    read_finance_sheet,
    write_finance_csv,
    write_finance_xlsx,
)
from stramien.monitor.sheets import RowProblem, SheetError
from stramien.web.audit.actions import AuditAction, record
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement
from stramien.web.users import User

from .models import InKindDelivery, Spending
from .progress_permissions import can_record_for, partners_recorded_by
from .sheets import SheetRefused


@dataclass(frozen=True)
class FinanceImportResult:
    added: int
    unchanged: int
    skipped: int


def _model(kind: FinanceKind) -> type[Spending] | type[InKindDelivery]:
    return Spending if kind is FinanceKind.SPENDING else InKindDelivery


def _row_of(kind: FinanceKind, record: Any) -> FinanceRow:
    if kind is FinanceKind.SPENDING:
        return FinanceRow(
            item=record.cost_item_id,
            partner=record.partner_id,
            day=record.spent_on,
            amount=record.amount.normalize(),
            explanation=_plain(record.explanation),
        )
    return FinanceRow(
        item=record.contribution_id,
        partner=record.partner_id,
        day=record.delivered_on,
        amount=record.value.normalize(),
        quantity=record.quantity,
        explanation=_plain(record.explanation),
    )


def _plain(text: str) -> str:
    # A browser sends CRLF, a sheet reads back LF: the same text either way.
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _fields(kind: FinanceKind, row: FinanceRow) -> dict[str, Any]:
    if kind is FinanceKind.SPENDING:
        return {
            "cost_item_id": row.item,
            "partner_id": row.partner,
            "spent_on": row.day,
            "amount": row.amount,
            "explanation": row.explanation,
        }
    return {
        "contribution_id": row.item,
        "partner_id": row.partner,
        "delivered_on": row.day,
        "quantity": row.quantity,
        "value": row.amount,
        "explanation": row.explanation,
    }


def _current(programme: Programme, kind: FinanceKind) -> Any:
    return (
        _model(kind)
        ._default_manager.filter(programme=programme, superseded_by__isnull=True)
        .order_by("id")
    )


@transaction.atomic
def import_finance(
    *,
    acting_user: User,
    programme: Programme,
    kind: FinanceKind,
    data: bytes,
    filename: str,
) -> FinanceImportResult:
    """Import every spending or delivery of a CSV or XLSX file, or none; ``SheetRefused``
    says why not."""
    keeps = partners_recorded_by(acting_user, programme)
    if keeps == set():
        raise PermissionDenied
    agreement = head_agreement(programme)
    try:
        parsed = read_finance_sheet(data, filename, kind, agreement, timezone.localdate())
    except SheetError as exc:
        raise SheetRefused([RowProblem(0, "", str(exc))]) from None
    if not parsed.rows and not parsed.problems:
        raise SheetRefused(
            [
                RowProblem(
                    0, "", _("Onder de kolomkoppen staan geen rijen; er is niets in te lezen.")
                )
            ]
        )
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    problems = list(parsed.problems)
    partner_column = parsed.columns.get(PARTNER, PARTNER)
    for row in parsed.rows:
        if not can_record_for(acting_user, programme, row.partner):
            problems.append(
                RowProblem(
                    row.row,
                    partner_column,
                    _(
                        "U houdt de bestedingen en leveringen van partner %(partner)s niet bij: "
                        "dat doen haar vertegenwoordigers, de procesregisseur en de monitors."
                    )
                    % {"partner": row.partner},
                )
            )
    if problems:
        raise SheetRefused(sorted(problems, key=lambda p: p.row))
    model = _model(kind)
    rows = model._default_manager
    used_keys = set(
        rows.filter(programme=programme, client_key__startswith="blad-").values_list(
            "client_key", flat=True
        )
    )
    standing = Counter(_row_of(kind, r).content for r in _current(programme, kind))
    now = timezone.now()
    new: list[Any] = []
    unchanged = 0
    for row in parsed.rows:
        key = row.key(kind)
        if key in used_keys:
            unchanged += 1
        elif standing[row.content] > 0:
            standing[row.content] -= 1
            unchanged += 1
        else:
            new.append(
                model(
                    programme=programme,
                    entered_by=acting_user,
                    entered_at=now,
                    client_key=key,
                    **_fields(kind, row),
                )
            )
    try:
        with transaction.atomic():
            rows.bulk_create(new, batch_size=1000)
    except IntegrityError:
        raise SheetRefused(
            [RowProblem(0, "", _("Tegelijk is er iets anders opgeslagen; lees het opnieuw in."))]
        ) from None
    result = FinanceImportResult(added=len(new), unchanged=unchanged, skipped=parsed.skipped)
    record(
        programme=programme,
        actor=acting_user,
        action=(
            AuditAction.SPENDING_RECORD
            if kind is FinanceKind.SPENDING
            else AuditAction.IN_KIND_RECORD
        ),
        file=filename[-200:],
        imported=True,
        added=result.added,
        unchanged=result.unchanged,
    )
    return result


def export_rows(programme: Programme, kind: FinanceKind) -> list[FinanceRow]:
    """The standing records (corrections in place of what they corrected), by day."""
    found = [_row_of(kind, r) for r in _current(programme, kind)]
    return sorted(found, key=lambda r: (r.day, r.item, r.partner))


def export_finance(programme: Programme, kind: FinanceKind, extension: str) -> bytes:
    """The export as a file: ``csv`` or ``xlsx``."""
    rows = export_rows(programme, kind)
    if extension == "xlsx":
        return write_finance_xlsx(kind, rows)
    return write_finance_csv(kind, rows)


__all__ = ["FinanceImportResult", "export_finance", "export_rows", "import_finance"]
