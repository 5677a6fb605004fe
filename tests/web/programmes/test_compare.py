"""Comparing any two versions of a programme, and the readable diff on a version's page."""

from __future__ import annotations

import copy
import html
import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.io import load_agreement
from stramien.web.programmes import actions

from .. import EXAMPLES
from ..conftest import client_for

pytestmark = pytest.mark.django_db

VISITORS = ("anonymous", "outsider", "lezer", "other_partner", "partner", "regisseur", "staff")


def _save(programme: Any, people: dict[str, Any], change: Any) -> None:
    programme.refresh_from_db()
    document = copy.deepcopy(programme.head_document)
    change(document)
    outcome = actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    )
    assert outcome.saved


def _first_partner(document: dict[str, Any]) -> dict[str, Any]:
    partner: dict[str, Any] = document["partnership"]["partners"][0]
    return partner


@pytest.fixture
def three_versions(programme: Any, people: dict[str, Any]) -> Any:
    """Version 2 makes the first partner an entrepreneur; version 3 rewrites the ambition."""
    assert _first_partner(programme.head_document)["category"] == "government"
    _save(programme, people, lambda d: _first_partner(d).update(category="business"))
    _save(
        programme,
        people,
        lambda d: d["ambition"].update(statement="Zonnehof-Oost wordt een groene wijk."),
    )
    programme.refresh_from_db()
    return programme


def _compare(client: Any, programme: Any, **query: Any) -> Any:
    return client.get(reverse("programmes:compare", args=[programme.slug]), query)


