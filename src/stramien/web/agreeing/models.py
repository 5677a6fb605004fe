"""Approval rounds and the partners' decisions (tables made by the programmes app)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stramien.web.errors import IllegalTransition


class ApprovalRound(models.Model):
    """Revision ``revision_number`` put up for adoption; partners approve or reject it.

    The round is bound to the revision's hash. Any later change to the content voids it;
    when every partner approved, the programme is adopted (*vastgesteld*) at that revision.
    Only an open round changes state: :meth:`void` and :meth:`adopt` refuse any other.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Ter vaststelling")
        ADOPTED = "adopted", _("Vastgesteld")
        VOIDED = "voided", _("Vervallen")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="rounds"
    )
    revision_number = models.PositiveIntegerField()
    revision_hash = models.CharField(max_length=64)
    # The partners whose approval is needed: those in the document at this revision.
    parties: models.JSONField[Any] = models.JSONField(default=dict)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    voided_by_revision = models.PositiveIntegerField(null=True, blank=True)
    void_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "programmes_approvalround"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=models.Q(status="open"),
                name="one_open_round_per_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.slug} r{self.revision_number} ({self.status})"

    def _close(self, status: str) -> None:
        if self.status != self.Status.OPEN:
            raise IllegalTransition(
                gettext("Deze ronde is al afgesloten (%(status)s).")
                % {"status": self.get_status_display()}
            )
        self.status = status
        self.closed_at = timezone.now()

    def void(self, *, reason: str, by_revision: int | None) -> None:
        """Close the open round without adoption (the text changed or a new one replaced it)."""
        self._close(self.Status.VOIDED)
        self.void_reason = reason
        self.voided_by_revision = by_revision
        self.save(update_fields=["status", "closed_at", "void_reason", "voided_by_revision"])

    def adopt(self) -> None:
        """Close the open round as adopted: every partner approved its revision."""
        self._close(self.Status.ADOPTED)
        self.save(update_fields=["status", "closed_at"])


class Approval(models.Model):
    """One partner organisation's decision on a round, by its representative."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Goedgekeurd")
        REJECTED = "rejected", _("Afgewezen")

    round = models.ForeignKey(ApprovalRound, on_delete=models.CASCADE, related_name="approvals")
    party_id = models.CharField(max_length=64)
    party_name = models.CharField(max_length=300)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    note = models.TextField(max_length=2000, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(max_length=300)
    decided_at = models.DateTimeField()
    # The hash this decision was about, kept with it so it can be verified on its own.
    revision_hash = models.CharField(max_length=64)

    class Meta:
        db_table = "programmes_approval"
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "party_id"], name="one_decision_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.decision}"
