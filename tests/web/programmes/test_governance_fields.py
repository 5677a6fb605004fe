"""The organisation page edits a body's kind, mandate and independent members (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.web.programmes.models import Programme

from ..conftest import client_for
from ._forms import section_post

pytestmark = pytest.mark.django_db


def test_the_page_offers_the_new_kinds_and_fields(
    people: dict[str, Any], programme: Programme
) -> None:
    url = reverse("programmes:section", args=[programme.slug, "organisatie"])
    page = client_for(people["regisseur"]).get(url).content.decode()
    for text in (
        "Mandaat",
        "Onafhankelijk",
        "Algemeen bestuur",
        "Dagelijks bestuur",
        "Programmabureau",
    ):
        assert text in page, text


def test_a_mandate_and_an_independent_chair_are_saved(
    people: dict[str, Any], programme: Programme
) -> None:
    def edit(data: dict[str, Any]) -> None:
        board = data["organisation"]["bodies"][0]
        board["kind"] = "general_board"
        board["mandate"] = "Besluit over projecten boven € 500.000."
        board["members"][0].update(organisation=None, independent=True)

    url = reverse("programmes:section", args=[programme.slug, "organisatie"])
    response = client_for(people["regisseur"]).post(
        url, section_post(programme, "organisatie", edit)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    board = programme.head_document["organisation"]["bodies"][0]
    assert board["kind"] == "general_board"
    assert board["mandate"] == "Besluit over projecten boven € 500.000."
    assert board["members"][0]["independent"] is True
    assert board["members"][0].get("organisation") is None
    # The other bodies gained no empty mandate.
    assert "mandate" not in programme.head_document["organisation"]["bodies"][1]
