"""Canonical JSON, content hashes and the revision hash chain."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

import pytest
from revision_mutations import EXAMPLES

from stramien.io import load_agreement
from stramien.render import outline
from stramien.revisions import (
    ChainLink,
    RevisionError,
    canonical_json,
    content_hash,
    revision_hash,
    verify_chain,
)


@pytest.mark.parametrize("name", ["small.yaml", "large.yaml"])
def test_content_hash_is_the_hash_printed_in_rendered_documents(name: str) -> None:
    agreement = load_agreement(EXAMPLES / name)
    doc = agreement.model_dump(mode="json")
    assert content_hash(doc) == outline.content_hash(agreement)
    assert content_hash(doc) == hashlib.sha256(canonical_json(doc)).hexdigest()


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert canonical_json({"b": [1, 2.5], "a": "ë €"}) == '{"a":"ë €","b":[1,2.5]}'.encode()
    assert canonical_json({"a": 1, "b": 2}) == canonical_json({"b": 2, "a": 1})


def test_canonical_json_refuses_python_objects_in_dutch() -> None:
    with pytest.raises(RevisionError, match="geen zuivere JSON"):
        canonical_json({"start": dt.date(2025, 1, 1)})


def make_chain(length: int) -> list[ChainLink]:
    links: list[ChainLink] = []
    parent = ""
    for number in range(1, length + 1):
        fields = {
            "parent_hash": parent,
            "content_hash": content_hash({"versie": number}),
            "author": "Procesregisseur" if number % 2 else "Partner Noord",
            "created": f"2025-03-{number:02d}T10:00:00+01:00",
            "message": f"Versie {number}: §{number} bijgewerkt",
        }
        link = ChainLink(number=number, hash=revision_hash(**fields), **fields)
        links.append(link)
        parent = link.hash
    return links


def test_revision_hash_is_sha256_over_canonical_fields() -> None:
    fields = {
        "parent_hash": "",
        "content_hash": "ab" * 32,
        "author": "Jan",
        "created": "2025-03-01T10:00:00+01:00",
        "message": "Eerste versie",
    }
    expected = hashlib.sha256(
        json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert revision_hash(**fields) == expected
    for key in fields:
        changed = {**fields, key: fields[key] + "1" if key != "created" else "2025-03-02"}
        assert revision_hash(**changed) != expected, key


def test_revision_hash_wants_an_iso_timestamp() -> None:
    with pytest.raises(RevisionError, match="ISO 8601"):
        revision_hash(parent_hash="", content_hash="", author="a", created="gisteren", message="")


def test_an_intact_chain_has_no_problems() -> None:
    assert verify_chain(make_chain(5)) == []
    assert verify_chain([]) == []


@pytest.mark.parametrize("field", ["message", "author", "created", "content_hash", "hash"])
def test_a_changed_byte_is_detected(field: str) -> None:
    links = make_chain(4)
    value = getattr(links[2], field)
    changed = value[:-1] + chr(ord(value[-1]) ^ 1)
    links[2] = dataclasses.replace(links[2], **{field: changed})
    problems = verify_chain(links)
    assert problems, field
    assert any(p.startswith("Revisie 3") or "revisie 3" in p for p in problems)


def test_a_broken_parent_link_is_detected() -> None:
    links = make_chain(4)
    # Revision 3 re-hashed correctly, but pointing at revision 1: history was rewritten.
    fields = {
        "parent_hash": links[0].hash,
        "content_hash": links[2].content_hash,
        "author": links[2].author,
        "created": links[2].created,
        "message": links[2].message,
    }
    links[2] = ChainLink(number=3, hash=revision_hash(**fields), **fields)
    problems = verify_chain(links)
    assert any("Revisie 3 verwijst niet naar revisie 2" in p for p in problems)
    assert any("Revisie 4 verwijst niet naar revisie 3" in p for p in problems)


def test_a_missing_or_extra_revision_is_detected() -> None:
    links = make_chain(4)
    assert any("ontbreekt" in p for p in verify_chain([links[0], links[2], links[3]]))
    assert any("eerste revisie" in p for p in verify_chain(links[1:]))


def test_contents_are_checked_against_their_hash() -> None:
    links = make_chain(3)
    documents = {number: {"versie": number} for number in (1, 2, 3)}
    assert verify_chain(links, documents) == []
    documents[2] = {"versie": 22}
    assert verify_chain(links, documents) == [
        "De inhoud van revisie 2 is na het vastleggen gewijzigd: de hash van de inhoud klopt niet."
    ]
