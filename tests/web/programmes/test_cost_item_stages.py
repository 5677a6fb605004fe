"""Committed and spent money on a cost item: edited in the browser, totals beside the form
(issue 15, point 9)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.model import CostItem
from stramien.web import schemaform
from stramien.web.programmes.models import Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def test_committed_and_spent_are_edited_on_the_cost_items_page(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    item = programme.head_document["finance"]["cost_items"][0]
    url = reverse("programmes:item", args=[programme.slug, "financien", item["id"]])
    page = client.get(url).content.decode()
    prefix = "s-finance-cost_items-0-"
    assert f'name="{prefix}committed"' in page and f'name="{prefix}spent"' in page
    assert "Verplicht" in page and "Besteed" in page
    node = schemaform.build(CostItem, item, prefix="s-finance-cost_items-0")
    post: dict[str, Any] = {"base_revision": str(programme.head_number)}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post[f"{prefix}committed"] = ["80000"]
    post[f"{prefix}spent"] = ["35000"]
    assert client.post(url, post).status_code == 302
    programme.refresh_from_db()
    saved = programme.head_document["finance"]["cost_items"][0]
    assert (saved["committed"], saved["spent"]) == (80000, 35000)

    finance = client.get(reverse("programmes:section", args=[programme.slug, "financien"]))
    text = " ".join(finance.content.decode().split())
    assert "Stand van de begroting" in text
    assert "<dt>Verplicht</dt><dd>€ 80.000</dd>" in text
    assert "<dt>Besteed</dt><dd>€ 35.000</dd>" in text
    # Budget 2.870.000 in all; this line's 95.000 has 80.000 bound, so 15.000 of it is free.
    assert "<dt>Vrij</dt><dd>€ 2.790.000</dd>" in text


def test_no_stages_shown_while_nothing_is_committed_or_spent(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    finance = client.get(reverse("programmes:section", args=[programme.slug, "financien"]))
    assert "Stand van de begroting" not in finance.content.decode()
