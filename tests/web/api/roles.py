"""Callers of the API for tests: one user per role of the small example's programme, each
with a personal read-write token (plain functions; the test modules make the fixtures).

``partner`` represents the municipality (owner of ``i-bijstand``), ``other_partner`` the
housing corporation; ``monitor`` enters values of every indicator; ``outsider`` has no role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.test import Client

from stramien.io import load_agreement
from stramien.web.accounts import actions as account_actions
from stramien.web.programmes import actions as programme_actions
from stramien.web.programmes.models import Membership, Programme

from .. import EXAMPLES
from ..people import make_user

ROLES = ("anonymous", "outsider", "lezer", "partner", "other_partner", "monitor", "regisseur")


@dataclass
class Caller:
    """A client that sends JSON with the caller's bearer token (none: anonymous)."""

    user: Any
    token: str

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        found = {"HTTP_ACCEPT_LANGUAGE": "nl"}
        if self.token:
            found["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        for name, value in (headers or {}).items():
            found["HTTP_" + name.upper().replace("-", "_")] = value
        return found

    def get(self, url: str, headers: dict[str, str] | None = None, **query: Any) -> Any:
        return Client().get(url, query, **self._headers(headers))

    def post(self, url: str, body: Any, headers: dict[str, str] | None = None) -> Any:
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        return Client().post(url, data, content_type="application/json", **self._headers(headers))


def token_for(user: Any, scope: str = "read-write") -> str:
    _token, secret = account_actions.create_api_token(acting_user=user, name="tests", scope=scope)
    return secret


def programme_with_roles() -> tuple[Programme, dict[str, Caller]]:
    """The small example as a programme, and a caller for every name in ``ROLES``."""
    users = {name: make_user(name) for name in ROLES if name != "anonymous"}
    agreement = load_agreement(EXAMPLES / "small.yaml")
    programme = programme_actions.create_programme(
        acting_user=users["regisseur"], agreement=agreement
    )
    partners = [p.id for p in agreement.partnership.partners]
    Membership.objects.create(
        programme=programme, user=users["partner"], role="partner", party_id=partners[0]
    )
    Membership.objects.create(
        programme=programme, user=users["other_partner"], role="partner", party_id=partners[1]
    )
    Membership.objects.create(programme=programme, user=users["lezer"], role="lezer")
    Membership.objects.create(programme=programme, user=users["monitor"], role="monitor")
    callers = {name: Caller(user, token_for(user)) for name, user in users.items()}
    callers["anonymous"] = Caller(None, "")
    return programme, callers


def problem(response: Any) -> dict[str, Any]:
    """The problem+json body of an error response (asserting it is one)."""
    assert response["Content-Type"].startswith("application/problem+json"), response.content
    body: dict[str, Any] = json.loads(response.content)
    assert {"status", "title", "detail"} <= set(body)
    return body


def invalid_names(response: Any) -> dict[str, str]:
    """The names of the invalid fields with their reasons (the last one per name)."""
    return {p["name"]: p["reason"] for p in problem(response).get("invalidParams", [])}
