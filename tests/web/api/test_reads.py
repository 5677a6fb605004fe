"""Every read of the API for every role: the same per-programme permissions as the web app."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ROLES

pytestmark = pytest.mark.django_db

MEMBERS = {"lezer", "partner", "other_partner", "monitor", "regisseur"}


def reads(slug: str) -> list[str]:
    base = f"/api/v1/programmes/{slug}"
    return [
        base,
        f"{base}/revisions",
        f"{base}/revisions/1",
        f"{base}/revisions/1/document",
        f"{base}/revisions/1/findings",
        f"{base}/revisions/1/documents/html",
        f"{base}/changes?from=1&to=1",
        f"{base}/members",
        f"{base}/approval-rounds",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_read_for_every_role(api: dict[str, Any], programme: Any, role: str) -> None:
    for url in reads(programme.slug):
        response = api[role].get(url)
        if role == "anonymous":
            expected = 401
        elif role == "outsider":
            expected = 404
        else:
            expected = 200
        assert response.status_code == expected, (role, url, response.content[:300])
        assert response["API-Version"] == "1.0.0"
        if expected != 200:
            assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_only_ones_own_programmes(
    api: dict[str, Any], programme: Any, role: str
) -> None:
    response = api[role].get("/api/v1/programmes")
    if role == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    slugs = [row["slug"] for row in response.json()["results"]]
    assert slugs == ([programme.slug] if role in MEMBERS else [])


def test_programme_fields_are_camel_case_with_links(api: dict[str, Any], programme: Any) -> None:
    body = api["partner"].get(f"/api/v1/programmes/{programme.slug}").json()
    assert body["role"] == "partner"
    assert body["partyId"] == "gem-apeldoorn"
    assert body["headRevision"] == 1
    assert body["createdAt"].endswith("Z") or "+00:00" in body["createdAt"]
    assert body["_links"]["document"]["href"].endswith(
        f"/api/v1/programmes/{programme.slug}/revisions/1/document"
    )


def test_document_at_a_revision_is_the_agreement(api: dict[str, Any], programme: Any) -> None:
    body = api["lezer"].get(f"/api/v1/programmes/{programme.slug}/revisions/1/document").json()
    assert body["revision"] == 1
    assert body["document"]["programme"]["name"] == programme.name
    assert body["contentHash"] == programme.head_content_hash


def test_findings_and_readiness(api: dict[str, Any], programme: Any) -> None:
    body = api["monitor"].get(f"/api/v1/programmes/{programme.slug}/revisions/1/findings").json()
    assert {row["section"] for row in body["readiness"]} >= {"ambition", "partnership"}
    assert all(0 <= row["percentage"] <= 100 for row in body["readiness"])
    assert body["errors"] == sum(1 for f in body["findings"] if f["severity"] == "error")


@pytest.mark.parametrize("fmt", ["html", "docx", "odt"])
def test_documents_in_each_format(api: dict[str, Any], programme: Any, fmt: str) -> None:
    response = api["lezer"].get(f"/api/v1/programmes/{programme.slug}/revisions/1/documents/{fmt}")
    assert response.status_code == 200
    assert f"versie-1.{fmt}" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"PK") if fmt != "html" else b"<html" in body[:500].lower()


def test_a_pdf(api: dict[str, Any], programme: Any) -> None:
    response = api["regisseur"].get(
        f"/api/v1/programmes/{programme.slug}/revisions/1/documents/pdf"
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_unknown_format_and_revision_are_404(api: dict[str, Any], programme: Any) -> None:
    base = f"/api/v1/programmes/{programme.slug}/revisions"
    for url in (f"{base}/1/documents/exe", f"{base}/7", f"{base}/7/document", f"{base}/7/findings"):
        response = api["regisseur"].get(url)
        assert response.status_code == 404, url
        problem = response.json()
        assert problem["status"] == 404
        assert problem["title"] == "Niet gevonden"
    assert "Versie 7 bestaat niet" in api["regisseur"].get(f"{base}/7").json()["detail"]


def test_changes_between_two_revisions(api: dict[str, Any], programme: Any, people: Any) -> None:
    from stramien.web.programmes import actions

    document = dict(programme.head_document)
    document["programme"] = {**document["programme"], "short_name": "Zonnehof samen"}
    actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=document, base_number=1
    )
    body = api["lezer"].get(f"/api/v1/programmes/{programme.slug}/changes?from=1&to=2").json()
    assert body["changes"] == [
        {
            "op": "set",
            "path": ["programme", "short_name"],
            "location": body["changes"][0]["location"],
            "value": "Zonnehof samen",
        }
    ]
    bad = api["lezer"].get(f"/api/v1/programmes/{programme.slug}/changes?from=x&to=9")
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"from"}
    missing = api["lezer"].get(f"/api/v1/programmes/{programme.slug}/changes?from=1&to=9")
    assert missing.status_code == 404


def test_members_and_their_roles(api: dict[str, Any], programme: Any) -> None:
    body = api["lezer"].get(f"/api/v1/programmes/{programme.slug}/members").json()
    roles = sorted(row["role"] for row in body["results"])
    assert roles == ["lezer", "monitor", "partner", "partner", "regisseur"]
    assert all("email" not in row for row in body["results"])


def test_session_login_may_read(client: Any, people: Any, programme: Any) -> None:
    client.force_login(people["lezer"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(f"/api/v1/programmes/{programme.slug}")
    assert response.status_code == 200
    # A write by session needs the CSRF token, like every form of the site.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["regisseur"], backend="django.contrib.auth.backends.ModelBackend")
    response = strict.patch(
        f"/api/v1/programmes/{programme.slug}/document",
        data='{"baseRevision": 1, "changes": {}}',
        content_type="application/json",
    )
    assert response.status_code == 403
    assert programme.revisions.count() == 1
