"""Reads about a person's account."""

from __future__ import annotations

from stramien.web.users import User

from .models import ApiToken, NotificationPreference


def email_enabled(user: User) -> bool:
    """Whether ``user`` gets e-mail about their programmes (yes unless switched off)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.email_enabled


def wants_mail(user: User) -> bool:
    return bool(user.email) and email_enabled(user)


def reminders_enabled(user: User) -> bool:
    """Whether ``user`` wants reminders about values that are due or late (yes unless
    switched off; e-mail switched off altogether silences them too)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.reminders_enabled


def wants_reminders(user: User) -> bool:
    return wants_mail(user) and reminders_enabled(user)


def card_changes_enabled(user: User) -> bool:
    """Whether ``user`` wants a mail when someone else changes their organisation's card
    (yes unless switched off; e-mail switched off altogether silences it too)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.card_changes_enabled


def api_tokens(user: User) -> list[ApiToken]:
    """The person's API tokens, newest first (revoked and expired ones too, marked so)."""
    return list(ApiToken.objects.filter(user=user))


def token_by_hash(key_hash: str) -> ApiToken | None:
    """The token with this hash, whatever its state, with its user."""
    return ApiToken.objects.select_related("user").filter(key_hash=key_hash).first()
