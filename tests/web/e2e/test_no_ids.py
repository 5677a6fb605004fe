"""Issue 17, points 1 and 12: a new programme filled in a real browser without typing an id.

A procesregisseur makes a blank programme, adds two partners, a goal and an indicator whose
goal and owner are chosen by name; no id field is touched (they stay folded away under
"Geavanceerd"). The YAML download then holds proper ids made from the names, and every
reference points to them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.urls import reverse

from stramien.model import Agreement

from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _saved(page: Any) -> None:
    from playwright.sync_api import expect

    expect(page.locator(".st-messages")).to_contain_text("Opgeslagen als versie")


def _add_row(page: Any, list_name: str) -> None:
    """Press a list's "Nog een toevoegen" button (with or without a full reload)."""
    page.locator(f'button[name="add"][value="{list_name}"]').click()


def _no_id_typed(page: Any) -> None:
    """Every id field on the page is folded away and was left as the page gave it."""
    from playwright.sync_api import expect

    for field in page.locator('input[name$="-id"]').all():
        expect(field).to_be_hidden()


def test_a_new_programme_is_filled_without_ever_typing_an_id(
    new_context: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    regisseur = make_user("regisseur-epe", name="Procesregisseur Epe")
    page = new_context(regisseur).new_page()

    page.goto("/programmas/nieuw/")
    page.get_by_label("Een leeg programma").check()
    page.get_by_label("Naam van het programma").fill("Wijkdeal Epe-Noord")
    page.get_by_role("button", name="Programma aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wijkdeal Epe-Noord")
    nav = page.get_by_role("navigation", name="Programma")

    # Two partners: only their names and choices from lists.
    nav.get_by_role("link", name=re.compile("Partnerschap")).click()
    partners = [
        ("Gemeente Epe", "government", "public", "5"),
        ("Woonstichting Noordveluwe", "business", "private", "4"),
    ]
    for index, (name, category, sector, level) in enumerate(partners):
        _add_row(page, "s-partnership-partners")
        row = f"s-partnership-partners-{index}"
        page.locator(f'[name="{row}-name"]').fill(name)
        page.locator(f'[name="{row}-category"]').select_option(category)
        page.locator(f'[name="{row}-sector"]').select_option(sector)
        page.locator(f'[name="{row}-participation_level"]').select_option(level)
    # Saved, the new partners are offered by name as the initiator.
    _no_id_typed(page)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    _saved(page)
    initiator = page.locator('select[name="s-partnership-initiator"]')
    initiator.select_option(label="Gemeente Epe")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    _saved(page)
    expect(page.locator('select[name="s-partnership-initiator"] option:checked')).to_have_text(
        "Gemeente Epe"
    )
    # Each partner is headed by its name; its id is there, folded away under "Geavanceerd".
    first = page.locator('[id="id_s-partnership-partners-0"]')
    expect(first.locator("legend").first).to_have_text("1. Gemeente Epe")
    advanced = first.locator("details.stramien-advanced").last
    expect(advanced.locator('input[name="s-partnership-partners-0-id"]')).to_be_hidden()
    advanced.locator("summary").click()
    expect(advanced.locator('input[name="s-partnership-partners-0-id"]')).to_have_value(
        "gemeente-epe"
    )

    # A goal, with its contributing partner ticked by name.
    nav.get_by_role("link", name=re.compile("Doelen")).click()
    _add_row(page, "s-goals")
    page.locator('[name="s-goals-0-title"]').fill("Betaalbaar en duurzaam wonen in Epe-Noord")
    page.get_by_role("checkbox", name="Woonstichting Noordveluwe").check()
    _no_id_typed(page)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    _saved(page)

    # An indicator whose goal and owner are chosen by name.
    nav.get_by_role("link", name=re.compile("Indicatoren")).click()
    _add_row(page, "s-indicators")
    page.locator('[name="s-indicators-0-name"]').fill("Gerenoveerde woningen")
    page.locator('[name="s-indicators-0-goal"]').select_option(
        label="Betaalbaar en duurzaam wonen in Epe-Noord"
    )
    page.locator('[name="s-indicators-0-owner"]').select_option(label="Woonstichting Noordveluwe")
    _no_id_typed(page)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    _saved(page)
    expect(page.locator('select[name="s-indicators-0-owner"] option:checked')).to_have_text(
        "Woonstichting Noordveluwe"
    )

    # The YAML download has proper ids, made from the names, and references that hold.
    nav.get_by_role("link", name="Geschiedenis").click()
    page.locator("table tbody tr").first.get_by_role("link").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="YAML", exact=True).click()
    target = tmp_path / "epe.yaml"
    download.value.save_as(target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [p["id"] for p in data["partnership"]["partners"]] == [
        "gemeente-epe",
        "woonstichting-noordveluwe",
    ]
    assert data["partnership"]["initiator"] == "gemeente-epe"
    goal = data["goals"][0]
    assert goal["id"] == "betaalbaar-en-duurzaam-wonen-in-epe"
    assert goal["partners"] == ["woonstichting-noordveluwe"]
    indicator = data["indicators"][0]
    assert indicator["id"] == "gerenoveerde-woningen"
    assert (indicator["goal"], indicator["owner"]) == (goal["id"], "woonstichting-noordveluwe")
    Agreement.model_validate(data)


def test_a_long_choice_list_is_narrowed_by_typing_part_of_a_name(
    new_context: Any, people: Any
) -> None:
    from playwright.sync_api import expect

    from stramien.io import load_agreement
    from stramien.web.programmes import actions

    from .. import EXAMPLES

    programme = actions.create_programme(
        acting_user=people["regisseur"], agreement=load_agreement(EXAMPLES / "large.yaml")
    )
    indicator = programme.head_document["indicators"][0]
    page = new_context(people["regisseur"]).new_page()
    page.goto(reverse("programmes:item", args=[programme.slug, "indicatoren", indicator["id"]]))
    goal = page.locator('select[name$="-goal"]')
    expect(goal.locator("option")).to_have_count(101)  # "— kies —" and every goal, by title
    search = page.get_by_role("searchbox", name="Zoek in ‘Doel’")
    search.fill("schoolmaatschappelijk")
    expect(goal.locator("option")).to_have_count(2)  # the current goal stays, and the match
    expect(goal.locator("option:checked")).to_have_text(
        "Schoolmaatschappelijk werk op de mbo-locatie in Assen"
    )
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".st-messages")).to_contain_text("Opgeslagen als versie 2")
    programme.refresh_from_db()
    assert programme.head_document["indicators"][0]["goal"] == "g-werk-1-2"
    # Emptying the box offers every goal again.
    page.get_by_role("searchbox", name="Zoek in ‘Doel’").fill("")
    expect(page.locator('select[name$="-goal"] option')).to_have_count(101)
