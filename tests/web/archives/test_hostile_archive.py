"""A hostile archive can neither plant a script nor make anyone a member.

Each archive here is well-formed and its checksum is right: the attacker made it with
Stramien's own archive writer. What it carries is the attack.
"""

from __future__ import annotations

import base64
import hashlib
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

import picture_files
from stramien.archive import ArchiveError, write_archive
from stramien.web.archives.actions import import_programme
from stramien.web.archives.selectors import export_data
from stramien.web.programmes import actions
from stramien.web.programmes.models import Attachment, Membership, Programme, Revision

from ..conftest import client_for

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><script>fetch('/programmas/').then(r => r.text()).then(alert)</script></html>"


def _with_attachment(programme: Programme, *, name: str, data: bytes, content_type: str) -> Any:
    """The programme's archive data with one attachment that its document shows."""
    data_dict = export_data(programme)
    data_dict["attachments"] = [
        {
            "name": name,
            "content_type": content_type,
            "sha256": hashlib.sha256(data).hexdigest(),
            "data": base64.b64encode(data).decode("ascii"),
            "uploaded_by": "regisseur",
            "created_at": None,
        }
    ]
    return data_dict


def test_a_script_declared_as_a_page_is_refused_and_nothing_is_stored(
    programme: Programme, people: dict[str, Any]
) -> None:
    raw = write_archive(
        _with_attachment(programme, name="beeld.png", data=SCRIPT, content_type="text/html")
    )
    before = Programme.objects.count()
    with pytest.raises(ArchiveError, match="geen bruikbare afbeelding"):
        import_programme(acting_user=people["outsider"], raw=raw)
    assert Programme.objects.count() == before
    assert not Attachment.objects.filter(data=SCRIPT).exists()


def test_an_svg_with_script_is_refused(programme: Programme, people: dict[str, Any]) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    raw = write_archive(
        _with_attachment(programme, name="beeld.svg", data=svg, content_type="image/svg+xml")
    )
    with pytest.raises(ArchiveError):
        import_programme(acting_user=people["outsider"], raw=raw)


def test_a_picture_with_a_file_behind_it_is_kept_without_it(
    programme: Programme, people: dict[str, Any]
) -> None:
    polyglot = picture_files.png() + b"PK\x03\x04" + SCRIPT
    raw = write_archive(
        _with_attachment(programme, name="beeld.png", data=polyglot, content_type="text/html")
    )
    imported = import_programme(acting_user=people["outsider"], raw=raw)
    stored = imported.attachments.get()
    assert stored.content_type == "image/png"
    assert SCRIPT not in bytes(stored.data)
    assert Image.open(io.BytesIO(bytes(stored.data))).size == (4, 3)
    served = client_for(people["outsider"]).get(
        reverse("programmes:attachment", args=[imported.slug, stored.name])
    )
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]


def test_an_attachment_name_that_breaks_out_is_refused(
    programme: Programme, people: dict[str, Any]
) -> None:
    raw = write_archive(
        _with_attachment(
            programme, name='a.png"; x="', data=picture_files.png(), content_type="image/png"
        )
    )
    with pytest.raises(ArchiveError, match="ongeldige naam"):
        import_programme(acting_user=people["outsider"], raw=raw)


def test_the_people_of_an_archive_do_not_become_members(
    programme: Programme, people: dict[str, Any]
) -> None:
    data = export_data(programme)
    # The attacker names existing accounts of this server as regisseur of the copy.
    data["people"] = [
        {"username": name, "role": "regisseur", "party_id": "", "email": "x@evil.example"}
        for name in ("lezer", "staff", "partner")
    ]
    data["revisions"][0]["author"] = "lezer"
    imported = import_programme(acting_user=people["outsider"], raw=write_archive(data))
    members = Membership.objects.filter(programme=imported)
    assert [(m.user.get_username(), m.role) for m in members] == [("outsider", "regisseur")]
    # The history still says who wrote it, through a stand-in that cannot log in.
    author = Revision.objects.get(programme=imported, number=1).author
    assert author != people["lezer"] and not author.is_active
    assert not author.has_usable_password()
    assert author.get_username() == "lezer@archief"
    # The existing account did not change, and cannot read the imported programme.
    people["lezer"].refresh_from_db()
    assert people["lezer"].email == "lezer@example.org"
    page = client_for(people["lezer"]).get(reverse("programmes:overview", args=[imported.slug]))
    assert page.status_code == 404


def test_an_old_row_of_another_type_is_only_a_download(
    programme: Programme, people: dict[str, Any]
) -> None:
    Attachment.objects.create(
        programme=programme,
        name="oud.png",
        content_type="text/html",
        sha256=hashlib.sha256(SCRIPT).hexdigest(),
        data=SCRIPT,
        size=len(SCRIPT),
        uploaded_by=people["regisseur"],
    )
    served = client_for(people["lezer"]).get(
        reverse("programmes:attachment", args=[programme.slug, "oud.png"])
    )
    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in served["Content-Security-Policy"]


def test_an_upload_is_checked_like_an_import(programme: Programme, people: dict[str, Any]) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:upload_image", args=[programme.slug])
    before = programme.head_number
    fakes = {
        "zip": b"\x89PNG\r\n\x1a\n" + b"PK\x03\x04" + bytes(200),
        "svg": b"\x89PNG\r\n\x1a\n<svg xmlns='http://www.w3.org/2000/svg'/>",
        "truncated": picture_files.png(64, 64)[:60],
        "jpeg-header": b"\xff\xd8\xff\xe0" + bytes(100),
    }
    for label, data in fakes.items():
        response = client.post(
            url,
            {"image": SimpleUploadedFile(f"{label}.png", data), "alt_text": "Een beeld."},
            follow=True,
        )
        text = response.content.decode()
        assert "PNG" in text and ("geüpload" in text or "beschadigd" in text), label
    programme.refresh_from_db()
    assert programme.head_number == before
    assert not Attachment.objects.filter(programme=programme).exists()


def test_a_failed_save_leaves_no_image_behind(
    programme: Programme, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def conflicting(**kwargs: Any) -> actions.SaveOutcome:
        return actions.SaveOutcome(conflicts=[], head_number=kwargs["base_number"])

    monkeypatch.setattr(actions, "save_document", conflicting)
    with pytest.raises(actions.ActionError):
        actions.attach_artist_impression(
            acting_user=people["regisseur"],
            programme=programme,
            data=picture_files.png(),
            original_name="plein.png",
            alt_text="Het plein.",
        )
    assert not Attachment.objects.filter(programme=programme).exists()


def test_a_nul_character_in_a_comment_is_refused_and_nothing_is_stored(
    programme: Programme, people: dict[str, Any]
) -> None:
    # PostgreSQL cannot store U+0000 in text: such an archive answered 500 there.
    actions.add_comment(
        acting_user=people["regisseur"], programme=programme, section="ambitie", body="Goed."
    )
    data = export_data(programme)
    data["comments"][0]["body"] = "Goed.\x00"
    before = Programme.objects.count()
    with pytest.raises(ArchiveError, match="nulteken"):
        import_programme(acting_user=people["outsider"], raw=write_archive(data))
    assert Programme.objects.count() == before
