"""E-mail reminders about values that are due soon or late, sent by ``stramien remind``.

Who: for an indicator, the representatives of its owner organisation and the programme's
monitors, the people who may enter its values (``permissions.can_enter``), as far as they
want e-mail and reminders (their preferences page). Which programmes: adopted ones only
(*vastgesteld*: a round was adopted); before that the agreement, and so its indicators, may
still change. When: ``stramien.monitor.missing.reminders_due`` (a week before the deadline,
the week after it, and four weeks after it), for the indicators of the newest version.

Never twice: every reminder is one ``SentReminder`` row (programme, indicator, period,
person, kind; a unique constraint). A run writes the rows of one person's mail, then sends
the mail, in one transaction: a second run at the same time waits for those rows and skips
them; a mail that fails rolls its rows back, so the next run tries again. Safe to run from
cron every hour.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from stramien.formatting import long_date
from stramien.monitor.missing import Reminder, ReminderKind, reminders_due
from stramien.web.accounts.notifications import send_to
from stramien.web.accounts.selectors import wants_reminders
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.audit.actions import AuditAction, record
from stramien.web.programmes.models import Membership, Programme, Role
from stramien.web.users import User

from . import permissions
from .missing_selectors import matrix_rows, owner_names
from .models import SentReminder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mail:
    """The reminders one person gets about one programme, in one e-mail."""

    programme: Programme
    recipient: User
    reminders: list[Reminder]
    # Links start with the public address; owners' ids map to their names.
    base_url: str
    owners: dict[str, str]

    def text(self) -> tuple[str, str]:
        """The subject and the body, in Dutch."""
        context = _context(self)
        subject = render_to_string("monitoring/email/reminder_subject.txt", context)
        body = render_to_string("monitoring/email/reminder_body.txt", context)
        return " ".join(subject.split()), body


@dataclass
class Outcome:
    sent: list[Mail] = field(default_factory=list)
    failed: list[Mail] = field(default_factory=list)


def adopted_programmes() -> list[Programme]:
    adopted = ApprovalRound.objects.filter(status=ApprovalRound.Status.ADOPTED)
    return list(Programme.objects.filter(pk__in=adopted.values("programme")).order_by("slug"))


def _recipients(programme: Programme, owner: str | None, members: list[User]) -> list[User]:
    return [user for user in members if permissions.can_enter(user, programme, owner)]


def planned(programme: Programme, today: dt.date, base_url: str) -> list[Mail]:
    """The mails ``today`` calls for in ``programme`` that were not sent before, with their
    text; links start with ``base_url`` (the public address)."""
    agreement, rows = matrix_rows(programme, today)
    due = reminders_due(rows)
    if not due:
        return []
    members = [
        m.user
        for m in Membership.objects.filter(
            programme=programme, role__in=[Role.PARTNER, Role.MONITOR], user__is_active=True
        ).select_related("user")
        if wants_reminders(m.user)
    ]
    sent = set(
        SentReminder.objects.filter(programme=programme).values_list(
            "indicator_id", "period", "recipient_id", "kind"
        )
    )
    per_person: dict[int, tuple[User, list[Reminder]]] = {}
    for reminder in due:
        for user in _recipients(programme, reminder.indicator.owner, members):
            slot = (reminder.indicator.id, reminder.cell.period.key, user.pk, reminder.kind.value)
            if slot not in sent:
                per_person.setdefault(user.pk, (user, []))[1].append(reminder)
    names = owner_names(agreement)
    return [
        Mail(programme, user, reminders, base_url, names) for user, reminders in per_person.values()
    ]


def _context(mail: Mail) -> dict[str, object]:
    programme, base_url = mail.programme, mail.base_url
    items = [
        {
            "name": r.indicator.name,
            "owner": mail.owners.get(r.indicator.owner or "", ""),
            "period": r.cell.period.label,
            "deadline": long_date(r.cell.deadline),
            "late": r.kind is not ReminderKind.DUE_SOON,
            "days": abs(r.cell.days_left),
            "link": base_url
            + reverse("programmes:indicator", args=[programme.slug, r.indicator.id]),
        }
        for r in mail.reminders
    ]
    return {
        "programme": programme,
        "user": mail.recipient,
        "items": items,
        "any_late": any(item["late"] for item in items),
        "missing_link": base_url + reverse("programmes:missing", args=[programme.slug]),
        "preferences_link": base_url + reverse("accounts:preferences"),
    }


class _NotSent(Exception):
    """The mail could not be sent: roll back its rows, so the next run tries again."""


def _claim_and_send(mail: Mail) -> Mail | None:
    """Write the rows of ``mail``'s reminders (only those no other run wrote), its audit
    row, and send it, in one transaction; the mail as sent, or None when nothing was left."""
    now = timezone.now()
    with transaction.atomic():
        claimed = []
        for reminder in mail.reminders:
            try:
                with transaction.atomic():
                    SentReminder.objects.create(
                        programme=mail.programme,
                        indicator_id=reminder.indicator.id,
                        period=reminder.cell.period.key,
                        recipient=mail.recipient,
                        kind=reminder.kind.value,
                        sent_at=now,
                    )
            except IntegrityError:
                continue  # another run claimed (and sends) this one
            claimed.append(reminder)
        if not claimed:
            return None
        mail = replace(mail, reminders=claimed)
        record(
            programme=mail.programme,
            actor=None,
            action=AuditAction.REMINDER_SEND,
            recipient=mail.recipient.get_username(),
            reminders=[f"{r.indicator.id} {r.cell.period.key} {r.kind.value}" for r in claimed],
        )
        subject, body = mail.text()
        if not send_to([mail.recipient], subject, body):
            raise _NotSent
    return mail


def send_reminders(
    *, today: dt.date, base_url: str, dry_run: bool = False, programmes: Iterable[Programme] = ()
) -> Outcome:
    """Send every reminder ``today`` calls for in the adopted programmes (or only in
    ``programmes``, when given, as far as they are adopted). With ``dry_run`` nothing is
    written or sent: the outcome lists what would go."""
    outcome = Outcome()
    chosen = {p.pk for p in programmes}
    for programme in adopted_programmes():
        if chosen and programme.pk not in chosen:
            continue
        for mail in planned(programme, today, base_url):
            if dry_run:
                outcome.sent.append(mail)
                continue
            try:
                done = _claim_and_send(mail)
            except _NotSent:
                log.warning("Herinnering aan %s niet verstuurd", mail.recipient.pk)
                outcome.failed.append(mail)
                continue
            if done is not None:
                outcome.sent.append(done)
    return outcome
