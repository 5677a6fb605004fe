"""Every change to milestone statuses, spending and in-kind deliveries, one function each
(atomic, permission-checked, audited).

Nothing is changed in place. A milestone's new status is a new record that replaces the one
standing; a correction of spending or of a delivery is a new record that names the one it
replaces, which stays in the history. A record sent twice under the same client key (a
spreadsheet row, an API request) is stored once.

Spending and deliveries are not approved by the procesregisseur as measurements are: they
come from the partners' own books, which their controllers check; the regisseur sees every
record and its history and may correct any of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.model import Agreement, Contribution
from stramien.model.dates import plan_date
from stramien.monitor.finance import cost_item, in_kind_contribution
from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement
from stramien.web.users import User

from .models import InKindDelivery, MilestoneStatus, ProgressRecord, Spending
from .progress_permissions import can_record_for, can_record_milestones, partners_recorded_by

MAX_AMOUNT = Decimal(10) ** 12
CENT = Decimal("0.01")
MAX_TEXT = 2000


class InvalidRecord(ActionError):
    """The input does not fit; ``problems`` holds (field name, Dutch message) for each."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(" ".join(message for _field, message in problems))
        self.problems = problems


@dataclass(frozen=True)
class MilestoneUpdate:
    milestone_id: str
    status: str
    actual_date: dt.date | None = None
    explanation: str = ""
    client_key: str = ""


@dataclass(frozen=True)
class SpendingInput:
    cost_item_id: str
    partner_id: str
    spent_on: dt.date
    amount: Decimal
    explanation: str = ""
    client_key: str = ""


@dataclass(frozen=True)
class DeliveryInput:
    contribution_id: str
    delivered_on: dt.date
    value: Decimal
    quantity: str = ""
    explanation: str = ""
    client_key: str = ""


R = TypeVar("R", bound=ProgressRecord)


def _text_problems(explanation: str) -> list[tuple[str, str]]:
    if len(explanation) > MAX_TEXT:
        return [("explanation", _("De toelichting is hoogstens 2000 tekens."))]
    return []


def _amount_problems(
    field: str, amount: Decimal, *, correcting: bool, today: dt.date, day: dt.date
) -> list[tuple[str, str]]:
    problems = []
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        problems.append((field, _("Dit bedrag is te groot.")))
    elif amount < 0:
        problems.append(
            (field, _("Vul een bedrag van nul of meer in; een terugboeking is een correctie."))
        )
    elif amount == 0 and not correcting:
        problems.append((field, _("Vul een bedrag groter dan nul in.")))
    elif amount.quantize(CENT) != amount:
        problems.append((field, _("Een bedrag heeft hoogstens twee cijfers achter de komma.")))
    if day > today:
        problems.append(("day", _("Deze datum ligt in de toekomst; vul in wat al gebeurd is.")))
    return problems


def _store(
    model: type[R],
    *,
    acting_user: User,
    programme: Programme,
    fields: dict[str, Any],
    client_key: str,
    replaces: R | None,
    action: AuditAction,
    details: dict[str, Any],
) -> R:
    """The one way a progress record is written: once per client key, replacing at most
    one standing record of the same programme, with its audit row."""
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    rows: Any = model._default_manager  # the concrete model's (the base is abstract)
    if client_key:
        found: R | None = rows.filter(programme=programme, client_key=client_key).first()
        if found is not None:
            if all(getattr(found, name) == value for name, value in fields.items()):
                return found  # sent before: nothing new
            raise ActionError(
                _("De sleutel %(key)s is al gebruikt voor iets anders.") % {"key": client_key}
            )
    if replaces is not None:
        fresh = rows.select_for_update().filter(pk=replaces.pk).first()
        if fresh is None or fresh.programme_id != programme.pk:
            raise ActionError(_("Wat u wilt corrigeren hoort niet bij dit programma."))
        if rows.filter(supersedes=fresh).exists():
            raise ActionError(_("Dit is intussen al gecorrigeerd; corrigeer de nieuwste versie."))
    stored: R = rows.create(
        programme=programme,
        entered_by=acting_user,
        entered_at=timezone.now(),
        supersedes=replaces,
        client_key=client_key,
        **fields,
    )
    record(
        programme=programme,
        actor=acting_user,
        action=action,
        record=stored.pk,
        replaces=replaces.pk if replaces is not None else None,
        **details,
    )
    return stored


