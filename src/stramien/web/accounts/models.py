"""What the web application keeps about a person beyond Django's user: their e-mail choice."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationPreference(models.Model):
    """Whether a person wants e-mail about their programmes (on unless switched off)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField(default=True)
    # Reminders about values of indicators that are due or late (on unless switched off).
    reminders_enabled = models.BooleanField(default=True)
    # A mail when someone else changes one's organisation card (on unless switched off).
    card_changes_enabled = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.user}: {'aan' if self.email_enabled else 'uit'}"
