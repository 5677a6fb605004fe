"""What users do: create programmes, import files, invite, accept, edit, restore, download."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from stramien.web import schemaform
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes.editor import PREFIX, section_data
from stramien.web.programmes.models import Invitation, Membership, Programme, Revision
from stramien.web.programmes.sections import BY_KEY

from . import EXAMPLES
from .conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def _form_post(programme: Programme, key: str, edit: Any = None) -> dict[str, Any]:
    """The POST a browser sends for section ``key``, after ``edit`` changed the data."""
    section = BY_KEY[key]
    data = section_data(section, programme.head_document)
    if edit is not None:
        edit(data)
    node = schemaform.build(section.model, data, prefix=PREFIX)
    post: dict[str, Any] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["base_revision"] = str(programme.head_number)
    return post


def test_create_blank_programme(people: dict[str, Any]) -> None:
    client = client_for(people["outsider"])
    response = client.post(
        reverse("programmes:create"), {"start": "blank", "name": "Wijkdeal Noord"}
    )
    programme = Programme.objects.get(name="Wijkdeal Noord")
    assert response["Location"] == reverse("programmes:overview", args=[programme.slug])
    assert Membership.objects.get(programme=programme).role == "regisseur"
    assert client.get(response["Location"]).status_code == 200


def test_create_from_template(people: dict[str, Any]) -> None:
    client = client_for(people["outsider"])
    client.post(reverse("programmes:create"), {"start": "template", "template": "small"})
    assert Programme.objects.filter(name__startswith="Samen Zonnehof").exists()


def test_upload_yaml(people: dict[str, Any]) -> None:
    client = client_for(people["outsider"])
    upload = SimpleUploadedFile("zonnehof.yaml", (EXAMPLES / "small.yaml").read_bytes())
    response = client.post(reverse("programmes:create"), {"start": "upload", "upload": upload})
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert len(programme.head_document["partnership"]["partners"]) == 5


def test_broken_yaml_is_refused_with_line_and_field_and_nothing_is_saved(
    people: dict[str, Any],
) -> None:
    text = (EXAMPLES / "small.yaml").read_text(encoding="utf-8")
    broken = text.replace("schema_version:", "schema_versie:", 1)
    client = client_for(people["outsider"])
    response = client.post(
        reverse("programmes:create"),
        {"start": "upload", "upload": SimpleUploadedFile("kapot.yaml", broken.encode())},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "kapot.yaml:" in page and "schema_versie" in page
    assert "niets opgeslagen" in page
    assert not Programme.objects.exists() and not Revision.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"programme: [unclosed", "kapot.yaml:2:1"),
        (b"!!python/object:os.system {}", "kapot.yaml"),
    ],
)
def test_garbage_uploads_are_refused(people: dict[str, Any], content: bytes, expected: str) -> None:
    response = client_for(people["outsider"]).post(
        reverse("programmes:create"),
        {"start": "upload", "upload": SimpleUploadedFile("kapot.yaml", content)},
    )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Programme.objects.exists()


def test_oversized_upload_is_refused(people: dict[str, Any], settings: Any) -> None:
    settings.STRAMIEN_MAX_UPLOAD_BYTES = 1000
    response = client_for(people["outsider"]).post(
        reverse("programmes:create"),
        {"start": "upload", "upload": SimpleUploadedFile("groot.yaml", b"a: 1\n" * 400)},
    )
    assert "groter dan" in response.content.decode()
    assert not Programme.objects.exists()


def test_blank_programme_needs_a_name(people: dict[str, Any]) -> None:
    response = client_for(people["outsider"]).post(reverse("programmes:create"), {"start": "blank"})
    assert "Geef het programma een naam" in response.content.decode()
    assert not Programme.objects.exists()


def test_invitation_by_link(
    people: dict[str, Any], programme: Programme, django_capture_on_commit_callbacks: Any
) -> None:
    regisseur = client_for(people["regisseur"])
    party = programme.head_document["partnership"]["partners"][2]["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = regisseur.post(
            reverse("programmes:members", args=[programme.slug]),
            {"email": "Nieuwe@Example.org", "role": "partner", "party_id": party, "name": "Nieuwe"},
        )
    link = re.search(r'id="invite-link">([^<]+)<', response.content.decode()).group(1)
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
    assert Invitation.objects.get().token_hash not in link  # only the hash is stored
    guest = Client()
    page = guest.get(link)
    assert page.status_code == 200
    weak = guest.post(link, {"name": "Nieuwe Partner", "username": "nieuw", "password": "123"})
    assert weak.status_code == 200 and not Membership.objects.filter(user__username="nieuw")
    accepted = guest.post(
        link, {"name": "Nieuwe Partner", "username": "nieuw", "password": "een-sterk-wachtwoord"}
    )
    assert accepted.status_code == 302
    member = Membership.objects.get(user__username="nieuw")
    assert (member.role, member.party_id) == ("partner", party)
    assert guest.get(reverse("programmes:own", args=[programme.slug])).status_code == 200
    # A link works once.
    assert Client().get(link).status_code == 404
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"invitation.create", "invitation.accept", "account.create"} <= actions


def test_partner_invitation_needs_an_organisation(
    people: dict[str, Any], programme: Programme
) -> None:
    response = client_for(people["regisseur"]).post(
        reverse("programmes:members", args=[programme.slug]),
        {"email": "x@example.org", "role": "partner", "party_id": ""},
    )
    assert "Kies de organisatie" in response.content.decode()
    assert not Invitation.objects.exists()


def test_login_is_rate_limited(people: dict[str, Any], settings: Any) -> None:
    client = Client()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "partner", "password": "fout"})
    locked = client.post(url, {"username": "partner", "password": PASSWORD})
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_works(people: dict[str, Any]) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "partner", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("programmes:list")).status_code == 200


def test_password_reset_sends_a_link(people: dict[str, Any]) -> None:
    Client().post(reverse("accounts:password_reset"), {"email": "partner@example.org"})
    assert len(mail.outbox) == 1
    assert "/account/wachtwoord-herstellen/" in mail.outbox[0].body


def test_section_save_and_validation_error(people: dict[str, Any], programme: Programme) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])

    def too_long(data: dict[str, Any]) -> None:
        data["programme"]["name"] = "x" * 400

    response = client.post(url, _form_post(programme, "ambitie", too_long))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Niet opgeslagen" in page and 'aria-invalid="true"' in page
    assert "x" * 400 in page  # the user's input is kept
    assert programme.revisions.count() == 1

    def new_statement(data: dict[str, Any]) -> None:
        data["ambition"]["statement"] = "Iedereen in de wijk doet mee."

    response = client.post(url, _form_post(programme, "ambitie", new_statement))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.head_document["ambition"]["statement"] == "Iedereen in de wijk doet mee."


def test_conflict_page_keeps_the_users_text(people: dict[str, Any], programme: Programme) -> None:
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    stale = _form_post(
        programme,
        "ambitie",
        lambda d: d["ambition"].update(statement="Tekst van de tweede schrijver."),
    )
    first = client_for(people["regisseur"]).post(
        url, _form_post(programme, "ambitie", lambda d: d["ambition"].update(statement="Eerst."))
    )
    assert first.status_code == 302
    response = client_for(people["regisseur"]).post(url, stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Tekst van de tweede schrijver." in page and "Eerst." in page
    assert 'name="base_revision" value="2"' in page
    assert programme.revisions.count() == 2


def test_partner_edits_own_card_through_its_page(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["partner"])
    url = reverse("programmes:own", args=[programme.slug])
    page = client.get(url).content.decode()
    assert "Onze organisatie" in page
    party = people["partner"].memberships.get().party_id
    from stramien.web.programmes.partner_parts import own_model as _model
    from stramien.web.programmes.partner_parts import own_parts as _own_parts

    data = _own_parts(programme.head_document, party)
    data["partnership"]["partners"][0]["role"] = "Wij trekken het wonen."
    node = schemaform.build(_model(), data, prefix="s")
    post: dict[str, Any] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["base_revision"] = "1"
    # Trying to change the locked id is ignored.
    post["s-partnership-partners-0-id"] = ["overgenomen"]
    response = client.post(url, post)
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    card = next(p for p in programme.head_document["partnership"]["partners"] if p["id"] == party)
    assert card["role"] == "Wij trekken het wonen."


def test_history_diff_restore_and_downloads(people: dict[str, Any], programme: Programme) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    client.post(
        url,
        _form_post(programme, "ambitie", lambda d: d["ambition"].update(statement="Nieuwe kern.")),
    )
    history = client.get(reverse("programmes:history", args=[programme.slug])).content.decode()
    assert "Nieuwe kern." not in history and ">2<" in history
    detail = client.get(reverse("programmes:revision", args=[programme.slug, 2])).content.decode()
    assert "<ins>" in detail and "Nieuwe" in detail
    yaml_text = client.get(
        reverse("programmes:download", args=[programme.slug, 1, "yaml"])
    ).content.decode()
    assert "Nieuwe kern." not in yaml_text and "schema_version" in yaml_text
    markdown = client.get(reverse("programmes:download", args=[programme.slug, 2, "md"]))
    assert "Nieuwe kern." in markdown.content.decode()
    assert markdown["Content-Disposition"].endswith('-versie-2.md"')
    client.post(reverse("programmes:restore", args=[programme.slug, 1]))
    programme.refresh_from_db()
    assert programme.head_number == 3
    assert "Nieuwe kern." not in programme.head_document["ambition"]["statement"]
    assert (
        client.get(reverse("programmes:download", args=[programme.slug, 9, "pdf"])).status_code
        == 404
    )


def test_comment_thread(people: dict[str, Any], programme: Programme) -> None:
    partner = client_for(people["partner"])
    url = reverse("programmes:comment", args=[programme.slug, "doelen"])
    partner.post(url, {"body": "Mist hier niet een doel over werk?"})
    from stramien.web.programmes.models import Comment

    thread = Comment.objects.get()
    client_for(people["regisseur"]).post(
        url, {"body": "Goed punt, toegevoegd.", "thread": thread.pk}
    )
    partner.post(reverse("programmes:resolve", args=[programme.slug, thread.pk]))
    page = partner.get(reverse("programmes:section", args=[programme.slug, "doelen"]))
    text = page.content.decode()
    assert "Mist hier niet een doel over werk?" in text and "Goed punt, toegevoegd." in text
    assert "afgehandeld" in text
    empty = partner.post(url, {"body": "   "})
    assert empty.status_code == 302 and Comment.objects.count() == 2


def test_artist_impression_upload(people: dict[str, Any], programme: Programme) -> None:
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    client = client_for(people["regisseur"])
    url = reverse("programmes:upload_image", args=[programme.slug])
    client.post(
        url,
        {"image": SimpleUploadedFile("plein.png", png), "alt_text": "Het nieuwe plein."},
    )
    programme.refresh_from_db()
    image = programme.head_document["realisation"]["artist_impression"]
    assert image["alt_text"] == "Het nieuwe plein." and image["file"].endswith(".png")
    served = client.get(reverse("programmes:attachment", args=[programme.slug, image["file"]]))
    assert served.content == png
    before = programme.head_number
    client.post(
        url,
        {"image": SimpleUploadedFile("virus.png", b"MZ\x90\x00"), "alt_text": "Geen beeld."},
    )
    programme.refresh_from_db()
    assert programme.head_number == before


def test_english_switch(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    assert 'lang="nl"' in client.get(reverse("programmes:list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("programmes:list")).content.decode()
    assert 'lang="en"' in page and "My programmes" in page


def test_finance_totals_and_goal_outline_beside_the_form(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    finance = client.get(reverse("programmes:section", args=[programme.slug, "financien"]))
    text = finance.content.decode()
    assert "Totalen en dekking" in text and "Bijdragen in natura" in text
    goals = client.get(reverse("programmes:section", args=[programme.slug, "doelen"]))
    first_goal = programme.head_document["goals"][0]
    assert "De doelenboom in tekst" in goals.content.decode()
    assert first_goal["title"] in goals.content.decode()
    # The live check recomputes the totals from the form as it is now.
    post = _form_post(
        programme,
        "financien",
        # A new cost line (long lists keep their existing items on their own pages).
        lambda d: d["finance"]["cost_items"].append(
            {**d["finance"]["cost_items"][0], "id": "k-extra", "amount": 1000000}
        ),
    )
    live = client.post(reverse("programmes:check", args=[programme.slug, "financien"]), post)
    assert "Nog niet gedekt" in live.content.decode()


def test_audit_trail_filters_and_csv(people: dict[str, Any], programme: Programme) -> None:
    client = client_for(people["regisseur"])
    client_for(people["partner"]).post(
        reverse("programmes:comment", args=[programme.slug, "ambitie"]), {"body": "=SUM(A1)"}
    )
    page = client.get(reverse("programmes:audit", args=[programme.slug])).content.decode()
    assert "Programma aangemaakt" in page and "Opmerking geplaatst" in page
    only_comments = client.get(
        reverse("programmes:audit", args=[programme.slug]), {"actie": "comment.add"}
    ).content.decode()
    assert "Programma aangemaakt" not in only_comments.split("<tbody>")[1]
    response = client.get(
        reverse("programmes:audit_csv", args=[programme.slug]), {"wie": "partner"}
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("tijd,wie,actie")
    assert len(lines) == 2 and ",partner,comment.add," in lines[1]
    garbage = client.get(reverse("programmes:audit", args=[programme.slug]), {"vanaf": "gisteren"})
    assert garbage.status_code == 200
