"""The Logboek: filters and the CSV export."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.web.programmes.models import Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db


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
