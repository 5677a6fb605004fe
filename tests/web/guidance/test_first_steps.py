"""A new programme's overview says what to do next: per section its most important open
points, each a link to its field; what is solved drops off, and when nothing is left the
list is gone."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.model import Agreement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def next_steps(client: Any, programme: Programme) -> dict[str, list[tuple[str, str]]]:
    """Per section heading of the list, its points as (text, link)."""
    page = client.get(reverse("programmes:overview", args=[programme.slug])).content.decode()
    if 'id="eerste-stappen"' not in page:
        return {}
    block = page.split('id="eerste-stappen"', 1)[1].split("</section>", 1)[0]
    steps = {}
    for item in re.findall(r'<li class="st-first-steps__section">(.*?)</ul>', block, re.S):
        heading = re.search(r'st-first-steps__page" href="([^"]+)">(.*?)</a>', item, re.S)
        assert heading
        title = html.unescape(re.sub(r"<[^>]+>", "", heading.group(2))).strip()
        points = re.findall(r'<li><a class="utrecht-link" href="([^"]+)">(.*?)</a></li>', item)
        steps[title] = [(html.unescape(text), html.unescape(url)) for url, text in points]
    return steps


@pytest.fixture
def blank(people: dict[str, Any]) -> Programme:
    return actions.create_programme(
        acting_user=people["regisseur"],
        agreement=Agreement.model_validate({"programme": {"name": "Nieuw programma"}}),
    )


def test_a_new_programme_lists_the_first_points_per_section(
    people: dict[str, Any], blank: Programme
) -> None:
    steps = next_steps(client_for(people["regisseur"]), blank)
    assert list(steps) == [
        "§1 Ambitie",
        "§2 Partnerschap",
        "§3 Realisatie",
        "§4.1 Doelenboom",
        "§4.3 Planning",
    ], list(steps)
    assert all(1 <= len(points) <= 2 for points in steps.values())
    ambition = dict(steps["§1 Ambitie"])
    # Errors first: the missing story (only a warning) waits until they are solved.
    assert "Het verhaal achter de ambitie ontbreekt." not in ambition
    for url in ambition.values():
        page, _hash, anchor = url.partition("#")
        assert page == reverse("programmes:section", args=[blank.slug, "ambitie"])
        assert anchor.startswith("id_s-")
        assert f'id="{anchor}"' in client_for(people["regisseur"]).get(page).content.decode()


def test_what_is_solved_drops_off(people: dict[str, Any], blank: Programme) -> None:
    document = {
        **blank.head_document,
        "programme": {
            **blank.head_document["programme"],
            "start": "2027-01-01",
            "end": "2030-12-31",
        },
        "ambition": {
            **blank.head_document["ambition"],
            "statement": "Iedereen in de wijk doet mee.",
            "beneficiaries": [
                {"id": "bewoners", "name": "Bewoners", "benefit": "Hulp dichtbij huis."}
            ],
            "larger_whole": "Het regionale programma voor brede welvaart.",
        },
    }
    outcome = actions.save_document(
        acting_user=people["regisseur"], programme=blank, document=document, base_number=1
    )
    assert outcome.saved
    steps = next_steps(client_for(people["regisseur"]), blank)
    # §1 has only a warning left; the sections that still have errors go first.
    assert "§1 Ambitie" not in steps
    assert next(iter(steps)) == "§2 Partnerschap"
    assert "§4.4 Financiën" in steps


def test_the_list_is_gone_when_nothing_is_open(
    people: dict[str, Any], programme: Programme
) -> None:
    assert next_steps(client_for(people["partner"]), programme) == {}
