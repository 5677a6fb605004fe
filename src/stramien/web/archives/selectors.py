"""Reads for archives: a whole programme as one archive, and its integrity check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied

from stramien.archive import b64, verify_archive, write_archive
from stramien.model.agreement import SCHEMA_VERSION
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes import permissions
from stramien.web.programmes.models import Attachment, Comment, Membership, Programme, Revision
from stramien.web.users import User


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def export_data(programme: Programme) -> dict[str, Any]:
    revisions = Revision.objects.filter(programme=programme).select_related("author", "parent")
    return {
        "schema_version": SCHEMA_VERSION,
        "programme": {
            "name": programme.name,
            "slug": programme.slug,
            "public": programme.public,
            "created_at": _iso(programme.created_at),
            "created_by": _username(programme.created_by),
        },
        "people": [
            {
                "username": m.user.get_username(),
                "email": m.user.email,
                "first_name": m.user.first_name,
                "last_name": m.user.last_name,
                "role": m.role,
                "party_id": m.party_id,
            }
            for m in Membership.objects.filter(programme=programme).select_related("user")
        ],
        "revisions": [
            {
                "number": r.number,
                "parent_hash": r.parent.hash if r.parent else "",
                "author": _username(r.author),
                "author_name": r.author_name,
                "created_at": r.created_at.isoformat(),
                "message": r.message,
                "section": r.section,
                "content_hash": r.content_hash,
                "hash": r.hash,
                "kind": r.kind,
                "payload": b64(bytes(r.payload)),
                "merged_from": r.merged_from,
                "restored_from": r.restored_from,
            }
            for r in revisions.order_by("number")
        ],
        "rounds": [
            {
                "revision_number": r.revision_number,
                "revision_hash": r.revision_hash,
                "parties": r.parties,
                "proposed_by": _username(r.proposed_by),
                "proposed_at": _iso(r.proposed_at),
                "status": r.status,
                "closed_at": _iso(r.closed_at),
                "voided_by_revision": r.voided_by_revision,
                "void_reason": r.void_reason,
                "approvals": [
                    {
                        "party_id": a.party_id,
                        "party_name": a.party_name,
                        "decision": a.decision,
                        "note": a.note,
                        "user": _username(a.user),
                        "user_name": a.user_name,
                        "decided_at": _iso(a.decided_at),
                        "revision_hash": a.revision_hash,
                    }
                    for a in r.approvals.select_related("user").order_by("id")
                ],
            }
            for r in ApprovalRound.objects.filter(programme=programme).order_by("id")
        ],
        "comments": [
            {
                "id": c.pk,
                "thread": c.thread_id,
                "section": c.section,
                "author": _username(c.author),
                "body": c.body,
                "created_at": _iso(c.created_at),
                "revision_number": c.revision_number,
                "resolved_at": _iso(c.resolved_at),
                "resolved_by": _username(c.resolved_by),
            }
            for c in Comment.objects.filter(programme=programme)
            .select_related("author", "resolved_by")
            .order_by("id")
        ],
        "attachments": [
            {
                "name": a.name,
                "content_type": a.content_type,
                "sha256": a.sha256,
                "data": b64(bytes(a.data)),
                "uploaded_by": _username(a.uploaded_by),
                "created_at": _iso(a.created_at),
            }
            for a in Attachment.objects.filter(programme=programme).order_by("id")
        ],
        "audit": [
            {
                "actor": _username(e.actor),
                "action": e.action,
                "revision_number": e.revision_number,
                "details": e.details,
                "created_at": _iso(e.created_at),
            }
            for e in AuditEntry.objects.filter(programme=programme)
            .select_related("actor")
            .order_by("id")
        ],
    }


def export_programme(*, acting_user: User | None, programme: Programme) -> bytes:
    if acting_user is not None and not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    return write_archive(export_data(programme))


def verify_programme(programme: Programme) -> list[str]:
    """The archive checks, run on the programme as stored now."""
    return verify_archive(write_archive(export_data(programme))).problems
