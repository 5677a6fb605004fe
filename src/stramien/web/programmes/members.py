"""Members of a programme: invitations, accepting them (with a new account), roles.

One function per action, each with its audit row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from stramien.web.accounts import actions as account_actions
from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.users import User

from . import permissions
from .models import Invitation, Membership, Programme, Role
from .store import load_head

INVITATION_DAYS = 14


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def partner_ids(programme: Programme) -> dict[str, str]:
    """The partners in the newest version: id -> name."""
    partners = load_head(programme).get("partnership", {}).get("partners", [])
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
    return _accept(invitation, user)


def _accept(invitation: Invitation, user: User) -> Membership:
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


def invitation_problem(token: str) -> str:
    """Why the link ``token`` does not (or no longer) work, in words for the person holding it."""
    valid = bool(token) and len(token) <= 200
    found = Invitation.objects.filter(token_hash=token_hash(token)).first() if valid else None
    if found is None:
        return gettext(
            "Deze link is geen geldige uitnodiging. Controleer of u hem helemaal hebt gekopieerd."
        )
    if found.revoked_at:
        return gettext(
            "De procesregisseur heeft deze uitnodiging ingetrokken. Vraag om een nieuwe "
            "uitnodiging als u toch mee moet doen."
        )
    if found.accepted_at:
        return gettext("Deze uitnodiging is al gebruikt. Log in om verder te gaan.")
    return gettext("Deze uitnodiging is verlopen. Vraag de procesregisseur om een nieuwe.")


@transaction.atomic
def revoke_invitation(*, acting_user: User, invitation: Invitation) -> None:
    """Withdraw an open invitation: its link stops working at once."""
    if not permissions.can_manage(acting_user, invitation.programme):
        raise PermissionDenied
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at:
        raise ActionError(gettext("Deze uitnodiging is al aangenomen; intrekken kan niet meer."))
    if locked.revoked_at:
        raise ActionError(gettext("Deze uitnodiging was al ingetrokken."))
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    invitation.revoked_at = locked.revoked_at
    record(
        programme=invitation.programme,
        actor=acting_user,
        action=AuditAction.INVITATION_REVOKE,
        email=invitation.email,
        role=invitation.role,
        party_id=invitation.party_id,
    )


def _locked_membership(acting_user: User, membership: Membership) -> Membership:
    """The membership as it is now, with its programme locked: changes to who takes part
    in one programme happen one after the other, so two regisseurs cannot demote each other
    at the same moment and leave the programme without one."""
    programme = membership.programme
    if not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    Programme.objects.select_for_update().get(pk=programme.pk)
    current = Membership.objects.select_related("user").filter(pk=membership.pk).first()
    if current is None:
        raise ActionError(gettext("Deze persoon doet al niet meer mee."))
    current.programme = programme
    return current


def _last_regisseur(membership: Membership) -> bool:
    if membership.role != Role.REGISSEUR:
        return False
    others = Membership.objects.filter(programme=membership.programme, role=Role.REGISSEUR)
    return not others.exclude(pk=membership.pk).exists()


def _display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def change_role(
    *, acting_user: User, membership: Membership, role: str, party_id: str = ""
) -> Membership:
    """Give a member another role (or, as partner, another organisation)."""
    current = _locked_membership(acting_user, membership)
    programme = current.programme
    if role not in Role.values:
        raise ActionError(gettext("Kies een rol: procesregisseur, partner, monitor of lezer."))
    if role != Role.REGISSEUR and _last_regisseur(current):
        raise ActionError(
            gettext(
                "%(name)s is de enige procesregisseur. Maak eerst iemand anders procesregisseur; "
                "een programma houdt er altijd minstens één."
            )
            % {"name": _display_name(current.user)}
        )
    if role == Role.PARTNER and party_id not in partner_ids(programme):
        raise ActionError(gettext("Kies de partnerorganisatie waarvoor deze persoon optreedt."))
    previous = (current.role, current.party_id)
    current.role = role
    current.party_id = party_id if role == Role.PARTNER else ""
    if previous == (current.role, current.party_id):
        return current
    current.save(update_fields=["role", "party_id"])
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.MEMBERSHIP_CHANGE,
        user=current.user.get_username(),
        name=_display_name(current.user),
        role=role,
        party_id=current.party_id,
        previous_role=previous[0],
        previous_party_id=previous[1],
    )
    return current


@transaction.atomic
def remove_member(*, acting_user: User, membership: Membership) -> None:
    """Take a person out of the programme; what they wrote stays in the history."""
    current = _locked_membership(acting_user, membership)
    if _last_regisseur(current):
        raise ActionError(
            gettext(
                "%(name)s is de enige procesregisseur en kan niet worden verwijderd. Maak eerst "
                "iemand anders procesregisseur."
            )
            % {"name": _display_name(current.user)}
        )
    record(
        programme=current.programme,
        actor=acting_user,
        action=AuditAction.MEMBERSHIP_REMOVE,
        user=current.user.get_username(),
        name=_display_name(current.user),
        role=current.role,
        party_id=current.party_id,
    )
    current.delete()


def open_invitations_for(email: str) -> list[Invitation]:
    """The invitations to ``email`` that can still be accepted, oldest first."""
    if not email:
        return []
    return list(
        Invitation.objects.select_related("programme")
        .filter(
            email__iexact=email.strip(),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gte=timezone.now(),
        )
        .order_by("created_at", "pk")
    )


@transaction.atomic
def accept_invitations_by_email(*, user: User, email: str) -> list[Membership]:
    """Accept every open invitation to ``email`` for ``user``, as if they had followed each
    link: for a login by single sign-on, whose provider verified that address."""
    accepted = []
    for found in open_invitations_for(email):
        locked = Invitation.objects.select_for_update().get(pk=found.pk)
        if locked.accepted_at or locked.revoked_at:
            continue
        accepted.append(_accept(locked, user))
    return accepted


@transaction.atomic
def register_by_sso(*, claims: dict[str, Any]) -> tuple[User, list[Membership]]:
    """An account for an invited person whose provider verified the invited address, with
    every open invitation to that address accepted."""
    user = account_actions.create_sso_account(claims=claims)
    return user, accept_invitations_by_email(user=user, email=str(claims["email"]))
