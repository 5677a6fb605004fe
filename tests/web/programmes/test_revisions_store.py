"""Saving: append-only revisions, hash chain, merging concurrent edits, conflicts."""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from stramien import revisions
from stramien.model import Agreement
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme, Revision
from stramien.web.programmes.store import document_at, forget_documents, load_head

pytestmark = pytest.mark.django_db


def _edit(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    edited = copy.deepcopy(document)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = edited
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return edited


def test_each_save_adds_a_chained_revision(people: dict[str, Any], programme: Any) -> None:
    first = programme.head_document
    for number in range(2, 6):
        document = _edit(programme.head_document, ambition__statement=f"Versie {number}.")
        outcome = actions.save_document(
            acting_user=people["regisseur"],
            programme=programme,
            document=document,
            base_number=programme.head_number,
        )
        assert outcome.saved and outcome.revision.number == number
    rows = list(Revision.objects.filter(programme=programme).order_by("number"))
    links = [
        revisions.ChainLink(
            number=r.number,
            parent_hash=r.parent.hash if r.parent else "",
            content_hash=r.content_hash,
            author=r.author_name,
            created=r.created_at.isoformat(),
            message=r.message,
            hash=r.hash,
        )
        for r in rows
    ]
    assert revisions.verify_chain(links) == []
    assert document_at(programme, 1) == first
    assert document_at(programme, 3)["ambition"]["statement"] == "Versie 3."
    assert AuditEntry.objects.filter(programme=programme, action="revision.save").count() == 4


def test_reading_old_revisions_through_snapshots(
    people: dict[str, Any], programme: Any, settings: Any
) -> None:
    settings.STRAMIEN_SNAPSHOT_EVERY = 3
    for number in range(2, 9):
        document = _edit(programme.head_document, ambition__statement=f"Tekst {number}.")
        actions.save_document(
            acting_user=people["regisseur"],
            programme=programme,
            document=document,
            base_number=programme.head_number,
        )
    kinds = dict(Revision.objects.filter(programme=programme).values_list("number", "kind"))
    assert kinds[3] == kinds[6] == "snapshot" and kinds[4] == "patch"
    forget_documents()  # force reading from storage, not the cache
    for number in range(2, 9):
        assert document_at(programme, number)["ambition"]["statement"] == f"Tekst {number}."
    # A cold process derives the head from the snapshot before it and the patches after it.
    forget_documents()
    assert load_head(programme)["ambition"]["statement"] == "Tekst 8."
    assert programme.head_document["ambition"]["statement"] == "Tekst 8."
    with pytest.raises(Revision.DoesNotExist):
        document_at(programme, 9)


def test_a_save_writes_the_change_not_the_document(people: dict[str, Any], programme: Any) -> None:
    """The programme row names the newest version; the document is read from the
    revisions, so changing the head's copy changes nothing stored."""
    copy_of_head = programme.head_document
    copy_of_head["ambition"]["statement"] = "Alleen in deze kopie."
    assert programme.head_document["ambition"]["statement"] != "Alleen in deze kopie."
    outcome = actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=_edit(programme.head_document, ambition__statement="Opgeslagen."),
        base_number=programme.head_number,
    )
    stored = Revision.objects.get(programme=programme, number=outcome.head_number)
    assert stored.kind == Revision.Kind.PATCH
    assert len(bytes(stored.payload)) < 1000
    forget_documents()
    fresh = Programme.objects.get(pk=programme.pk)
    assert fresh.head_document["ambition"]["statement"] == "Opgeslagen."
    assert revisions.content_hash(fresh.head_document) == fresh.head_content_hash


def test_unchanged_save_makes_no_revision(people: dict[str, Any], programme: Any) -> None:
    outcome = actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=copy.deepcopy(programme.head_document),
        base_number=1,
    )
    assert outcome.unchanged and programme.revisions.count() == 1


