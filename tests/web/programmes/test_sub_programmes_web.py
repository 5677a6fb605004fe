"""The organisation page edits sub-programmes, projects choose theirs, and the page and the
overview show the budget per sub-programme."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.model import Agreement
from stramien.web import schemaform
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def pillars(people: dict[str, Any], small_agreement: Agreement) -> Programme:
    data = small_agreement.model_dump(mode="json")
    data["organisation"]["sub_programmes"] = [
        {
            "id": "sp-wijk",
            "name": "Wijkpijler",
            "kind": "pillar",
            "owner": "gem-apeldoorn",
            "goals": ["g-gezond"],
            "budget_ceiling": 1_000_000,
        },
        {"id": "sp-werk", "name": "Werkpijler", "kind": "pillar", "owner": "roc-ovc"},
    ]
    data["organisation"]["projects"][0]["sub_programme"] = "sp-wijk"
    data["organisation"]["projects"][2]["sub_programme"] = "sp-werk"
    return actions.create_programme(
        acting_user=people["regisseur"], agreement=Agreement.model_validate(data)
    )


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    text: str = response.content.decode()
    return text


def test_organisation_page_shows_sub_programmes_and_the_choice(
    people: dict[str, Any], pillars: Programme
) -> None:
    url = reverse("programmes:section", args=[pillars.slug, "organisatie"])
    page = _page(client_for(people["regisseur"]), url)
    assert "Deelprogramma&#x27;s" in page or "Deelprogramma's" in page
    assert "Budgetplafond" in page
    assert 'value="Wijkpijler"' in page
    # The project's sub-programme is a choice among the sub-programmes, by name.
    select = re.search(
        r'<select[^>]*name="s-organisation-projects-0-sub_programme"[^>]*>(.*?)</select>',
        page,
        re.S,
    )
    assert select is not None
    options = select.group(1)
    assert re.search(r'value="sp-wijk"[^>]*selected[^>]*>[^<]*Wijkpijler', options)
    assert "Werkpijler" in options
    # Beside the form: the budget per sub-programme, with what is not assigned.
    assert "Begroting per deelprogramma" in page
    assert "Niet toegewezen" in page


def test_saving_a_sub_programme_and_a_project_choice(
    people: dict[str, Any], pillars: Programme
) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[pillars.slug, "organisatie"])
    node = schemaform.build(
        BY_KEY["organisatie"].model,
        {"organisation": pillars.head_document["organisation"]},
        prefix="s",
        choices=schemaform.choices_from(pillars.head_document),
    )
    post: dict[str, Any] = {"base_revision": str(pillars.head_number)}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["s-organisation-sub_programmes-1-kind"] = ["sub_programme"]
    post["s-organisation-sub_programmes-1-budget_ceiling"] = ["€ 750.000"]
    post["s-organisation-projects-1-sub_programme"] = ["sp-werk"]
    response = client.post(url, post)
    assert response.status_code == 302, response.content.decode()[:2000]
    pillars.refresh_from_db()
    org = pillars.head_document["organisation"]
    assert org["sub_programmes"][1]["kind"] == "sub_programme"
    assert org["sub_programmes"][1]["budget_ceiling"] == 750_000
    assert org["projects"][1]["sub_programme"] == "sp-werk"


def test_overview_shows_the_summary_per_sub_programme(
    people: dict[str, Any], pillars: Programme, programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    page = _page(client, reverse("programmes:overview", args=[pillars.slug]))
    table = page[page.index('id="tabel-deelprogrammas"') :]
    table = table[: table.index("</table>")]
    assert "Wijkpijler" in table and "Werkpijler" in table and "Niet toegewezen" in table
    assert "Gemeente Apeldoorn" in table
    # Wijkhart's cost items (€ 1.060.000) exceed the Wijkpijler's ceiling of € 1.000.000.
    wijk = table[table.index("Wijkpijler") : table.index("Werkpijler")]
    assert "€ 1.060.000" in wijk and "boven het plafond" in wijk
    assert "boven het plafond" not in table[table.index("Werkpijler") :]
    # Without sub-programmes the overview has no such part.
    plain = _page(client, reverse("programmes:overview", args=[programme.slug]))
    assert 'id="tabel-deelprogrammas"' not in plain


def test_large_example_projects_offer_the_pillars(people: dict[str, Any]) -> None:
    from stramien.io import load_agreement

    from .. import EXAMPLES

    large = actions.create_programme(
        acting_user=people["regisseur"], agreement=load_agreement(EXAMPLES / "large.yaml")
    )
    client = client_for(people["regisseur"])
    section = _page(client, reverse("programmes:section", args=[large.slug, "organisatie"]))
    assert "Lokale pijler: sterke kernen en wijken" in section
    index = next(
        i
        for i, p in enumerate(large.head_document["organisation"]["projects"])
        if p["id"] == "dp-wonen"
    )
    select = re.search(
        rf'<select[^>]*name="s-organisation-projects-{index}-sub_programme"[^>]*>(.*?)</select>',
        section,
        re.S,
    )
    assert select is not None
    options = select.group(1)
    assert re.search(r'value="pl-wonen"[^>]*selected', options)
    assert "Thematische pijler: werk en talent" in options
