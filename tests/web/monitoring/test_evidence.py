"""Evidence files with a measurement: which are taken, how they are served, who reads them,
and what a correction does with them (see ``stramien.web.monitoring.evidence``)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from stramien.web.monitoring.models import Measurement
from stramien.web.programmes.models import Attachment, Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db

BIJSTAND = "i-bijstand"


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def _post(client: Any, programme: Programme, data: bytes, name: str, value: str = "402") -> Any:
    url = reverse("programmes:indicator", args=[programme.slug, BIJSTAND])
    upload = SimpleUploadedFile(name, data)
    return client.post(
        url, {"period": "2026-Q3", "value": value, "evidence": upload, "submit": "1"}
    )


def _serve(client: Any, programme: Programme, measurement: Measurement) -> Any:
    url = reverse("programmes:measurement_evidence", args=[programme.slug, measurement.pk])
    return client.get(url)


def test_a_pdf_is_kept_and_served_only_as_a_download(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["partner"])
    assert _post(client, programme, _pdf(), "Rapportage Q3.pdf").status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.evidence is not None
    response = _serve(client, programme, measurement)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response.content.startswith(b"%PDF-")
    page = client.get(reverse("programmes:indicator", args=[programme.slug, BIJSTAND]))
    assert reverse("programmes:measurement_evidence", args=[programme.slug, measurement.pk]) in (
        page.content.decode()
    )
    review = client_for(people["regisseur"]).get(
        reverse("programmes:review", args=[programme.slug])
    )
    assert "Bewijsstuk bekijken" in review.content.decode()


def test_a_picture_is_shown_inline_as_a_clean_copy(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["partner"])
    assert _post(client, programme, _png(), "foto.png").status_code == 302
    response = _serve(client, programme, Measurement.objects.get())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "rapport.pdf", "Een bewijsstuk is een PDF"),
        (b"%PDF-1.7\nniets dan rommel", "kapot.pdf", "beschadigde PDF"),
        (_png()[:40], "half.png", "PNG- of JPEG-formaat"),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "groot.pdf", "te groot"),
    ],
)
def test_a_refused_file_saves_nothing_and_says_why(
    people: dict[str, Any], programme: Programme, data: bytes, name: str, message: str
) -> None:
    response = _post(client_for(people["partner"]), programme, data, name, value="402")
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert 'value="402"' in text  # the typed value stays
    assert not Measurement.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("regisseur", 200),
        ("partner", 200),
        ("other_partner", 200),
        ("lezer", 200),
        ("staff", 200),  # staff see every programme (programmes.permissions)
        ("outsider", 404),
        (None, 302),
    ],
)
def test_everyone_with_access_reads_the_evidence(
    people: dict[str, Any], programme: Programme, who: str | None, status: int
) -> None:
    _post(client_for(people["partner"]), programme, _pdf(), "rapport.pdf")
    client = client_for(people[who] if who else None)
    response = _serve(client, programme, Measurement.objects.get())
    assert response.status_code == status
    if who is None:
        assert "login" in response["Location"] or "inloggen" in response["Location"]


def test_a_correction_keeps_the_evidence_or_takes_a_new_one(
    people: dict[str, Any], programme: Programme
) -> None:
    partner, regisseur = client_for(people["partner"]), client_for(people["regisseur"])
    _post(partner, programme, _pdf(), "rapport.pdf")
    first = Measurement.objects.get()
    regisseur.post(
        reverse("programmes:decide_measurement", args=[programme.slug, first.pk]),
        {"decision": "return", "reason": "Tikfout"},
    )
    url = reverse("programmes:indicator", args=[programme.slug, BIJSTAND])
    partner.post(url, {"period": "2026-Q3", "value": "403", "submit": "1"})
    kept = Measurement.objects.get(supersedes=first)
    assert kept.evidence_id == first.evidence_id
    regisseur.post(
        reverse("programmes:decide_measurement", args=[programme.slug, kept.pk]),
        {"decision": "return", "reason": "Ander bewijs graag"},
    )
    _post(partner, programme, _png(), "foto.png", value="404")
    replaced = Measurement.objects.get(supersedes=kept)
    assert replaced.evidence is not None
    assert replaced.evidence.content_type == "image/png"
    assert _serve(partner, programme, first)["Content-Type"] == "application/pdf"
