"""Import a whole programme from one archive file (see stramien.archive); all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from stramien import images
from stramien.archive import ArchiveError, unb64, verify_archive
from stramien.web.agreeing.models import Approval, ApprovalRound
from stramien.web.audit.actions import AuditAction, record
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes.actions import image_refusal, unique_slug
from stramien.web.programmes.models import (
    Attachment,
    Comment,
    Membership,
    Programme,
    Revision,
    Role,
)
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
    people = {p.get("username"): p for p in data.get("people", []) if p.get("username")}
    pictures = _checked_attachments(data.get("attachments", []))
    users: dict[str, User] = {}

    def user(username: str | None) -> User:
        """Who an archive row names, as an account of this server: the importer for their
        own rows, otherwise an inactive stand-in that only carries the historical name
        (never an existing account, never a member)."""
        if not username or username == acting_user.get_username():
            return acting_user
        if username not in users:
            users[username] = _historical_author(username, people.get(username, {}))
        return users[username]

    meta = data["programme"]
    newest = verification.documents[len(data["revisions"])]
    rows = data["revisions"]
    programme = Programme.objects.create(
        slug=unique_slug(meta.get("name") or "programma"),
        name=newest.get("programme", {}).get("name", meta.get("name", "")),
        created_by=user(meta.get("created_by")),
        head_number=len(rows),
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
    # Only the importer takes part; the archive's people are historical authors until the
    # regisseur invites them.
    Membership.objects.create(programme=programme, user=acting_user, role=Role.REGISSEUR)
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
    for a, picture in zip(data.get("attachments", []), pictures, strict=True):
        stored = Attachment.objects.create(
            programme=programme,
            name=a["name"],
            content_type=picture.content_type,
            sha256=hashlib.sha256(picture.data).hexdigest(),
            data=picture.data,
            size=len(picture.data),
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


#: What an attachment may be called: a plain file name, as Stramien makes them.
ATTACHMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
#: Stand-ins for the people an archive names get this after their user name.
HISTORICAL_SUFFIX = "@archief"


def _historical_author(username: str, person: dict[str, Any]) -> User:
    """The inactive account that stands for ``username`` of an imported archive."""
    stand_in = username[: 150 - len(HISTORICAL_SUFFIX)] + HISTORICAL_SUFFIX
    found, created = User.objects.get_or_create(
        username=stand_in,
        defaults={
            "first_name": str(person.get("first_name", ""))[:150],
            "last_name": str(person.get("last_name", ""))[:150],
            "is_active": False,
        },
    )
    if created:
        found.set_unusable_password()
        found.save(update_fields=["password"])
    return found


def _checked_attachments(rows: list[dict[str, Any]]) -> list[images.Picture]:
    """Every attachment of the archive as a picture we accept, or the import is refused.

    The type an archive declares is ignored: the bytes decide. A picture that already ends
    where its format ends is kept as it is (so a re-import keeps its hash)."""
    checked = []
    for row in rows:
        if not ATTACHMENT_NAME.fullmatch(str(row.get("name", ""))):
            raise ArchiveError(
                _("Een bijlage in het archief heeft een ongeldige naam; er is niets ingelezen.")
            )
        try:
            checked.append(images.normalise(unb64(row["data"]), rewrite=False))
        except images.ImageError as exc:
            raise ArchiveError(
                _("Bijlage %(name)s is geen bruikbare afbeelding: %(why)s Er is niets ingelezen.")
                % {"name": row.get("name", "?"), "why": image_refusal(exc)}
            ) from None
    return checked
