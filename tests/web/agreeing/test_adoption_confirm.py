"""Putting a version with errors up for adoption asks for confirmation and lists the errors."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.urls import reverse

from stramien.web.agreeing.models import ApprovalRound
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes import actions
from stramien.web.programmes.field_links import FieldLinks
from stramien.web.programmes.models import Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def _with_two_errors(programme: Programme, regisseur: Any) -> int:
    """Save a version without an ambition statement and without the first partner's
    contribution; returns its number."""
    document = copy.deepcopy(programme.head_document)
    document["ambition"]["statement"] = ""
    document["partnership"]["partners"][0]["contribution"] = ""
    outcome = actions.save_document(
        acting_user=regisseur, programme=programme, document=document, base_number=1
    )
    return outcome.head_number


def test_a_version_with_errors_is_not_proposed_without_confirmation(
    programme: Programme, people: dict[str, Any]
) -> None:
    number = _with_two_errors(programme, people["regisseur"])
    regisseur = client_for(people["regisseur"])
    adoption = regisseur.get(reverse("programmes:adoption", args=[programme.slug]))
    assert "Zij bevat nog 2 fouten" in adoption.content.decode()

    propose = reverse("programmes:propose", args=[programme.slug])
    asked = regisseur.post(propose, {"revision": str(number)})
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Deze versie bevat nog 2 fouten" in page
    assert "De maatschappelijke ambitie is nog niet verwoord." in page
    # Each error links to its field.
    programme.refresh_from_db()
    links = FieldLinks(programme.slug, programme.head_document)
    assert f'href="{links.url(["ambition", "statement"])}"' in page
    assert f'href="{links.url(["partnership", "partners", 0, "contribution"])}"' in page
    assert not ApprovalRound.objects.exists()

    # Submitting the confirmation without ticking the box: a message at the box, no round.
    unticked = regisseur.post(propose, {"revision": str(number), "confirming": "1"})
    assert unticked.status_code == 400
    assert "Vink aan dat u deze versie met fouten toch wilt voorleggen" in unticked.content.decode()
    assert not ApprovalRound.objects.exists()
    assert not AuditEntry.objects.filter(action="round.propose").exists()

    confirmed = regisseur.post(
        propose, {"revision": str(number), "confirming": "1", "errors_accepted": "on"}
    )
    assert confirmed.status_code == 302
    assert ApprovalRound.objects.get().revision_number == number


def test_a_version_without_errors_is_proposed_at_once(
    programme: Programme, people: dict[str, Any]
) -> None:
    regisseur = client_for(people["regisseur"])
    adoption = regisseur.get(reverse("programmes:adoption", args=[programme.slug]))
    assert "fout" not in adoption.content.decode().split("De nieuwste versie is")[1][:200]
    response = regisseur.post(
        reverse("programmes:propose", args=[programme.slug]), {"revision": "1"}
    )
    assert response.status_code == 302
    assert ApprovalRound.objects.get().revision_number == 1


def test_only_the_regisseur_sees_the_confirmation(
    programme: Programme, people: dict[str, Any]
) -> None:
    number = _with_two_errors(programme, people["regisseur"])
    partner = client_for(people["partner"])
    response = partner.post(
        reverse("programmes:propose", args=[programme.slug]),
        {"revision": str(number), "confirming": "1", "errors_accepted": "on"},
    )
    assert response.status_code == 403
    assert "De maatschappelijke ambitie" not in response.content.decode()
    assert not ApprovalRound.objects.exists()


def test_an_older_version_is_still_refused_in_words(
    programme: Programme, people: dict[str, Any]
) -> None:
    _with_two_errors(programme, people["regisseur"])
    regisseur = client_for(people["regisseur"])
    response = regisseur.post(
        reverse("programmes:propose", args=[programme.slug]), {"revision": "1"}, follow=True
    )
    assert "Alleen de nieuwste versie" in response.content.decode()
    assert not ApprovalRound.objects.exists()
