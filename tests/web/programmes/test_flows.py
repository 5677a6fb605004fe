"""What users do: create programmes, import files, invite, accept, edit, restore, download."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stramien.web import schemaform
from stramien.web.programmes.editor import PREFIX, section_data
from stramien.web.programmes.models import Membership, Programme, Revision
from stramien.web.programmes.sections import BY_KEY

from .. import EXAMPLES
from ..conftest import client_for

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
    # Another section of the programme has none of them.
    other = partner.get(reverse("programmes:section", args=[programme.slug, "ambitie"]))
    assert "Nog geen opmerkingen bij dit onderdeel." in other.content.decode()
    assert "Mist hier niet een doel over werk?" not in other.content.decode()
    empty = partner.post(url, {"body": "   "})
    assert empty.status_code == 302 and Comment.objects.count() == 2


def _pixels(data: bytes) -> list[Any]:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return list(image.convert("RGBA").tobytes())


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
    # What is kept and served is Stramien's own copy of the picture: the same pixels.
    assert served["Content-Type"] == "image/png"
    assert "sandbox" in served["Content-Security-Policy"]
    assert _pixels(served.content) == _pixels(png)
    before = programme.head_number
    client.post(
        url,
        {"image": SimpleUploadedFile("virus.png", b"MZ\x90\x00"), "alt_text": "Geen beeld."},
    )
    programme.refresh_from_db()
    assert programme.head_number == before


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
