"""Import a whole programme from one archive file (see stramien.archive); all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from stramien.archive import ArchiveError, unb64, verify_archive
from stramien.web.agreeing.models import Approval, ApprovalRound
from stramien.web.audit.actions import AuditAction, record
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes.actions import unique_slug
from stramien.web.programmes.models import Attachment, Comment, Membership, Programme, Revision
from stramien.web.users import User


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _keep_time(model: Any, pk: int, **times: str | None) -> None:
    """Give an imported row the time it has in the archive (the field fills itself with
    the time of the import on create)."""
    values = {field: _when(text) for field, text in times.items() if text}
    if values:
        model.objects.filter(pk=pk).update(**values)


@transaction.atomic
def import_programme(*, acting_user: User, raw: bytes) -> Programme:
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
        slug=unique_slug(meta.get("name") or "programma"),
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
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.PROGRAMME_IMPORT,
        revision_number=programme.head_number,
        revision_hash=rows[-1]["hash"],
    )
    return programme
