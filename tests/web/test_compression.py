"""Pages come compressed to a browser that accepts gzip, with a random file name in the
gzip header (the length of a page with a CSRF token varies by chance: BREACH)."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from django.urls import reverse

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_page_is_gzipped_for_a_browser_that_accepts_it(people: dict[str, Any]) -> None:
    client = client_for(people["partner"])
    url = reverse("programmes:list")
    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    page = gzip.decompress(packed.content).decode()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("csrfmiddlewaretoken") == plain.content.decode().count("csrfmiddlewaretoken")
    # The header names a file (FNAME) of a random length: the lengths of ten responses differ.
    assert packed.content[3] & gzip.FNAME
    lengths = {len(client.get(url, headers={"accept-encoding": "gzip"}).content) for _ in range(10)}
    assert len(lengths) > 1