def _text(response: Any) -> str:
    """The page as a person reads it: without tags, entities resolved, spaces folded."""
    main = response.content.decode().split("<main", 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_any_two_versions_per_section_with_a_summary(
    three_versions: Any, people: dict[str, Any]
) -> None:
    client = client_for(people["lezer"])
    both = _compare(client, three_versions, van=1, naar=3)
    assert both.status_code == 200
    text = _text(both)
    assert "Versie 1 vergeleken met versie 3" in text
    assert "2 wijzigingen in 2 onderdelen" in text
    assert "§1 Ambitie" in text and "§2 Partnerschap" in text
    assert "Was Overheid Wordt Ondernemer" in text
    assert "groene wijk" in text

    later = _text(_compare(client, three_versions, van=2, naar=3))
    assert "1 wijziging in 1 onderdeel" in later
    assert "Ondernemer" not in later and "§2 Partnerschap" not in later

    backwards = _text(_compare(client, three_versions, van=2, naar=1))
    assert "Was Ondernemer Wordt Overheid" in backwards


def test_the_default_is_the_previous_version_against_the_newest(
    three_versions: Any, people: dict[str, Any]
) -> None:
    text = _text(_compare(client_for(people["partner"]), three_versions))
    assert "Versie 2 vergeleken met versie 3" in text
    assert "1 wijziging in 1 onderdeel" in text


def test_no_raw_json_and_no_english_on_the_compare_page(
    three_versions: Any, people: dict[str, Any]
) -> None:
    page = _compare(client_for(people["lezer"]), three_versions, van=1, naar=3)
    shown = _text(page).split("2 wijzigingen in 2 onderdelen", 1)[1]
    for code in ("government", "business", "category", "partnership", "statement", "{", "["):
        assert code not in shown, code


def test_each_change_links_to_its_field(three_versions: Any, people: dict[str, Any]) -> None:
    page = _compare(client_for(people["lezer"]), three_versions, van=1, naar=3).content.decode()
    slug = three_versions.slug
    assert (
        f'href="/programmas/{slug}/onderdeel/partnerschap/#id_s-partnership-partners-0-category"'
        in page
    )
    assert f'href="/programmas/{slug}/onderdeel/ambitie/#id_s-ambition-statement"' in page


def test_the_history_page_offers_the_comparison(
    three_versions: Any, people: dict[str, Any]
) -> None:
    page = client_for(people["lezer"]).get(
        reverse("programmes:history", args=[three_versions.slug])
    )
    text = page.content.decode()
    assert f'action="{reverse("programmes:compare", args=[three_versions.slug])}"' in text
    assert re.search(r'name="van"[^>]*>.*?<option value="2" selected', text, re.S)
    assert re.search(r'name="naar"[^>]*>.*?<option value="3" selected', text, re.S)


def test_the_version_page_shows_the_readable_diff_against_its_parent(
    three_versions: Any, people: dict[str, Any]
) -> None:
    client = client_for(people["lezer"])
    page = client.get(reverse("programmes:revision", args=[three_versions.slug, 2]))
    text = _text(page)
    assert "Samenwerkingspartners › Gemeente Apeldoorn › Soort (5 O's) gewijzigd" in text
    assert "Was Overheid Wordt Ondernemer" in text
    body = page.content.decode()
    assert "government" not in body and '"category"' not in body
    since = _text(
        client.get(reverse("programmes:revision", args=[three_versions.slug, 3]), {"sinds": 1})
    )
    assert "Wijzigingen sinds versie 1" in since and "2 wijzigingen in 2 onderdelen" in since


@pytest.mark.parametrize("visitor", VISITORS)
def test_who_may_compare_is_who_may_read_the_history(
    visitor: str, three_versions: Any, people: dict[str, Any]
) -> None:
    client = client_for(None if visitor == "anonymous" else people[visitor])
    history = client.get(reverse("programmes:history", args=[three_versions.slug]))
    compare = _compare(client, three_versions, van=1, naar=3)
    assert compare.status_code == history.status_code
    expected = {"anonymous": 302, "outsider": 404}.get(visitor, 200)
    assert compare.status_code == expected
    if expected == 200:
        assert "Ondernemer" in _text(compare)
    else:
        assert "Ondernemer" not in compare.content.decode()


@pytest.mark.parametrize(
    ("van", "naar", "field"),
    [
        ("abc", "3", "van"),
        ("1", "99", "naar"),
        ("0", "3", "van"),
        ("-1", "3", "van"),
        ("1.5", "3", "van"),
        ("1", "9" * 40, "naar"),
        ("", "3", "van"),
    ],
)
def test_a_bad_version_number_gets_a_dutch_message_at_its_field(
    van: str, naar: str, field: str, three_versions: Any, people: dict[str, Any]
) -> None:
    response = _compare(client_for(people["lezer"]), three_versions, van=van, naar=naar)
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(rf'id="id_{field}_error"><p>([^<]*)</p>', page)
    assert error is not None
    assert "kies een versie" in html.unescape(error.group(1)).lower()
    assert "wijzigingen in" not in page


def test_the_same_version_twice_is_explained(three_versions: Any, people: dict[str, Any]) -> None:
    response = _compare(client_for(people["lezer"]), three_versions, van=2, naar=2)
    assert response.status_code == 200
    assert "twee keer dezelfde versie" in _text(response)


def test_a_version_that_does_not_exist_is_not_found(
    three_versions: Any, people: dict[str, Any]
) -> None:
    client = client_for(people["lezer"])
    assert (
        client.get(reverse("programmes:revision", args=[three_versions.slug, 99])).status_code
        == 404
    )


def test_a_change_in_a_long_list_links_to_the_item_page(people: dict[str, Any]) -> None:
    agreement = load_agreement(EXAMPLES / "large.yaml")
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=agreement)
    goal = programme.head_document["goals"][20]
    _save(programme, people, lambda d: d["goals"][20].update(title="Een nieuwe titel"))
    page = _compare(client_for(people["regisseur"]), programme, van=1, naar=2).content.decode()
    item_page = reverse("programmes:item", args=[programme.slug, "doelen", goal["id"]])
    assert f'href="{item_page}#id_s-goals-20-title"' in page
    assert "Een nieuwe titel › Doel" in _text_of(page)


def _text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
