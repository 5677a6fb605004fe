"""Help pages: an index of the sections and per section what it is for, how to go about it
and what each field asks, from the model's own explanations; each section page links to its
help. Open to everyone who is logged in."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from stramien.model import Agreement
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import SECTIONS

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_the_index_links_to_the_help_of_every_section(people: dict[str, Any]) -> None:
    page = text_of(client_for(people["outsider"]).get(reverse("help:index")))
    for section in SECTIONS:
        assert f'href="{reverse("help:section", args=[section.key])}"' in page
        assert str(section.title) in page


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.key)
def test_a_section_help_page_gathers_its_guidance(people: dict[str, Any], section: Any) -> None:
    response = client_for(people["outsider"]).get(reverse("help:section", args=[section.key]))
    assert response.status_code == 200
    page = text_of(response)
    assert "Waarvoor dit onderdeel dient" in page
    assert str(section.guidance) in page
    for name in section.fields:
        info = Agreement.model_fields[name]
        assert info.title and info.title in page
        assert info.description and info.description in page


def test_the_help_names_the_fields_of_list_items(people: dict[str, Any]) -> None:
    page = text_of(client_for(people["lezer"]).get(reverse("help:section", args=["partnerschap"])))
    assert "Kernwaarden" in page
    assert "Organisatiebelangen" in page


def test_an_unknown_section_is_a_dutch_404(people: dict[str, Any]) -> None:
    response = client_for(people["lezer"]).get(reverse("help:section", args=["bestaat-niet"]))
    assert response.status_code == 404
    assert 'lang="nl"' in response.content.decode()


def test_help_asks_to_log_in_first() -> None:
    response = client_for(None).get(reverse("help:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_every_section_page_links_to_its_help(people: dict[str, Any], programme: Programme) -> None:
    client = client_for(people["partner"])
    for section in SECTIONS:
        page = text_of(
            client.get(reverse("programmes:section", args=[programme.slug, section.key]))
        )
        link = f'<a class="utrecht-link" href="{reverse("help:section", args=[section.key])}">'
        assert link + "Hulp bij dit onderdeel</a>" in page, section.key
