"""Writing the audit trail: :func:`record`, called by every action in its own transaction.

:class:`AuditAction` lists every action the trail knows, with the label the Logboek shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

if TYPE_CHECKING:
    from stramien.web.programmes.models import Programme


class AuditAction(models.TextChoices):
    PROGRAMME_CREATE = "programme.create", _("Programma aangemaakt")
    REVISION_SAVE = "revision.save", _("Versie opgeslagen")
    REVISION_RESTORE = "revision.restore", _("Versie teruggezet")
    COMMENT_ADD = "comment.add", _("Opmerking geplaatst")
    COMMENT_REPLY = "comment.reply", _("Reactie geplaatst")
    COMMENT_RESOLVE = "comment.resolve", _("Opmerking afgehandeld")
    COMMENT_REOPEN = "comment.reopen", _("Opmerking heropend")
    ATTACHMENT_ADD = "attachment.add", _("Bijlage toegevoegd")
    INVITATION_CREATE = "invitation.create", _("Uitnodiging verstuurd")
    INVITATION_ACCEPT = "invitation.accept", _("Uitnodiging aangenomen")
    INVITATION_REVOKE = "invitation.revoke", _("Uitnodiging ingetrokken")
    MEMBERSHIP_CHANGE = "membership.change", _("Rol van een deelnemer gewijzigd")
    MEMBERSHIP_REMOVE = "membership.remove", _("Deelnemer uit het programma gehaald")
    ROUND_PROPOSE = "round.propose", _("Versie ter vaststelling voorgelegd")
    ROUND_VOID = "round.void", _("Vaststelling vervallen")
    APPROVAL_APPROVE = "approval.approve", _("Goedgekeurd namens partner")
    APPROVAL_REJECT = "approval.reject", _("Afgewezen namens partner")
    PROGRAMME_ADOPT = "programme.adopt", _("Overeenkomst vastgesteld")
    PUBLIC_SET = "public.set", _("Openbare pagina aan- of uitgezet")
    PROGRAMME_IMPORT = "programme.import", _("Programma ingelezen uit archief")
    ACCOUNT_CREATE = "account.create", _("Account gemaakt")
    MEASUREMENT_RECORD = "measurement.record", _("Meting ingevoerd")
    MEASUREMENT_SUBMIT = "measurement.submit", _("Meting ingediend")
    MEASUREMENT_APPROVE = "measurement.approve", _("Meting goedgekeurd")
    MEASUREMENT_RETURN = "measurement.return", _("Meting teruggestuurd")
    MEASUREMENT_CORRECT = "measurement.correct", _("Meting gecorrigeerd")
    PERIOD_LOCK = "period.lock", _("Periode vergrendeld")
    REMINDER_SEND = "reminder.send", _("Herinnering verstuurd")
    MEASUREMENTS_IMPORT = "measurements.import", _("Metingen ingelezen uit een rekenblad")
    MILESTONE_STATUS = "milestone.status", _("Stand van een mijlpaal vastgelegd")
    SPENDING_RECORD = "spending.record", _("Besteding ingevoerd")
    SPENDING_CORRECT = "spending.correct", _("Besteding gecorrigeerd")
    IN_KIND_RECORD = "in_kind.record", _("Levering in natura ingevoerd")
    IN_KIND_CORRECT = "in_kind.correct", _("Levering in natura gecorrigeerd")
    TOKEN_CREATE = "token.create", _("API-sleutel gemaakt")
    TOKEN_REVOKE = "token.revoke", _("API-sleutel ingetrokken")


#: The label per action, as the Logboek and its CSV show it.
ACTION_LABELS: dict[str, Any] = {action.value: action.label for action in AuditAction}


def record(
    *,
    programme: Programme | None,
    actor: Any,
    action: AuditAction,
    revision_number: int | None = None,
    **details: Any,
) -> AuditEntry:
    """Write one audit row; call it inside the transaction of the change it records."""
    return AuditEntry.objects.create(
        programme=programme,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action.value,
        revision_number=revision_number,
        details=details,
    )
