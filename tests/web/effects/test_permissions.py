"""Every role on every effect measurement page: who reads, who changes, who gets nothing."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from stramien.web.effects import actions as effects_actions
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db

VISITORS = (
    "anonymous",
    "outsider",
    "lezer",
    "other_partner",
    "partner",
    "monitor",
    "regisseur",
    "staff",
)
READERS = {"lezer", "other_partner", "partner", "monitor", "regisseur", "staff"}
EDITORS = {"monitor", "regisseur"}


def _client(visitor: str, people: dict[str, Any], monitor: Any) -> Any:
    if visitor == "anonymous":
        return client_for(None)
    return client_for(monitor if visitor == "monitor" else people[visitor])


def _pages(slug: str) -> list[str]:
    return [
        reverse("programmes:effects", args=[slug]),
        reverse("programmes:effects_settings", args=[slug]),
        reverse("programmes:effects_case", args=[slug, "casus-schulden"]),
        reverse("programmes:effects_price_lists", args=[slug]),
        reverse("programmes:effects_price_list", args=[slug, "prijzen-2026"]),
        reverse("programmes:effects_price_list_download", args=[slug, "prijzen-2026", "csv"]),
        reverse("programmes:effects_price_list_download", args=[slug, "prijzen-2026", "xlsx"]),
    ]


@pytest.mark.parametrize("visitor", VISITORS)
def test_everyone_who_reads_the_programme_sees_the_results(
    visitor: str, people: dict[str, Any], monitor: Any, effects_programme: Programme
) -> None:
    client = _client(visitor, people, monitor)
    for url in _pages(effects_programme.slug):
        response = client.get(url)
        if visitor in READERS:
            assert response.status_code == 200, url
        elif visitor == "anonymous":
            assert response.status_code == 302, url
        else:
            assert response.status_code == 404, url


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_the_regisseur_and_the_monitor_change_the_effect_measurement(
    visitor: str, people: dict[str, Any], monitor: Any, effects_programme: Programme
) -> None:
    client = _client(visitor, people, monitor)
    slug = effects_programme.slug
    before = effects_programme.head_number
    response = client.post(
        reverse("programmes:effects_price_lists", args=[slug]),
        {"base_revision": before, "title": "Prijzen 2027", "year": "2027"},
    )
    programme = Programme.objects.get(pk=effects_programme.pk)
    if visitor in EDITORS:
        assert response.status_code == 302
        assert programme.head_number == before + 1
        titles = [p["title"] for p in programme.head_document["effect_measurement"]["price_lists"]]
        assert titles == ["Prijzen 2026", "Prijzen 2027"]
        assert programme.revisions.get(number=before + 1).section == "effectmeting"
    else:
        assert response.status_code == {"anonymous": 302, "outsider": 404}.get(visitor, 403)
        assert programme.head_number == before
    # The reprice page (even its preview) and the new case form are for editors only.
    reprice = client.get(
        reverse("programmes:effects_reprice", args=[slug, "casus-schulden"])
        + "?prijslijst=prijzen-2026"
    )
    expected = 200 if visitor in EDITORS else {"anonymous": 302, "outsider": 404}.get(visitor, 403)
    assert reprice.status_code == expected
    new_case = client.get(reverse("programmes:effects_case_new", args=[slug]))
    if visitor in EDITORS:
        assert b'name="c-title"' in new_case.content
    elif visitor in READERS:
        assert b'name="c-title"' not in new_case.content


@pytest.mark.parametrize("visitor", sorted(READERS - EDITORS))
def test_readers_see_no_edit_forms(
    visitor: str, people: dict[str, Any], monitor: Any, effects_programme: Programme
) -> None:
    client = _client(visitor, people, monitor)
    page = client.get(
        reverse("programmes:effects_case", args=[effects_programme.slug, "casus-schulden"])
    )
    assert b'name="c-intervention-0-quantity"' not in page.content
    assert "Schulden voorkomen" in page.content.decode()


def test_the_monitor_changes_nothing_outside_the_effect_measurement(
    people: dict[str, Any], monitor: Any, effects_programme: Programme
) -> None:
    document = copy.deepcopy(effects_programme.head_document)
    document["ambition"]["statement"] = "Door de monitor herschreven."
    with pytest.raises(PermissionDenied):
        actions.save_document(
            acting_user=monitor,
            programme=effects_programme,
            document=document,
            base_number=effects_programme.head_number,
            may_change=effects_actions.may_change(monitor, effects_programme),
        )
    # A partner is not let in by the effect measurement's permission either.
    document = copy.deepcopy(effects_programme.head_document)
    document["effect_measurement"]["method"] = "Door een partner."
    with pytest.raises(PermissionDenied):
        actions.save_document(
            acting_user=people["partner"],
            programme=effects_programme,
            document=document,
            base_number=effects_programme.head_number,
            may_change=effects_actions.may_change(people["partner"], effects_programme),
        )
    assert (
        Programme.objects.get(pk=effects_programme.pk).head_number == effects_programme.head_number
    )
