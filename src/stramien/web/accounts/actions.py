"""Changes a person makes to their own account."""

from __future__ import annotations

from django.db import transaction

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
