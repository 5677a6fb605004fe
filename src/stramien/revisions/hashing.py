"""Canonical JSON, content hashes and the hash chain that links revisions."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ._tree import Json
from .errors import RevisionError


def canonical_json(doc: Json) -> bytes:
    """The one byte form of a JSON document: sorted keys, no whitespace, UTF-8.

    Identical to what ``stramien.render.outline.content_hash`` hashes, so the hash printed
    in a rendered agreement is the hash of its revision.
    """
    try:
        text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise RevisionError(
            "Dit document is geen zuivere JSON (bijvoorbeeld een datum of bedrag als "
            f'Python-object); gebruik model_dump(mode="json"). Oorzaak: {exc}'
        ) from None
    return text.encode("utf-8")


def content_hash(doc: Json) -> str:
    """sha256 (hex) of the canonical JSON of a document."""
    return canonical_hash(canonical_json(doc))


def canonical_hash(canonical: bytes) -> str:
    """The content hash of a document from its canonical JSON (``canonical_json(doc)``),
    for a caller that needs those bytes for more than the hash."""
    return hashlib.sha256(canonical).hexdigest()


def revision_hash(
    *, parent_hash: str, content_hash: str, author: str, created: str, message: str
) -> str:
    """sha256 (hex) over the canonical JSON of a revision's fields: one link of the chain."""
    try:
        dt.datetime.fromisoformat(created)
    except (TypeError, ValueError):
        raise RevisionError(
            f"Het tijdstip {created!r} is geen datum en tijd in ISO 8601-notatie "
            "(zoals 2025-03-01T14:30:00+01:00)."
        ) from None
    fields = {
        "author": author,
        "content_hash": content_hash,
        "created": created,
        "message": message,
        "parent_hash": parent_hash,
    }
    return hashlib.sha256(canonical_json(fields)).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    """One revision as stored: its fields and the hash recorded for it."""

    number: int
    parent_hash: str
    content_hash: str
    author: str
    created: str
    message: str
    hash: str

    def expected_hash(self) -> str:
        """The hash these fields should have."""
        return revision_hash(
            parent_hash=self.parent_hash,
            content_hash=self.content_hash,
            author=self.author,
            created=self.created,
            message=self.message,
        )


def verify_chain(
    links: Iterable[ChainLink], documents: Mapping[int, Json] | None = None
) -> list[str]:
    """Dutch problems with a chain of revisions, oldest first; an empty list means intact.

    Checks that every recorded hash matches its fields, that every revision points to the
    one before it (the first to ""), and that numbers follow each other. When ``documents``
    maps revision numbers to their content, it is checked against each content hash too.
    """
    problems: list[str] = []
    previous: ChainLink | None = None
    for link in links:
        name = f"Revisie {link.number}"
        if previous is None:
            if link.parent_hash != "":
                problems.append(
                    f"{name} is de eerste revisie, maar verwijst naar een vorige revisie "
                    f"({link.parent_hash[:12]}…); de geschiedenis is niet compleet."
                )
        else:
            if link.number != previous.number + 1:
                problems.append(
                    f"{name} volgt op revisie {previous.number}; er ontbreekt een revisie of "
                    "de volgorde klopt niet."
                )
            if link.parent_hash != previous.hash:
                problems.append(
                    f"{name} verwijst niet naar revisie {previous.number} als vorige revisie: "
                    "de keten is verbroken."
                )
        try:
            expected = link.expected_hash()
        except RevisionError as exc:
            problems.append(f"{name}: {exc}")
        else:
            if expected != link.hash:
                problems.append(
                    f"{name} is na het vastleggen gewijzigd: de vastgelegde hash klopt niet bij "
                    "de auteur, het tijdstip, de omschrijving, de inhoud of de vorige revisie."
                )
        if documents is not None and link.number in documents:
            try:
                actual = content_hash(documents[link.number])
            except RevisionError as exc:
                problems.append(f"{name}: {exc}")
            else:
                if actual != link.content_hash:
                    problems.append(
                        f"De inhoud van revisie {link.number} is na het vastleggen gewijzigd: "
                        "de hash van de inhoud klopt niet."
                    )
        previous = link
    return problems
