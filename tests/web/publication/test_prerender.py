"""Each new version's PDF is made by a background task right after the save, so that the
download is read from the cache instead of being typeset while the user waits."""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from stramien.render import _cache, clear_caches, set_cache_dir
from stramien.render import pdf as pdf_module
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme
from stramien.web.publication.prerender import PRERENDER, formats_from_environment

from ..conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "render-cache"
    saved = (_cache.DIRECTORY._path, _cache.DIRECTORY._configured)
    set_cache_dir(folder)
    PRERENDER.configure(["pdf"])
    clear_caches()
    yield folder
    PRERENDER.drain(timeout=600)
    PRERENDER.configure(None)
    clear_caches()
    _cache.DIRECTORY._path, _cache.DIRECTORY._configured = saved


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_saved_versions_are_ready_before_they_are_downloaded(
    people: dict[str, Any],
    small_agreement: Any,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    regisseur = people["regisseur"]
    programme = actions.create_programme(acting_user=regisseur, agreement=small_agreement)
    assert PRERENDER.drain(timeout=600)
    assert list(cache_dir.glob("*.bin")), "nothing was rendered in the background"

    document = copy.deepcopy(programme.head_document)
    document["programme"]["summary"] += " Zin uit versie twee."
    outcome = actions.save_document(
        acting_user=regisseur, programme=programme, document=document, base_number=1
    )
    assert outcome.revision is not None
    # A programme that no longer exists is skipped; the queue goes on.
    PRERENDER.schedule(10**9)
    assert PRERENDER.drain(timeout=600)

    clear_caches()  # nothing in this process's memory: only the worker's files

    def refuse(*args: object) -> bytes:
        raise AssertionError("the download was typeset again")

    monkeypatch.setattr(pdf_module, "render_pdf", refuse)
    client = client_for(regisseur)
    url = reverse("programmes:download", args=[programme.slug, 2, "pdf"])
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "Zin uit versie twee." in " ".join(pdf_text(response.content).split())
    first = client.get(reverse("programmes:download", args=[programme.slug, 1, "pdf"]))
    assert first.status_code == 200 and first.content != response.content

    # The same bytes as a download made on the spot, without the background worker.
    monkeypatch.undo()
    set_cache_dir(None)
    clear_caches()
    assert client.get(url).content == response.content


def test_adoption_makes_the_adopted_document(
    people: dict[str, Any], programme: Programme, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stramien.web.agreeing import actions as approvals

    from ..conftest import make_user

    assert PRERENDER.drain(timeout=600)
    round_ = approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    partners = {m.party_id: m.user for m in programme.memberships.filter(role="partner")}
    for party_id in round_.parties:
        user = partners.get(party_id) or make_user(f"p-{party_id}")
        if party_id not in partners:
            programme.memberships.create(user=user, role="partner", party_id=party_id)
        approvals.decide(
            acting_user=user,
            programme=programme,
            round_id=round_.pk,
            revision_hash=round_.revision_hash,
            approve=True,
        )
    assert PRERENDER.drain(timeout=600)
    clear_caches()

    def refuse(*args: object) -> bytes:
        raise AssertionError("the adopted document was not made in the background")

    monkeypatch.setattr(pdf_module, "render_pdf", refuse)
    response = client_for(people["regisseur"]).get(
        reverse("programmes:download", args=[programme.slug, 1, "pdf"])
    )
    assert "Vastgesteld" in pdf_text(response.content)


def test_switched_off_by_default_and_by_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRAMIEN_PRERENDER", raising=False)
    assert formats_from_environment() == []
    monkeypatch.setenv("STRAMIEN_PRERENDER", "0")
    assert formats_from_environment() == []
    monkeypatch.setenv("STRAMIEN_PRERENDER", "pdf, docx,exe")
    assert formats_from_environment() == ["pdf", "docx"]
