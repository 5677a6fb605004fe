"""The downloads of a concept version end with its open points; once the version is
adopted they do not (issue 15, point 13)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from stramien.web.agreeing.models import ApprovalRound
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme, Revision

from ..conftest import client_for

pytestmark = pytest.mark.django_db

COUNT = "1 fout staat nog open."
MESSAGE = "De maatschappelijke ambitie is nog niet verwoord."


@pytest.fixture
def unsettled(people: dict[str, Any], small_agreement: Any) -> Programme:
    small_agreement.ambition.statement = ""
    return actions.create_programme(acting_user=people["regisseur"], agreement=small_agreement)


def _download(programme: Programme, user: Any, fmt: str) -> str:
    url = reverse("programmes:download", args=[programme.slug, programme.head_number, fmt])
    response = client_for(user).get(url)
    assert response.status_code == 200
    if fmt == "pdf":
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    else:
        text = response.content.decode()
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_concept_download_lists_the_open_points(
    people: dict[str, Any], unsettled: Programme, fmt: str
) -> None:
    text = _download(unsettled, people["regisseur"], fmt)
    assert "Openstaande punten" in text and COUNT in text and MESSAGE in text


def test_adopted_download_has_no_open_points(people: dict[str, Any], unsettled: Programme) -> None:
    concept = _download(unsettled, people["regisseur"], "html")
    ApprovalRound.objects.create(
        programme=unsettled,
        revision_number=unsettled.head_number,
        revision_hash=Revision.objects.get(programme=unsettled, number=unsettled.head_number).hash,
        proposed_by=people["regisseur"],
        status=ApprovalRound.Status.ADOPTED,
    )
    adopted = _download(unsettled, people["regisseur"], "html")
    assert "Openstaande punten" in concept
    assert "Openstaande punten" not in adopted and MESSAGE not in adopted
