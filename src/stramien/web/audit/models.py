"""The audit trail's one table (created by the programmes app; kept under its old name)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One state-changing action, written in the same transaction as the change."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=60)
    revision_number = models.PositiveIntegerField(null=True, blank=True)
    details: models.JSONField[Any] = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "programmes_auditentry"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["programme", "created_at"], name="programmes__program_70b0c2_idx")
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
