"""The overview's checklist (annex to §4) shows for every element where it stands, the same
as ``stramien advise``; a question still to answer links to it."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.rules import advise_structure
from stramien.rules.advice import STATUS_LABELS
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def checklist_rows(page: str) -> list[tuple[str, str]]:
    table = page.split("Checklist uit de bijlage bij", 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r"<tr><th scope=\"row\"[^>]*>(.*?)</th>.*?</td><td[^>]*>(.*?)</td></tr>", table, re.S
    )
    return [(html.unescape(name), re.sub(r"<[^>]+>", "", stand).strip()) for name, stand in rows]


def test_every_row_shows_its_stand_as_advise_does(
    people: dict[str, Any], programme: Programme, small_agreement: Any
) -> None:
    page = client_for(people["lezer"]).get(reverse("programmes:overview", args=[programme.slug]))
    rows = checklist_rows(page.content.decode())
    advice = advise_structure(small_agreement)
    assert len(rows) == len(advice)
    for (name, stand), item in zip(rows, advice, strict=True):
        assert name == item.element
        assert stand.lower() == STATUS_LABELS[item.status], name


def test_an_unanswered_question_links_to_its_field(
    people: dict[str, Any], small_agreement: Any
) -> None:
    organisation = small_agreement.organisation
    checklist = organisation.checklist.model_copy(update={"regular_sounding": None})
    agreement = small_agreement.model_copy(
        update={"organisation": organisation.model_copy(update={"checklist": checklist})}
    )
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=agreement)
    client = client_for(people["regisseur"])
    page = client.get(reverse("programmes:overview", args=[programme.slug])).content.decode()
    assert ("Klankbordgroep", "Vraag nog niet beantwoord") in checklist_rows(page)
    section = reverse("programmes:section", args=[programme.slug, "organisatie"])
    anchor = "id_s-organisation-checklist-regular_sounding"
    assert f'href="{section}#{anchor}"' in page
    assert f'id="{anchor}"' in client.get(section).content.decode()
