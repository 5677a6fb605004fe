"""Every operation of the API for every role, taken from the published OpenAPI description
(and checked against the URL patterns), so a new endpoint fails here until its row in
``EXPECTED`` says who may use it. A refused write leaves no trace (no audit row); an
accepted write leaves at least one."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from stramien.web.audit.models import AuditEntry
from stramien.web.monitoring import actions as monitoring_actions

from .conftest import ROLES, ApiClient

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1"
MEMBERS = ("lezer", "partner", "other_partner", "monitor", "regisseur")


def _read(**extra: int) -> dict[str, int]:
    """A read of one programme: members only; an outsider is told it does not exist."""
    return {"anonymous": 401, "outsider": 404, **dict.fromkeys(MEMBERS, 200), **extra}


def _write(allowed: dict[str, int]) -> dict[str, int]:
    """A write in one programme: 403 for a member who may not, unless said otherwise."""
    return {"anonymous": 401, "outsider": 404, **dict.fromkeys(MEMBERS, 403), **allowed}


CARD = ["partnership", "partners", {"id": "gem-apeldoorn"}, "role"]

#: (method, path in the schema) -> (body or None, status per role).
EXPECTED: dict[tuple[str, str], tuple[Any, dict[str, int]]] = {
    ("get", "/programmes"): (None, {"anonymous": 401, **{r: 200 for r in ROLES[1:]}}),
    ("post", "/programmes"): (
        {"programme": {"name": "Een nieuw programma"}},
        {"anonymous": 401, **{r: 201 for r in ROLES[1:]}},
    ),
    ("get", "/programmes/{slug}"): (None, _read()),
    ("patch", "/programmes/{slug}/document"): (
        {"baseRevision": 1, "patch": [{"op": "set", "path": CARD, "value": "Nieuwe rol."}]},
        _write({"partner": 200, "regisseur": 200}),
    ),
    ("get", "/programmes/{slug}/revisions"): (None, _read()),
    ("get", "/programmes/{slug}/revisions/{number}"): (None, _read()),
    ("get", "/programmes/{slug}/revisions/{number}/document"): (None, _read()),
    ("get", "/programmes/{slug}/revisions/{number}/findings"): (None, _read()),
    ("get", "/programmes/{slug}/revisions/{number}/documents/{fileFormat}"): (None, _read()),
    ("get", "/programmes/{slug}/changes"): (None, _read()),
    ("get", "/programmes/{slug}/members"): (None, _read()),
    ("get", "/programmes/{slug}/approval-rounds"): (None, _read()),
    ("get", "/programmes/{slug}/indicators"): (None, _read()),
    ("get", "/programmes/{slug}/indicators/{indicatorId}"): (None, _read()),
    ("get", "/programmes/{slug}/measurements"): (None, _read()),
    ("post", "/programmes/{slug}/measurements"): (
        # The municipality's indicator: its partner and the monitor enter it.
        [{"indicator": "i-bijstand", "period": "2026-Q2", "value": 405}],
        _write({"partner": 201, "monitor": 201}),
    ),
    ("get", "/programmes/{slug}/measurements/{measurementId}"): (None, _read()),
    ("get", "/programmes/{slug}/milestones"): (None, _read()),
    ("get", "/programmes/{slug}/milestones/{milestoneId}/statuses"): (None, _read()),
    ("post", "/programmes/{slug}/milestones/{milestoneId}/statuses"): (
        {"status": "in_progress"},
        _write({"monitor": 201, "regisseur": 201}),
    ),
    ("get", "/programmes/{slug}/spending"): (None, _read()),
    ("post", "/programmes/{slug}/spending"): (
        {
            "costItem": "k-2026-regie",
            "partner": "gem-apeldoorn",
            "spentOn": "2026-03-31",
            "amount": 1250,
        },
        _write({"partner": 201, "monitor": 201, "regisseur": 201}),
    ),
    ("get", "/programmes/{slug}/in-kind-deliveries"): (None, _read()),
    ("post", "/programmes/{slug}/in-kind-deliveries"): (
        {"contribution": "bd-2026-gem-arbeid", "deliveredOn": "2026-06-30", "value": 22500},
        _write({"partner": 201, "monitor": 201, "regisseur": 201}),
    ),
}


def operations() -> set[tuple[str, str]]:
    schema = Client().get(f"{PREFIX}/openapi.json").json()
    methods = {"get", "post", "put", "patch", "delete"}
    return {
        (method, path)
        for path, item in schema["paths"].items()
        for method in item
        if method in methods
    }


def _patterns(resolver: URLResolver, prefix: str) -> list[str]:
    found = []
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found.extend(_patterns(entry, text))
        elif isinstance(entry, URLPattern):
            found.append(text)
    return found


def test_every_endpoint_is_in_the_schema_and_in_this_matrix(db: Any) -> None:
    api = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )
    routes = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
        for text in _patterns(api, "")
        if text != "openapi.json"
    }
    published = operations()
    assert routes == {path for _method, path in published}
    assert published == set(EXPECTED), "give every new operation its row in EXPECTED"


def _url(path: str, programme: Any, measurement_id: int) -> str:
    values = {
        "slug": programme.slug,
        "number": "1",
        "fileFormat": "html",
        "indicatorId": "i-bijstand",
        "measurementId": str(measurement_id),
        "milestoneId": "ms-kickoff",
    }
    url = PREFIX + re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)
    return url + ("?from=1&to=1" if path.endswith("/changes") else "")


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_for_every_role(
    api: dict[str, ApiClient], people: dict[str, Any], programme: Any, role: str
) -> None:
    existing = monitoring_actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=monitoring_actions.Entry("i-bijstand", "2026-Q1", value=Decimal(409)),
    )
    client = api[role]
    for method, path in sorted(EXPECTED):
        body, statuses = EXPECTED[(method, path)]
        url = _url(path, programme, existing.pk)
        before = AuditEntry.objects.count()
        if body is None:
            response = client.get(url)
        elif method == "patch":
            response = client.patch(url, body)
        else:
            response = client.post(url, body)
        expected = statuses[role]
        what = (role, method, url, response.content[:300])
        assert response.status_code == expected, what
        assert response["API-Version"], what
        if expected >= 400:
            assert response["Content-Type"].startswith("application/problem+json"), what
        if method != "get":
            wrote = AuditEntry.objects.count() > before
            assert wrote == (expected < 400), what