def _milestone_problems(agreement: Agreement, update: MilestoneUpdate) -> list[tuple[str, str]]:
    known = {m.id: m for m in agreement.planning.milestones}
    if update.milestone_id not in known:
        return [
            (
                "milestone_id",
                _("Mijlpaal %(id)s staat niet (meer) in de planning.")
                % {"id": update.milestone_id},
            )
        ]
    problems = _text_problems(update.explanation)
    status = MilestoneStatus.Status
    if update.status not in status.values:
        problems.append(("status", _("Kies een van de genoemde standen.")))
    if update.status == status.DONE and update.actual_date is None:
        problems.append(("actual_date", _("Vul de datum in waarop de mijlpaal is bereikt.")))
    future = update.actual_date is not None and update.actual_date > timezone.localdate()
    if update.status == status.DONE and future:
        problems.append(
            ("actual_date", _("Een bereikte mijlpaal kan geen datum in de toekomst hebben."))
        )
    milestone = known[update.milestone_id]
    planned = milestone.window[1]  # a milestone planned in a period is due by its last day
    if update.status == status.DELAYED and update.actual_date and update.actual_date <= planned:
        problems.append(
            (
                "actual_date",
                _("Bij vertraging ligt de verwachte datum na de geplande (%(day)s).")
                % {"day": plan_date(milestone.date, milestone.precision, style="short")},
            )
        )
    if update.status in (status.DELAYED, status.DROPPED) and not update.explanation.strip():
        problems.append(
            ("explanation", _("Leg uit waarom de mijlpaal vertraging oploopt of vervalt."))
        )
    return problems


@transaction.atomic
def record_milestone_status(
    *, acting_user: User, programme: Programme, update: MilestoneUpdate
) -> MilestoneStatus:
    """Say where a milestone stands; the status standing until now stays in the history."""
    if not can_record_milestones(acting_user, programme):
        raise PermissionDenied
    problems = _milestone_problems(head_agreement(programme), update)
    if problems:
        raise InvalidRecord(problems)
    # Locked before the standing status is read, so two changes at once queue up.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    standing = (
        MilestoneStatus.objects.filter(
            programme=programme, milestone_id=update.milestone_id, superseded_by__isnull=True
        )
        .order_by("-id")
        .first()
    )
    if update.client_key and standing is not None and standing.client_key == update.client_key:
        standing = None  # the same request again: _store answers with what it stored
    return _store(
        MilestoneStatus,
        acting_user=acting_user,
        programme=programme,
        fields={
            "milestone_id": update.milestone_id,
            "status": update.status,
            "actual_date": update.actual_date,
            "explanation": update.explanation,
        },
        client_key=update.client_key,
        replaces=standing,
        action=AuditAction.MILESTONE_STATUS,
        details={"milestone": update.milestone_id, "status": update.status},
    )


def _same_item(replaces: ProgressRecord | None, field: str, value: str) -> None:
    if replaces is not None and getattr(replaces, field) != value:
        raise ActionError(_("Een correctie hoort bij dezelfde post als wat ze corrigeert."))


