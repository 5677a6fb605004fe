"""Accounts and logged-in clients for tests (plain functions; the fixtures are in conftest).

Also used by the reliability suite and ``bench/bench_reliability.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from stramien.web.accounts import backends

PASSWORD = "een-lang-test-wachtwoord"


def make_user(username: str, **extra: Any) -> Any:
    first, _, last = extra.pop("name", username.title()).partition(" ")
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=first,
        last_name=last,
        **extra,
    )


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=backends.PATH)
    return client
