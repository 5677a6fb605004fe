"""Every URL, for every kind of visitor: who may read, who may change, who gets nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.web.programmes.models import Comment, Revision

from .conftest import client_for

pytestmark = pytest.mark.django_db

VISITORS = ("anonymous", "outsider", "lezer", "other_partner", "partner", "regisseur", "staff")
READERS = {"lezer", "other_partner", "partner", "regisseur", "staff"}


def _user(people: dict[str, Any], visitor: str) -> Any:
    return None if visitor == "anonymous" else people[visitor]


def _read_urls(programme: Any) -> list[str]:
    slug = programme.slug
    return [
        reverse("programmes:overview", args=[slug]),
        reverse("programmes:figure", args=[slug, "goal_tree"]),
        *[reverse("programmes:section", args=[slug, key]) for key in ("ambitie", "financien")],
        reverse("programmes:history", args=[slug]),
        reverse("programmes:revision", args=[slug, 1]),
        reverse("programmes:download", args=[slug, 1, "yaml"]),
        reverse("programmes:download", args=[slug, 1, "md"]),
        reverse("programmes:members", args=[slug]),
    ]


@pytest.mark.parametrize("visitor", VISITORS)
def test_reading_pages(visitor: str, people: dict[str, Any], programme: Any) -> None:
    client = client_for(_user(people, visitor))
    for url in _read_urls(programme):
        response = client.get(url)
        if visitor in READERS:
            assert response.status_code == 200, url
        elif visitor == "anonymous":
            assert response.status_code in (302, 403), url
        else:
            # An outsider cannot even learn that the programme exists.
            assert response.status_code == 404, url


@pytest.mark.parametrize("visitor", VISITORS)
def test_programme_list_and_create_need_login(
    visitor: str, people: dict[str, Any], db: Any
) -> None:
    client = client_for(_user(people, visitor))
    for url in (reverse("programmes:list"), reverse("programmes:create")):
        response = client.get(url)
        if visitor == "anonymous":
            assert response.status_code == 302
            assert reverse("accounts:login") in response["Location"]
        else:
            assert response.status_code == 200


def _section_post(programme: Any, **changes: str) -> dict[str, str]:
    ambition = programme.head_document["ambition"]
    data = {
        "base_revision": str(programme.head_number),
        "s-programme-name": programme.head_document["programme"]["name"],
    }
    data["s-ambition-statement"] = changes.get("statement", ambition["statement"])
    return data


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_the_regisseur_saves_a_section(
    visitor: str, people: dict[str, Any], programme: Any
) -> None:
    from stramien.web import schemaform
    from stramien.web.programmes.editor import PREFIX, section_data
    from stramien.web.programmes.sections import BY_KEY

    section = BY_KEY["ambitie"]
    data = section_data(section, programme.head_document)
    data["ambition"]["statement"] = "Een nieuwe kernboodschap van " + visitor
    node = schemaform.build(section.model, data, prefix=PREFIX)
    post = dict(schemaform.submitted(node))
    post["base_revision"] = str(programme.head_number)
    before = Revision.objects.filter(programme=programme).count()
    response = client_for(_user(people, visitor)).post(
        reverse("programmes:section", args=[programme.slug, "ambitie"]), post
    )
    after = Revision.objects.filter(programme=programme).count()
    if visitor == "regisseur":
        assert response.status_code == 302
        assert after == before + 1
    else:
        assert response.status_code in (302, 403, 404)
        if visitor == "anonymous" and response.status_code == 302:
            assert reverse("accounts:login") in response["Location"]
        assert after == before


@pytest.mark.parametrize("visitor", VISITORS)
def test_own_organisation_page_only_for_partners(
    visitor: str, people: dict[str, Any], programme: Any
) -> None:
    response = client_for(_user(people, visitor)).get(
        reverse("programmes:own", args=[programme.slug])
    )
    expected = {"partner": 200, "other_partner": 200, "outsider": 404, "anonymous": 302}
    assert response.status_code == expected.get(visitor, 403)


@pytest.mark.parametrize("visitor", VISITORS)
def test_comments(visitor: str, people: dict[str, Any], programme: Any) -> None:
    url = reverse("programmes:comment", args=[programme.slug, "ambitie"])
    client_for(_user(people, visitor)).post(url, {"body": "Kan dit korter?"})
    created = Comment.objects.filter(programme=programme, body="Kan dit korter?").exists()
    assert created == (visitor in {"partner", "other_partner", "regisseur"})


@pytest.mark.parametrize("visitor", VISITORS)
def test_restore_and_invite_are_for_the_regisseur(
    visitor: str, people: dict[str, Any], programme: Any
) -> None:
    client = client_for(_user(people, visitor))
    client.post(
        reverse("programmes:members", args=[programme.slug]),
        {"email": "nieuw@example.org", "role": "lezer"},
    )
    invited = programme.invitations.filter(email="nieuw@example.org").exists()
    assert invited == (visitor == "regisseur")
    # Make a second revision so there is something to restore.
    from stramien.web.programmes import actions

    document = dict(programme.head_document)
    document["ambition"] = {**document["ambition"], "statement": "Tweede versie."}
    actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=document, base_number=1
    )
    before = programme.revisions.count()
    client.post(reverse("programmes:restore", args=[programme.slug, 1]))
    assert programme.revisions.count() == before + (1 if visitor == "regisseur" else 0)


@pytest.mark.parametrize("visitor", VISITORS)
def test_resolve_comment(visitor: str, people: dict[str, Any], programme: Any) -> None:
    from stramien.web.programmes import actions

    comment = actions.add_comment(
        acting_user=people["partner"], programme=programme, section="ambitie", body="Vraag"
    )
    client_for(_user(people, visitor)).post(
        reverse("programmes:resolve", args=[programme.slug, comment.pk])
    )
    comment.refresh_from_db()
    assert (comment.resolved_at is not None) == (
        visitor in {"partner", "other_partner", "regisseur"}
    )


@pytest.mark.parametrize("visitor", VISITORS)
def test_live_check_and_upload(visitor: str, people: dict[str, Any], programme: Any) -> None:
    client = client_for(_user(people, visitor))
    response = client.post(
        reverse("programmes:check", args=[programme.slug, "ambitie"]),
        {"base_revision": "1"},
    )
    if visitor == "regisseur":
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403, 404)
    response = client.post(reverse("programmes:upload_image", args=[programme.slug]), {})
    if visitor == "regisseur":
        assert response.status_code == 302
    else:
        assert response.status_code in (302, 403, 404)
        assert not programme.attachments.exists()


@pytest.mark.parametrize("visitor", VISITORS)
def test_audit_trail_is_for_the_regisseur(
    visitor: str, people: dict[str, Any], programme: Any
) -> None:
    client = client_for(_user(people, visitor))
    for name in ("programmes:audit", "programmes:audit_csv"):
        response = client.get(reverse(name, args=[programme.slug]))
        expected = {"regisseur": 200, "anonymous": 302, "outsider": 404}.get(visitor, 403)
        assert response.status_code == expected, name


@pytest.mark.parametrize("visitor", VISITORS)
def test_adoption_pages(visitor: str, people: dict[str, Any], programme: Any) -> None:
    from stramien.web.agreeing.models import ApprovalRound

    client = client_for(_user(people, visitor))
    page = client.get(reverse("programmes:adoption", args=[programme.slug]))
    assert page.status_code == {"anonymous": 302, "outsider": 404}.get(visitor, 200)
    client.post(reverse("programmes:propose", args=[programme.slug]), {"revision": "1"})
    assert ApprovalRound.objects.exists() == (visitor == "regisseur")
