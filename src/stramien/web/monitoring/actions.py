"""Every change to measurements, one function each (atomic, permission-checked, audited).

A value is entered as a concept or handed in straight away; the procesregisseur approves it
or returns it with a reason; whoever entered it corrects it, which makes a new record that
points to the old one. Once a period is locked, nothing new is accepted for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.model import Indicator
from stramien.monitor import Measurement as Record
from stramien.monitor import (
    MeasurementError,
    field_problems,
    indicator_periods,
    measurement_problems,
)
from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.i18n import translated
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
        raise InvalidMeasurement([translated(exc.message)]) from None
    problems = [translated(problem) for problem in measurement_problems(candidate, indicator)]
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


#: The most values one call of ``record_measurements`` takes (a larger set: split it up).
MAX_BATCH = 500


@dataclass(frozen=True)
class EntryProblem:
    """Why one value of a set is refused: its place in the set (from 0; None: the set as a
    whole), the field of ``Entry`` it is about ("" for the value as a whole) and the reason
    in Dutch."""

    index: int | None
    field: str
    message: str
    # "forbidden": the user does not enter values of this indicator; "invalid": the rest.
    code: str = "invalid"


class SetRefused(ActionError):
    """Nothing of the set was stored; ``problems`` holds every reason, per value."""

    def __init__(self, problems: list[EntryProblem]) -> None:
        super().__init__(" ".join(p.message for p in problems[:3]))
        self.problems = problems


def entry_problems(programme: Programme, entry: Entry) -> list[tuple[str, str]]:
    """What is wrong with one value, before anything is looked up in the stored values:
    its indicator, its period (one of the indicator's reporting periods), its figures and
    its breakdown, each with the field it is about."""
    agreement = head_agreement(programme)
    indicator = next((i for i in agreement.indicators if i.id == entry.indicator_id), None)
    if indicator is None:
        return [
            (
                "indicator_id",
                _("Indicator %(id)s staat niet (meer) in de overeenkomst.")
                % {"id": entry.indicator_id},
            )
        ]
    problems: list[tuple[str, str]] = []
    if len(entry.explanation) > 2000:
        problems.append(("explanation", _("De toelichting is hoogstens 2000 tekens.")))
    if len(entry.client_key) > 120:
        problems.append(("client_key", _("De sleutel is hoogstens 120 tekens.")))
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
        problems.append(("value", translated(exc.message)))
        candidate = None
    found = [
        (name, translated(message))
        for name, message in (field_problems(candidate, indicator) if candidate is not None else [])
    ]
    problems.extend((_ENTRY_FIELDS.get(name, name), message) for name, message in found)
    known = [p.key for p in indicator_periods(indicator, agreement.programme)]
    if entry.period not in known and not any(name == "period" for name, _m in found):
        # A period of the right kind, but before the start or after the end.
        problems.append(
            (
                "period",
                _(
                    "%(period)s is geen rapportageperiode van deze indicator "
                    "(%(first)s tot en met %(last)s)."
                )
                % {
                    "period": entry.period,
                    "first": known[0] if known else "-",
                    "last": known[-1] if known else "-",
                },
            )
        )
    return problems


_ENTRY_FIELDS = {"indicator": "indicator_id"}


@transaction.atomic
def record_measurements(
    *,
    acting_user: User,
    programme: Programme,
    entries: Sequence[Entry],
    submit: bool | Sequence[bool] = False,
) -> list[tuple[Measurement, bool]]:
    """Enter a set of values, each by the rules of ``record_measurement``, all or none.

    Every value is checked first; then each is stored in turn. When any value is refused
    (by the checks, or by what is stored: a locked period, a value waiting for review, a
    client key used for another value) nothing of the set stays and ``SetRefused`` names
    every refused value. A value whose client key was stored before is not stored again:
    it comes back with ``False`` (stored now: ``True``). ``submit`` hands every value in
    for approval, or (a sequence) the values at the places where it is true."""
    if not permissions.can_enter_any(acting_user, programme):
        raise PermissionDenied
    if not entries:
        raise SetRefused(
            [EntryProblem(None, "", _("Er staan geen waarden in; er is niets op te slaan."))]
        )
    if len(entries) > MAX_BATCH:
        raise SetRefused(
            [
                EntryProblem(
                    None,
                    "",
                    _("Stuur hoogstens %(max)s waarden tegelijk; dit zijn er %(count)s.")
                    % {"max": MAX_BATCH, "count": len(entries)},
                )
            ]
        )
    problems: list[EntryProblem] = []
    owners = {i.id: i.owner for i in head_agreement(programme).indicators}
    keys: dict[str, int] = {}
    for index, entry in enumerate(entries):
        found = entry_problems(programme, entry)
        if not found and not permissions.can_enter(
            acting_user, programme, owners.get(entry.indicator_id)
        ):
            problems.append(
                EntryProblem(
                    index,
                    "indicator_id",
                    _(
                        "U voert geen waarden in voor indicator %(id)s: dat doen de "
                        "vertegenwoordigers van de eigenaar en de monitors."
                    )
                    % {"id": entry.indicator_id},
                    "forbidden",
                )
            )
        if entry.client_key:
            earlier = keys.setdefault(entry.client_key, index)
            if earlier != index:
                found.append(
                    (
                        "client_key",
                        _("Deze sleutel staat ook bij waarde %(index)s van deze set.")
                        % {"index": earlier},
                    )
                )
        problems.extend(EntryProblem(index, name, message) for name, message in found)
    if problems:
        raise SetRefused(problems)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    known = set(
        Measurement.objects.filter(programme=programme, client_key__in=list(keys)).values_list(
            "client_key", flat=True
        )
    )
    stored: list[tuple[Measurement, bool]] = []
    for index, entry in enumerate(entries):
        try:
            with transaction.atomic():
                measurement = record_measurement(
                    acting_user=acting_user,
                    programme=programme,
                    entry=entry,
                    submit=submit if isinstance(submit, bool) else submit[index],
                )
        except InvalidMeasurement as exc:
            problems.extend(EntryProblem(index, "", message) for message in exc.problems)
        except (ActionError, PermissionDenied) as exc:
            message = str(exc) or _("U mag deze waarde niet invoeren.")
            problems.append(EntryProblem(index, "", message))
        else:
            stored.append((measurement, entry.client_key not in known or not entry.client_key))
    if problems:
        raise SetRefused(problems)
    return stored


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
    "MAX_BATCH",
    "Entry",
    "EntryProblem",
    "InvalidMeasurement",
    "SetRefused",
    "approve_measurement",
    "lock_period",
    "record_measurement",
    "record_measurements",
    "return_measurement",
    "submit_measurement",
]
