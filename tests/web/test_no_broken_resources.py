"""No broken image, script or stylesheet on any page: every page of the programmes,
publication and monitoring apps, of a blank, a half-filled and the demo programme, opened
as the procesregisseur (the public pages without an account), and everything each page
loads fetched as the browser would: it must answer 200 with the right content type."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from .conftest import client_for
from .walk import (
    CONTENT_TYPES,
    blank_programme,
    css_urls,
    demo_programme,
    half_filled_programme,
    is_local,
    item_links,
    pages_of,
    regisseur,
    resources_in,
    viewers,
)

pytestmark = pytest.mark.django_db

# A page that only takes a form (POST) answers a plain GET with 405, a switch redirects, and a
# page for a role the programme has no one in (a partner's own card without partners) 403.
NOT_A_PAGE = {302, 403, 405}


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


class Loads:
    """Fetches what pages load, each address once, and collects what does not load."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}
        self.broken: list[str] = []

    def check(self, client: Client, page: str, kind: str, url: str) -> None:
        if not is_local(url):
            self.broken.append(f"{page}: {kind} {url} is on another site")
            return
        if url.startswith("data:"):
            if kind == "img" and not url.startswith("data:image/"):
                self.broken.append(f"{page}: {kind} {url[:40]} is no picture")
            return
        if url in self.seen:
            if self.seen[url]:
                self.broken.append(f"{page}: {kind} {url}: {self.seen[url]}")
            return
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        problem = ""
        if response.status_code != 200:
            problem = f"status {response.status_code}"
        elif not content_type.startswith(CONTENT_TYPES[kind]):
            problem = f"served as {content_type!r}"
        self.seen[url] = problem
        if problem:
            self.broken.append(f"{page}: {kind} {url}: {problem}")
            return
        if kind == "stylesheet":
            for inner in css_urls(_body(response).decode("utf-8"), url):
                self.check(client, url, "img", inner)


def _open(clients: list[Client], url: str) -> Any:
    """The page as the first of the people it is for (403: not for this role)."""
    for client in clients:
        response = client.get(url)
        if response.status_code != 403:
            return response
    return response


def _walk(programme: Any) -> tuple[list[str], list[str]]:
    """(pages that did not open, resources that did not load) for one programme."""
    clients, anonymous = [client_for(user) for user in viewers(programme)], Client()
    for client in (*clients, anonymous):
        client.raise_request_exception = False  # a page that fails is reported with the rest
    loads, failed = Loads(), []
    pages = pages_of(programme)
    assert len(pages) > 40, "the URL configuration was not found"
    opened = 0
    while pages:
        url = pages.pop(0)
        public = url.startswith("/openbaar/")
        response = anonymous.get(url) if public else _open(clients, url)
        if response.status_code in NOT_A_PAGE:
            continue
        if response.status_code != 200:
            failed.append(f"{url}: {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        opened += 1
        html = _body(response).decode("utf-8")
        if "/onderdeel/" in url and "/item/" not in url:
            pages.extend(item_links(html, url))
        viewer = anonymous if public else clients[0]
        for kind, src in resources_in(html, url):
            loads.check(viewer, url, kind, src)
    assert opened > 20, "hardly any page opened"
    return failed, loads.broken


@pytest.mark.parametrize(
    "make", [blank_programme, half_filled_programme, demo_programme], ids=lambda f: f.__name__
)
def test_every_page_loads_all_its_images_scripts_and_stylesheets(make: Any) -> None:
    failed, broken = _walk(make())
    assert not failed, "pages that did not open:\n" + "\n".join(failed)
    assert not broken, "resources that did not load:\n" + "\n".join(broken)


def test_the_factsheet_shows_the_uploaded_artist_impression() -> None:
    programme = half_filled_programme()
    page = Client().get(f"/openbaar/{programme.slug}/")
    images = [
        src
        for kind, src in resources_in(page.content.decode(), page.request["PATH_INFO"])
        if kind == "img"
    ]
    assert images == [f"/openbaar/{programme.slug}/beeld"]
    picture = Client().get(images[0])
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"


def test_the_demo_factsheet_shows_its_artist_impression() -> None:
    programme = demo_programme()
    page = Client().get(f"/openbaar/{programme.slug}/")
    assert f'src="/openbaar/{programme.slug}/beeld"' in page.content.decode()
    picture = Client().get(f"/openbaar/{programme.slug}/beeld")
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"


def test_an_editor_with_nothing_to_draw_says_so_in_words() -> None:
    programme = blank_programme()
    client = client_for(regisseur())
    for key in ("doelen", "planning", "financien", "risicos"):
        page = client.get(f"/programmas/{programme.slug}/onderdeel/{key}/").content.decode()
        assert "/figuur/" not in page, key
        assert "Nog geen diagram" in page, key


def test_a_figure_with_nothing_to_draw_answers_a_dutch_page_not_found() -> None:
    programme = blank_programme()
    response = client_for(regisseur()).get(f"/programmas/{programme.slug}/figuur/goal_tree.svg")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "Nog geen diagram" in text
    assert f"/programmas/{programme.slug}/onderdeel/doelen/" in text
