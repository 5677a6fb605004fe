"""E-mail notifications. Called after the transaction commits; a failed mail never undoes work.

People can switch e-mail off on their account page; invitations go to people without an
account yet, so they are always sent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail

from .models import ApprovalRound, Comment, Membership, Role

log = logging.getLogger(__name__)


def wants_mail(user: Any) -> bool:
    from stramien.web.accounts.models import NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    return bool(user.email) and (preference is None or preference.email_enabled)


def _send(users: Iterable[Any], subject: str, body: str) -> int:
    sent = 0
    for user in users:
        if not wants_mail(user):
            continue
        try:
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:  # a mail server problem must not break the action that succeeded
            log.exception("Kon geen e-mail sturen aan %s", user.pk)
    return sent


def _partners(current: ApprovalRound) -> list[Any]:
    members = Membership.objects.filter(
        programme=current.programme, role=Role.PARTNER, party_id__in=list(current.parties)
    ).select_related("user")
    return [m.user for m in members]


def approval_requested(current: ApprovalRound) -> int:
    name = current.programme.name
    return _send(
        _partners(current),
        f"Ter vaststelling: {name}",
        f"Versie {current.revision_number} van de samenwerkingsovereenkomst {name} ligt ter "
        "vaststelling voor. Keur haar goed of af namens uw organisatie in Stramien, op de "
        "pagina Vaststelling van het programma.\n",
    )


def approval_voided(current: ApprovalRound) -> int:
    name = current.programme.name
    regisseurs = Membership.objects.filter(
        programme=current.programme, role=Role.REGISSEUR
    ).select_related("user")
    people = {u.pk: u for u in [*_partners(current), *(m.user for m in regisseurs)]}
    return _send(
        people.values(),
        f"Vaststelling vervallen: {name}",
        f"De vaststelling van versie {current.revision_number} van {name} is vervallen: "
        f"{current.void_reason} Eerdere goedkeuringen gelden niet meer; de procesregisseur "
        "legt een nieuwe versie voor.\n",
    )


def comment_reply(reply: Comment) -> int:
    thread = reply.thread
    if thread is None:
        return 0
    people = {c.author.pk: c.author for c in [thread, *thread.replies.all()]}
    people.pop(reply.author.pk, None)
    return _send(
        people.values(),
        f"Reactie op uw opmerking: {reply.programme.name}",
        f"{reply.author.get_full_name() or reply.author.get_username()} reageerde:\n\n"
        f"{reply.body}\n",
    )
