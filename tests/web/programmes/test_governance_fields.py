"""The organisation page edits a body's kind, mandate and independent members (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.web import schemaform
from stramien.web.programmes.editor import PREFIX, section_data
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def _post(programme: Programme, edit: Any) -> dict[str, Any]:
    section = BY_KEY["organisatie"]
    data = section_data(section, programme.head_document)
    edit(data)
    node = schemaform.build(section.model, data, prefix=PREFIX)
    post: dict[str, Any] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["base_revision"] = str(programme.head_number)
    return post


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
    response = client_for(people["regisseur"]).post(url, _post(programme, edit))
    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    board = programme.head_document["organisation"]["bodies"][0]
    assert board["kind"] == "general_board"
    assert board["mandate"] == "Besluit over projecten boven € 500.000."
    assert board["members"][0]["independent"] is True
    assert board["members"][0].get("organisation") is None
    # The other bodies gained no empty mandate.
    assert "mandate" not in programme.head_document["organisation"]["bodies"][1]
