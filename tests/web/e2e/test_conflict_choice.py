"""Two people change the same field in two browsers; the second reads who made the other
change and chooses "use theirs", with JavaScript (the text goes into the field at once) and
without (the server applies the choice)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.io import load_agreement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership

from ..conftest import EXAMPLES, make_user
from .test_accessibility import Audit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STATEMENT = "#id_s-ambition-statement"


def _two_regisseurs() -> tuple[Any, Any, Any]:
    first = make_user("bram", name="Bram de Vries")
    second = make_user("anna", name="Anna Jansen")
    programme = actions.create_programme(
        acting_user=first, agreement=load_agreement(EXAMPLES / "small.yaml")
    )
    Membership.objects.create(programme=programme, user=second, role="regisseur")
    return programme, first, second


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_second_editor_chooses_theirs(new_context: Any, javascript: bool) -> None:
    programme, bram, anna = _two_regisseurs()
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    page_bram = new_context(bram).new_page()
    page_anna = new_context(anna, java_script_enabled=javascript).new_page()
    page_bram.goto(url)
    page_anna.goto(url)

    page_bram.fill(STATEMENT, "De kern volgens Bram.")
    page_bram.get_by_role("button", name="Opslaan", exact=True).click()
    page_bram.wait_for_url(f"**{url}")

    page_anna.fill(STATEMENT, "De kern volgens Anna.")
    page_anna.fill("#id_s-ambition-story", "Het verhaal volgens Anna.")
    with page_anna.expect_navigation():
        page_anna.get_by_role("button", name="Opslaan", exact=True).click()
    conflict = page_anna.locator(".st-conflict")
    assert "Intussen gewijzigd door Bram de Vries" in conflict.inner_text()
    # Her story did not conflict: it is already saved, and the page says so.
    assert "Uw overige wijzigingen zijn opgeslagen als versie 3" in page_anna.content()
    if javascript:  # axe-core runs as a script in the page
        audit = Audit()
        audit.scan("conflict page", page_anna)
        audit.assert_clean()

    page_anna.get_by_label("Versie van de ander gebruiken (nu opgeslagen)").check()
    if javascript:
        assert page_anna.input_value(STATEMENT) == "De kern volgens Bram."
    else:
        assert page_anna.input_value(STATEMENT) == "De kern volgens Anna."
    with page_anna.expect_navigation():
        page_anna.get_by_role("button", name="Opslaan", exact=True).click()

    programme.refresh_from_db()
    ambition = programme.head_document["ambition"]
    assert ambition["statement"] == "De kern volgens Bram."
    assert ambition["story"] == "Het verhaal volgens Anna."
    assert page_anna.input_value(STATEMENT) == "De kern volgens Bram."
