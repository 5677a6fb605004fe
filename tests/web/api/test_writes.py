"""Writing through the API: the agreement on a base revision (merged like the web forms,
409 on a conflict) and a new programme from a document; bad input writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from stramien.web.audit.models import AuditEntry
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme

from .conftest import ROLES, ApiClient, token_for

pytestmark = pytest.mark.django_db

CARD = ["partnership", "partners", {"id": "gem-apeldoorn"}, "role"]
OTHER_CARD = ["partnership", "partners", {"id": "ws-veluwsepoort"}, "role"]


def url(programme: Any) -> str:
    return f"/api/v1/programmes/{programme.slug}/document"


def set_op(path: list[Any], value: Any) -> dict[str, Any]:
    return {"op": "set", "path": path, "value": value}


def test_the_other_partner_id(programme: Any) -> None:
    ids = [p["id"] for p in programme.head_document["partnership"]["partners"]]
    assert ids[:2] == ["gem-apeldoorn", OTHER_CARD[2]["id"]]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_partner_card(
    api: dict[str, ApiClient], programme: Any, role: str
) -> None:
    """The partner of that organisation and the regisseur may; nobody else."""
    response = api[role].patch(
        url(programme), {"baseRevision": 1, "patch": [set_op(CARD, "Nieuwe rol van de gemeente.")]}
    )
    expected = {"anonymous": 401, "outsider": 404, "partner": 200, "regisseur": 200}.get(role, 403)
    assert response.status_code == expected, (role, response.content[:300])
    programme.refresh_from_db()
    changed = programme.head_document["partnership"]["partners"][0]["role"]
    assert (changed == "Nieuwe rol van de gemeente.") == (expected == 200)
    assert programme.revisions.count() == (2 if expected == 200 else 1)
    if expected == 200:
        assert response.json()["revision"] == 2
        entry = AuditEntry.objects.filter(programme=programme, action="revision.save").get()
        assert entry.revision_number == 2
    else:
        assert response["Content-Type"].startswith("application/problem+json")


def test_regisseur_changes_fields_by_merge_patch(api: dict[str, ApiClient], programme: Any) -> None:
    response = api["regisseur"].patch(
        url(programme),
        {
            "baseRevision": 1,
            "message": "Korte naam",
            "changes": {"programme": {"short_name": "SZ"}},
        },
    )
    assert response.status_code == 200, response.content
    programme.refresh_from_db()
    assert programme.head_document["programme"]["short_name"] == "SZ"
    assert programme.head_document["programme"]["name"].startswith("Samen Zonnehof")
    assert programme.revisions.get(number=2).message == "Korte naam"


def test_read_only_token_may_not_write(people: Any, programme: Any) -> None:
    client = ApiClient(token_for(people["regisseur"], scope="read"))
    assert client.get(f"/api/v1/programmes/{programme.slug}").status_code == 200
    response = client.patch(url(programme), {"baseRevision": 1, "changes": {}})
    assert response.status_code == 403
    assert "alleen lezen" in response.json()["detail"]


def test_concurrent_work_elsewhere_is_merged(
    api: dict[str, ApiClient], programme: Any, people: Any
) -> None:
    other = dict(programme.head_document)
    other["programme"] = {**other["programme"], "region": "Apeldoorn-Oost"}
    actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=other, base_number=1
    )
    response = api["partner"].patch(
        url(programme), {"baseRevision": 1, "patch": [set_op(CARD, "Onze rol.")]}
    )
    assert response.status_code == 200, response.content
    assert response.json()["merged"] is True
    programme.refresh_from_db()
    assert programme.head_document["programme"]["region"] == "Apeldoorn-Oost"
    assert programme.head_document["partnership"]["partners"][0]["role"] == "Onze rol."


def test_a_conflict_is_409_with_both_values(
    api: dict[str, ApiClient], programme: Any, people: Any
) -> None:
    theirs = dict(programme.head_document)
    theirs["programme"] = {**theirs["programme"], "short_name": "Van de regisseur"}
    actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=theirs, base_number=1
    )
    response = api["regisseur"].patch(
        url(programme),
        {"baseRevision": 1, "changes": {"programme": {"short_name": "Van de API"}}},
    )
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 409 and problem["title"] == "Botsende wijziging"
    assert problem["headRevision"] == 2
    [conflict] = problem["conflicts"]
    assert conflict["path"] == ["programme", "short_name"]
    assert conflict["yours"] == "Van de API"
    assert conflict["theirs"] == "Van de regisseur"
    programme.refresh_from_db()
    assert programme.head_document["programme"]["short_name"] == "Van de regisseur"
    # Sent again on the newest version, the choice goes through.
    again = api["regisseur"].patch(
        url(programme), {"baseRevision": 2, "changes": {"programme": {"short_name": "Van de API"}}}
    )
    assert again.status_code == 200
    programme.refresh_from_db()
    assert programme.head_document["programme"]["short_name"] == "Van de API"


def invalid_params(response: Any) -> dict[str, str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert {"status", "title", "detail", "invalidParams"} <= set(problem)
    return {p["name"]: p["reason"] for p in problem["invalidParams"]}


def test_every_invalid_field_at_once_and_nothing_saved(
    api: dict[str, ApiClient], programme: Any
) -> None:
    response = api["regisseur"].patch(
        url(programme),
        {
            "baseRevision": 1,
            "changes": {
                "programme": {"start": "geen datum", "end": 2029},
                "finance": {"not_a_field": 1},
            },
        },
    )
    names = invalid_params(response)
    assert set(names) == {
        "document.programme.start",
        "document.programme.end",
        "document.finance.not_a_field",
    }, names
    assert programme.revisions.count() == 1


def test_unknown_fields_and_wrong_types_are_refused(
    api: dict[str, ApiClient], programme: Any
) -> None:
    names = invalid_params(
        api["regisseur"].patch(url(programme), {"baseRevision": "twee", "change": {}, "patch": 3})
    )
    assert set(names) == {"baseRevision", "change", "patch"}
    assert names["change"] == "Onbekend veld."
    names = invalid_params(api["regisseur"].patch(url(programme), {"baseRevision": 1}))
    assert "changes" in names
    assert programme.revisions.count() == 1


def test_english_on_request(api: dict[str, ApiClient], programme: Any) -> None:
    response = api["regisseur"].patch(url(programme), {}, **{"Accept-Language": "en"})
    assert response["Content-Language"] == "en"
    names = invalid_params(response)
    assert names["baseRevision"] == "This field is required."
    dutch = invalid_params(api["regisseur"].patch(url(programme), {}))
    assert dutch["baseRevision"] == "Dit veld is vereist."


def test_invalid_json(api: dict[str, ApiClient], programme: Any) -> None:
    response = api["regisseur"].patch(url(programme), '{"baseRevision": 1,')
    assert response.status_code == 400
    assert "Ongeldige JSON" in response.json()["detail"]
    assert programme.revisions.count() == 1


def test_a_huge_body_is_413(api: dict[str, ApiClient], programme: Any, settings: Any) -> None:
    settings.STRAMIEN_API_MAX_BODY_BYTES = 1000
    body = {"baseRevision": 1, "message": "x" * 2000, "changes": {}}
    response = api["regisseur"].patch(url(programme), body)
    assert response.status_code == 413
    assert response.json()["status"] == 413
    assert programme.revisions.count() == 1


def test_a_base_revision_that_does_not_exist(api: dict[str, ApiClient], programme: Any) -> None:
    names = invalid_params(
        api["regisseur"].patch(url(programme), {"baseRevision": 9, "changes": {}})
    )
    assert "Versie 9 bestaat niet" in names["baseRevision"]


def test_a_patch_that_does_not_fit(api: dict[str, ApiClient], programme: Any) -> None:
    op = {
        "op": "set",
        "path": ["partnership", "partners", {"id": "bestaat-niet"}, "role"],
        "value": "x",
    }
    names = invalid_params(
        api["regisseur"].patch(url(programme), {"baseRevision": 1, "patch": [op]})
    )
    assert "patch" in names
    assert programme.revisions.count() == 1


def test_create_a_programme_from_json_and_yaml(api: dict[str, ApiClient], programme: Any) -> None:
    document = dict(programme.head_document)
    document["programme"] = {**document["programme"], "name": "Tweede programma"}
    response = api["lezer"].post("/api/v1/programmes", document)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["role"] == "regisseur" and body["name"] == "Tweede programma"
    assert response["Location"].endswith(f"/api/v1/programmes/{body['slug']}")
    assert AuditEntry.objects.filter(action="programme.create", details__source="api").count() == 1
    yaml_body = "programme:\n  name: Derde programma\n"
    response = api["lezer"].post("/api/v1/programmes", yaml_body, content_type="application/yaml")
    assert response.status_code == 201, response.content
    assert Programme.objects.filter(name="Derde programma").exists()


def test_create_refuses_an_invalid_document(api: dict[str, ApiClient], programme: Any) -> None:
    names = invalid_params(
        api["lezer"].post(
            "/api/v1/programmes", {"programme": {"name": "X", "start": "morgen"}, "x": 1}
        )
    )
    assert {"programme.start", "x"} <= set(names)
    response = api["lezer"].post(
        "/api/v1/programmes", "programme: [\n", content_type="application/yaml"
    )
    assert response.status_code == 400
    assert Programme.objects.count() == 1


def test_anonymous_cannot_create(api: dict[str, ApiClient]) -> None:
    response = api["anonymous"].post("/api/v1/programmes", {"programme": {"name": "X"}})
    assert response.status_code == 401
    assert Programme.objects.count() == 1
