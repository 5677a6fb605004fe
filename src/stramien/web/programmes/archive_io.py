"""Export a whole programme as one archive file, and import one (see stramien.archive)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from stramien.archive import ArchiveError, b64, unb64, verify_archive, write_archive
from stramien.model.agreement import SCHEMA_VERSION

from . import permissions
from .actions import _unique_slug, audit
from .models import (
    Approval,
    ApprovalRound,
    Attachment,
    AuditEntry,
    Comment,
    Membership,
    Programme,
    Revision,
)


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


def export_programme(*, acting_user: Any, programme: Programme) -> bytes:
    if acting_user is not None and not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    return write_archive(export_data(programme))


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _keep_time(model: Any, pk: int, **times: str | None) -> None:
    """Give an imported row the time it has in the archive (the field fills itself with
    the time of the import on create)."""
    values = {field: _when(text) for field, text in times.items() if text}
    if values:
        model.objects.filter(pk=pk).update(**values)


@transaction.atomic
def import_programme(*, acting_user: Any, raw: bytes) -> Programme:
    """A new programme from an archive, after every check passed; all or nothing."""
    verification = verify_archive(raw)
    if not verification.ok:
        raise ArchiveError(
            " ".join(
                [
                    _("Het archief is niet in orde; er is niets ingelezen."),
                    *verification.problems[:5],
                ]
            )
        )
    data = verification.data
    user_model = get_user_model()
    users: dict[str, Any] = {}

    def user(username: str | None) -> Any:
        if not username:
            return acting_user
        if username not in users:
            found = user_model.objects.filter(username=username).first()
            if found is None:
                person: dict[str, Any] = next(
                    (p for p in data.get("people", []) if p.get("username") == username), {}
                )
                found = user_model.objects.create_user(
                    username=username,
                    email=person.get("email", ""),
                    first_name=person.get("first_name", ""),
                    last_name=person.get("last_name", ""),
                )
                found.set_unusable_password()  # they choose one with "wachtwoord vergeten"
                found.save(update_fields=["password"])
            users[username] = found
        return users[username]

    meta = data["programme"]
    newest = verification.documents[len(data["revisions"])]
    rows = data["revisions"]
    programme = Programme.objects.create(
        slug=_unique_slug(meta.get("name") or "programma"),
        name=newest.get("programme", {}).get("name", meta.get("name", "")),
        created_by=user(meta.get("created_by")),
        head_number=len(rows),
        head_document=newest,
        head_content_hash=rows[-1]["content_hash"],
        public=bool(meta.get("public")),
    )
    parent: Revision | None = None
    for row in rows:
        parent = Revision.objects.create(
            programme=programme,
            number=row["number"],
            parent=parent,
            author=user(row.get("author")),
            author_name=row["author_name"],
            created_at=dt.datetime.fromisoformat(row["created_at"]),
            message=row["message"],
            section=row.get("section", ""),
            content_hash=row["content_hash"],
            hash=row["hash"],
            kind=row["kind"],
            payload=unb64(row["payload"]),
            merged_from=row.get("merged_from"),
            restored_from=row.get("restored_from"),
        )
    for person in data.get("people", []):
        Membership.objects.get_or_create(
            programme=programme,
            user=user(person["username"]),
            defaults={"role": person["role"], "party_id": person.get("party_id", "")},
        )
    Membership.objects.get_or_create(
        programme=programme, user=acting_user, defaults={"role": "regisseur"}
    )
    for round_ in data.get("rounds", []):
        created = ApprovalRound.objects.create(
            programme=programme,
            revision_number=round_["revision_number"],
            revision_hash=round_["revision_hash"],
            parties=round_["parties"],
            proposed_by=user(round_.get("proposed_by")),
            status=round_["status"],
            closed_at=_when(round_.get("closed_at")),
            voided_by_revision=round_.get("voided_by_revision"),
            void_reason=round_.get("void_reason", ""),
        )
        _keep_time(ApprovalRound, created.pk, proposed_at=round_.get("proposed_at"))
        for a in round_.get("approvals", []):
            Approval.objects.create(
                round=created,
                party_id=a["party_id"],
                party_name=a["party_name"],
                decision=a["decision"],
                note=a.get("note", ""),
                user=user(a.get("user")),
                user_name=a["user_name"],
                decided_at=dt.datetime.fromisoformat(a["decided_at"]),
                revision_hash=a["revision_hash"],
            )
    threads: dict[int, Comment] = {}
    for c in data.get("comments", []):
        comment = Comment.objects.create(
            programme=programme,
            section=c["section"],
            thread=threads.get(c["thread"]) if c.get("thread") else None,
            author=user(c.get("author")),
            body=c["body"],
            revision_number=c["revision_number"],
            resolved_at=_when(c.get("resolved_at")),
            resolved_by=user(c["resolved_by"]) if c.get("resolved_by") else None,
        )
        _keep_time(Comment, comment.pk, created_at=c.get("created_at"))
        threads[c["id"]] = comment
    for a in data.get("attachments", []):
        content = unb64(a["data"])
        stored = Attachment.objects.create(
            programme=programme,
            name=a["name"],
            content_type=a["content_type"],
            sha256=a["sha256"],
            data=content,
            size=len(content),
            uploaded_by=user(a.get("uploaded_by")),
        )
        _keep_time(Attachment, stored.pk, created_at=a.get("created_at"))
    for e in data.get("audit", []):
        AuditEntry.objects.create(
            programme=programme,
            actor=user(e["actor"]) if e.get("actor") else None,
            action=e["action"],
            revision_number=e.get("revision_number"),
            details={**(e.get("details") or {}), "imported_from": e.get("created_at")},
        )
    audit(
        programme=programme,
        actor=acting_user,
        action="programme.import",
        revision_number=programme.head_number,
        revision_hash=rows[-1]["hash"],
    )
    return programme


def verify_programme(programme: Programme) -> list[str]:
    """The archive checks, run on the programme as stored now."""
    return verify_archive(write_archive(export_data(programme))).problems
