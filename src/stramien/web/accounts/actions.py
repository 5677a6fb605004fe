"""Changes a person makes to their own account."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.users import User

from .models import ApiToken, NotificationPreference


@transaction.atomic
def set_email_enabled(*, acting_user: User, enabled: bool) -> NotificationPreference:
    """Switch e-mail about the person's programmes on or off."""
    preference, _created = NotificationPreference.objects.get_or_create(user=acting_user)
    preference.email_enabled = enabled
    preference.save(update_fields=["email_enabled"])
    return preference


@transaction.atomic
def set_reminders_enabled(*, acting_user: User, enabled: bool) -> NotificationPreference:
    """Switch reminders about due and late values of indicators on or off."""
    preference, _created = NotificationPreference.objects.get_or_create(user=acting_user)
    preference.reminders_enabled = enabled
    preference.save(update_fields=["reminders_enabled"])
    return preference


@transaction.atomic
def set_card_changes_enabled(*, acting_user: User, enabled: bool) -> NotificationPreference:
    """Switch the mail about changes others make to one's organisation card on or off."""
    preference, _created = NotificationPreference.objects.get_or_create(user=acting_user)
    preference.card_changes_enabled = enabled
    preference.save(update_fields=["card_changes_enabled"])
    return preference


#: Every API token starts with this, so a leaked one is easy to recognise (and to search for).
TOKEN_PREFIX = "stm_"
#: The longest a token may live, and what the account page offers by default.
MAX_TOKEN_DAYS = 366
DEFAULT_TOKEN_DAYS = 90


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(
    *, acting_user: User, name: str, scope: str, days: int = DEFAULT_TOKEN_DAYS
) -> tuple[ApiToken, str]:
    """A new personal API token; returns it with its secret, which is never stored or shown
    again (only its hash is kept)."""
    name = name.strip()
    if not name:
        raise ActionError(_("Geef de sleutel een naam, zodat u hem later herkent."))
    if len(name) > 100:
        raise ActionError(_("De naam is hoogstens 100 tekens."))
    if scope not in ApiToken.Scope.values:
        raise ActionError(_("Kies of de sleutel alleen mag lezen of ook mag schrijven."))
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ActionError(_("Een sleutel is 1 tot %(max)s dagen geldig.") % {"max": MAX_TOKEN_DAYS})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=acting_user,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_token(secret),
        scope=scope,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    record(
        programme=None,
        actor=acting_user,
        action=AuditAction.TOKEN_CREATE,
        token=token.pk,
        name=name,
        scope=scope,
        expires_at=token.expires_at.isoformat(),
    )
    return token, secret


@transaction.atomic
def revoke_api_token(*, acting_user: User, token_id: int) -> ApiToken:
    """Stop one of the person's own tokens from working, at once and for good."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=acting_user).first()
    if token is None:
        raise ActionError(_("Deze sleutel bestaat niet (meer)."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            programme=None,
            actor=acting_user,
            action=AuditAction.TOKEN_REVOKE,
            token=token.pk,
            name=token.name,
        )
    return token


def note_token_used(token: ApiToken) -> None:
    """Remember when a token was last used (at most once a minute, to spare the database)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
