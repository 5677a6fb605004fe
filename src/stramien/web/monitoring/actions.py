"""Every change to measurements, one function each (atomic, permission-checked, audited).

A value is entered as a concept or handed in straight away; the procesregisseur approves it
or returns it with a reason; whoever entered it corrects it, which makes a new record that
points to the old one. Once a period is locked, nothing new is accepted for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.model import Indicator
from stramien.monitor import Measurement as Record
from stramien.monitor import MeasurementError, indicator_periods, measurement_problems
from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement
from stramien.web.users import User

from . import evidence as evidence_files
from . import permissions
from .models import Measurement, PeriodLock


class InvalidMeasurement(ActionError):
    """The value does not fit its indicator; ``problems`` holds every reason (Dutch)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    """What a form, a spreadsheet row or an API request says about one value."""

    indicator_id: str
    period: str
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    dimensions: dict[str, str] | None = None
    explanation: str = ""
    client_key: str = ""


def indicator_of(programme: Programme, indicator_id: str) -> Indicator:
    """The indicator in the newest version of the agreement; refused when it is not there."""
    for indicator in head_agreement(programme).indicators:
        if indicator.id == indicator_id:
            return indicator
    raise ActionError(
        _("Indicator %(id)s staat niet (meer) in de overeenkomst.") % {"id": indicator_id}
    )


def _check(entry: Entry, indicator: Indicator) -> None:
    if len(entry.explanation) > 2000:
        raise InvalidMeasurement([_("De toelichting is hoogstens 2000 tekens.")])
    try:
        candidate = Record(
            id="nieuw",
            indicator=entry.indicator_id,
            period=entry.period,
            entered_at=timezone.now(),
            value=entry.value,
            numerator=entry.numerator,
            denominator=entry.denominator,
            dimensions=entry.dimensions or {},
        )
    except MeasurementError as exc:
        raise InvalidMeasurement([str(exc)]) from None
    problems = measurement_problems(candidate, indicator)
    if problems:
        raise InvalidMeasurement(problems)


def _locked(programme: Programme, indicator_id: str, period: str) -> bool:
    return PeriodLock.objects.filter(
        programme=programme, indicator_id=indicator_id, period=period
    ).exists()


def current_for(programme: Programme, entry: Entry) -> Measurement | None:
    """The value now standing for this indicator, period and breakdown (not replaced)."""
    return (
        Measurement.objects.filter(
            programme=programme,
            indicator_id=entry.indicator_id,
            period=entry.period,
            dimensions=entry.dimensions or {},
            superseded_by__isnull=True,
        )
        .order_by("-id")
        .first()
    )


def _same(found: Measurement, entry: Entry) -> bool:
    return (found.value, found.numerator, found.denominator, found.explanation) == (
        entry.value,
        entry.numerator,
        entry.denominator,
        entry.explanation,
    )


@transaction.atomic
def record_measurement(
    *,
    acting_user: User,
    programme: Programme,
    entry: Entry,
    submit: bool = False,
    evidence: evidence_files.Upload | None = None,
) -> Measurement:
    """Enter a value (or change a concept); a value that was handed in, approved or
    returned is corrected by a new record that replaces it and keeps it in the history.
    ``evidence`` is a new file; without it a correction keeps the evidence it replaces."""
    indicator = indicator_of(programme, entry.indicator_id)
    if not permissions.can_enter(acting_user, programme, indicator.owner):
        raise PermissionDenied
    _check(entry, indicator)
    accepted = evidence_files.accept(evidence) if evidence is not None else None
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    if entry.client_key:
        known = Measurement.objects.filter(programme=programme, client_key=entry.client_key)
        found = known.first()
        if found is not None:
            if _same(found, entry) and found.period == entry.period:
                return found  # sent before: nothing new
            raise ActionError(
                _("De sleutel %(key)s is al gebruikt voor een andere meting.")
                % {"key": entry.client_key}
            )
    if _locked(programme, entry.indicator_id, entry.period):
        raise ActionError(
            _("Periode %(period)s van deze indicator is vergrendeld; er kan niets meer bij.")
            % {"period": entry.period}
        )
    standing = current_for(programme, entry)
    now = timezone.now()
    kept = standing.evidence if standing is not None else None
    if accepted is not None and evidence is not None:
        kept = evidence_files.store_evidence(
            acting_user=acting_user, programme=programme, accepted=accepted, name=evidence.name
        )
    if standing is not None and standing.status == Measurement.Status.CONCEPT:
        for name in ("value", "numerator", "denominator", "explanation"):
            setattr(standing, name, getattr(entry, name))
        standing.evidence = kept
        standing.entered_by, standing.entered_at = acting_user, now
        standing.save()
        measurement, action = standing, AuditAction.MEASUREMENT_RECORD
    else:
        if standing is not None and standing.status == Measurement.Status.SUBMITTED:
            raise ActionError(
                _(
                    "Er ligt al een waarde voor deze periode ter beoordeling; wacht op de "
                    "procesregisseur of vraag hem die terug te sturen."
                )
            )
        measurement = Measurement.objects.create(
            programme=programme,
            indicator_id=entry.indicator_id,
            period=entry.period,
            dimensions=entry.dimensions or {},
            value=entry.value,
            numerator=entry.numerator,
            denominator=entry.denominator,
            explanation=entry.explanation,
            evidence=kept,
            entered_by=acting_user,
            entered_at=now,
            supersedes=standing,
            client_key=entry.client_key,
        )
        action = (
            AuditAction.MEASUREMENT_CORRECT
            if standing is not None
            else AuditAction.MEASUREMENT_RECORD
        )
    _audit(acting_user, measurement, action)
    if submit:
        measurement.submit()
        _audit(acting_user, measurement, AuditAction.MEASUREMENT_SUBMIT)
    return measurement