@transaction.atomic
def record_spending(
    *,
    acting_user: User,
    programme: Programme,
    entry: SpendingInput,
    replaces: Spending | None = None,
) -> Spending:
    """Record money a partner spent on a cost item, or correct an earlier record."""
    if not can_record_for(acting_user, programme, entry.partner_id):
        raise PermissionDenied
    if replaces is not None and not can_record_for(acting_user, programme, replaces.partner_id):
        raise PermissionDenied
    agreement = head_agreement(programme)
    problems = _text_problems(entry.explanation)
    if cost_item(agreement, entry.cost_item_id) is None:
        problems.append(
            (
                "cost_item_id",
                _("Kostenpost %(id)s staat niet (meer) in de begroting.")
                % {"id": entry.cost_item_id},
            )
        )
    if entry.partner_id not in {p.id for p in agreement.partnership.partners}:
        problems.append(("partner_id", _("Kies een partner uit de overeenkomst.")))
    problems += _amount_problems(
        "amount",
        entry.amount,
        correcting=replaces is not None,
        today=timezone.localdate(),
        day=entry.spent_on,
    )
    if problems:
        raise InvalidRecord([("spent_on" if f == "day" else f, m) for f, m in problems])
    _same_item(replaces, "cost_item_id", entry.cost_item_id)
    return _store(
        Spending,
        acting_user=acting_user,
        programme=programme,
        fields={
            "cost_item_id": entry.cost_item_id,
            "partner_id": entry.partner_id,
            "spent_on": entry.spent_on,
            "amount": entry.amount,
            "explanation": entry.explanation,
        },
        client_key=entry.client_key,
        replaces=replaces,
        action=AuditAction.SPENDING_CORRECT if replaces else AuditAction.SPENDING_RECORD,
        details={
            "cost_item": entry.cost_item_id,
            "partner": entry.partner_id,
            "amount": str(entry.amount),
        },
    )


def contribution_in_kind(programme: Programme, contribution_id: str) -> Contribution | None:
    """The contribution in kind in the newest version of the agreement, if it is there."""
    return in_kind_contribution(head_agreement(programme), contribution_id)


@transaction.atomic
def record_in_kind_delivery(
    *,
    acting_user: User,
    programme: Programme,
    entry: DeliveryInput,
    replaces: InKindDelivery | None = None,
) -> InKindDelivery:
    """Record what a partner delivered of its contribution in kind, or correct a record."""
    if partners_recorded_by(acting_user, programme) == set():
        raise PermissionDenied
    pledged = contribution_in_kind(programme, entry.contribution_id)
    partner_id = pledged.partner if pledged is not None else ""
    if pledged is not None and not can_record_for(acting_user, programme, partner_id):
        raise PermissionDenied
    if replaces is not None and not can_record_for(acting_user, programme, replaces.partner_id):
        raise PermissionDenied
    problems = _text_problems(entry.explanation)
    if pledged is None:
        problems.append(
            (
                "contribution_id",
                _("Bijdrage in natura %(id)s staat niet (meer) in de overeenkomst.")
                % {"id": entry.contribution_id},
            )
        )
    if len(entry.quantity) > 120:
        problems.append(("quantity", _("De hoeveelheid is hoogstens 120 tekens.")))
    problems += _amount_problems(
        "value",
        entry.value,
        correcting=replaces is not None,
        today=timezone.localdate(),
        day=entry.delivered_on,
    )
    if problems:
        raise InvalidRecord([("delivered_on" if f == "day" else f, m) for f, m in problems])
    _same_item(replaces, "contribution_id", entry.contribution_id)
    return _store(
        InKindDelivery,
        acting_user=acting_user,
        programme=programme,
        fields={
            "contribution_id": entry.contribution_id,
            "partner_id": partner_id,
            "delivered_on": entry.delivered_on,
            "quantity": entry.quantity,
            "value": entry.value,
            "explanation": entry.explanation,
        },
        client_key=entry.client_key,
        replaces=replaces,
        action=AuditAction.IN_KIND_CORRECT if replaces else AuditAction.IN_KIND_RECORD,
        details={
            "contribution": entry.contribution_id,
            "partner": partner_id,
            "value": str(entry.value),
        },
    )


__all__ = [
    "DeliveryInput",
    "InvalidRecord",
    "MilestoneUpdate",
    "SpendingInput",
    "record_in_kind_delivery",
    "record_milestone_status",
    "record_spending",
]
