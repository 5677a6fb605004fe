"""What the web application stores about programmes.

The agreement itself lives in :class:`Revision` rows: append-only, each a patch against its
parent (or a full snapshot every few revisions), chained by hash. The programme row names its
newest revision (number and content hash); the newest document itself is derived from the
revisions and kept in an in-process cache by its hash (see ``store``), never rewritten whole
on the row at every save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stramien.revisions import copy_json


class Role(models.TextChoices):
    REGISSEUR = "regisseur", _("Procesregisseur")
    PARTNER = "partner", _("Partner")
    # Enters measurements for every indicator (a data owner), reads everything else.
    MONITOR = "monitor", _("Monitor")
    LEZER = "lezer", _("Lezer")


class Programme(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    head_number = models.PositiveIntegerField(default=0)
    head_content_hash = models.CharField(max_length=64, blank=True)
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def head_document(self) -> dict[str, Any]:
        """A copy of the newest document, to read or to change. Code on a hot path reads
        ``store.load_head`` instead, which hands out the cached document itself."""
        if _head_reader is None:
            raise RuntimeError("The programmes app is not ready: no reader of documents.")
        document: dict[str, Any] = copy_json(_head_reader(self))
        return document


# The reader of a programme's newest document: ``store.load_head``, which builds on these
# models and is handed over when the app is ready (see ``apps.py``).
_head_reader: Callable[[Programme], dict[str, Any]] | None = None


def read_heads_with(reader: Callable[[Programme], dict[str, Any]]) -> None:
    global _head_reader
    _head_reader = reader


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


class Invitation(models.Model):
    """A procesregisseur invites a person for an organisation with a role.

    Made by the accounts app at first; the table keeps its name.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    party_id = models.CharField(max_length=64, blank=True)
    # Only the sha256 of the link's secret is stored; the link itself is shown once.
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "accounts_invitation"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"


class CardNotice(models.Model):
    """Someone else changed a partner's organisation card or contributions: a notice for
    one representative of that partner, shown once on their next page."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_notices"
    )
    party_id = models.CharField(max_length=64)
    revision_number = models.PositiveIntegerField()
    author_name = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user", "revision_number"], name="one_card_notice_per_version"
            )
        ]
        indexes = [models.Index(fields=["user", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.programme_id} v{self.revision_number} -> {self.user_id}"
