"""Who may do what in a programme. Every view asks these functions; nothing else decides.

Roles: a *regisseur* edits everything, invites and restores; a *partner* edits its own
organisation's card and contributions and comments everywhere; a *lezer* reads. Staff
(site administrators) may see every programme but act only through a role.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Membership, Programme, Role

User = AbstractBaseUser | AnonymousUser


def membership(user: User, programme: Programme) -> Membership | None:
    """The user's membership of ``programme``, looked up once per request (cached on the user)."""
    if not user.is_authenticated:
        return None
    cache: dict[int, Membership | None] = getattr(user, "_stramien_memberships", None) or {}
    if programme.pk not in cache:
        cache[programme.pk] = Membership.objects.filter(
            user_id=user.pk, programme=programme
        ).first()
        setattr(user, "_stramien_memberships", cache)  # noqa: B010 - a per-request cache
    return cache[programme.pk]


def remember_membership(user: User, programme: Programme, found: Membership | None) -> None:
    """Keep ``found`` as the user's membership of ``programme`` for this request (a caller
    that read it together with the programme)."""
    cache: dict[int, Membership | None] = getattr(user, "_stramien_memberships", None) or {}
    cache[programme.pk] = found
    setattr(user, "_stramien_memberships", cache)  # noqa: B010 - a per-request cache


def role_of(user: User, programme: Programme) -> str | None:
    found = membership(user, programme)
    return found.role if found else None


def can_view(user: User, programme: Programme) -> bool:
    return role_of(user, programme) is not None or bool(getattr(user, "is_staff", False))


def can_edit_all(user: User, programme: Programme) -> bool:
    return role_of(user, programme) == Role.REGISSEUR


def can_edit_own(user: User, programme: Programme) -> bool:
    """A partner with an organisation in the document may edit its own parts."""
    found = membership(user, programme)
    return found is not None and found.role == Role.PARTNER and bool(found.party_id)


def can_comment(user: User, programme: Programme) -> bool:
    return role_of(user, programme) in (Role.REGISSEUR, Role.PARTNER)


def can_manage(user: User, programme: Programme) -> bool:
    """Invite people, change roles, restore revisions."""
    return role_of(user, programme) == Role.REGISSEUR


def outside_partner_scope(document: dict[str, Any], party_id: str) -> dict[str, Any]:
    """The document without what the partner ``party_id`` may change.

    A partner's save is allowed when this is the same before and after: its own card in
    ``partnership.partners`` and its own contributions in ``finance.contributions`` are the
    only places that differ.
    """
    rest = copy.copy(document)
    partnership = dict(rest.get("partnership") or {})
    partnership["partners"] = [
        p for p in partnership.get("partners", []) if p.get("id") != party_id
    ]
    rest["partnership"] = partnership
    finance = dict(rest.get("finance") or {})
    finance["contributions"] = [
        c for c in finance.get("contributions", []) if c.get("partner") != party_id
    ]
    rest["finance"] = finance
    return rest


def partner_change_allowed(before: dict[str, Any], after: dict[str, Any], party_id: str) -> bool:
    if not any(p.get("id") == party_id for p in after.get("partnership", {}).get("partners", [])):
        return False
    return outside_partner_scope(before, party_id) == outside_partner_scope(after, party_id)
