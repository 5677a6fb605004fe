"""Refused actions speak the language the user chose with the switch.

The messages are made with ``gettext`` where the action refuses, inside the request, so a user
who switched to English reads them in English and everyone else still reads Dutch.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from stramien.web.agreeing.models import Approval, ApprovalRound
from stramien.web.programmes.models import Comment, Programme

from .conftest import client_for

pytestmark = pytest.mark.django_db


def english(user: Any) -> Client:
    """A logged-in client that switched to English the way a user does: with the switch."""
    client = client_for(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def _page(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    text: str = response.content.decode()
    return text


def test_restore_refusals_in_english(people: dict[str, Any], programme: Programme) -> None:
    client = english(people["regisseur"])
    newest = client.post(
        reverse("programmes:restore", args=[programme.slug, programme.head_number]), follow=True
    )
    page = _page(newest)
    assert 'lang="en"' in page
    assert "This is already the newest version." in page
    assert "Dit is al de nieuwste versie." not in page
    # A number with a value in it: the placeholder is filled in the English text.
    client.post(reverse("programmes:restore", args=[programme.slug, 9]))
    page = _page(client.get(reverse("programmes:history", args=[programme.slug])))
    assert "Version 9 does not exist." in page and "Versie 9 bestaat niet." not in page
    programme.refresh_from_db()
    assert programme.head_number == 1


def test_the_same_refusal_stays_dutch_without_the_switch(
    people: dict[str, Any], programme: Programme
) -> None:
    english(people["regisseur"])  # another person's choice does not carry over
    page = _page(
        client_for(people["regisseur"]).post(
            reverse("programmes:restore", args=[programme.slug, 1]), follow=True
        )
    )
    assert "Dit is al de nieuwste versie." in page
    assert "This is already the newest version." not in page


def test_adoption_refusals_in_english(people: dict[str, Any], programme: Programme) -> None:
    regisseur = english(people["regisseur"])
    propose = reverse("programmes:propose", args=[programme.slug])
    regisseur.post(propose, {"revision": "1"})
    again = _page(regisseur.post(propose, {"revision": "1"}, follow=True))
    assert "This version is already up for adoption." in again
    assert "Deze versie ligt al ter vaststelling voor." not in again

    current = ApprovalRound.objects.get(programme=programme)
    decide = reverse("programmes:decide", args=[programme.slug])
    vote = {"round": current.pk, "revision_hash": current.revision_hash}
    partner = english(people["partner"])
    reject = _page(partner.post(decide, {**vote, "decision": "reject", "note": " "}, follow=True))
    assert "Please give a reason when rejecting" in reject
    assert "Geef bij afwijzen een reden" not in reject
    assert not Approval.objects.exists()

    partner.post(decide, {**vote, "decision": "approve"})
    twice = _page(partner.post(decide, {**vote, "decision": "approve"}, follow=True))
    assert "Your organisation has already recorded a decision on this version." in twice
    assert "Uw organisatie heeft over deze versie al een besluit vastgelegd." not in twice
    assert Approval.objects.count() == 1


def test_resolving_a_reply_is_refused_in_english(
    people: dict[str, Any], programme: Programme
) -> None:
    partner = english(people["partner"])
    partner.post(
        reverse("programmes:comment", args=[programme.slug, "doelen"]), {"body": "Een vraag."}
    )
    thread = Comment.objects.get()
    partner.post(
        reverse("programmes:comment", args=[programme.slug, "doelen"]),
        {"body": "Een aanvulling.", "thread": thread.pk},
    )
    reply = Comment.objects.exclude(pk=thread.pk).get()
    page = _page(
        partner.post(reverse("programmes:resolve", args=[programme.slug, reply.pk]), follow=True)
    )
    assert "Only a whole discussion can be resolved." in page
    assert "Alleen een hele discussie kan worden afgesloten." not in page
    reply.refresh_from_db()
    assert reply.resolved_at is None


def test_form_choices_and_hints_in_english(people: dict[str, Any], programme: Programme) -> None:
    url = reverse("programmes:section", args=[programme.slug, "organisatie"])
    page = _page(english(people["regisseur"]).get(url))
    for text in ("Not yet answered", "— none —", "— choose —", "One per line."):
        assert text in page, text
    for text in ("Nog niet beantwoord", "— geen —", "— kies —", "Eén per regel."):
        assert text not in page, text
    dutch = _page(client_for(people["regisseur"]).get(url))
    assert "Nog niet beantwoord" in dutch and "— kies —" in dutch


def test_monitoring_states_in_english(people: dict[str, Any], programme: Programme) -> None:
    # The states come from stramien.monitor in Dutch; the pages translate them when shown.
    page = _page(
        english(people["regisseur"]).get(reverse("programmes:monitoring", args=[programme.slug]))
    )
    assert "No data" in page and "Geen gegevens" not in page
    dutch = _page(
        client_for(people["regisseur"]).get(reverse("programmes:monitoring", args=[programme.slug]))
    )
    assert "Geen gegevens" in dutch
