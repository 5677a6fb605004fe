"""Every route of the app x every role x GET and POST, with real names in the addresses
(figures, attachments, items, measurements, comments): nobody gets a server error, nobody
outside the programme gets in, readers write nothing, and a refused request changes no row
of any table."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import picture_files
from stramien.web.monitoring import actions as monitoring
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme
from stramien.web.programmes.selectors import FIGURES

from ._snapshot import changed, snapshot
from .conftest import ROLES, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.reliability]

# Rows that a request may add without changing anything a user made.
SKIP = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "stramien_shared_cache",  # the API's rate-limit counts: every request counts
    }
)
REFUSED = {302, 400, 403, 404, 405}


def _routes(resolver: Any = None, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            space = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found.extend(_routes(pattern, space))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((f"{prefix}{pattern.name}", pattern))
    return found


def _addresses(programme: Programme, people: dict[str, Any]) -> list[tuple[str, str]]:
    """Every programme route, once per real value of its parts (every figure, ...)."""
    attachment = actions.attach_artist_impression(
        acting_user=people["regisseur"],
        programme=programme,
        data=picture_files.png(),
        original_name="plein.png",
        alt_text="Het plein.",
    )
    programme.refresh_from_db()
    image = programme.head_document["realisation"]["artist_impression"]["file"]
    comment = actions.add_comment(
        acting_user=people["partner"], programme=programme, section="ambitie", body="Mooi."
    )
    indicator = next(
        i for i in programme.head_document["indicators"] if i["owner"] == _party(programme, people)
    )
    measurement = monitoring.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=monitoring.Entry(indicator["id"], "2026-Q3", value=1),  # type: ignore[arg-type]
        submit=True,
    )
    assert attachment.saved
    effects = programme.head_document.get("effect_measurement", {})
    values: dict[str, list[Any]] = {
        "slug": [programme.slug],
        "key": ["ambitie", "doelen"],
        "name": [*sorted(FIGURES), image],
        "number": [1, programme.head_number],
        "pk": [comment.pk, measurement.pk],
        "fmt": ["yaml", "json", "md"],
        "extension": ["csv", "xlsx"],
        "kind": ["bestedingen", "natura"],
        "item_id": [programme.head_document["goals"][0]["id"]],
        "indicator_id": [indicator["id"]],
        "case_id": [c["id"] for c in effects.get("cases", [])[:1]] or ["geen-casus"],
        "list_id": [p["id"] for p in effects.get("price_lists", [])[:1]] or ["geen-lijst"],
    }
    found = []
    for name, pattern in _routes():
        if not name.startswith(("programmes:", "public:")) or name in (
            "programmes:list",
            "programmes:create",
        ):
            continue
        keys = list(pattern.pattern.regex.groupindex)
        if name == "programmes:attachment":
            choices = [{"slug": programme.slug, "name": image}]
        elif name == "programmes:figure":
            choices = [{"slug": programme.slug, "name": n} for n in sorted(FIGURES)]
        else:
            choices = [{}]
            for key in keys:
                choices = [{**c, key: v} for c in choices for v in values[key][:2]]
        found.extend((name, reverse(name, kwargs=c)) for c in choices)
    return found


def _party(programme: Programme, people: dict[str, Any]) -> str:
    return Membership.objects.get(programme=programme, user=people["partner"]).party_id


def test_every_route_every_role_get_and_post(programme: Programme, people: dict[str, Any]) -> None:
    addresses = _addresses(programme, people)
    assert len(addresses) >= 40
    clients = {role: client_for(people.get(role)) for role in ROLES}
    checked = 0
    problems: list[str] = []
    for name, url in addresses:
        public = name.startswith("public:")
        for role, client in clients.items():
            for method in ("get", "post"):
                before = snapshot(SKIP)
                response = getattr(client, method)(url)
                after = snapshot(SKIP)
                checked += 1
                status = response.status_code
                if status >= 500:
                    problems.append(f"{role} {method} {url}: {status}")
                    continue
                outside = role in ("anonymous", "outsider") and not public
                if outside and status not in REFUSED:
                    problems.append(f"{role} {method} {url}: got in ({status})")
                difference = changed(before, after)
                if role in ("lezer", "staff") and difference:
                    problems.append(f"{role} {method} {url}: a reader changed {difference}")
                refused = status in (403, 404, 405) or (
                    status == 302 and "/account/inloggen/" in response.get("Location", "")
                )
                if (refused or outside) and difference:
                    problems.append(f"{role} {method} {url}: refused, yet {difference}")
    assert problems == []
    assert checked >= 40 * len(ROLES) * 2
