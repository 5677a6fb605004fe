"""Sessions as a person notices them: a logout, an expired session or a blocked account
counts on the very next request, whichever process serves it (the session is read from
the database on every request)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stramien.web.accounts import backends
from stramien.web.accounts.sessions import SessionStore

from ..conftest import PASSWORD, client_for

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


def test_a_session_from_before_stramien_s_backend_stays_signed_in(people: dict[str, Any]) -> None:
    client = Client()
    client.force_login(people["partner"], backend=backends.DJANGO_PATH)
    data = Session.objects.get().session_data
    assert Session.objects.get().get_decoded()[BACKEND_SESSION_KEY] == backends.DJANGO_PATH
    assert SessionStore().decode(data)[BACKEND_SESSION_KEY] == backends.PATH  # as Stramien's
    assert _signed_in(client) and _signed_in(_same_browser(client))


def test_signing_in_with_the_form_records_stramien_s_backend(people: dict[str, Any]) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "partner", "password": PASSWORD})
    assert response.status_code == 302
    stored = SessionStore().decode(Session.objects.get().session_data)
    assert stored[BACKEND_SESSION_KEY] == backends.PATH
    assert _signed_in(client)


def test_a_changed_password_signs_out_the_other_sessions(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    assert _signed_in(client)
    user = get_user_model().objects.get(pk=people["partner"].pk)
    user.set_password("een heel ander wachtwoord")
    user.save()
    assert not _signed_in(client)


def test_the_backend_gives_the_user_the_orm_gives(people: dict[str, Any]) -> None:
    backend = backends.ModelBackend()
    model = get_user_model()
    for person in people.values():
        ours = backend.get_user(person.pk)
        theirs = model.objects.get(pk=person.pk)
        assert ours is not None and ours.pk == theirs.pk
        assert {f.attname: getattr(ours, f.attname) for f in model._meta.fields} == {
            f.attname: getattr(theirs, f.attname) for f in model._meta.fields
        }
    assert backend.get_user(10**9) is None
