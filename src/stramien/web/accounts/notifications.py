"""Sending e-mail to people, as far as each wants it. Called after the transaction commits;
a failed mail never undoes work.

People can switch e-mail off on their account page; invitations go to people without an
account yet, so they are sent directly and always.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail

from stramien.web.users import User

from .selectors import wants_mail

log = logging.getLogger(__name__)


def send_to(users: Iterable[User], subject: str, body: str) -> int:
    """Mail everyone in ``users`` who wants mail; the number of mails sent."""
    sent = 0
    for user in users:
        if not wants_mail(user):
            continue
        try:
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:  # a mail server problem must not break the action that succeeded
            log.exception("Kon geen e-mail sturen aan %s", user.pk)
    return sent
