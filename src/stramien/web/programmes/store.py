"""Reading and writing revisions: patches against the parent, a snapshot every few revisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from stramien import revisions
from stramien.model import Agreement
from stramien.render import attachment_names

from .models import Programme, Revision

Document = dict[str, Any]


def is_snapshot_number(number: int) -> bool:
    every = max(1, int(settings.STRAMIEN_SNAPSHOT_EVERY))
    return number == 1 or number % every == 0


def load_head(programme: Programme) -> Document:
    """The newest document; when the programme was read without it, it is read now together
    with the version number and hash, which move with it (someone may have saved since)."""
    if "head_document" in programme.get_deferred_fields():
        number, content_hash, document = (
            Programme.objects.filter(pk=programme.pk)
            .values_list("head_number", "head_content_hash", "head_document")
            .get()
        )
        programme.head_number, programme.head_content_hash = number, content_hash
        programme.head_document = document
    head: Document = programme.head_document
    return head


def document_at(programme: Programme, number: int) -> Document:
    """The agreement as it was at revision ``number`` (the newest is read from the cache)."""
    if number == programme.head_number:
        head = load_head(programme)
        if number == programme.head_number and head:
            return head
    snapshot = (
        Revision.objects.filter(
            programme=programme, kind=Revision.Kind.SNAPSHOT, number__lte=number
        )
        .order_by("-number")
        .only("number", "payload")
        .first()
    )
    if snapshot is None:
        raise Revision.DoesNotExist(f"Versie {number} bestaat niet.")
    document = revisions.snapshot_from_bytes(bytes(snapshot.payload))
    patches = (
        Revision.objects.filter(programme=programme, number__gt=snapshot.number, number__lte=number)
        .order_by("number")
        .values_list("kind", "payload")
    )
    for kind, payload in patches:
        if kind == Revision.Kind.SNAPSHOT:
            document = revisions.snapshot_from_bytes(bytes(payload))
        else:
            document = revisions.apply(document, revisions.patch_from_bytes(bytes(payload)))
    return document


def build_revision(
    *,
    programme: Programme,
    parent: Revision | None,
    parent_document: Document | None,
    document: Document,
    author: Any,
    message: str,
    section: str,
    created_at: dt.datetime,
    content_hash: str | None = None,
) -> Revision:
    """An unsaved Revision holding ``document`` as a patch (or snapshot), hash-chained.

    ``content_hash`` may be passed when the caller already computed it for ``document``.
    """
    number = (parent.number + 1) if parent is not None else 1
    content_hash = content_hash or revisions.content_hash(document)
    author_name = author.get_full_name() or author.get_username()
    created = created_at.isoformat()
    parent_hash = parent.hash if parent is not None else ""
    if parent_document is None or is_snapshot_number(number):
        kind, payload = Revision.Kind.SNAPSHOT, revisions.snapshot_to_bytes(document)
    else:
        patch = revisions.diff(parent_document, document)
        kind, payload = Revision.Kind.PATCH, revisions.patch_to_bytes(patch)
    return Revision(
        programme=programme,
        number=number,
        parent=parent,
        author=author,
        author_name=author_name,
        created_at=created_at,
        message=message,
        section=section,
        content_hash=content_hash,
        hash=revisions.revision_hash(
            parent_hash=parent_hash,
            content_hash=content_hash,
            author=author_name,
            created=created,
            message=message,
        ),
        kind=kind,
        payload=payload,
    )


def attachments_for(programme: Programme, agreement: Agreement) -> dict[str, bytes]:
    """The stored files the agreement shows (its artist impression), by name."""
    names = set(attachment_names(agreement))
    if not names:
        return {}
    return {a.name: bytes(a.data) for a in programme.attachments.filter(name__in=names)}
