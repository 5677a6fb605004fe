"""The read path keeps parsed documents and stored forms per version (by content hash): what a
page shows is the same with the caches on or off, and never a version older than the head."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.model.agreement import REFERENCE_KINDS
from stramien.web import schemaform
from stramien.web.programmes import actions, selectors
from stramien.web.programmes.models import Membership, Programme
from stramien.web.programmes.store import forget_documents, load_head

from .. import EXAMPLES
from ..conftest import client_for

pytestmark = pytest.mark.django_db

FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="(s-[^"]+)"')


def _statement(programme: Programme, text: str, user: Any) -> None:
    document = programme.head_document
    document["ambition"]["statement"] = text
    outcome = actions.save_document(
        acting_user=user, programme=programme, document=document, base_number=programme.head_number
    )
    assert outcome.saved


def test_choices_of_some_kinds_are_those_of_the_whole_document() -> None:
    """Walking only the parts that can hold the asked kinds finds every item of them."""
    large_document = load_agreement(EXAMPLES / "large.yaml").model_dump(mode="json")
    everything = list(schemaform.iter_items(Agreement, large_document))
    choices = schemaform.choices_from(large_document)
    for kinds in set(REFERENCE_KINDS.values()):
        expected = [item_id for kind, item_id, _name in everything if kind in kinds]
        assert [value for value, _label in choices(kinds)] == expected, kinds
    assert any(choices(kinds) for kinds in REFERENCE_KINDS.values())


def test_the_page_after_a_save_shows_the_new_version(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    _statement(programme, "Eerst deze kern.", people["regisseur"])
    assert "Eerst deze kern." in client.get(url).content.decode()
    _statement(programme, "Daarna een andere kern.", people["regisseur"])
    page = client.get(url).content.decode()
    assert "Daarna een andere kern." in page and "Eerst deze kern." not in page
    assert f'name="base_revision" value="{programme.head_number}"' in page


def test_a_reader_never_gets_the_form_an_editor_got(
    people: dict[str, Any], programme: Programme
) -> None:
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    reader = client_for(people["lezer"])
    alone = set(FIELD.findall(reader.get(url).content.decode()))
    editor_fields = set(FIELD.findall(client_for(people["regisseur"]).get(url).content.decode()))
    after_editor = set(FIELD.findall(reader.get(url).content.decode()))
    assert after_editor == alone
    assert editor_fields != alone


def test_pages_and_saves_work_with_the_caches_off(
    people: dict[str, Any], programme: Programme, settings: Any
) -> None:
    settings.STRAMIEN_DOCUMENT_CACHE = 0
    settings.STRAMIEN_FORM_CACHE = 0
    forget_documents()
    client = client_for(people["regisseur"])
    _statement(programme, "Zonder cache opgeslagen.", people["regisseur"])
    overview = client.get(reverse("programmes:overview", args=[programme.slug]))
    section = client.get(reverse("programmes:section", args=[programme.slug, "ambitie"]))
    assert overview.status_code == section.status_code == 200
    assert "Zonder cache opgeslagen." in section.content.decode()
    assert load_head(programme)["ambition"]["statement"] == "Zonder cache opgeslagen."


def test_the_my_programmes_page_names_the_partner_a_member_speaks_for(
    people: dict[str, Any], programme: Programme
) -> None:
    """The partner's name comes from the newest document, read from the revisions."""
    member = Membership.objects.get(programme=programme, user=people["partner"])
    name = next(
        p["name"]
        for p in programme.head_document["partnership"]["partners"]
        if p["id"] == member.party_id
    )
    forget_documents()
    page = client_for(people["partner"]).get(reverse("programmes:list"))
    assert name in page.content.decode()


def test_the_overview_after_a_save_shows_the_checks_of_the_new_version(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    url = reverse("programmes:overview", args=[programme.slug])
    _agreement, before = selectors.head_with_report(programme)
    assert f"{len(before.findings)} bevindingen" in client.get(url).content.decode()
    document = programme.head_document
    document["ambition"]["statement"] = ""
    assert actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    ).saved
    _agreement, after = selectors.head_with_report(programme)
    assert len(after.findings) != len(before.findings)
    assert f"{len(after.findings)} bevindingen" in client.get(url).content.decode()
