"""After a conflict, a person reads the page, keeps their text and saves again.

That second save is based on the newest version, so it may replace what it shows. It must
not replace what it does *not* show: the other person's edits of fields the first person
never touched. These are the situations the concurrent-editors test runs into by chance,
played out step by step on each kind of edit page (section, "Onze organisatie", list item).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from stramien.io import load_agreement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership

from ._browser import Page
from .conftest import EXAMPLES, client_for, make_user

pytestmark = [pytest.mark.reliability, pytest.mark.django_db]


FORM = "application/x-www-form-urlencoded"


def post_form(client: Any, url: str, pairs: list[tuple[str, str]]) -> Any:
    """POST name/value pairs as a browser does (a name may repeat)."""
    return client.post(url, urlencode(pairs), content_type=FORM)


def as_page(response: Any) -> Page:
    headers = {key.lower(): value for key, value in response.items()}
    return Page(response.status_code, headers, response.content, "", 0.0)


def _both_edit(
    url: str, first: Any, second: Any, first_changes: dict[str, str], second_changes: dict[str, str]
) -> tuple[Page, Any]:
    """Both open the form at the same version; the first saves, then the second does.
    The second's answer, and its save again from that answer's form, unchanged."""
    form_first = as_page(first.get(url)).form_with("base_revision")
    form_second = as_page(second.get(url)).form_with("base_revision")
    for name, value in first_changes.items():
        form_first.set(name, value)
    assert post_form(first, url, form_first.pairs()).status_code == 302
    for name, value in second_changes.items():
        form_second.set(name, value)
    answer = as_page(post_form(second, url, form_second.pairs()))
    again = post_form(second, url, answer.form_with("base_revision").pairs())
    return answer, again


def test_section_conflict_shows_both_texts_and_keeps_the_others_work(
    people: dict[str, Any], programme: Any
) -> None:
    other = make_user("regisseur2")
    Membership.objects.create(programme=programme, user=other, role="regisseur")
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    answer, again = _both_edit(
        url,
        client_for(people["regisseur"]),
        client_for(other),
        {"s-ambition-statement": "Kern van A.", "s-ambition-story": "Verhaal van A."},
        {"s-ambition-statement": "Kern van B."},
    )
    assert answer.status == 409
    assert "Kern van A." in answer.text and "Kern van B." in answer.text
    assert again.status_code == 302
    programme.refresh_from_db()
    ambition = programme.head_document["ambition"]
    assert ambition["statement"] == "Kern van B."  # B saw A's text and chose its own
    assert ambition["story"] == "Verhaal van A."  # B never saw this field change: it stays


def _two_partners(people: dict[str, Any], programme: Any) -> tuple[Any, Any]:
    party = Membership.objects.get(programme=programme, user=people["partner"]).party_id
    colleague = make_user("collega")
    Membership.objects.create(programme=programme, user=colleague, role="partner", party_id=party)
    return client_for(people["partner"]), client_for(colleague)


def test_own_page_save_after_a_conflict_keeps_the_others_work(
    people: dict[str, Any], programme: Any
) -> None:
    """Two people of one partner organisation edit its card at once."""
    first, second = _two_partners(people, programme)
    url = reverse("programmes:own", args=[programme.slug])
    _answer, again = _both_edit(
        url,
        first,
        second,
        {
            "s-partnership-partners-0-role": "Rol volgens A.",
            "s-partnership-partners-0-contribution": "Inbreng volgens A.",
        },
        {"s-partnership-partners-0-contribution": "Inbreng volgens B."},
    )
    assert again.status_code == 302
    programme.refresh_from_db()
    party = Membership.objects.get(programme=programme, user=people["partner"]).party_id
    card = next(p for p in programme.head_document["partnership"]["partners"] if p["id"] == party)
    assert card["contribution"] == "Inbreng volgens B."
    # A's role was never shown to B (the conflict was about the contribution): it must stay.
    assert card["role"] == "Rol volgens A."


def test_own_page_conflict_shows_both_texts_as_a_409(
    people: dict[str, Any], programme: Any
) -> None:
    first, second = _two_partners(people, programme)
    url = reverse("programmes:own", args=[programme.slug])
    answer, _again = _both_edit(
        url,
        first,
        second,
        {"s-partnership-partners-0-contribution": "Inbreng volgens A."},
        {"s-partnership-partners-0-contribution": "Inbreng volgens B."},
    )
    assert any("dezelfde gegevens gewijzigd" in text for _level, text in answer.messages)
    assert answer.status == 409
    assert "Inbreng volgens A." in answer.text  # the other's text, beside one's own
    assert "Inbreng volgens B." in answer.text


def test_item_page_save_after_a_conflict_keeps_the_others_work(people: dict[str, Any]) -> None:
    """A goal of a long list, on its own page (the large example has 100 goals)."""
    agreement = load_agreement(EXAMPLES / "large.yaml")
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=agreement)
    other = make_user("regisseur2")
    Membership.objects.create(programme=programme, user=other, role="regisseur")
    goal = programme.head_document["goals"][42]
    url = reverse("programmes:item", args=[programme.slug, "doelen", goal["id"]])
    _answer, again = _both_edit(
        url,
        client_for(people["regisseur"]),
        client_for(other),
        {"s-goals-42-title": "Titel van A", "s-goals-42-description": "Omschrijving van A."},
        {"s-goals-42-description": "Omschrijving van B."},
    )
    assert again.status_code == 302
    programme.refresh_from_db()
    stored = programme.head_document["goals"][42]
    assert stored["description"] == "Omschrijving van B."
    assert stored["title"] == "Titel van A"