def _audit(acting_user: User, measurement: Measurement, action: AuditAction, **extra: Any) -> None:
    record(
        programme=measurement.programme,
        actor=acting_user,
        action=action,
        measurement=measurement.pk,
        indicator=measurement.indicator_id,
        period=measurement.period,
        **extra,
    )


def _own(acting_user: User, measurement: Measurement) -> None:
    indicator = indicator_of(measurement.programme, measurement.indicator_id)
    if not permissions.can_enter(acting_user, measurement.programme, indicator.owner):
        raise PermissionDenied


@transaction.atomic
def submit_measurement(*, acting_user: User, measurement: Measurement) -> Measurement:
    """Hand a concept (or a returned value) in for approval."""
    _own(acting_user, measurement)
    if _locked(measurement.programme, measurement.indicator_id, measurement.period):
        raise ActionError(_("Deze periode is vergrendeld."))
    measurement.submit()
    _audit(acting_user, measurement, AuditAction.MEASUREMENT_SUBMIT)
    return measurement


@transaction.atomic
def approve_measurement(*, acting_user: User, measurement: Measurement) -> Measurement:
    if not permissions.can_review(acting_user, measurement.programme):
        raise PermissionDenied
    measurement.approve(by=acting_user)
    _audit(acting_user, measurement, AuditAction.MEASUREMENT_APPROVE)
    return measurement


@transaction.atomic
def return_measurement(*, acting_user: User, measurement: Measurement, reason: str) -> Measurement:
    """Send a handed-in value back, with the reason, so that it is corrected."""
    if not permissions.can_review(acting_user, measurement.programme):
        raise PermissionDenied
    text = reason.strip()
    if not text:
        raise ActionError(
            _("Geef aan waarom de waarde terug gaat, zodat die verbeterd kan worden.")
        )
    if len(text) > 2000:
        raise ActionError(_("De toelichting is hoogstens 2000 tekens."))
    measurement.send_back(by=acting_user, reason=text)
    _audit(acting_user, measurement, AuditAction.MEASUREMENT_RETURN, reason=text)
    return measurement


@transaction.atomic
def lock_period(
    *, acting_user: User, programme: Programme, indicator_id: str, period: str
) -> PeriodLock:
    """Make the approved values of a period final: nothing new is accepted for it."""
    if not permissions.can_review(acting_user, programme):
        raise PermissionDenied
    indicator = indicator_of(programme, indicator_id)
    known = [p.key for p in indicator_periods(indicator, head_agreement(programme).programme)]
    if period not in known:
        raise ActionError(_("%(period)s is geen periode van deze indicator.") % {"period": period})
    waiting = Measurement.objects.filter(
        programme=programme,
        indicator_id=indicator_id,
        period=period,
        status=Measurement.Status.SUBMITTED,
    )
    if waiting.exists():
        raise ActionError(_("Beoordeel eerst de waarden die nog ter beoordeling liggen."))
    lock, created = PeriodLock.objects.get_or_create(
        programme=programme,
        indicator_id=indicator_id,
        period=period,
        defaults={"locked_by": acting_user, "locked_at": timezone.now()},
    )
    if created:
        record(
            programme=programme,
            actor=acting_user,
            action=AuditAction.PERIOD_LOCK,
            indicator=indicator_id,
            period=period,
        )
    return lock


__all__ = [
    "Entry",
    "InvalidMeasurement",
    "approve_measurement",
    "lock_period",
    "record_measurement",
    "return_measurement",
    "submit_measurement",
]
