"""Later adoptions are amendments ("wijziging n"); a merged partner is no longer asked."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from stramien.web.agreeing import actions as approvals
from stramien.web.agreeing import selectors as approval_selectors
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.programmes import actions
from stramien.web.programmes.models import Revision
from stramien.web.publication import actions as publication
from stramien.web.publication.selectors import meta_for

from ..conftest import client_for
from ._representatives import representatives

pytestmark = pytest.mark.django_db


def adopt(programme: Any, people: dict[str, Any], number: int) -> ApprovalRound:
    reps = representatives(programme)
    current = approvals.propose(acting_user=people["regisseur"], programme=programme, number=number)
    for party in current.parties:
        approvals.decide(
            acting_user=reps[party],
            programme=programme,
            round_id=current.pk,
            revision_hash=current.revision_hash,
            approve=True,
        )
    current.refresh_from_db()
    assert current.status == ApprovalRound.Status.ADOPTED
    return current


def change(programme: Any, people: dict[str, Any], note: str) -> int:
    programme.refresh_from_db()
    document = copy.deepcopy(programme.head_document)
    document["finance"]["notes"] = note
    actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    )
    programme.refresh_from_db()
    number: int = programme.head_number
    return number


def test_a_second_adoption_is_wijziging_1(programme: Any, people: dict[str, Any]) -> None:
    adopt(programme, people, 1)
    second = change(programme, people, "Extra budget voor de leerwerkroute.")
    adopt(programme, people, second)

    versions = approval_selectors.adopted_versions(programme)
    assert [(v.round.revision_number, v.amendment) for v in versions] == [(second, 1), (1, None)]
    assert versions[0].label == "Vastgesteld, wijziging 1"

    page = client_for(people["lezer"]).get(reverse("programmes:adoption", args=[programme.slug]))
    text = page.content.decode()
    assert "Vastgesteld, wijziging 1" in text
    compare = reverse("programmes:compare", args=[programme.slug])
    assert f"{compare}?van=1&amp;naar={second}" in text

    revision = Revision.objects.get(programme=programme, number=second)
    assert meta_for(programme, revision).amendment == 1
    first = Revision.objects.get(programme=programme, number=1)
    assert meta_for(programme, first).amendment is None
    md = client_for(people["lezer"]).get(
        reverse("programmes:download", args=[programme.slug, second, "md"])
    )
    assert "Status: Vastgesteld, wijziging 1" in md.content.decode()

    publication.set_public(acting_user=people["regisseur"], programme=programme, public=True)
    factsheet = client_for(people["outsider"]).get(
        reverse("public:factsheet", args=[programme.slug])
    )
    assert "Vastgestelde samenwerkingsovereenkomst, wijziging 1" in factsheet.content.decode()


def test_the_first_adoption_is_no_amendment(programme: Any, people: dict[str, Any]) -> None:
    adopt(programme, people, 1)
    page = client_for(people["lezer"]).get(reverse("programmes:adoption", args=[programme.slug]))
    assert "wijziging 1" not in page.content.decode()


def test_a_merged_partner_is_not_asked_to_approve(programme: Any, people: dict[str, Any]) -> None:
    document = copy.deepcopy(programme.head_document)
    document["partnership"]["successions"] = [
        {
            "id": "opv-roc",
            "predecessor": "roc-ovc",
            "successor": "gem-apeldoorn",
            "date": "2026-01-01",
            "reason": "merger",
        }
    ]
    actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=document, base_number=1
    )
    programme.refresh_from_db()
    current = approvals.propose(
        acting_user=people["regisseur"], programme=programme, number=programme.head_number
    )
    assert "roc-ovc" not in current.parties
    assert "gem-apeldoorn" in current.parties
    assert len(current.parties) == len(document["partnership"]["partners"]) - 1


def test_a_merger_in_the_future_still_asks_the_predecessor(
    programme: Any, people: dict[str, Any]
) -> None:
    document = copy.deepcopy(programme.head_document)
    document["partnership"]["successions"] = [
        {
            "id": "opv-roc",
            "predecessor": "roc-ovc",
            "successor": "gem-apeldoorn",
            "date": "2099-01-01",
        }
    ]
    actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=document, base_number=1
    )
    programme.refresh_from_db()
    current = approvals.propose(
        acting_user=people["regisseur"], programme=programme, number=programme.head_number
    )
    assert "roc-ovc" in current.parties


def test_a_successor_that_is_a_stakeholder_approves_in_its_place() -> None:
    document = {
        "partnership": {
            "partners": [{"id": "a", "name": "Gemeente A"}, {"id": "c", "name": "Provincie"}],
            "stakeholders": [{"id": "b", "name": "Gemeente B"}],
            "successions": [
                {"id": "s", "predecessor": "a", "successor": "b", "date": "2026-01-01"}
            ],
        }
    }
    parties = approval_selectors.approving_parties(document, dt.date(2026, 6, 1))
    assert parties == {"b": "Gemeente B", "c": "Provincie"}
    assert approval_selectors.approving_parties(document, dt.date(2025, 6, 1)) == {
        "a": "Gemeente A",
        "c": "Provincie",
    }
