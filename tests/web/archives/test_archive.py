"""Export, verify and import a whole programme; tampered and newer archives are refused."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stramien.archive import ArchiveError, verify_archive, write_archive
from stramien.cli import main
from stramien.web.agreeing import actions as approvals
from stramien.web.archives.actions import import_programme
from stramien.web.archives.selectors import export_data, export_programme
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme, Revision

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(programme: Any, people: dict[str, Any]) -> Any:
    """Three versions, a comment, and an adopted round by both partners' people."""
    for text in ("Eerste aanpassing.", "Tweede aanpassing."):
        document = copy.deepcopy(programme.head_document)
        document["finance"]["notes"] = text
        actions.save_document(
            acting_user=people["regisseur"],
            programme=programme,
            document=document,
            base_number=programme.head_number,
        )
    actions.add_comment(
        acting_user=people["partner"], programme=programme, section="ambitie", body="Mooi."
    )
    current = approvals.propose(acting_user=people["regisseur"], programme=programme, number=3)
    approvals.decide(
        acting_user=people["partner"],
        programme=programme,
        round_id=current.pk,
        revision_hash=current.revision_hash,
        approve=True,
    )
    return programme


def test_export_verify_import_gives_identical_hashes(history: Any, people: dict[str, Any]) -> None:
    raw = export_programme(acting_user=people["regisseur"], programme=history)
    assert verify_archive(raw).ok
    imported = import_programme(acting_user=people["outsider"], raw=raw)
    assert imported.pk != history.pk
    original = list(Revision.objects.filter(programme=history).values_list("number", "hash"))
    copied = list(Revision.objects.filter(programme=imported).values_list("number", "hash"))
    assert original == copied
    assert imported.head_document == history.head_document
    assert imported.comments.count() == 1
    assert imported.rounds.get().approvals.count() == 1
    # Comments and rounds keep their own times, not the time of the import.
    assert imported.comments.get().created_at == history.comments.get().created_at
    assert imported.rounds.get().proposed_at == history.rounds.get().proposed_at
    # Exporting the imported programme verifies too, with the same chain.
    again = export_data(imported)
    assert [r["hash"] for r in again["revisions"]] == [h for _n, h in original]


def test_a_changed_byte_anywhere_is_refused(history: Any, people: dict[str, Any]) -> None:
    raw = export_programme(acting_user=people["regisseur"], programme=history)
    for position in range(0, len(raw), max(1, len(raw) // 40)):
        tampered = bytearray(raw)
        tampered[position] ^= 0x01
        with pytest.raises(ArchiveError):
            result = verify_archive(bytes(tampered))
            if result.ok:  # pragma: no cover - would be a silent acceptance
                raise AssertionError(f"byte {position} changed, still accepted")
            raise ArchiveError("refused")
    assert Programme.objects.count() == 1


def _rewrite(raw: bytes, change: Any) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        data = json.loads(archive.read("programme.json"))
    change(data)
    return write_archive(data)


def test_consistent_forgeries_are_caught_by_the_chain(history: Any, people: dict[str, Any]) -> None:
    raw = export_programme(acting_user=people["regisseur"], programme=history)

    def rename_author(data: dict[str, Any]) -> None:
        data["revisions"][1]["author_name"] = "Iemand anders"

    def approve_other_version(data: dict[str, Any]) -> None:
        data["rounds"][0]["approvals"][0]["revision_hash"] = data["revisions"][0]["hash"]

    for forge in (rename_author, approve_other_version):
        result = verify_archive(_rewrite(raw, forge))
        assert not result.ok, forge.__name__
        with pytest.raises(ArchiveError):
            import_programme(acting_user=people["outsider"], raw=_rewrite(raw, forge))
    assert Programme.objects.count() == 1


def test_newer_schema_and_format_are_refused(history: Any, people: dict[str, Any]) -> None:
    raw = export_programme(acting_user=people["regisseur"], programme=history)
    newer = _rewrite(raw, lambda d: d.update(schema_version="9.0"))
    with pytest.raises(ArchiveError, match=r"nieuwere|werk Stramien bij"):
        verify_archive(newer)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(buffer, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        manifest["format"] = 99
        target.writestr("manifest.json", json.dumps(manifest))
        target.writestr("programme.json", source.read("programme.json"))
    with pytest.raises(ArchiveError, match="nieuwere versie"):
        verify_archive(buffer.getvalue())
    with pytest.raises(ArchiveError):
        verify_archive(b"not a zip at all")


def test_cli_verify(history: Any, people: dict[str, Any], tmp_path: Any, capsys: Any) -> None:
    archive = tmp_path / "programma.stramien.zip"
    archive.write_bytes(export_programme(acting_user=people["regisseur"], programme=history))
    assert main(["verify", str(archive)]) == 0
    assert "in orde" in capsys.readouterr().out
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    assert main(["verify", str(archive)]) in (1, 2)
    assert main(["verify", str(tmp_path / "missing.zip")]) == 2


def test_buttons_in_the_app(history: Any, people: dict[str, Any]) -> None:
    regisseur = client_for(people["regisseur"])
    response = regisseur.get(reverse("programmes:export", args=[history.slug]))
    assert response["Content-Type"] == "application/zip"
    assert (
        client_for(people["partner"])
        .get(reverse("programmes:export", args=[history.slug]))
        .status_code
        == 403
    )
    page = client_for(people["lezer"]).get(reverse("programmes:verify", args=[history.slug]))
    assert "Alles klopt" in page.content.decode()
    upload = SimpleUploadedFile("p.stramien.zip", response.content)
    created = client_for(people["outsider"]).post(
        reverse("programmes:create"), {"start": "archive", "upload": upload}
    )
    assert created.status_code == 302 and Programme.objects.count() == 2
    broken = bytearray(response.content)
    broken[100] ^= 0x55
    refused = client_for(people["outsider"]).post(
        reverse("programmes:create"),
        {"start": "archive", "upload": SimpleUploadedFile("p.zip", bytes(broken))},
    )
    assert refused.status_code == 200 and Programme.objects.count() == 2
