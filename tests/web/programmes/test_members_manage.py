"""Managing who takes part: the invite form's default role, revoking an invitation,
changing a member's role and taking a member out, each with its audit row."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from stramien.model import Agreement
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes import actions
from stramien.web.programmes.models import Invitation, Membership, Programme

from ..conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def _members(programme: Programme) -> str:
    return reverse("programmes:members", args=[programme.slug])


def _member(programme: Programme, user: Any) -> str:
    membership = Membership.objects.get(programme=programme, user=user)
    return reverse("programmes:member", args=[programme.slug, membership.pk])


def _invite(programme: Programme, regisseur: Any, **extra: str) -> str:
    response = client_for(regisseur).post(
        _members(programme), {"email": "nieuw@example.org", "role": "lezer", **extra}
    )
    found = re.search(r'id="invite-link">([^<]+)<', response.content.decode())
    assert found, response.content.decode()
    return found.group(1)


def test_the_invite_form_preselects_the_partner_role(
    programme: Programme, people: dict[str, Any]
) -> None:
    page = client_for(people["regisseur"]).get(_members(programme)).content.decode()
    selected = re.findall(r'<option value="(\w+)"[^>]*selected', page)
    assert selected[0] == "partner"


def test_the_members_table_names_the_organisation(
    programme: Programme, people: dict[str, Any]
) -> None:
    name = programme.head_document["partnership"]["partners"][0]["name"]
    page = client_for(people["lezer"]).get(_members(programme)).content.decode()
    assert f'<td class="utrecht-table__cell">{name}</td>' in page
    assert "Rol wijzigen of verwijderen" not in page  # a reader manages nothing


def test_a_revoked_invitation_link_stops_working(
    programme: Programme, people: dict[str, Any]
) -> None:
    link = _invite(programme, people["regisseur"])
    invitation = Invitation.objects.get()
    regisseur = client_for(people["regisseur"])
    assert "Intrekken" in regisseur.get(_members(programme)).content.decode()

    revoke = reverse("programmes:invitation_revoke", args=[programme.slug, invitation.pk])
    page = regisseur.post(revoke, follow=True).content.decode()
    assert "De uitnodiging voor nieuw@example.org is ingetrokken" in page
    assert "Openstaande uitnodigingen" not in page

    guest = Client()
    opened = guest.get(link)
    assert opened.status_code == 404
    assert "heeft deze uitnodiging ingetrokken" in opened.content.decode()
    accepted = guest.post(
        link, {"name": "Nieuw", "username": "nieuw", "password": "een-sterk-wachtwoord"}
    )
    assert accepted.status_code == 404
    assert not Membership.objects.filter(user__username="nieuw").exists()
    revoked = AuditEntry.objects.get(action="invitation.revoke")
    assert revoked.details["email"] == "nieuw@example.org"
    assert revoked.actor == people["regisseur"]

    again = regisseur.post(revoke, follow=True).content.decode()
    assert "al ingetrokken" in again


def test_only_the_regisseur_revokes(programme: Programme, people: dict[str, Any]) -> None:
    _invite(programme, people["regisseur"])
    invitation = Invitation.objects.get()
    revoke = reverse("programmes:invitation_revoke", args=[programme.slug, invitation.pk])
    for name in ("partner", "lezer"):
        assert client_for(people[name]).post(revoke).status_code == 403
    assert client_for(people["outsider"]).post(revoke).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_changing_a_role(programme: Programme, people: dict[str, Any]) -> None:
    regisseur = client_for(people["regisseur"])
    url = _member(programme, people["lezer"])
    page = regisseur.get(url).content.decode()
    assert "Rol wijzigen" in page and "Uit het programma halen" in page
    party = programme.head_document["partnership"]["partners"][2]

    missing = regisseur.post(url, {"action": "role", "role": "partner", "party_id": ""})
    assert missing.status_code == 400
    assert "Kies de organisatie waarvoor deze partner optreedt." in missing.content.decode()
    assert Membership.objects.get(user=people["lezer"]).role == "lezer"

    done = regisseur.post(
        url, {"action": "role", "role": "partner", "party_id": party["id"]}, follow=True
    )
    assert "De rol van Lezer is bijgewerkt." in done.content.decode()
    member = Membership.objects.get(user=people["lezer"])
    assert (member.role, member.party_id) == ("partner", party["id"])
    entry = AuditEntry.objects.get(action="membership.change")
    assert entry.details["role"] == "partner" and entry.details["previous_role"] == "lezer"
    # The new partner may now edit the card of that organisation.
    assert (
        client_for(people["lezer"])
        .get(reverse("programmes:own", args=[programme.slug]))
        .status_code
        == 200
    )


def test_removing_a_member_asks_to_confirm(programme: Programme, people: dict[str, Any]) -> None:
    regisseur = client_for(people["regisseur"])
    url = _member(programme, people["partner"])
    unconfirmed = regisseur.post(url, {"action": "remove"})
    assert unconfirmed.status_code == 400
    assert "Vink aan dat u deze persoon uit het programma wilt halen." in (
        unconfirmed.content.decode()
    )
    assert Membership.objects.filter(user=people["partner"]).exists()

    done = regisseur.post(url, {"action": "remove", "confirm": "on"}, follow=True)
    assert "Partner doet niet meer mee." in done.content.decode()
    assert not Membership.objects.filter(user=people["partner"]).exists()
    entry = AuditEntry.objects.get(action="membership.remove")
    assert entry.details["user"] == "partner" and entry.details["role"] == "partner"
    overview = reverse("programmes:overview", args=[programme.slug])
    assert client_for(people["partner"]).get(overview).status_code == 404


def test_the_last_regisseur_stays(programme: Programme, people: dict[str, Any]) -> None:
    regisseur = client_for(people["regisseur"])
    url = _member(programme, people["regisseur"])
    demoted = regisseur.post(url, {"action": "role", "role": "lezer"})
    assert demoted.status_code == 400
    assert "is de enige procesregisseur" in demoted.content.decode()
    removed = regisseur.post(url, {"action": "remove", "confirm": "on"})
    assert removed.status_code == 400
    assert "kan niet worden verwijderd" in removed.content.decode()
    assert Membership.objects.get(user=people["regisseur"]).role == "regisseur"
    assert not AuditEntry.objects.filter(action__startswith="membership.").exists()

    # With a second regisseur, the first may step back.
    second = make_user("tweede")
    Membership.objects.create(programme=programme, user=second, role="regisseur")
    assert regisseur.post(url, {"action": "role", "role": "lezer"}).status_code == 302
    assert Membership.objects.get(user=people["regisseur"]).role == "lezer"
    last = client_for(second).post(
        _member(programme, second), {"action": "remove", "confirm": "on"}
    )
    assert last.status_code == 400


@pytest.mark.parametrize("visitor", ["partner", "lezer", "outsider", "anonymous"])
def test_only_the_regisseur_manages_members(
    visitor: str, programme: Programme, people: dict[str, Any]
) -> None:
    client = client_for(None if visitor == "anonymous" else people[visitor])
    url = _member(programme, people["lezer"])
    expected = {"anonymous": 302, "outsider": 404}.get(visitor, 403)
    assert client.get(url).status_code == expected
    assert client.post(url, {"action": "role", "role": "regisseur"}).status_code == expected
    assert client.post(url, {"action": "remove", "confirm": "on"}).status_code == expected
    assert Membership.objects.get(user=people["lezer"]).role == "lezer"


def test_a_member_of_another_programme_is_not_found(
    programme: Programme, people: dict[str, Any], small_agreement: Any
) -> None:
    other = actions.create_programme(acting_user=people["outsider"], agreement=small_agreement)
    foreign = Membership.objects.get(programme=other, user=people["outsider"])
    url = reverse("programmes:member", args=[programme.slug, foreign.pk])
    assert client_for(people["regisseur"]).get(url).status_code == 404


def test_a_partner_without_partners_in_the_agreement_is_explained(people: dict[str, Any]) -> None:
    blank = actions.create_programme(
        acting_user=people["regisseur"],
        agreement=Agreement.model_validate({"programme": {"name": "Nog leeg"}}),
    )
    response = client_for(people["regisseur"]).post(
        _members(blank), {"email": "x@example.org", "role": "partner", "party_id": ""}
    )
    page = response.content.decode()
    assert "Er staan nog geen partners in de overeenkomst" in page
    assert 'value="x@example.org"' in page  # the input is kept
    assert not Invitation.objects.exists()


def test_the_invite_form_names_partners_without_their_ids(
    people: dict[str, Any], programme: Programme
) -> None:
    page = (
        client_for(people["regisseur"])
        .get(reverse("programmes:members", args=[programme.slug]))
        .content.decode()
    )
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', page)
    ids = {p["id"] for p in programme.head_document["partnership"]["partners"]}
    partner_options = {value: label for value, label in options if value in ids}
    assert partner_options
    for value, label in partner_options.items():
        assert value not in label, label
