"""Sessions as a person notices them: a logout, an expired session or a blocked account
counts on the very next request, whichever process serves it (the session is read from
the database on every request)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def _same_browser(client: Client) -> Client:
    """A second client with the same session cookie (another worker, another tab)."""
    other = Client()
    other.cookies["sessionid"] = client.cookies["sessionid"].value
    return other


def _signed_in(client: Client) -> bool:
    return client.get(reverse("programmes:list")).status_code == 200


def test_signed_in_on_every_request(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    assert _signed_in(client) and _signed_in(_same_browser(client))


def test_logout_counts_at_once_for_the_same_cookie(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    other = _same_browser(client)
    assert _signed_in(other)
    client.post(reverse("accounts:logout"))
    response = other.get(reverse("programmes:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_expired_session_is_not_used(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not _signed_in(client)


def test_blocked_account_is_out_at_once(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    assert _signed_in(client)
    people["partner"].is_active = False
    people["partner"].save(update_fields=["is_active"])
    assert not _signed_in(client)


def test_unknown_cookie_is_anonymous(people: dict[str, Any]) -> None:
    client = Client()
    client.cookies["sessionid"] = "x" * 32
    assert not _signed_in(client)
