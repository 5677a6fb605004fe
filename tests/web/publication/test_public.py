"""The public factsheet and the milestone calendar."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from stramien.web.audit.models import AuditEntry

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def test_factsheet_only_when_switched_on(programme: Any, people: dict[str, Any]) -> None:
    url = reverse("public:factsheet", args=[programme.slug])
    assert Client().get(url).status_code == 404
    client_for(people["partner"]).post(
        reverse("programmes:set_public", args=[programme.slug]), {"public": "1"}
    )
    assert Client().get(url).status_code == 404
    client_for(people["regisseur"]).post(
        reverse("programmes:set_public", args=[programme.slug]), {"public": "1"}
    )
    page = Client().get(url)
    text = page.content.decode()
    document = programme.head_document
    assert page.status_code == 200
    assert document["ambition"]["statement"][:40] in text
    assert all(p["name"] in text for p in document["partnership"]["partners"])
    assert "Concept" in text
    # Nothing internal leaks: no budget, no risks.
    assert document["risks"]["items"][0]["title"] not in text
    assert AuditEntry.objects.filter(action="public.set").count() == 1


def test_ical_feed_has_the_public_milestones(programme: Any, people: dict[str, Any]) -> None:
    programme.public = True
    programme.save()
    response = Client().get(reverse("public:ical", args=[programme.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    milestones = programme.head_document["planning"]["milestones"]
    public = [m for m in milestones if m.get("public")]
    assert len(events) == len(public) > 0
    assert {str(e["summary"]) for e in events} == {m["title"] for m in public}
