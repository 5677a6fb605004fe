"""Members and adoption in the browser: the invite form, revoking an invitation, changing a
role, taking someone out, the last regisseur, and a version with errors put up for adoption."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from stramien.web.agreeing.models import ApprovalRound
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_managing_members(new_context: Any, programme: Programme, people: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    page = new_context(people["regisseur"]).new_page()
    page.goto(f"/programmas/{programme.slug}/deelnemers/")
    expect(page.get_by_label("Rol (verplicht)")).to_have_value("partner")

    # Invite a reader, then take the invitation back: the link no longer works.
    page.get_by_label("E-mailadres").fill("nieuw@example.org")
    page.get_by_label("Rol (verplicht)").select_option("lezer")
    page.get_by_role("button", name="Uitnodigen").click()
    link = page.locator("#invite-link").inner_text()
    page.get_by_role("button", name=re.compile("^Intrekken.*nieuw@example.org$")).click()
    expect(page.get_by_text("De uitnodiging voor nieuw@example.org is ingetrokken")).to_be_visible()
    guest = new_context().new_page()
    guest.goto(link)
    expect(
        guest.get_by_text("De procesregisseur heeft deze uitnodiging ingetrokken")
    ).to_be_visible()
    expect(guest.get_by_role("button", name="Account maken en meedoen")).to_have_count(0)

    # A reader becomes a partner; a partner role needs an organisation.
    page.get_by_role("link", name=re.compile(r"^Rol wijzigen of verwijderen\W+Lezer$")).click()
    page.get_by_label("Rol (verplicht)").select_option("partner")
    page.get_by_role("button", name="Rol opslaan").click()
    expect(page.get_by_text("Kies de organisatie waarvoor deze partner optreedt.")).to_be_visible()
    expect(page.get_by_label("Rol (verplicht)")).to_have_value("partner")  # the input is kept
    third = programme.head_document["partnership"]["partners"][2]
    organisation = third["name"]
    page.get_by_label("Namens partner").select_option(third["id"])
    page.get_by_role("button", name="Rol opslaan").click()
    expect(page.get_by_text("De rol van Lezer is bijgewerkt.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("^Lezer"))
    expect(row).to_contain_text("Partner")
    expect(row).to_contain_text(organisation)

    # The only regisseur can neither step down nor leave.
    page.get_by_role("link", name=re.compile(r"^Rol wijzigen of verwijderen\W+Regisseur$")).click()
    page.get_by_label("Rol (verplicht)").select_option("lezer")
    page.get_by_role("button", name="Rol opslaan").click()
    expect(page.get_by_text("Regisseur is de enige procesregisseur.")).to_be_visible()

    # Taking a partner out asks to tick a box first.
    page.goto(f"/programmas/{programme.slug}/deelnemers/")
    page.get_by_role("link", name=re.compile(r"^Rol wijzigen of verwijderen\W+Partner$")).click()
    page.get_by_role("button", name="Uit het programma halen").click()
    expect(
        page.get_by_text("Vink aan dat u deze persoon uit het programma wilt halen.")
    ).to_be_visible()
    page.get_by_label("Ja, haal deze persoon uit het programma").check()
    page.get_by_role("button", name="Uit het programma halen").click()
    expect(page.get_by_text("Partner doet niet meer mee.")).to_be_visible()
    assert not Membership.objects.filter(programme=programme, user=people["partner"]).exists()
    assert {"invitation.revoke", "membership.change", "membership.remove"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_version_with_errors_is_confirmed_first(
    new_context: Any, programme: Programme, people: dict[str, Any], javascript: bool
) -> None:
    from playwright.sync_api import expect

    document = copy.deepcopy(programme.head_document)
    document["ambition"]["statement"] = ""
    actions.save_document(
        acting_user=people["regisseur"], programme=programme, document=document, base_number=1
    )
    page = new_context(people["regisseur"], java_script_enabled=javascript).new_page()
    page.goto(f"/programmas/{programme.slug}/vaststelling/")
    page.get_by_role("button", name="Versie 2 ter vaststelling voorleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie 2 met fouten voorleggen?")
    error = page.get_by_role("link", name="De maatschappelijke ambitie is nog niet verwoord.")
    expect(error).to_be_visible()

    page.get_by_role("button", name="Versie 2 toch voorleggen").click()
    expect(
        page.get_by_text("Vink aan dat u deze versie met fouten toch wilt voorleggen")
    ).to_be_visible()
    assert not ApprovalRound.objects.exists()
    page.get_by_label("Ik leg deze versie toch voor").check()
    page.get_by_role("button", name="Versie 2 toch voorleggen").click()
    expect(page.get_by_text("Versie 2 ligt nu ter vaststelling voor.")).to_be_visible()
    assert ApprovalRound.objects.get().revision_number == 2

    # The error's link opens the field it is about.
    page.go_back()
    page.go_back()
    page.get_by_role("link", name="De maatschappelijke ambitie is nog niet verwoord.").click()
    page.wait_for_url(re.compile(r"/onderdeel/ambitie/#"))
    expect(page.get_by_label("Kernachtige ambitie")).to_be_visible()
