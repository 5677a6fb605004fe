"""What the web application keeps about a person beyond Django's user: their e-mail choice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class ApiToken(models.Model):
    """A personal key for the REST API (``/api/v1``). Only the sha256 of the secret is kept:
    the token itself is shown once, when it is made."""

    class Scope(models.TextChoices):
        READ = "read", _("Alleen lezen")
        READ_WRITE = "read-write", _("Lezen en schrijven")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    # The first characters of the token, to recognise it in the list; not a secret.
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user}: {self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE
