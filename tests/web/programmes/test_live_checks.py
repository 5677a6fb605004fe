"""The checks panel tells the truth about the form the user is looking at: after asking for
another row and after a refused save it checks their input, not the stored version."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.web import schemaform
from stramien.web.programmes import actions
from stramien.web.programmes.editor import PREFIX, section_data
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY

from ..conftest import client_for

pytestmark = pytest.mark.django_db

MISSING = "Er staat niet van welk groter geheel"


@pytest.fixture
def without_larger_whole(people: dict[str, Any], small_agreement: Any) -> Programme:
    ambition = small_agreement.ambition.model_copy(update={"larger_whole": ""})
    agreement = small_agreement.model_copy(update={"ambition": ambition})
    return actions.create_programme(acting_user=people["regisseur"], agreement=agreement)


def post_of(programme: Programme, edit: Any) -> dict[str, Any]:
    data = section_data(BY_KEY["ambitie"], programme.head_document)
    edit(data)
    node = schemaform.build(BY_KEY["ambitie"].model, data, prefix=PREFIX)
    post: dict[str, Any] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["base_revision"] = str(programme.head_number)
    return post


def panel(html: str) -> str:
    return html.split('id="controles"', 1)[1].split("</aside>", 1)[0]


def fill(data: dict[str, Any]) -> None:
    data["ambition"]["larger_whole"] = "De regionale woondeal."


def test_the_stored_version_reports_the_empty_field(
    people: dict[str, Any], without_larger_whole: Programme
) -> None:
    url = reverse("programmes:section", args=[without_larger_whole.slug, "ambitie"])
    page = client_for(people["regisseur"]).get(url).content.decode()
    assert MISSING in panel(page)


def test_after_another_row_a_filled_field_is_not_reported_missing(
    people: dict[str, Any], without_larger_whole: Programme
) -> None:
    post = post_of(without_larger_whole, fill)
    post["add"] = "s-ambition-beneficiaries"
    url = reverse("programmes:section", args=[without_larger_whole.slug, "ambitie"])
    page = client_for(people["regisseur"]).post(url, post).content.decode()
    assert "De regionale woondeal." in page
    assert MISSING not in panel(page)


def test_after_removing_every_group_the_panel_says_they_are_missing(
    people: dict[str, Any], programme: Programme
) -> None:
    post = post_of(programme, lambda data: None)
    for index in range(len(programme.head_document["ambition"]["beneficiaries"])):
        post[f"s-ambition-beneficiaries-{index}-DELETE"] = "on"
    post["add"] = "s-ambition-beneficiaries"
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    page = client_for(people["regisseur"]).post(url, post).content.decode()
    assert "welke maatschappelijke groeperingen" in panel(page)


def test_after_a_refused_save_the_panel_checks_the_input(
    people: dict[str, Any], without_larger_whole: Programme
) -> None:
    post = post_of(without_larger_whole, fill)
    post["s-programme-start"] = "geen datum"
    url = reverse("programmes:section", args=[without_larger_whole.slug, "ambitie"])
    response = client_for(people["regisseur"]).post(url, post)
    page = response.content.decode()
    assert response.status_code == 200 and "Niet opgeslagen" in page
    without_larger_whole.refresh_from_db()
    assert without_larger_whole.head_number == 1
    assert MISSING not in panel(page)


def test_the_live_check_links_each_finding_to_its_field(
    people: dict[str, Any], programme: Programme
) -> None:
    post = post_of(programme, lambda data: data["ambition"].update(larger_whole=""))
    url = reverse("programmes:check", args=[programme.slug, "ambitie"])
    text = client_for(people["regisseur"]).post(url, post).content.decode()
    section = reverse("programmes:section", args=[programme.slug, "ambitie"])
    assert f'href="{section}#id_s-ambition-larger_whole"' in text
    assert "Groter geheel" in text