def test_edits_to_different_parts_merge(people: dict[str, Any], programme: Any) -> None:
    base = copy.deepcopy(programme.head_document)
    mine = _edit(base, ambition__statement="Regisseur schrijft de kern.")
    partner_id = people["partner"].memberships.get().party_id
    index = next(i for i, p in enumerate(base["partnership"]["partners"]) if p["id"] == partner_id)
    theirs = _edit(base, **{f"partnership__partners__{index}__role": "Onze nieuwe rol."})
    first = actions.save_document(
        acting_user=people["partner"], programme=programme, document=theirs, base_number=1
    )
    second = actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=mine, base_number=1
    )
    assert first.saved and second.saved and second.merged
    head = programme.head_document
    assert head["ambition"]["statement"] == "Regisseur schrijft de kern."
    assert head["partnership"]["partners"][index]["role"] == "Onze nieuwe rol."
    assert second.revision.merged_from == 1


def test_same_field_is_a_conflict_and_nothing_is_lost(
    people: dict[str, Any], programme: Any
) -> None:
    base = copy.deepcopy(programme.head_document)
    actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=_edit(base, ambition__statement="Eerste tekst."),
        base_number=1,
    )
    outcome = actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=_edit(base, ambition__statement="Tweede tekst."),
        base_number=1,
    )
    assert not outcome.saved and len(outcome.conflicts) == 1
    conflict = outcome.conflicts[0]
    assert (conflict.ours, conflict.theirs) == ("Tweede tekst.", "Eerste tekst.")
    # The user's own text is what the form shows again, on top of the newest revision.
    assert outcome.proposal["ambition"]["statement"] == "Tweede tekst."
    assert outcome.head_number == 2
    assert programme.revisions.count() == 2


def test_partner_may_change_only_its_own_parts(people: dict[str, Any], programme: Any) -> None:
    base = copy.deepcopy(programme.head_document)
    with pytest.raises(PermissionDenied):
        actions.save_document(
            acting_user=people["partner"],
            programme=programme,
            document=_edit(base, ambition__statement="Partner wil de kern wijzigen."),
            base_number=1,
        )
    other_id = people["other_partner"].memberships.get().party_id
    index = next(i for i, p in enumerate(base["partnership"]["partners"]) if p["id"] == other_id)
    with pytest.raises(PermissionDenied):
        actions.save_document(
            acting_user=people["partner"],
            programme=programme,
            document=_edit(base, **{f"partnership__partners__{index}__role": "Overgenomen."}),
            base_number=1,
        )
    with pytest.raises(PermissionDenied):
        actions.save_document(
            acting_user=people["lezer"],
            programme=programme,
            document=_edit(base, ambition__statement="Lezer schrijft."),
            base_number=1,
        )
    assert programme.revisions.count() == 1


def test_one_field_edit_on_the_large_example_stores_little(people: dict[str, Any]) -> None:
    from stramien.io import load_agreement

    from .. import EXAMPLES

    agreement = load_agreement(EXAMPLES / "large.yaml")
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=agreement)
    document = copy.deepcopy(programme.head_document)
    document["goals"][42]["title"] = document["goals"][42]["title"] + " (aangescherpt)"
    outcome = actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=document, base_number=1
    )
    snapshot = len(bytes(Revision.objects.get(programme=programme, number=1).payload))
    patch = len(bytes(outcome.revision.payload))
    assert patch < 1000 < snapshot
    assert (
        Agreement.model_validate(document_at(programme, 2))
        .goals[42]
        .title.endswith("(aangescherpt)")
    )


@pytest.mark.django_db(transaction=True)
def test_parallel_clients_never_overwrite_each_other(
    people: dict[str, Any], programme: Any
) -> None:
    """Threads save different risks at once, all from revision 1: every edit survives."""
    base = copy.deepcopy(programme.head_document)
    risks = base["risks"]["items"]
    assert len(risks) >= 2
    errors: list[BaseException] = []

    def save(index: int) -> None:
        try:
            document = copy.deepcopy(base)
            document["risks"]["items"][index]["precautions"] = f"Maatregel {index}."
            actions.save_document(
                acting_user=people["regisseur"],
                programme=programme,
                document=document,
                base_number=1,
            )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(risks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    programme.refresh_from_db()
    saved = [r["precautions"] for r in programme.head_document["risks"]["items"]]
    assert saved == [f"Maatregel {i}." for i in range(len(risks))]
    assert programme.head_number == 1 + len(risks)
