"""Members of a programme: invitations, accepting them (with a new account), roles.

One function per action, each with its audit row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.users import User

from . import permissions
from .models import Invitation, Membership, Programme, Role

INVITATION_DAYS = 14


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def partner_ids(programme: Programme) -> dict[str, str]:
    """The partners in the newest version: id -> name."""
    partners = programme.head_document.get("partnership", {}).get("partners", [])
    return {p["id"]: p.get("name", p["id"]) for p in partners}


@transaction.atomic
def invite(
    *,
    acting_user: User,
    programme: Programme,
    email: str,
    role: str,
    party_id: str = "",
    name: str = "",
    accept_url: Callable[[str], str] | None = None,
) -> tuple[Invitation, str]:
    """Invite ``email`` to ``programme``; returns the invitation and the secret for its link."""
    if not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    if role not in Role.values:
        raise ActionError(gettext("Kies een rol: procesregisseur, partner of lezer."))
    if role == Role.PARTNER:
        if party_id not in partner_ids(programme):
            raise ActionError(gettext("Kies de partnerorganisatie waarvoor deze persoon optreedt."))
    else:
        party_id = ""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        programme=programme,
        email=email.strip().lower(),
        name=name.strip(),
        role=role,
        party_id=party_id,
        token_hash=token_hash(token),
        created_by=acting_user,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.INVITATION_CREATE,
        email=invitation.email,
        role=role,
        party_id=party_id,
    )
    if accept_url is not None:
        link = accept_url(token)
        inviter = acting_user.get_full_name() or acting_user.get_username()
        transaction.on_commit(
            lambda: send_mail(
                f"Uitnodiging voor {programme.name} in Stramien",
                f"{inviter} nodigt u uit om mee te schrijven aan de samenwerkingsovereenkomst "
                f"van {programme.name}.\n\nOpen deze link om de uitnodiging aan te nemen "
                f"(geldig tot {invitation.expires_at:%d-%m-%Y}):\n{link}\n",
                settings.DEFAULT_FROM_EMAIL,
                [invitation.email],
                fail_silently=True,
            )
        )
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The open invitation for ``token``, or None when unknown, used, revoked or expired."""
    if not token or len(token) > 200:
        return None
    found = Invitation.objects.select_related("programme").filter(token_hash=token_hash(token))
    invitation = found.first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return None
    if invitation.expires_at < timezone.now():
        return None
    return invitation


@transaction.atomic
def accept_invitation(*, user: User, token: str) -> Membership:
    invitation = find_invitation(token)
    if invitation is None:
        raise ActionError(gettext("Deze uitnodiging is ongeldig, verlopen of al gebruikt."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ActionError(gettext("Deze uitnodiging is al gebruikt."))
    membership, _ = Membership.objects.update_or_create(
        programme=invitation.programme,
        user=user,
        defaults={"role": invitation.role, "party_id": invitation.party_id},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        programme=invitation.programme,
        actor=user,
        action=AuditAction.INVITATION_ACCEPT,
        role=invitation.role,
        party_id=invitation.party_id,
    )
    return membership


@transaction.atomic
def register_and_accept(*, token: str, username: str, email: str, name: str, password: str) -> User:
    """Create an account for an invited person and accept the invitation with it."""
    if find_invitation(token) is None:
        raise ActionError(gettext("Deze uitnodiging is ongeldig, verlopen of al gebruikt."))
    user_model = get_user_model()
    first, _, last = name.strip().partition(" ")
    user = user_model.objects.create_user(
        username=username, email=email, password=password, first_name=first, last_name=last
    )
    record(programme=None, actor=user, action=AuditAction.ACCOUNT_CREATE, username=username)
    accept_invitation(user=user, token=token)
    return user


@transaction.atomic
def revoke_invitation(*, acting_user: User, invitation: Invitation) -> None:
    if not permissions.can_manage(acting_user, invitation.programme):
        raise PermissionDenied
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(
        programme=invitation.programme,
        actor=acting_user,
        action=AuditAction.INVITATION_REVOKE,
        email=invitation.email,
    )


@transaction.atomic
def change_role(
    *, acting_user: User, membership: Membership, role: str, party_id: str = ""
) -> Membership:
    programme = membership.programme
    if not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    if role not in Role.values:
        raise ActionError(gettext("Onbekende rol."))
    if membership.role == Role.REGISSEUR and role != Role.REGISSEUR:
        others = Membership.objects.filter(programme=programme, role=Role.REGISSEUR).exclude(
            pk=membership.pk
        )
        if not others.exists():
            raise ActionError(gettext("Een programma houdt minstens één procesregisseur."))
    if role == Role.PARTNER and party_id not in partner_ids(programme):
        raise ActionError(gettext("Kies de partnerorganisatie waarvoor deze persoon optreedt."))
    membership.role = role
    membership.party_id = party_id if role == Role.PARTNER else ""
    membership.save(update_fields=["role", "party_id"])
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.MEMBERSHIP_CHANGE,
        user=membership.user.get_username(),
        role=role,
        party_id=membership.party_id,
    )
    return membership
