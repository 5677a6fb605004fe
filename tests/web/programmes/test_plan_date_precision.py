"""The planning editor offers a precision next to each date and keeps it when saving; the
public pages show a milestone planned in a period as that period (issue 15, point 8)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from stramien.web import schemaform
from stramien.web.programmes.editor import PREFIX, section_data
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def _planning_post(programme: Programme, precision: str) -> dict[str, Any]:
    section = BY_KEY["planning"]
    node = schemaform.build(
        section.model, section_data(section, programme.head_document), prefix=PREFIX
    )
    post: dict[str, Any] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post[f"{PREFIX}-planning-milestones-0-date"] = ["2026-07-01"]
    post[f"{PREFIX}-planning-milestones-0-precision"] = [precision]
    post["base_revision"] = str(programme.head_number)
    return post


def test_the_planning_page_offers_the_precision_next_to_the_date(
    people: dict[str, Any], programme: Programme
) -> None:
    page = client_for(people["regisseur"]).get(
        reverse("programmes:section", args=[programme.slug, "planning"])
    )
    html = page.content.decode()
    name = f"{PREFIX}-planning-milestones-0-precision"
    assert f'name="{name}"' in html
    assert "Kwartaal (3e kwartaal 2026)" in html
    assert html.index(f"{PREFIX}-planning-milestones-0-date") < html.index(name)


def test_saving_keeps_the_precision_and_the_public_pages_show_the_period(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "planning"])
    response = client.post(url, _planning_post(programme, "quarter"))
    assert response.status_code == 302
    programme.refresh_from_db()
    first = programme.head_document["planning"]["milestones"][0]
    assert (first["date"], first["precision"]) == ("2026-07-01", "quarter")
    assert first["public"] is True

    programme.public = True
    programme.save()
    factsheet = Client().get(reverse("public:factsheet", args=[programme.slug])).content.decode()
    assert "3e kwartaal 2026</time>" in factsheet

    calendar = Calendar.from_ical(
        Client().get(reverse("public:ical", args=[programme.slug])).content
    )
    titles = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    event = titles[f"{first['title']} (3e kwartaal 2026)"]
    assert event.decoded("dtstart").isoformat() == "2026-07-01"
    assert "1 juli 2026 tot en met 30 september 2026" in str(event["description"])


def test_a_folded_milestone_reads_its_period_and_not_the_precision_choice() -> None:
    from stramien.model import Milestone
    from stramien.web.schemaform.summary import item_facts

    facts = item_facts(
        Milestone,
        {"id": "m1", "title": "Ontwerp", "date": "2026-07-01", "precision": "quarter"},
        None,
    )
    assert ("Datum", "3e kwartaal 2026", "3e kwartaal 2026") in facts
    assert all(label != "Nauwkeurigheid" for label, _text, _brief in facts)
    day = item_facts(Milestone, {"id": "m1", "title": "Ontwerp", "date": "2026-07-01"}, None)
    assert ("Datum", "1 juli 2026", "1 juli 2026") in day
