"""Parts of pages kept as HTML (the overview's body, the checks beside a section, the
programme's navigation): every person sees the page they saw without them, in their own
language and with their own rights, and after a save the newest version."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from stramien.web.programmes import actions, fragments
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import SECTIONS

from ..conftest import client_for

pytestmark = pytest.mark.django_db

# Django masks the CSRF token anew in every response.
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
ASIDE = re.compile(r'<aside class="st-editor__side".*?</aside>', re.S)


def _pages(programme: Programme) -> list[str]:
    return [reverse("programmes:overview", args=[programme.slug])] + [
        reverse("programmes:section", args=[programme.slug, section.key]) for section in SECTIONS
    ]


def _clients(people: dict[str, Any]) -> dict[tuple[str, str], Client]:
    clients = {}
    for name in ("regisseur", "partner", "lezer", "staff"):
        for language in ("nl", "en"):
            client = client_for(people[name])
            client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
            clients[name, language] = client
    return clients


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return CSRF.sub(r'\1"', response.content.decode())


def test_every_page_is_the_same_as_without_kept_parts(
    people: dict[str, Any], programme: Programme, settings: Any
) -> None:
    """Each role in each language, after every other one filled the kept parts."""
    clients = _clients(people)
    urls = _pages(programme)
    for client in clients.values():
        for url in urls:
            _page(client, url)
    kept = {(who, url): _page(client, url) for who, client in clients.items() for url in urls}
    settings.STRAMIEN_FRAGMENT_CACHE = 0
    fragments.forget()
    for (who, url), page in kept.items():
        assert _page(clients[who], url) == page, (who, url)


def test_the_navigation_follows_the_rights_of_who_looks(
    people: dict[str, Any], programme: Programme
) -> None:
    overview = reverse("programmes:overview", args=[programme.slug])
    audit = f'href="{reverse("programmes:audit", args=[programme.slug])}"'
    own = f'href="{reverse("programmes:own", args=[programme.slug])}"'
    regisseur = _page(client_for(people["regisseur"]), overview)
    reader = _page(client_for(people["lezer"]), overview)
    partner = _page(client_for(people["partner"]), overview)
    # The links stand twice: in the tabs and in the phone's menu.
    assert regisseur.count(audit) == 2 and own not in regisseur
    assert audit not in reader and own not in reader
    assert partner.count(own) == 2 and audit not in partner


def test_the_checks_beside_a_section_are_those_of_the_newest_version(
    people: dict[str, Any], programme: Programme, settings: Any
) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    before = ASIDE.findall(_page(client, url))
    document = programme.head_document
    document["ambition"]["statement"] = ""
    assert actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    ).saved
    after = ASIDE.findall(_page(client, url))
    assert after != before
    settings.STRAMIEN_FRAGMENT_CACHE = 0
    fragments.forget()
    assert ASIDE.findall(_page(client, url)) == after
