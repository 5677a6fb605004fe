"""Personal API tokens: made on the account page and shown once, only a hash stored,
listed, revoked, expired; every change audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from stramien.web.accounts.actions import hash_token
from stramien.web.accounts.models import ApiToken
from stramien.web.audit.models import AuditEntry

from ..people import client_for
from .conftest import ApiClient

pytestmark = pytest.mark.django_db

PAGE = "/account/api-sleutels/"


def make_on_page(client: Any, name: str = "BI-koppeling", scope: str = "read") -> str:
    response = client.post(PAGE, {"name": name, "scope": scope, "days": "30"})
    assert response.status_code == 200
    found = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())
    assert found, "the new token is shown"
    return found.group(1)


def test_lifecycle_on_the_account_page(people: Any, programme: Any) -> None:
    web = client_for(people["partner"])
    assert web.get("/account/meldingen/").content.decode().count(PAGE) == 1
    secret = make_on_page(web)
    token = ApiToken.objects.get()
    # Only the hash is kept; the page never shows the secret again.
    assert token.key_hash == hash_token(secret) and secret not in token.key_hash
    assert secret.startswith(token.prefix)
    listing = web.get(PAGE).content.decode()
    assert "BI-koppeling" in listing and secret not in listing
    api = ApiClient(secret)
    assert api.get(f"/api/v1/programmes/{programme.slug}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    response = web.post(PAGE, {"revoke": str(token.pk)}, follow=True)
    assert "ingetrokken" in response.content.decode()
    refused = api.get(f"/api/v1/programmes/{programme.slug}")
    assert refused.status_code == 401
    assert refused["Content-Type"].startswith("application/problem+json")
    assert refused.json()["detail"].startswith("Deze API-sleutel is ingetrokken")
    actions = list(
        AuditEntry.objects.filter(actor=people["partner"]).values_list("action", flat=True)
    )
    assert sorted(actions) == ["token.create", "token.revoke"]


def test_one_cannot_revoke_anothers_token(people: Any) -> None:
    secret = make_on_page(client_for(people["partner"]))
    token = ApiToken.objects.get()
    client_for(people["lezer"]).post(PAGE, {"revoke": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiClient(secret).get("/api/v1/programmes").status_code == 200


def test_bad_input_on_the_page_makes_no_token(people: Any) -> None:
    web = client_for(people["partner"])
    for data in (
        {"name": "", "scope": "read", "days": "30"},
        {"name": "x", "scope": "alles", "days": "30"},
        {"name": "x", "scope": "read", "days": "9999"},
        {"name": "x", "scope": "read", "days": "veel"},
    ):
        response = web.post(PAGE, data)
        assert response.status_code == 400, data
        assert "Er is geen sleutel gemaakt" in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_an_expired_token(people: Any, programme: Any) -> None:
    secret = make_on_page(client_for(people["lezer"]))
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = ApiClient(secret).get("/api/v1/programmes")
    assert response.status_code == 401
    assert "verlopen" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_or_malformed_token(db: Any) -> None:
    for header in ("Bearer stm_nietbestaand", "Bearer twee delen", "Bearer é"):
        response = ApiClient(None).get("/api/v1/programmes", Authorization=header)
        assert response.status_code == 401, header
        assert response.json()["status"] == 401


def test_anonymous_is_told_how_to_sign_in(db: Any) -> None:
    response = ApiClient(None).get("/api/v1/programmes")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
