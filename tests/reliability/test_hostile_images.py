"""Fake images at the artist impression upload (``programmes:upload_image``).

A real PNG or JPEG is taken and served back as an image; anything else — a PNG signature in
front of a ZIP, SVG or HTML, a truncated or corrupt PNG/JPEG, a pixel bomb, an SVG with
script, HTML named .png — is refused with a Dutch message, and nothing is stored: no
attachment, no new version. The text alternative carries HTML payloads, which every page
must show as text.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stramien.web.programmes.models import Attachment

from . import _corpus as corpus
from ._corpus import HTML_PAGE
from ._judge import deadline, html_facts, html_injection, not_dutch
from .conftest import client_for
from .test_conflict_pages import as_page

pytestmark = [pytest.mark.reliability, pytest.mark.django_db]


def test_artist_impression_upload(programme: Any, people: dict[str, Any]) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:upload_image", args=[programme.slug])
    section = reverse("programmes:section", args=[programme.slug, "realisatie"])
    baseline = html_facts(client.get(section).content.decode())
    alt_texts = [text for family, text in corpus.payloads() if family == "html"]
    failures: list[str] = []
    for number, image in enumerate(corpus.images()):
        programme.refresh_from_db()
        head, stored = programme.head_number, Attachment.objects.count()
        alt = alt_texts[number % len(alt_texts)]
        upload = SimpleUploadedFile(image.filename, image.data, image.content_type)
        try:
            with deadline():
                response = client.post(url, {"image": upload, "alt_text": alt, "caption": alt})
        except Exception as exc:
            failures.append(f"{image.label}: {type(exc).__name__}: {exc}"[:400])
            continue
        corpus.count("web image upload")
        if response.status_code != 302:
            failures.append(f"{image.label}: answered {response.status_code}")
            continue
        page = as_page(client.get(response["Location"]))
        programme.refresh_from_db()
        added = Attachment.objects.count() - stored
        errors = [text for level, text in page.messages if level == "error"]
        taken = programme.head_number == head + 1 and not errors
        if image.real or (image.real is None and taken):
            if not taken or added != 1:
                failures.append(f"{image.label}: a real image was not taken: {page.messages}")
                continue
            found = html_injection(page.text, baseline)
            failures += [f"{image.label}: section page: {f}" for f in found]
            attachment = Attachment.objects.latest("pk")
            served = client.get(
                reverse("programmes:attachment", args=[programme.slug, attachment.name])
            )
            if served.status_code != 200 or served["Content-Type"] not in (
                "image/png",
                "image/jpeg",
            ):
                failures.append(
                    f"{image.label}: served as {served.status_code} {served.get('Content-Type')}"
                )
            elif HTML_PAGE in served.content or b"PK\x03\x04" in served.content:
                failures.append(f"{image.label}: what was behind the picture is served too")
            if served.get("X-Content-Type-Options") != "nosniff":
                failures.append(f"{image.label}: served without nosniff")
            if any(c in served.get("Content-Disposition", "") for c in "\r\n"):
                failures.append(f"{image.label}: a line break in Content-Disposition")
            continue
        if added or programme.head_number != head:
            failures.append(
                f"{image.label}: a fake image was stored ({added} attachment(s), "
                f"version {head} -> {programme.head_number})"
            )
        if not errors:
            failures.append(f"{image.label}: refused without a message")
        for text in errors:
            reasons = not_dutch(text)
            if reasons:
                failures.append(f"{image.label}: {reasons}: {text}")
    overview = client.get(reverse("programmes:overview", args=[programme.slug]))
    assert overview.status_code == 200
    download = client.get(
        reverse("programmes:download", args=[programme.slug, programme.head_number, "html"])
    )
    assert download.status_code == 200
    facts = html_facts(download.content.decode())
    failures += [f"html download: event handler {h}" for h in facts.handlers]
    assert not failures, "\n" + "\n".join(failures)
