"""Every page of one programme a person can open, with real ids, and what each page loads.

Shared by the tests that no image, script or stylesheet is broken (in Django's test client
and in Chromium). The routes come from the URL configuration itself, so a page added later
is walked without a change here; a route whose values cannot be filled in fails loudly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import product
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from picture_files import png
from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.web.demo import create_demo
from stramien.web.monitoring.models import Measurement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme, Role
from stramien.web.programmes.sections import SECTIONS
from stramien.web.publication import actions as publication_actions

from . import EXAMPLES

#: The apps whose pages are walked (their views' modules).
APPS = (
    "stramien.web.programmes.",
    "stramien.web.publication.",
    "stramien.web.monitoring.",
    "stramien.web.effects.",
)
#: The downloads that are pages or text; PDF, DOCX and ODT load nothing.
PAGE_FORMATS = ("html", "yaml")
#: What a resource must be served as, by the tag that loads it.
CONTENT_TYPES = {"img": "image/", "script": "text/javascript", "stylesheet": "text/css"}
#: Addresses that are not pages but files: what pages load (checked where a page loads
#: them), and a measurement's evidence (only where a measurement has one).
LOADED = {
    "programmes:figure",
    "programmes:attachment",
    "public:image",
    "programmes:measurement_evidence",
    "programmes:effects_stakeholder_figure",
    "programmes:effects_case_figure",
}
_ITEM = re.compile(r"/onderdeel/[^/]+/item/[^/]+/$")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def _patterns(resolver: Any = None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            space = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _patterns(pattern, space)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name or ''}", pattern


def _values(programme: Programme) -> dict[str, list[Any]]:
    document = programme.head_document
    indicators = [i["id"] for i in document.get("indicators") or []][:2]
    effects = document.get("effect_measurement") or {}
    return {
        "slug": [programme.slug],
        "key": [section.key for section in SECTIONS],
        "number": sorted({1, programme.head_number}),
        "fmt": list(PAGE_FORMATS),
        "extension": ["csv"],
        "kind": ["bestedingen", "natura"],  # the money records of monitoring's sheets
        "indicator_id": indicators,
        # The effect measurement's first case and price list version (none: not walked).
        "case_id": [c["id"] for c in effects.get("cases") or []][:1],
        "list_id": [p["id"] for p in effects.get("price_lists") or []][:1],
    }


def _pks(programme: Programme, name: str) -> list[int]:
    """The row a route with a ``pk`` is about: a measurement, a member, or (for the forms
    of comments and invitations, which take no GET) none at all."""
    if "measurement" in name:
        rows: Any = Measurement.objects.filter(programme=programme)
    elif name == "programmes:member":
        rows = Membership.objects.filter(programme=programme)
    else:
        return []
    return list(rows.order_by("pk").values_list("pk", flat=True)[:1])


def pages_of(programme: Programme) -> list[str]:
    """Every page of the walked apps for this programme, each with every value worth seeing
    (every section and format, the first and the newest version). The pages of single list
    items are found as the links on the section pages (:func:`item_links`); pictures and
    figures as what the pages load."""
    values = _values(programme)
    urls: list[str] = []
    for name, pattern in _patterns():
        if not pattern.callback.__module__.startswith(APPS) or name in LOADED:
            continue
        if not name.startswith(("programmes:", "public:")):
            continue  # the invitation: only with a token sent by e-mail
        keys = list(pattern.pattern.regex.groupindex)
        if "item_id" in keys:
            continue
        choices = {**values, "pk": _pks(programme, name)}
        unknown = [k for k in keys if k not in choices]
        assert not unknown, f"{name}: say here which values {unknown} take"
        for combination in product(*(choices[k] for k in keys)):
            urls.append(reverse(name, kwargs=dict(zip(keys, combination, strict=True))))
    return urls


def item_links(html: str, base: str, limit: int = 2) -> list[str]:
    """The first links to pages of single list items on a section page."""
    parser = _Links()
    parser.feed(html)
    found = [urljoin(base, href) for href in parser.hrefs if _ITEM.search(href)]
    return list(dict.fromkeys(found))[:limit]


# -- The programmes walked ---------------------------------------------------------------


def _user(username: str) -> Any:
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    return user


def regisseur() -> Any:
    return _user("regisseur")


def viewers(programme: Programme) -> list[Any]:
    """The procesregisseur first, then the monitor and a partner (when there are partners):
    a page that is not for one role is opened as the next."""
    partners = [p["id"] for p in programme.head_document["partnership"].get("partners") or []]
    roles = [("monitor", Role.MONITOR, "")]
    if partners:
        roles.append(("partner", Role.PARTNER, partners[0]))
    people = [regisseur()]
    for username, role, party in roles:
        user = _user(username)
        Membership.objects.get_or_create(
            programme=programme, user=user, defaults={"role": role, "party_id": party}
        )
        people.append(user)
    return people


def blank_programme() -> Programme:
    agreement = Agreement.model_validate({"programme": {"name": "Een nieuw programma"}})
    return _public(actions.create_programme(acting_user=regisseur(), agreement=agreement))


def half_filled_programme() -> Programme:
    """The small example with §4's planning, money and risks still empty, and an uploaded
    artist impression."""
    document = load_agreement(EXAMPLES / "small.yaml").model_dump(mode="json")
    document["planning"] = {}
    document["finance"] = {}
    document["risks"] = {}
    document["realisation"]["artist_impression"] = None
    agreement = Agreement.model_validate(document)
    programme = actions.create_programme(acting_user=regisseur(), agreement=agreement)
    actions.attach_artist_impression(
        acting_user=regisseur(),
        programme=programme,
        data=png(64, 36, (60, 140, 90)),
        original_name="impressie.png",
        alt_text="Een groene straat met een fietspad.",
    )
    return _public(Programme.objects.get(pk=programme.pk))


def demo_programme() -> Programme:
    """The demo (its accounts are the regisseur, monitor and partner walked)."""
    return _public(create_demo(verbose=False)["programme"])


def _public(programme: Programme) -> Programme:
    publication_actions.set_public(acting_user=regisseur(), programme=programme, public=True)
    return programme


# -- What a page loads -------------------------------------------------------------------


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "img":
            self.found.append(("img", values.get("src", "")))
        elif tag == "script" and "src" in values:
            self.found.append(("script", values["src"]))
        elif tag == "link" and "stylesheet" in values.get("rel", "").split():
            self.found.append(("stylesheet", values.get("href", "")))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def resources_in(html: str, base: str) -> list[tuple[str, str]]:
    """(kind, absolute path) of every image, script and stylesheet the page loads."""
    parser = _Resources()
    parser.feed(html)
    return [
        (kind, urljoin(base, src) if not src.startswith("data:") else src)
        for kind, src in parser.found
    ]


def css_urls(css: str, base: str) -> list[str]:
    return [
        found if found.startswith("data:") else urljoin(base, found)
        for found in _CSS_URL.findall(css)
    ]


def is_local(url: str) -> bool:
    return url.startswith("data:") or not urlsplit(url).netloc
