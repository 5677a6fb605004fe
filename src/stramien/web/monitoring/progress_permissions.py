"""Who records the progress of the planning and the money (on top of
``programmes.permissions``, which decides who sees a programme at all).

The procesregisseur and the programme's monitors record everything. A partner's
representative records the spending and in-kind deliveries of its own organisation; the
agreement names no organisation per milestone, so milestones are left to the regisseur and
the monitors. Everyone who may see the programme reads all of it.
"""

from __future__ import annotations

from stramien.web.programmes import permissions
from stramien.web.programmes.models import Programme, Role
from stramien.web.users import AnyUser


def can_record_milestones(user: AnyUser, programme: Programme) -> bool:
    return permissions.role_of(user, programme) in (Role.REGISSEUR, Role.MONITOR)


def can_record_for(user: AnyUser, programme: Programme, partner_id: str) -> bool:
    """Record spending or an in-kind delivery of the partner ``partner_id``."""
    member = permissions.membership(user, programme)
    if member is None:
        return False
    if member.role in (Role.REGISSEUR, Role.MONITOR):
        return True
    return member.role == Role.PARTNER and bool(partner_id) and member.party_id == partner_id


def partners_recorded_by(user: AnyUser, programme: Programme) -> set[str] | None:
    """The partners whose money the user records: None for all, an empty set for none."""
    member = permissions.membership(user, programme)
    if member is None:
        return set()
    if member.role in (Role.REGISSEUR, Role.MONITOR):
        return None
    if member.role == Role.PARTNER and member.party_id:
        return {member.party_id}
    return set()
