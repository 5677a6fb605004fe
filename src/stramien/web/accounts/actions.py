"""Changes a person makes to their own account."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from stramien.web.audit.actions import AuditAction, record
from stramien.web.users import User

from .models import NotificationPreference


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
