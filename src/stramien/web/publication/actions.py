"""Publishing: switching the public factsheet and its calendar feed on or off."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from stramien.web.audit.actions import AuditAction, record
from stramien.web.programmes import permissions
from stramien.web.programmes.models import Programme
from stramien.web.users import User


@transaction.atomic
def set_public(*, acting_user: User, programme: Programme, public: bool) -> Programme:
    if not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    programme.public = public
    programme.save(update_fields=["public"])
    record(programme=programme, actor=acting_user, action=AuditAction.PUBLIC_SET, public=public)
    return programme
