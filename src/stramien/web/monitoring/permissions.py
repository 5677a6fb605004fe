"""Who may do what with measurements (on top of ``programmes.permissions``, which decides
who sees a programme at all).

Values are entered by the representatives of the indicator's owner organisation and by the
programme's monitors (data owners); the procesregisseur approves, returns and locks them;
everyone who may see the programme reads them.
"""

from __future__ import annotations

from stramien.web.programmes import permissions
from stramien.web.programmes.models import Programme, Role
from stramien.web.users import AnyUser


def can_read(user: AnyUser, programme: Programme) -> bool:
    return permissions.can_view(user, programme)


def can_enter(user: AnyUser, programme: Programme, owner: str | None) -> bool:
    """Enter or correct values of an indicator whose owner organisation is ``owner``."""
    member = permissions.membership(user, programme)
    if member is None:
        return False
    if member.role == Role.MONITOR:
        return True
    return member.role == Role.PARTNER and bool(owner) and member.party_id == owner


def can_enter_any(user: AnyUser, programme: Programme) -> bool:
    """Whether the user enters values at all (a monitor, or a partner's representative)."""
    return permissions.role_of(user, programme) in (Role.MONITOR, Role.PARTNER)


def can_review(user: AnyUser, programme: Programme) -> bool:
    """Approve, return and lock values: the procesregisseur."""
    return permissions.role_of(user, programme) == Role.REGISSEUR


def can_export_iati(user: AnyUser, programme: Programme) -> bool:
    """Download the IATI export: like the progress report, everyone who reads the values."""
    return can_read(user, programme)
