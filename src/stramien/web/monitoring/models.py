"""Records about the agreement, not in it: measurements keyed by the indicator's stable id.

A measurement survives every new revision of the agreement; when a later version removes or
renames its indicator it is shown as orphaned, never deleted. A correction is a new record
that points to the one it replaces (``supersedes``), so the history of every value stays
visible. Only approved values count on the dashboard and in reports.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stramien.formatting import number
from stramien.web.errors import IllegalTransition


class Measurement(models.Model):
    """One value of one indicator for one period (and one combination of dimension values)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        SUBMITTED = "submitted", _("Ingediend")
        APPROVED = "approved", _("Goedgekeurd")
        RETURNED = "returned", _("Teruggestuurd")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="measurements"
    )
    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=10)
    # The dimension values this value is for ({"wijk": "noord"}); empty: the whole.
    dimensions: models.JSONField[Any] = models.JSONField(default=dict, blank=True)
    value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    explanation = models.TextField(max_length=2000, blank=True)
    evidence = models.ForeignKey(
        "programmes.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONCEPT)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(max_length=2000, blank=True)
    # A correction replaces an earlier record (which stays, for the history).
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    # Set by a client system (spreadsheet row, API request) so sending it twice adds nothing.
    client_key = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["indicator_id", "period", "id"]
        indexes = [models.Index(fields=["programme", "indicator_id", "period"])]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "client_key"],
                condition=~models.Q(client_key=""),
                name="one_measurement_per_client_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}: {self.value} ({self.status})"

    @property
    def shown(self) -> str:
        """The value as a reader sees it: 1.250 or 12,5, or numerator / denominator."""
        if self.numerator is not None and self.denominator is not None:
            return f"{number(self.numerator, 6)} / {number(self.denominator, 6)}"
        return number(self.value, 6)

    @property
    def is_current(self) -> bool:
        """Not replaced by a correction."""
        return not hasattr(self, "superseded_by")

    def _move(self, allowed: tuple[str, ...], to: str) -> None:
        if self.status not in allowed:
            raise IllegalTransition(
                gettext("Deze meting is %(status)s; dat kan nu niet.")
                % {"status": self.get_status_display().lower()}
            )
        self.status = to

    def submit(self) -> None:
        """Hand a concept (or a returned value) in for approval."""
        self._move((self.Status.CONCEPT, self.Status.RETURNED), self.Status.SUBMITTED)
        self.submitted_at = timezone.now()
        self.save(update_fields=["status", "submitted_at"])

    def approve(self, *, by: Any) -> None:
        self._move((self.Status.SUBMITTED,), self.Status.APPROVED)
        self.reviewed_by, self.reviewed_at, self.review_note = by, timezone.now(), ""
        self.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])

    def send_back(self, *, by: Any, reason: str) -> None:
        """Return a submitted value to whoever entered it, with the reason."""
        self._move((self.Status.SUBMITTED,), self.Status.RETURNED)
        self.reviewed_by, self.reviewed_at, self.review_note = by, timezone.now(), reason
        self.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])


class PeriodLock(models.Model):
    """The approved values of one indicator for one period are final: no new record."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="period_locks"
    )
    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=10)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    locked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator_id", "period"], name="one_lock_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} (vergrendeld)"


class ProgressRecord(models.Model):
    """What every record about the agreement's planning and money shares: who entered it and
    when, a correction that replaces an earlier record (which stays), and a client key so a
    spreadsheet row or API request sent twice adds nothing."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    explanation = models.TextField(max_length=2000, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    client_key = models.CharField(max_length=120, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "client_key"],
                condition=~models.Q(client_key=""),
                name="%(app_label)s_%(class)s_one_per_client_key",
            )
        ]

    @property
    def is_current(self) -> bool:
        """Not replaced by a correction."""
        return not hasattr(self, "superseded_by")


class MilestoneStatus(ProgressRecord):
    """Where a milestone of the planning stands; every change is a new record, the latest
    counts."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Niet begonnen")
        IN_PROGRESS = "in_progress", _("Onderweg")
        DONE = "done", _("Bereikt")
        DELAYED = "delayed", _("Loopt vertraging op")
        DROPPED = "dropped", _("Vervallen")

    milestone_id = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices)
    actual_date = models.DateField(null=True, blank=True)

    class Meta(ProgressRecord.Meta):
        ordering = ["milestone_id", "id"]
        indexes = [models.Index(fields=["programme", "milestone_id"])]

    def __str__(self) -> str:
        return f"{self.milestone_id}: {self.status}"


class Spending(ProgressRecord):
    """Money a partner spent on one cost item of the budget, on one day."""

    cost_item_id = models.CharField(max_length=64)
    partner_id = models.CharField(max_length=64)
    spent_on = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta(ProgressRecord.Meta):
        ordering = ["spent_on", "id"]
        indexes = [models.Index(fields=["programme", "cost_item_id"])]

    def __str__(self) -> str:
        return f"{self.cost_item_id} {self.partner_id} {self.spent_on}: {self.amount}"


class InKindDelivery(ProgressRecord):
    """What a partner delivered of a contribution in kind (hours, rooms, goods), valued in
    euro the way the contribution is valued."""

    contribution_id = models.CharField(max_length=64)
    partner_id = models.CharField(max_length=64)
    delivered_on = models.DateField()
    quantity = models.CharField(max_length=120, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta(ProgressRecord.Meta):
        ordering = ["delivered_on", "id"]
        indexes = [models.Index(fields=["programme", "contribution_id"])]

    def __str__(self) -> str:
        return f"{self.contribution_id} {self.partner_id} {self.delivered_on}: {self.value}"


class SentReminder(models.Model):
    """A reminder that went out (or is being sent): one per programme, indicator, period,
    person and kind, so a second run of ``stramien remind`` never mails it again. The row
    is written before the mail is sent; the constraint lets only one run claim it."""

    class Kind(models.TextChoices):
        # The values of stramien.monitor.missing.ReminderKind.
        DUE_SOON = "due_soon", _("Binnenkort nodig")
        OVERDUE = "overdue", _("Te laat")
        STILL_OVERDUE = "still_overdue", _("Nog steeds te laat")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="sent_reminders"
    )
    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=10)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator_id", "period", "recipient", "kind"],
                name="one_reminder_per_person_period_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.kind} -> {self.recipient_id}"
