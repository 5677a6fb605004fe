"""Changes a person makes to their own account."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any

from django.contrib.auth import get_user_model
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


def _free_username(email: str) -> str:
    """The e-mail address as user name (what people type anyway), made unique."""
    base = re.sub(r"[^\w.@+-]", "-", email)[:140] or "sso"
    user_model = get_user_model()
    candidate, number = base, 1
    while user_model.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def create_sso_account(*, claims: dict[str, Any]) -> User:
    """An account for a person their organisation's provider vouched for: no password
    (they log in by single sign-on, or set one with "Wachtwoord vergeten")."""
    email = str(claims["email"])
    user_model = get_user_model()
    user: User = user_model.objects.create_user(
        username=_free_username(email),
        email=email,
        password=None,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    record(
        programme=None,
        actor=user,
        action=AuditAction.ACCOUNT_CREATE,
        username=user.get_username(),
        method="sso",
    )
    return user


@transaction.atomic
def record_sso_login(*, user: User, claims: dict[str, Any]) -> None:
    """The audit row of a login by single sign-on: who, and whom the provider said it was."""
    record(
        programme=None,
        actor=user,
        action=AuditAction.SSO_LOGIN,
        email=str(claims.get("email", "")),
        issuer=str(claims.get("iss", "")),
        subject=str(claims.get("sub", "")),
    )


@transaction.atomic
def record_sso_refusal(*, reason: str, email: str = "") -> None:
    """The audit row of a login by single sign-on that was refused, with the reason's code."""
    record(programme=None, actor=None, action=AuditAction.SSO_REFUSED, reason=reason, email=email)
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
