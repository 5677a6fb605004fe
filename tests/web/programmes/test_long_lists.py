"""Long lists (100 goals) are edited one item per page; the section form stays light."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.io import load_agreement
from stramien.web import schemaform
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme
from stramien.web.programmes.sections import BY_KEY

from .. import EXAMPLES
from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(people: dict[str, Any]) -> Programme:
    created = actions.create_programme(
        acting_user=people["regisseur"], agreement=load_agreement(EXAMPLES / "large.yaml")
    )
    Membership.objects.create(programme=created, user=people["lezer"], role="lezer")
    return created


def test_goals_page_links_to_each_goal(people: dict[str, Any], large: Programme) -> None:
    client = client_for(people["regisseur"])
    page = client.get(reverse("programmes:section", args=[large.slug, "doelen"]))
    html = page.content.decode()
    goal = large.head_document["goals"][42]
    item_url = reverse("programmes:item", args=[large.slug, "doelen", goal["id"]])
    assert item_url in html
    assert len(html) < 1_000_000  # it was 7.4 MB with every field of every goal
    # Saving the section as shown changes nothing: the linked goals are kept as they were.
    node = schemaform.build(
        BY_KEY["doelen"].model,
        {"goals": large.head_document["goals"]},
        prefix="s",
        link=lambda path: "x" if len(path) == 2 else None,
    )
    post: dict[str, Any] = {"base_revision": "1"}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    response = client.post(reverse("programmes:section", args=[large.slug, "doelen"]), post)
    assert response.status_code == 302
    large.refresh_from_db()
    assert large.head_number == 1


def test_edit_and_delete_one_goal(people: dict[str, Any], large: Programme) -> None:
    client = client_for(people["regisseur"])
    goals = large.head_document["goals"]
    index = next(
        i
        for i, g in enumerate(goals)
        if not any(g["id"] in other.get("contributes_to", []) for other in goals)
        and not any(g["id"] == i2.get("goal") for i2 in large.head_document["indicators"])
        and not any(
            g["id"] in p.get("goals", []) for p in large.head_document["organisation"]["projects"]
        )
        and not any(
            g["id"] == c.get("goal") for c in large.head_document["effect_measurement"]["cases"]
        )
    )
    goal = goals[index]
    url = reverse("programmes:item", args=[large.slug, "doelen", goal["id"]])
    page = client.get(url).content.decode()
    prefix = f"s-goals-{index}-"
    assert f'name="{prefix}title"' in page
    from stramien.model.programme import Goal

    node = schemaform.build(Goal, goal, prefix=f"s-goals-{index}")
    post: dict[str, Any] = {"base_revision": "1"}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post[f"{prefix}title"] = ["Een scherper geformuleerd doel"]
    assert client.post(url, post).status_code == 302
    large.refresh_from_db()
    assert large.head_document["goals"][index]["title"] == "Een scherper geformuleerd doel"
    post["base_revision"] = "2"
    post["delete"] = "1"
    assert client.post(url, post).status_code == 302
    large.refresh_from_db()
    assert goal["id"] not in {g["id"] for g in large.head_document["goals"]}
    assert client.get(url).status_code == 404


def test_item_page_permissions(people: dict[str, Any], large: Programme) -> None:
    goal = large.head_document["goals"][0]
    url = reverse("programmes:item", args=[large.slug, "doelen", goal["id"]])
    lezer = client_for(people["lezer"])
    page = lezer.get(url).content.decode()
    assert "readonly" in page or "disabled" in page
    assert lezer.post(url, {"base_revision": "1", "delete": "1"}).status_code == 403
    assert client_for(people["outsider"]).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    large.refresh_from_db()
    assert large.head_number == 1
    missing = reverse("programmes:item", args=[large.slug, "doelen", "bestaat-niet"])
    assert client_for(people["regisseur"]).get(missing).status_code == 404


def test_adding_a_row_on_an_item_page_saves_nothing_and_shows_the_row(
    people: dict[str, Any], large: Programme
) -> None:
    import re

    from stramien.io.errors import model_at

    client = client_for(people["regisseur"])
    # A body of the programme organisation (15 of them: a page each) with its members list.
    body = large.head_document["organisation"]["bodies"][0]
    url = reverse("programmes:item", args=[large.slug, "organisatie", body["id"]])
    page = client.get(url).content.decode()
    prefix = "s-organisation-bodies-0"
    list_name = f"{prefix}-members"
    assert f'name="add" value="{list_name}"' in page

    def rows(html: str) -> int:
        return len(set(re.findall(rf'name="{re.escape(list_name)}-(\d+)', html)))

    model = model_at(("organisation", "bodies", 0))
    assert model is not None
    node = schemaform.build(
        model, body, prefix=prefix, choices=schemaform.choices_from(large.head_document)
    )
    post: dict[str, Any] = {"base_revision": str(large.head_number), "add": list_name}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    answer = client.post(url, post)
    assert answer.status_code == 200
    large.refresh_from_db()
    assert large.head_number == 1  # nothing saved
    assert rows(answer.content.decode()) == rows(page) + 1
