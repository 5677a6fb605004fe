"""A page reads the version number and the document of one version, whoever saves meanwhile.

Under load another save can land between the moment a request reads the programme's row and
the moment it reads the newest document (derived from the revisions, or cached by hash). The
page then shows the version the row named, whole; a partner's save below is merged with that
other save, never refused for changes that were not the partner's.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from stramien.web import schemaform
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme
from stramien.web.programmes.partner_parts import own_model, own_parts
from stramien.web.programmes.store import forget_documents

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@contextmanager
def save_after_the_programme_is_read(change: Callable[[], None]) -> Iterator[None]:
    """Run ``change`` once, just after the request first read the programme's row (so
    before it reads that version's document)."""
    state = {"done": False, "inside": False}

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        reads_row = 'FROM "programmes_programme"' in sql and sql.lstrip().upper().startswith(
            "SELECT"
        )
        if reads_row and not state["done"] and not state["inside"]:
            state["done"] = state["inside"] = True
            try:
                change()
            finally:
                state["inside"] = False
        return result

    forget_documents()  # the request reads the document from the revisions, as a cold worker
    with connection.execute_wrapper(wrapper):
        yield
    assert state["done"], "the request never read the programme"


def _regisseur_changes_the_statement(
    people: dict[str, Any], programme: Programme, text: str
) -> Callable[[], None]:
    """A save by the regisseur of §1's core statement, to run while another request is busy."""

    def save() -> None:
        fresh = Programme.objects.get(pk=programme.pk)
        document = copy.deepcopy(fresh.head_document)
        document["ambition"]["statement"] = text
        actions.save_document(
            acting_user=people["regisseur"],
            programme=fresh,
            document=document,
            base_number=fresh.head_number,
        )

    return save


def _partner_post(programme: Programme, party: str, role: str) -> dict[str, Any]:
    data = own_parts(programme.head_document, party)
    data["partnership"]["partners"][0]["role"] = role
    post: dict[str, Any] = {}
    for name, value in schemaform.submitted(schemaform.build(own_model(), data, prefix="s")):
        post.setdefault(name, []).append(value)
    post["base_revision"] = str(programme.head_number)
    return post


def test_a_partners_save_is_merged_with_a_save_that_landed_meanwhile(
    people: dict[str, Any], programme: Programme
) -> None:
    party = people["partner"].memberships.get().party_id
    post = _partner_post(programme, party, "Wij trekken het wonen.")
    save = _regisseur_changes_the_statement(people, programme, "Samen maken we de wijk sterker.")
    client = client_for(people["partner"])
    with save_after_the_programme_is_read(save):
        response = client.post(reverse("programmes:own", args=[programme.slug]), post)
    assert response.status_code == 302, response.status_code
    programme.refresh_from_db()
    assert programme.head_number == 3
    document = programme.head_document
    card = next(p for p in document["partnership"]["partners"] if p["id"] == party)
    assert card["role"] == "Wij trekken het wonen."
    assert document["ambition"]["statement"] == "Samen maken we de wijk sterker."


def test_the_form_and_its_version_number_come_from_one_version(
    people: dict[str, Any], programme: Programme
) -> None:
    save = _regisseur_changes_the_statement(people, programme, "Een nieuwe kern.")
    client = client_for(people["regisseur"])
    with save_after_the_programme_is_read(save):
        page = client.get(reverse("programmes:section", args=[programme.slug, "ambitie"]))
    text = page.content.decode()
    # The version the row named when the page was read, not a mix with the newer save.
    assert 'name="base_revision" value="1"' in text
    assert "Een nieuwe kern." not in text
    assert Programme.objects.get(pk=programme.pk).head_number == 2
