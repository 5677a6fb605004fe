"""Accounts and members: invitations by link, logging in, password reset, the language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from stramien.web.audit.models import AuditEntry
from stramien.web.programmes.models import Invitation, Membership, Programme

from ..conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def test_invitation_by_link(
    people: dict[str, Any], programme: Programme, django_capture_on_commit_callbacks: Any
) -> None:
    regisseur = client_for(people["regisseur"])
    party = programme.head_document["partnership"]["partners"][2]["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = regisseur.post(
            reverse("programmes:members", args=[programme.slug]),
            {"email": "Nieuwe@Example.org", "role": "partner", "party_id": party, "name": "Nieuwe"},
        )
    link = re.search(r'id="invite-link">([^<]+)<', response.content.decode()).group(1)
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
    assert Invitation.objects.get().token_hash not in link  # only the hash is stored
    guest = Client()
    page = guest.get(link)
    assert page.status_code == 200
    weak = guest.post(link, {"name": "Nieuwe Partner", "username": "nieuw", "password": "123"})
    assert weak.status_code == 200 and not Membership.objects.filter(user__username="nieuw")
    accepted = guest.post(
        link, {"name": "Nieuwe Partner", "username": "nieuw", "password": "een-sterk-wachtwoord"}
    )
    assert accepted.status_code == 302
    member = Membership.objects.get(user__username="nieuw")
    assert (member.role, member.party_id) == ("partner", party)
    assert guest.get(reverse("programmes:own", args=[programme.slug])).status_code == 200
    # A link works once.
    assert Client().get(link).status_code == 404
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"invitation.create", "invitation.accept", "account.create"} <= actions


def test_partner_invitation_needs_an_organisation(
    people: dict[str, Any], programme: Programme
) -> None:
    response = client_for(people["regisseur"]).post(
        reverse("programmes:members", args=[programme.slug]),
        {"email": "x@example.org", "role": "partner", "party_id": ""},
    )
    assert "Kies de organisatie" in response.content.decode()
    assert not Invitation.objects.exists()


def test_login_is_rate_limited(people: dict[str, Any], settings: Any) -> None:
    client = Client()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "partner", "password": "fout"})
    locked = client.post(url, {"username": "partner", "password": PASSWORD})
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_works(people: dict[str, Any]) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "partner", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("programmes:list")).status_code == 200


def test_password_reset_sends_a_link(people: dict[str, Any]) -> None:
    Client().post(reverse("accounts:password_reset"), {"email": "partner@example.org"})
    assert len(mail.outbox) == 1
    assert "/account/wachtwoord-herstellen/" in mail.outbox[0].body


def test_english_switch(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    assert 'lang="nl"' in client.get(reverse("programmes:list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("programmes:list")).content.decode()
    assert 'lang="en"' in page and "My programmes" in page
