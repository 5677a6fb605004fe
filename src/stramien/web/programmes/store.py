"""Reading and writing revisions: patches against the parent, a snapshot every few revisions.

A document is never stored whole on the programme row: the newest one is derived from the
newest snapshot and the patches after it. Each document read (parsed, a plain JSON dict) is
kept in a bounded in-process cache keyed by its content hash. That is safe because a
revision never changes: a hash names one document forever. Documents handed out by
:func:`load_head` and :func:`document_at` are shared with that cache: read them, never
change them in place (``revisions.apply`` and ``merge3`` make new ones; copy before editing).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Subquery

from stramien import revisions
from stramien.model import Agreement
from stramien.render import attachment_names

from .models import Programme, Revision

Document = dict[str, Any]


class LRU:
    """A small thread-safe least-recently-used cache. ``size`` is a number or a function
    giving it (read at every insert, so a setting changed in a test takes effect); a size
    of 0 keeps nothing."""

    def __init__(self, size: int | Callable[[], int]) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def bound(self) -> int:
        return max(0, int(self.size() if callable(self.size) else self.size))

    def lookup(self, key: Any) -> Any:
        """The value kept for ``key``, or None."""
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        bound = self.bound()
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > bound:
                self.items.popitem(last=False)

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        found = self.lookup(key)
        if found is not None:
            return found
        value = make()
        self.put(key, value)
        return value

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


def _document_cache_size() -> int:
    return int(getattr(settings, "STRAMIEN_DOCUMENT_CACHE", 32))


#: Parsed documents by content hash (see the module's docstring).
_documents = LRU(_document_cache_size)


def remember_document(content_hash: str, document: Document) -> None:
    """Keep ``document`` (whose content hash is ``content_hash``) for the next reads. The
    caller must not change it afterwards."""
    if content_hash:
        _documents.put(content_hash, document)


def forget_documents() -> None:
    """Empty this process's document cache (for tests and benchmarks)."""
    _documents.clear()


def is_snapshot_number(number: int) -> bool:
    every = max(1, int(settings.STRAMIEN_SNAPSHOT_EVERY))
    return number == 1 or number % every == 0


def load_head(programme: Programme) -> Document:
    """The newest document (shared: do not change it). It is the version the programme's row
    names: its ``head_number`` and ``head_content_hash`` were read together, so the two stay
    one version even while others save."""
    if not programme.head_number:
        return {}
    return document_at(programme, programme.head_number)


def document_at(programme: Programme, number: int) -> Document:
    """The agreement as it was at revision ``number`` (shared: do not change it)."""
    if number == programme.head_number and programme.head_content_hash:
        content_hash: str | None = programme.head_content_hash
    else:
        content_hash = (
            Revision.objects.filter(programme=programme, number=number)
            .values_list("content_hash", flat=True)
            .first()
        )
        if content_hash is None:
            raise Revision.DoesNotExist(f"Versie {number} bestaat niet.")
    assert content_hash is not None
    found: Document | None = _documents.lookup(content_hash)
    if found is not None:
        return found
    document = _derive(programme, number)
    remember_document(content_hash, document)
    return document


def _derive(programme: Programme, number: int) -> Document:
    """Revision ``number`` read from the database: from the newest document before it that
    this process still has, or else from the snapshot before it, plus the patches after."""
    newest_snapshot = (
        Revision.objects.filter(
            programme=programme, kind=Revision.Kind.SNAPSHOT, number__lte=number
        )
        .order_by("-number")
        .values("number")[:1]
    )
    chain = list(
        Revision.objects.filter(
            programme=programme, number__lte=number, number__gte=Subquery(newest_snapshot)
        )
        .order_by("number")
        .values_list("number", "content_hash")
    )
    if not chain or chain[-1][0] != number:
        raise Revision.DoesNotExist(f"Versie {number} bestaat niet.")
    start: Document | None = None
    after = chain[0][0] - 1
    for found_number, found_hash in reversed(chain):
        cached: Document | None = _documents.lookup(found_hash)
        if cached is not None:
            start, after = cached, found_number
            break
    if start is not None and after == number:
        return start
    rows = (
        Revision.objects.filter(programme=programme, number__gt=after, number__lte=number)
        .order_by("number")
        .values_list("kind", "payload")
    )
    document: Document = start if start is not None else {}
    ops: list[Any] = []
    for kind, payload in rows:
        if kind == Revision.Kind.SNAPSHOT:
            document, ops = revisions.snapshot_from_bytes(bytes(payload)), []
        else:
            # The patches are applied in one go: the document is copied once, not per patch.
            ops.extend(revisions.patch_from_bytes(bytes(payload)))
    if ops:
        document = revisions.apply(document, ops)
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
    canonical: bytes | None = None,
) -> Revision:
    """An unsaved Revision holding ``document`` as a patch (or snapshot), hash-chained.

    ``content_hash`` and ``canonical`` (``revisions.canonical_json(document)``) may be
    passed when the caller already computed them for ``document``.
    """
    number = (parent.number + 1) if parent is not None else 1
    if not content_hash:
        content_hash = (
            revisions.content_hash(document)
            if canonical is None
            else revisions.canonical_hash(canonical)
        )
    author_name = author.get_full_name() or author.get_username()
    created = created_at.isoformat()
    parent_hash = parent.hash if parent is not None else ""
    if parent_document is None or is_snapshot_number(number):
        kind, payload = Revision.Kind.SNAPSHOT, revisions.snapshot_to_bytes(document, canonical)
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
