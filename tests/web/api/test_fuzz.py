"""Fuzzing by a tool none of us wrote: schemathesis reads the published OpenAPI description
and sends a bounded number of generated requests to every operation, with a valid
read-write token, into the small example's programme. It fails on any 5xx, and on any
response that breaks the schema (status code, content type, headers or body not as
published).

The path parameters are pinned to things that exist (the programme, revision 1, an
indicator, a milestone, a measurement), so the generated queries and bodies reach the
checks behind them instead of stopping at a 404. Monitoring operations run as the
programme's monitor (who enters values), the others as its procesregisseur.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from stramien.web.monitoring import actions as monitoring_actions

from .conftest import token_for

#: Examples per operation: about 30 operations, well under three minutes on two cores.
EXAMPLES = 10
MONITORING = ("indicators", "measurements", "milestones", "spending", "in-kind-deliveries")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@contextmanager
def _connection_kept() -> Iterator[None]:
    """The application is called as a server would, but inside the test's transaction: it
    must not close the test's database connection after a request (Django's test client
    holds these signals back the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


#: No rate limit while fuzzing (the limit has its own tests in test_rules.py and
#: tests/reliability): a rate of None counts nothing, so no request touches the counts' table.
UNLIMITED = dict.fromkeys(SimpleRateThrottle.THROTTLE_RATES)

APPLICATION = get_wsgi_application()
# Loaded while the tests are collected, before any test may use the database.
_rates, SimpleRateThrottle.THROTTLE_RATES = SimpleRateThrottle.THROTTLE_RATES, UNLIMITED
try:
    with _connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APPLICATION)
finally:
    SimpleRateThrottle.THROTTLE_RATES = _rates


@pytest.fixture
def world(
    people: dict[str, Any], programme: Any, monitor: Any, monkeypatch: Any
) -> Iterator[dict[str, Any]]:
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", UNLIMITED)
    with _connection_kept():
        yield from _world(people, programme, monitor)


def _world(people: dict[str, Any], programme: Any, monitor: Any) -> Iterator[dict[str, Any]]:
    measurement = monitoring_actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=monitoring_actions.Entry("i-bijstand", "2026-Q1", value=Decimal(409)),
    )
    yield {
        "slug": programme.slug,
        "measurement": measurement.pk,
        "monitor": token_for(monitor),
        "regisseur": token_for(people["regisseur"]),
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_published_schema(case: Any, world: dict[str, Any]) -> None:
    pinned = {
        "slug": world["slug"],
        "number": 1,
        "indicatorId": "i-bijstand",
        "milestoneId": "ms-kickoff",
        "measurementId": world["measurement"],
    }
    if case.path_parameters:
        for name in case.path_parameters:
            if name in pinned:
                case.path_parameters[name] = pinned[name]
    monitoring = any(f"/{part}" in case.path for part in MONITORING)
    token = world["monitor"] if monitoring else world["regisseur"]
    # Uncompressed: the in-process transport does not undo the site's gzip.
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)
