"""Issue 15, points 2, 3 and 6 in the browser: a funder who does not sign is added on the
partnership page and chosen as the payer of a contribution; initiators, founding moments and a
board member's sector are edited like any other field."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.model import Contribution
from stramien.web import schemaform
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY

from ..conftest import client_for
from ._forms import section_post

pytestmark = pytest.mark.django_db

FUND = {
    "id": "fin-wijkfonds",
    "name": "Nationaal Wijkfonds",
    "category": "civil_society",
    "description": "Het wijkhart",
    "conditions": "Een eindverslag",
}


def _save(programme: Programme, people: dict[str, Any], key: str, edit: Any) -> dict[str, Any]:
    url = reverse("programmes:section", args=[programme.slug, key])
    response = client_for(people["regisseur"]).post(url, section_post(programme, key, edit))
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    document: dict[str, Any] = programme.head_document
    return document


def _page(programme: Programme, people: dict[str, Any], key: str) -> str:
    url = reverse("programmes:section", args=[programme.slug, key])
    html: str = client_for(people["regisseur"]).get(url).content.decode()
    return html


def test_a_funder_is_added_and_chosen_as_the_payer_of_a_contribution(
    programme: Programme, people: dict[str, Any]
) -> None:
    page = _page(programme, people, "partnerschap")
    assert "Financiers (niet-ondertekenend)" in page
    document = _save(
        programme,
        people,
        "partnerschap",
        lambda d: d["partnership"].setdefault("funders", []).append(dict(FUND)),
    )
    assert document["partnership"]["funders"] == [FUND]

    # Contributions are a long list: each is edited on its own page.
    contribution = document["finance"]["contributions"][0]
    url = reverse("programmes:item", args=[programme.slug, "financien", contribution["id"]])
    client = client_for(people["regisseur"])
    page = client.get(url).content.decode()
    assert '<option value="fin-wijkfonds">Nationaal Wijkfonds</option>' in page
    assert "Partner of financier" in page

    node = schemaform.build(
        Contribution,
        contribution,
        prefix="s-finance-contributions-0",
        choices=schemaform.choices_from(document),
    )
    post: dict[str, Any] = {"base_revision": str(programme.head_number)}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["s-finance-contributions-0-partner"] = ["fin-wijkfonds"]
    assert client.post(url, post).status_code == 302
    programme.refresh_from_db()
    assert programme.head_document["finance"]["contributions"][0]["partner"] == "fin-wijkfonds"


def test_initiators_founding_moments_and_a_members_sector_are_saved(
    programme: Programme, people: dict[str, Any]
) -> None:
    partners = [p["id"] for p in programme.head_document["partnership"]["partners"]]

    def found(d: dict[str, Any]) -> None:
        d["partnership"]["initiators"] = partners[:2]
        d["partnership"]["founding_moments"] = [
            {"id": "om-start", "title": "Startdocument", "date": "2025-03-14"}
        ]

    document = _save(programme, people, "partnerschap", found)
    assert document["partnership"]["initiators"] == partners[:2]
    [moment] = document["partnership"]["founding_moments"]
    assert (moment["title"], moment["date"]) == ("Startdocument", "2025-03-14")
    page = _page(programme, people, "partnerschap")
    assert "Initiatiefnemers" in page and "Oprichtingsmomenten" in page

    key = next(k for k, s in BY_KEY.items() if "organisation" in s.fields)
    assert "Namens de sector" in _page(programme, people, key)

    def seat(d: dict[str, Any]) -> None:
        d["organisation"]["bodies"][0]["members"][0]["sector"] = "civil"

    document = _save(programme, people, key, seat)
    assert document["organisation"]["bodies"][0]["members"][0]["sector"] == "civil"
