"""People in every role of one programme, and API clients that carry their own tokens."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from stramien.web.accounts import actions as account_actions
from stramien.web.programmes.models import Membership

from ..people import make_user

#: Every role the API is tested for; "anonymous" has no account at all.
ROLES = ("anonymous", "outsider", "lezer", "partner", "other_partner", "monitor", "regisseur")


class ApiClient:
    """A test client that sends a bearer token and JSON, and reads JSON back."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, url: str, **headers: str) -> Any:
        return self.client.get(url, headers={**self.headers, **headers})

    def send(
        self,
        method: str,
        url: str,
        body: Any,
        content_type: str = "application/json",
        **headers: str,
    ) -> Any:
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        return getattr(self.client, method)(
            url, data=data, content_type=content_type, headers={**self.headers, **headers}
        )

    def post(self, url: str, body: Any, **kwargs: Any) -> Any:
        return self.send("post", url, body, **kwargs)

    def patch(self, url: str, body: Any, **kwargs: Any) -> Any:
        return self.send("patch", url, body, **kwargs)


def token_for(user: Any, scope: str = "read-write", days: int = 30) -> str:
    _token, secret = account_actions.create_api_token(
        acting_user=user, name="test", scope=scope, days=days
    )
    return secret


@pytest.fixture
def monitor(programme: Any) -> Any:
    user = make_user("monitor")
    Membership.objects.create(programme=programme, user=user, role="monitor")
    return user


@pytest.fixture
def api(people: dict[str, Any], programme: Any, monitor: Any) -> dict[str, ApiClient]:
    """One client per role, each with its own read-write token (anonymous: none)."""
    users = {**people, "monitor": monitor}
    return {
        role: ApiClient(None if role == "anonymous" else token_for(users[role])) for role in ROLES
    }
