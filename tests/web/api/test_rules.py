"""The NL API Design Rules as a client notices them: the version header everywhere, CORS,
problem+json, pagination links, kebab-case paths without trailing slashes, rate limits."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from stramien.web.programmes import actions

from .conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db


def test_version_header_on_every_answer(api: dict[str, ApiClient], programme: Any) -> None:
    for role, url in (
        ("anonymous", "/api/v1/openapi.json"),
        ("anonymous", "/api/v1/programmes"),
        ("lezer", "/api/v1/programmes"),
        ("lezer", "/api/v1/bestaat-niet"),
        ("lezer", f"/api/v1/programmes/{programme.slug}/"),
        ("outsider", f"/api/v1/programmes/{programme.slug}"),
    ):
        response = api[role].get(url)
        assert response["API-Version"] == "1.0.0", url


def test_unknown_address_and_trailing_slash_are_problems(api: dict[str, ApiClient]) -> None:
    for url in ("/api/v1/bestaat-niet", "/api/v1/programmes/"):
        response = api["lezer"].get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/problem+json")
        problem = response.json()
        assert set(problem) >= {"status", "title", "detail"}


def test_the_schema_is_open_and_cors(db: Any) -> None:
    client = Client()
    response = client.get("/api/v1/openapi.json", headers={"Origin": "https://bi.example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["info"]["version"] == "1.0.0"
    assert "API-Version" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/programmes",
        headers={
            "Origin": "https://bi.example.org",
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 200
    assert "authorization" in preflight["Access-Control-Allow-Headers"].lower()
    # The site itself stays same-origin.
    page = client.get("/account/inloggen/", headers={"Origin": "https://bi.example.org"})
    assert "Access-Control-Allow-Origin" not in page


def test_pagination_links(api: dict[str, ApiClient], programme: Any, people: Any) -> None:
    for number in (1, 2):
        document = dict(programme.head_document)
        document["programme"] = {**document["programme"], "short_name": f"Naam {number}"}
        actions.save_document(
            acting_user=people["regisseur"],
            programme=programme,
            document=document,
            base_number=number,
        )
    base = f"/api/v1/programmes/{programme.slug}/revisions"
    first = api["lezer"].get(f"{base}?pageSize=2").json()
    assert first["totalItems"] == 3 and first["pageSize"] == 2
    assert [row["number"] for row in first["results"]] == [3, 2]
    assert set(first["_links"]) == {"self", "first", "next", "last"}
    second = api["lezer"].get(first["_links"]["next"]["href"]).json()
    assert [row["number"] for row in second["results"]] == [1]
    assert "prev" in second["_links"] and "next" not in second["_links"]
    response = api["lezer"].get(f"{base}?pageSize=2")
    assert 'rel="next"' in response["Link"]
    beyond = api["lezer"].get(f"{base}?page=9")
    assert beyond.status_code == 404
    assert beyond["Content-Type"].startswith("application/problem+json")


def test_times_are_utc_with_zone(api: dict[str, ApiClient], programme: Any) -> None:
    row = api["lezer"].get(f"/api/v1/programmes/{programme.slug}/revisions").json()["results"][0]
    assert row["createdAt"].endswith("Z")


def test_rate_limit_per_token(people: Any, programme: Any, settings: Any) -> None:
    caches["shared"].clear()
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], token="3/min")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        client = ApiClient(token_for(people["lezer"]))
        codes = [client.get("/api/v1/programmes").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/api/v1/programmes")
        assert limited["Content-Type"].startswith("application/problem+json")
        assert int(limited["Retry-After"]) > 0
        # Another token of someone else has its own count.
        assert ApiClient(token_for(people["partner"])).get("/api/v1/programmes").status_code == 200
    finally:
        from rest_framework.settings import api_settings

        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        caches["shared"].clear()


def test_method_not_allowed_is_a_problem(api: dict[str, ApiClient], programme: Any) -> None:
    response = api["regisseur"].send("delete", f"/api/v1/programmes/{programme.slug}", b"")
    assert response.status_code == 405
    assert response.json()["status"] == 405


def test_guessing_tokens_is_slowed_down(people: Any, programme: Any, settings: Any) -> None:
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = dict(api_settings.DEFAULT_THROTTLE_RATES, refused_token="3/hour")
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        good = token_for(people["lezer"])
        codes = [ApiClient(f"stm_gok{n}").get("/api/v1/programmes").status_code for n in range(4)]
        assert codes == [401, 401, 401, 429]
        # From this address even the right token waits now.
        assert ApiClient(good).get("/api/v1/programmes").status_code == 429
        # A session is not a token guess.
        session = Client()
        session.force_login(people["lezer"], backend="django.contrib.auth.backends.ModelBackend")
        assert session.get("/api/v1/programmes").status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def test_token_writes_need_no_csrf_token(people: Any, programme: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"/api/v1/programmes/{programme.slug}/document",
        data='{"baseRevision": 1, "changes": {"programme": {"short_name": "Z"}}}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(people['regisseur'])}"},
    )
    assert response.status_code == 200, response.content
    assert programme.revisions.count() == 2
