"""Issue 15, points 5 and 12 in the browser: a party's level per track and its wanted level
are edited on the partnership page, and the overview gives the approach per track."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.web import schemaform
from stramien.web.programmes.editor import PREFIX, section_data
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY

from ..conftest import client_for

pytestmark = pytest.mark.django_db

COUNCIL = f"{PREFIX}-partnership-stakeholders-0"


def _post(programme: Programme, track_rows: int) -> dict[str, list[str]]:
    section = BY_KEY["partnerschap"]
    data = section_data(section, programme.head_document)
    node = schemaform.build(
        section.model,
        data,
        prefix=PREFIX,
        choices=schemaform.choices_from(programme.head_document),
        extra_rows={f"{COUNCIL}-track_levels": track_rows},
    )
    post: dict[str, list[str]] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["base_revision"] = [str(programme.head_number)]
    return post


def _url(programme: Programme, name: str, *more: str) -> str:
    return reverse(f"programmes:{name}", args=[programme.slug, *more])


def test_the_partnership_page_offers_track_levels_and_the_wanted_level(
    programme: Programme, people: dict[str, Any]
) -> None:
    html = client_for(people["regisseur"]).get(_url(programme, "section", "partnerschap"))
    text = html.content.decode()
    assert "Gewenst niveau" in text
    assert "Niveau per spoor" in text
    assert f'name="{COUNCIL}-wanted_level"' in text


def test_track_level_and_wanted_level_are_saved_and_drive_the_overview(
    programme: Programme, people: dict[str, Any]
) -> None:
    post = _post(programme, track_rows=1)
    row = f"{COUNCIL}-track_levels-0"
    post[f"{COUNCIL}-wanted_level"] = ["4"]
    post[f"{row}-track"] = ["prj-wijkhart"]
    post[f"{row}-level"] = ["5"]
    post[f"{row}-note"] = ["De raad beslist mee over het wijkhart."]
    client = client_for(people["regisseur"])
    response = client.post(_url(programme, "section", "partnerschap"), post)
    assert response.status_code == 302
    programme.refresh_from_db()
    council = programme.head_document["partnership"]["stakeholders"][0]
    assert council["wanted_level"] == 4
    assert council["track_levels"] == [
        {"track": "prj-wijkhart", "level": 5, "note": "De raad beslist mee over het wijkhart."}
    ]
    overview = client.get(_url(programme, "overview")).content.decode()
    assert "Benadering per deelprogramma of project" in overview
    assert re.search(
        r"Project &#x27;Wijkhart Zonnehof&#x27;: [^<]*1 partij werkt hier op een eigen", overview
    )
