"""Every URL of the app, found from the URL configuration itself: nobody outside a programme
gets in, and a URL added later without a place here makes this test fail."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import client_for

pytestmark = pytest.mark.django_db

# URLs anyone may open (no programme data, or the public page when switched on).
OPEN = {
    "accounts:login",
    "accounts:logout",
    "accounts:sso_login",
    "accounts:sso_callback",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation",
    "public:factsheet",
    "public:image",
    "public:ical",
    "set_language",
    "",
}
# Logged-in pages that belong to no programme.
OWN_ACCOUNT = {
    "programmes:list",
    "programmes:create",
    "accounts:preferences",
    "accounts:api_tokens",
    "help:index",
    "help:section",
}


def _names(resolver: Any = None, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            space = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found.extend(_names(pattern, space))
        elif isinstance(pattern, URLPattern):
            found.append((f"{prefix}{pattern.name or ''}", pattern))
    return found


def _sample_url(name: str, pattern: Any, programme: Any) -> str:
    values = {
        "slug": programme.slug,
        "key": "ambitie",
        "name": "goal_tree",
        "number": 1,
        "pk": 1,
        "fmt": "yaml",
        "extension": "csv",
        "kind": "bestedingen",
        "item_id": programme.head_document["goals"][0]["id"],
        "indicator_id": programme.head_document["indicators"][0]["id"],
        "case_id": "casus-x",
        "list_id": "prijslijst-x",
        "token": "x" * 43,
        "uidb64": "MQ",
        "fileFormat": "html",
        "indicatorId": programme.head_document["indicators"][0]["id"],
        "milestoneId": programme.head_document["planning"]["milestones"][0]["id"],
        "measurementId": 1,
    }
    keys = set(pattern.pattern.regex.groupindex)
    # A pattern included under a prefix with parameters (the API's per-programme routes).
    for _found, _route, _defaults, converters in _reverse_entries(name):
        keys |= set(converters)
    return reverse(name, kwargs={key: values[key] for key in keys})


def _reverse_entries(name: str) -> list[Any]:
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    for part in namespace.split(":") if namespace else []:
        resolver = resolver.namespace_dict[part][1]
    return list(resolver.reverse_dict.getlist(short))


def test_every_programme_url_is_closed_to_anonymous_and_outsiders(
    people: dict[str, Any], programme: Any
) -> None:
    names = _names()
    closed = [
        (n, p)
        for n, p in names
        if n not in OPEN and n not in OWN_ACCOUNT and not n.startswith("api:")
    ]
    assert len(closed) >= 20, "the URL configuration was not found"
    anonymous, outsider = client_for(None), client_for(people["outsider"])
    for name, pattern in closed:
        url = _sample_url(name, pattern, programme)
        for method in ("get", "post"):
            response = getattr(anonymous, method)(url)
            assert response.status_code == 302, (name, method, response.status_code)
            assert "/account/inloggen/" in response["Location"], name
            response = getattr(outsider, method)(url)
            assert response.status_code in (404, 405), (name, method, response.status_code)
    assert programme.revisions.count() == 1


def test_every_url_is_known_here() -> None:
    """A new URL must be sorted into OPEN, OWN_ACCOUNT or the closed programme URLs."""
    for name, _pattern in _names():
        if name in OPEN or name in OWN_ACCOUNT or name in API_OPEN | API_OWN_ACCOUNT:
            continue
        assert name.startswith(("programmes:", "api:")), f"{name}: add it to this test"


# The REST API (tests/web/api tests each endpoint per role): tokens, not log-in pages.
API_OPEN = {"api:openapi"}
API_OWN_ACCOUNT = {"api:programmes"}


def test_every_api_url_is_closed_to_anonymous_and_outsiders(
    people: dict[str, Any], programme: Any
) -> None:
    names = [(n, p) for n, p in _names() if n.startswith("api:")]
    assert len(names) >= 10, "the API's URL configuration was not found"
    anonymous, outsider = client_for(None), client_for(people["outsider"])
    for name, pattern in names:
        url = _sample_url(name, pattern, programme)
        if name in API_OPEN:
            assert anonymous.get(url).status_code == 200
            continue
        for method in ("get", "post", "patch"):
            response = getattr(anonymous, method)(url)
            assert response.status_code == 401, (name, method, response.status_code)
            assert response["Content-Type"].startswith("application/problem+json")
            if name in API_OWN_ACCOUNT:
                continue
            response = getattr(outsider, method)(url)
            assert response.status_code in (403, 404, 405), (name, method, response.status_code)
    assert programme.revisions.count() == 1
