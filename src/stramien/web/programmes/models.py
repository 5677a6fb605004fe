"""What the web application stores about programmes.

The agreement itself lives in :class:`Revision` rows: append-only, each a patch against its
parent (or a full snapshot every few revisions), chained by hash. ``Programme.head_document``
is only a cache of the newest revision's content for fast reading.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGISSEUR = "regisseur", _("Procesregisseur")
    PARTNER = "partner", _("Partner")
    LEZER = "lezer", _("Lezer")


class Programme(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    head_number = models.PositiveIntegerField(default=0)
    head_document: models.JSONField[Any] = models.JSONField(default=dict)
    head_content_hash = models.CharField(max_length=64, blank=True)
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one programme; a partner acts for one partner of the document."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    # The id of the partner in the agreement this person represents (role partner only).
    party_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_role_per_programme")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role} — {self.programme}"


class Revision(models.Model):
    """One saved version of the agreement. Never updated, never deleted."""

    class Kind(models.TextChoices):
        SNAPSHOT = "snapshot", _("Volledige versie")
        PATCH = "patch", _("Wijziging")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions"
    )
    # Copied at save time: the hash covers it, so it must not change with the account.
    author_name = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    message = models.CharField(max_length=500, blank=True)
    section = models.CharField(max_length=40, blank=True)
    content_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    payload = models.BinaryField()
    # When this revision merged concurrent work: the revision the editor started from.
    merged_from = models.PositiveIntegerField(null=True, blank=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="revision_number_unique")
        ]
        indexes = [models.Index(fields=["programme", "kind", "number"])]

    def __str__(self) -> str:
        return f"{self.programme.slug} r{self.number}"

    @property
    def short_hash(self) -> str:
        return self.hash[:12]


class Attachment(models.Model):
    """An uploaded file the agreement names (the artist impression). Content-addressed."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=60)
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="attachment_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    """A remark on one section; replies point to the thread's first comment."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=40)
    thread = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    revision_number = models.PositiveIntegerField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.section}: {self.body[:40]}"


class AuditEntry(models.Model):
    """One state-changing action, written in the same transaction as the change."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="audit"
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
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["programme", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class ApprovalRound(models.Model):
    """Revision ``revision_number`` put up for adoption; partners approve or reject it.

    The round is bound to the revision's hash. Any later change to the content voids it;
    when every partner approved, the programme is adopted (*vastgesteld*) at that revision.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Ter vaststelling")
        ADOPTED = "adopted", _("Vastgesteld")
        VOIDED = "voided", _("Vervallen")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
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
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "party_id"], name="one_decision_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.decision}"
