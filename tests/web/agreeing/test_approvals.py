"""Agreeing on a version: rounds bound to a hash, decisions per partner, adoption."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from stramien.web.agreeing import actions as approvals
from stramien.web.agreeing import selectors as approval_selectors
from stramien.web.agreeing.models import Approval, ApprovalRound
from stramien.web.audit.models import AuditEntry
from stramien.web.errors import ActionError
from stramien.web.programmes import actions

from ..conftest import client_for
from ._representatives import representatives as representatives_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def representatives(programme: Any, people: dict[str, Any]) -> dict[str, Any]:
    """One representative per partner of the small example (five organisations)."""
    return representatives_of(programme)


def _decide(
    programme: Any, user: Any, current: ApprovalRound, approve: bool = True, note: str = ""
) -> Approval:
    return approvals.decide(
        acting_user=user,
        programme=programme,
        round_id=current.pk,
        revision_hash=current.revision_hash,
        approve=approve,
        note=note,
    )


def test_the_whole_round(
    programme: Any,
    people: dict[str, Any],
    representatives: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    assert len(mail.outbox) == len(representatives)
    parties = list(first.parties)
    _decide(programme, representatives[parties[0]], first)
    _decide(programme, representatives[parties[1]], first)
    with pytest.raises(ActionError, match="reden"):
        _decide(programme, representatives[parties[2]], first, approve=False)
    _decide(
        programme, representatives[parties[2]], first, approve=False, note="Begroting klopt niet."
    )
    # The text changes: the round is voided, visibly.
    document = copy.deepcopy(programme.head_document)
    document["finance"]["notes"] = "Begroting aangepast na afwijzing."
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_document(
            acting_user=people["regisseur"], programme=programme, document=document, base_number=1
        )
    first.refresh_from_db()
    assert first.status == "voided" and first.voided_by_revision == 2
    assert "Vaststelling vervallen" in mail.outbox[-1].subject
    with pytest.raises(ActionError, match="vervallen"):
        _decide(programme, representatives[parties[3]], first)
    second = approvals.propose(acting_user=people["regisseur"], programme=programme, number=2)
    for party in parties:
        _decide(programme, representatives[party], second)
    second.refresh_from_db()
    assert second.status == "adopted"
    assert AuditEntry.objects.filter(action="programme.adopt", revision_number=2).exists()
    lines = approval_selectors.approval_lines(second)
    assert len(lines) == len(parties)
    assert all(second.revision_hash in line for line in lines.values())


def test_refusals_change_nothing(
    programme: Any, people: dict[str, Any], representatives: dict[str, Any]
) -> None:
    current = approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    party = next(iter(current.parties))
    user = representatives[party]
    with pytest.raises(ActionError, match="andere versie"):
        approvals.decide(
            acting_user=user,
            programme=programme,
            round_id=current.pk,
            revision_hash="0" * 64,
            approve=True,
        )
    _decide(programme, user, current)
    with pytest.raises(ActionError, match="al een besluit"):
        _decide(programme, user, current)
    with pytest.raises(ActionError, match="bestaat niet"):
        approvals.decide(
            acting_user=user,
            programme=programme,
            round_id=current.pk + 999,
            revision_hash=current.revision_hash,
            approve=True,
        )
    from django.core.exceptions import PermissionDenied

    for outsider in (people["regisseur"], people["lezer"], people["outsider"]):
        with pytest.raises(PermissionDenied):
            _decide(programme, outsider, current)
    with pytest.raises(PermissionDenied):
        approvals.propose(acting_user=people["partner"], programme=programme, number=1)
    with pytest.raises(ActionError, match="al ter vaststelling"):
        approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    assert Approval.objects.count() == 1


def test_adoption_page_for_each_role(
    programme: Any, people: dict[str, Any], representatives: dict[str, Any]
) -> None:
    url = reverse("programmes:adoption", args=[programme.slug])
    regisseur = client_for(people["regisseur"])
    assert "ter vaststelling voorleggen" in regisseur.get(url).content.decode()
    regisseur.post(reverse("programmes:propose", args=[programme.slug]), {"revision": "1"})
    current = ApprovalRound.objects.get()
    partner = client_for(people["partner"])
    page = partner.get(url).content.decode()
    assert "Goedkeuren" in page and current.revision_hash in page
    partner.post(
        reverse("programmes:decide", args=[programme.slug]),
        {"round": current.pk, "revision_hash": current.revision_hash, "decision": "approve"},
    )
    assert Approval.objects.get().user == people["partner"]
    # The lezer sees the board but cannot decide.
    lezer = client_for(people["lezer"])
    assert "Goedkeuren" not in lezer.get(url).content.decode()
    lezer.post(
        reverse("programmes:decide", args=[programme.slug]),
        {"round": current.pk, "revision_hash": current.revision_hash, "decision": "approve"},
    )
    assert Approval.objects.count() == 1


def test_notifications_can_be_switched_off(
    programme: Any,
    people: dict[str, Any],
    representatives: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client_for(people["partner"]).post(reverse("accounts:preferences"), {})
    with django_capture_on_commit_callbacks(execute=True):
        approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    recipients = {m.to[0] for m in mail.outbox}
    assert people["partner"].email not in recipients
    assert people["other_partner"].email in recipients


def test_diff_since_the_proposed_version(programme: Any, people: dict[str, Any]) -> None:
    for text in ("Eerste wijziging.", "Tweede wijziging."):
        document = copy.deepcopy(programme.head_document)
        document["finance"]["notes"] = text
        actions.save_document(
            acting_user=people["regisseur"],
            programme=programme,
            document=document,
            base_number=programme.head_number,
        )
    page = (
        client_for(people["lezer"])
        .get(reverse("programmes:revision", args=[programme.slug, 3]), {"sinds": "1"})
        .content.decode()
    )
    assert "Wijzigingen sinds versie 1" in page and "Tweede" in page


def test_the_decision_form_names_the_organisation(programme: Any, people: dict[str, Any]) -> None:
    approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    member = people["partner"].memberships.get()
    name = next(
        p["name"]
        for p in programme.head_document["partnership"]["partners"]
        if p["id"] == member.party_id
    )
    page = client_for(people["partner"]).get(reverse("programmes:adoption", args=[programme.slug]))
    text = page.content.decode()
    assert f"Uw besluit namens {name}" in text
    assert f"Uw besluit namens {member.party_id}<" not in text


def test_a_reader_is_not_told_to_comment(programme: Any, people: dict[str, Any]) -> None:
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    reader = client_for(people["lezer"]).get(url).content.decode()
    assert "U kunt dit onderdeel lezen; alleen de procesregisseur wijzigt het." in reader
    partner = client_for(people["partner"]).get(url).content.decode()
    assert "lezen en erop reageren" in partner
