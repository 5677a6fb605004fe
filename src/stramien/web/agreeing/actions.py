"""Agreeing: put a version up for adoption, decide per partner, adopt; void on change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.programmes import permissions
from stramien.web.programmes.models import Membership, Programme, Revision, Role
from stramien.web.programmes.store import document_at
from stramien.web.users import User

from . import notifications
from .models import Approval, ApprovalRound
from .selectors import approving_parties, open_round
from .signals import programme_adopted


@transaction.atomic
def propose(*, acting_user: User, programme: Programme, number: int) -> ApprovalRound:
    """Put revision ``number`` (the newest) up for adoption by every partner."""
    if not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if number != locked.head_number:
        raise ActionError(_("Alleen de nieuwste versie kan ter vaststelling worden voorgelegd."))
    revision = Revision.objects.get(programme=locked, number=number)
    current = open_round(locked)
    if current is not None:
        if current.revision_hash == revision.hash:
            raise ActionError(_("Deze versie ligt al ter vaststelling voor."))
        _void(current, reason="Vervangen door een nieuw voorstel.", by_revision=number)
    # A partner that went up in a successor is no longer asked; its successor approves.
    parties = approving_parties(document_at(locked, number), timezone.localdate())
    if not parties:
        raise ActionError(_("Er zijn nog geen partners in de overeenkomst die kunnen goedkeuren."))
    created = ApprovalRound.objects.create(
        programme=locked,
        revision_number=number,
        revision_hash=revision.hash,
        parties=parties,
        proposed_by=acting_user,
    )
    record(
        programme=locked,
        actor=acting_user,
        action=AuditAction.ROUND_PROPOSE,
        revision_number=number,
        revision_hash=revision.hash,
    )
    transaction.on_commit(lambda: notifications.approval_requested(created))
    return created


def _void(current: ApprovalRound, *, reason: str, by_revision: int | None) -> None:
    current.void(reason=reason, by_revision=by_revision)
    record(
        programme=current.programme,
        actor=None,
        action=AuditAction.ROUND_VOID,
        revision_number=current.revision_number,
        reason=reason,
        voided_by_revision=by_revision,
    )


def void_after_change(
    *, programme: Programme, revision: Revision, parent: Revision | None, **_signal: Any
) -> None:
    """Receiver of ``revision_added``, in the save's transaction: a content change voids
    the open round."""
    if parent is None:
        return
    new_revision = revision
    current = open_round(programme)
    if current is None:
        return
    if new_revision.content_hash == _content_hash_of(current):
        return
    _void(
        current,
        reason=f"De inhoud is gewijzigd in versie {new_revision.number}.",
        by_revision=new_revision.number,
    )
    transaction.on_commit(lambda: notifications.approval_voided(current))


def _content_hash_of(current: ApprovalRound) -> str:
    return (
        Revision.objects.filter(programme=current.programme, number=current.revision_number)
        .values_list("content_hash", flat=True)
        .get()
    )


@transaction.atomic
def decide(
    *,
    acting_user: User,
    programme: Programme,
    round_id: int,
    revision_hash: str,
    approve: bool,
    note: str = "",
) -> Approval:
    """The acting partner's organisation approves (or rejects) the round's revision."""
    member = Membership.objects.filter(programme=programme, user_id=acting_user.pk).first()
    if member is None or member.role != Role.PARTNER or not member.party_id:
        raise PermissionDenied
    Programme.objects.select_for_update().get(pk=programme.pk)
    current = ApprovalRound.objects.filter(pk=round_id, programme=programme).first()
    if current is None:
        raise ActionError(_("Deze vaststellingsronde bestaat niet bij dit programma."))
    if current.status == ApprovalRound.Status.VOIDED:
        raise ActionError(
            _("Deze ronde is vervallen omdat de tekst daarna is gewijzigd; er is niets vastgelegd.")
        )
    if current.status != ApprovalRound.Status.OPEN:
        raise ActionError(_("Deze ronde is al afgesloten."))
    if revision_hash != current.revision_hash:
        raise ActionError(
            _(
                "U keurde een andere versie goed dan die ter vaststelling ligt; "
                "laad de pagina opnieuw."
            )
        )
    if member.party_id not in current.parties:
        raise ActionError(_("Uw organisatie is geen partner in deze versie van de overeenkomst."))
    text = note.strip()
    if not approve and not text:
        raise ActionError(
            _("Geef bij afwijzen een reden, zodat de anderen weten wat er moet veranderen.")
        )
    if len(text) > 2000:
        raise ActionError(_("De toelichting is hoogstens 2000 tekens."))
    try:
        with transaction.atomic():
            approval = Approval.objects.create(
                round=current,
                party_id=member.party_id,
                party_name=current.parties[member.party_id],
                decision=Approval.Decision.APPROVED if approve else Approval.Decision.REJECTED,
                note=text,
                user=acting_user,
                user_name=acting_user.get_full_name() or acting_user.get_username(),
                decided_at=timezone.now(),
                revision_hash=current.revision_hash,
            )
    except IntegrityError:
        raise ActionError(
            _("Uw organisatie heeft over deze versie al een besluit vastgelegd.")
        ) from None
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.APPROVAL_APPROVE if approve else AuditAction.APPROVAL_REJECT,
        revision_number=current.revision_number,
        party_id=member.party_id,
        revision_hash=current.revision_hash,
    )
    approved = set(
        current.approvals.filter(decision=Approval.Decision.APPROVED).values_list(
            "party_id", flat=True
        )
    )
    if approved >= set(current.parties):
        current.adopt()
        record(
            programme=programme,
            actor=acting_user,
            action=AuditAction.PROGRAMME_ADOPT,
            revision_number=current.revision_number,
            revision_hash=current.revision_hash,
        )
        # The adopted version's document now says "vastgesteld" (publication makes it anew).
        programme_adopted.send(sender=ApprovalRound, programme=programme, round=current)
    return approval
