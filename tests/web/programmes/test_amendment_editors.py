"""Amendments and successions are edited in the browser like every other part."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.web.programmes.models import Programme

from ..conftest import client_for
from ._forms import section_post

pytestmark = pytest.mark.django_db


def test_amendments_appear_and_save_on_the_appendices_page(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "bijlagen"])
    page = client.get(url).content.decode()
    assert "Wijzigingen" in page and "Wijzigingsnummer" not in page  # an empty list at first

    def add(data: dict[str, Any]) -> None:
        data["amendments"] = [
            {
                "number": 1,
                "title": "Extra budget",
                "kind": "addendum",
                "adopted": "2027-03-01",
                "summary": "Meer geld voor de leerwerkroute.",
                "sections": ["§4.4"],
            }
        ]

    response = client.post(url, section_post(programme, "bijlagen", add))
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    (saved,) = programme.head_document["amendments"]
    assert saved["title"] == "Extra budget" and saved["adopted"] == "2027-03-01"
    page = client.get(url).content.decode()
    assert "Wijzigingsnummer" in page and "Addendum (aanvulling op de overeenkomst)" in page


def test_successions_appear_and_save_on_the_partnership_page(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "partnerschap"])
    assert "Opvolging van partijen" in client.get(url).content.decode()

    def add(data: dict[str, Any]) -> None:
        data["partnership"]["successions"] = [
            {
                "id": "opv-roc",
                "predecessor": "roc-ovc",
                "successor": "gem-apeldoorn",
                "date": "2027-01-01",
                "reason": "redivision",
                "description": "",
            }
        ]

    response = client.post(url, section_post(programme, "partnerschap", add))
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    (saved,) = programme.head_document["partnership"]["successions"]
    assert saved["successor"] == "gem-apeldoorn" and saved["reason"] == "redivision"
    page = client.get(url).content.decode()
    assert "Gemeentelijke herindeling" in page
