"""The whole way through, in a real browser: from logging in to the PDF of the merged version.

A procesregisseur logs in, creates a programme from an example and invites a partner; the
partner makes an account through the invitation link and edits its own organisation while the
regisseur has §1 open; the regisseur's save is merged with the partner's; the history shows
both; the PDF of the newest version contains both texts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from ..conftest import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Texts with a code that hyphenation cannot split, so they can be found in the PDF's text.
AMBITION = "Iedere bewoner van Zonnehof doet mee, code Q7301."
PARTNER_ROLE = "Trekker van de wijkaanpak en gastheer van het wijkpunt, code Z4812."
PARTNER_PASSWORD = "partner-wachtwoord-voor-de-test"


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    # Undo hyphenation at line ends and line breaks, so that sentences can be searched.
    text = re.sub(r"[-\u00ad\u2010]\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text)


def _expect_message(page: Any, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator(".st-messages")).to_contain_text(text)


def test_regisseur_and_partner_write_together(new_context: Any, tmp_path: Path) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    make_user("regisseur-zonnehof", name="Procesregisseur Zonnehof")

    # The regisseur logs in through the form.
    regisseur = new_context().new_page()
    regisseur.goto("/")
    expect(regisseur).to_have_url(re.compile(r"/account/inloggen/"))
    regisseur.get_by_label("Gebruikersnaam").fill("regisseur-zonnehof")
    regisseur.get_by_label("Wachtwoord").fill(PASSWORD)
    regisseur.get_by_role("button", name="Inloggen").click()
    expect(regisseur.get_by_role("heading", level=1)).to_have_text("Mijn programma's")

    # ... and creates a programme from the small example.
    regisseur.get_by_role("link", name="Nieuw programma").click()
    regisseur.get_by_label("Een voorbeeld").check()
    regisseur.get_by_label("Voorbeeld", exact=True).select_option("small")
    regisseur.get_by_role("button", name="Programma aanmaken").click()
    _expect_message(regisseur, "Het programma is aangemaakt.")
    expect(regisseur.get_by_role("heading", level=1)).to_contain_text("Samen Zonnehof")
    programme_nav = regisseur.get_by_role("navigation", name="Programma")

    # Invite a partner for the municipality; the page shows the link to pass on.
    programme_nav.get_by_role("link", name="Deelnemers").click()
    regisseur.get_by_label("Naam", exact=True).fill("Vertegenwoordiger gemeente")
    regisseur.get_by_label("E-mailadres").fill("partner.gemeente@example.org")
    regisseur.get_by_label(re.compile(r"^Rol\b")).select_option("partner")
    regisseur.get_by_label("Namens partner").select_option("gem-apeldoorn")
    regisseur.get_by_role("button", name="Uitnodigen").click()
    _expect_message(regisseur, "De uitnodiging is verstuurd.")
    link = regisseur.locator("#invite-link").inner_text().strip()
    assert re.search(r"/account/uitnodiging/[\w-]+/$", link), link
    assert [m.to for m in mail.outbox] == [["partner.gemeente@example.org"]]
    assert link in mail.outbox[0].body

    # The regisseur opens §1 before the partner saves anything.
    programme_nav.get_by_role("link", name="Ambitie").click()
    expect(regisseur.get_by_role("heading", level=1)).to_contain_text("Ambitie")
    statement = regisseur.get_by_label("Kernachtige ambitie")
    expect(statement).to_be_editable()

    # The partner, in a browser of its own, opens the link and makes an account.
    partner = new_context().new_page()
    partner.goto(link)
    expect(partner.get_by_role("heading", level=1)).to_contain_text("Uitnodiging voor")
    partner.get_by_label("Uw naam").fill("Vertegenwoordiger gemeente")
    partner.get_by_label("Gebruikersnaam").fill("partner-gemeente")
    partner.get_by_label("Wachtwoord").fill(PARTNER_PASSWORD)
    partner.get_by_role("button", name="Account maken en meedoen").click()
    _expect_message(partner, "Welkom!")
    expect(partner.get_by_role("heading", level=1)).to_contain_text("Samen Zonnehof")

    # The partner changes its role on "Onze organisatie" and saves: version 2.
    partner.get_by_role("navigation", name="Programma").get_by_role(
        "link", name="Onze organisatie"
    ).click()
    role = partner.locator('textarea[name="s-partnership-partners-0-role"]')
    expect(role).to_contain_text("Initiatiefnemer")
    role.fill(PARTNER_ROLE)
    partner.get_by_role("button", name="Opslaan", exact=True).click()
    _expect_message(partner, "Opgeslagen als versie 2.")
    expect(role).to_have_value(PARTNER_ROLE)

    # The regisseur, still on the page loaded at version 1, saves §1: merged into version 3.
    statement.fill(AMBITION)
    regisseur.get_by_role("button", name="Opslaan", exact=True).click()
    _expect_message(regisseur, "Opgeslagen als versie 3.")
    _expect_message(regisseur, "samengevoegd")
    expect(regisseur.get_by_label("Kernachtige ambitie")).to_have_value(AMBITION)

    # The history shows both new versions, each by the person who made it.
    programme_nav.get_by_role("link", name="Geschiedenis").click()
    rows = regisseur.locator("table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Procesregisseur Zonnehof")
    expect(rows.nth(0)).to_contain_text("samengevoegd, begonnen vanaf versie 1")
    expect(rows.nth(1)).to_contain_text("Vertegenwoordiger gemeente")
    expect(rows.nth(1)).to_contain_text("eigen")
    # Version 3 holds the regisseur's own change only; the partner's is in version 2.
    rows.nth(0).get_by_role("link", name="3").click()
    expect(regisseur.get_by_role("heading", level=1)).to_contain_text("Versie 3")
    expect(regisseur.locator("main")).to_contain_text("Q7301")
    expect(regisseur.locator("main")).not_to_contain_text("Z4812")

    # The PDF of the newest version, from the overview, contains both texts.
    programme_nav.get_by_role("link", name="Overzicht").click()
    expect(regisseur.locator("main")).to_contain_text("Nieuwste versie: 3.")
    download = None
    try:
        with regisseur.expect_download(timeout=30_000) as download_info:
            regisseur.get_by_role("link", name="PDF", exact=True).click()
        download = download_info.value
    except PlaywrightTimeoutError:
        pass
    if download is None:
        # When rendering fails the server sends the visitor to the revision page instead.
        alerts = regisseur.locator("[role=alert]").all_inner_texts()
        pytest.fail(f"no PDF was downloaded; the page says: {alerts}", pytrace=False)
    assert download.suggested_filename.endswith("-versie-3.pdf")
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert AMBITION in text
    assert PARTNER_ROLE in text


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName.toLowerCase(),"
        " name: document.activeElement.getAttribute('name') || '',"
        " text: document.activeElement.textContent.trim(),"
        " id: document.activeElement.id})"
    )


def test_login_page_tab_order_starts_with_the_skip_link(new_context: Any) -> None:
    from playwright.sync_api import expect

    page = new_context().new_page()
    page.goto("/account/inloggen/")
    # Nothing has the focus yet (no autofocus), so the visitor starts at the top of the page.
    assert _focused(page)["tag"] == "body", f"focus starts on {_focused(page)}, not the top"

    # The first Tab reaches the skip link, and it shows.
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Naar de inhoud"
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_in_viewport()

    # Going on with Tab passes the header and then reaches the fields and the button, in order.
    passed = []
    for _ in range(10):
        page.keyboard.press("Tab")
        if _focused(page)["name"] == "username":
            break
        passed.append(_focused(page)["text"])
    assert _focused(page)["name"] == "username", passed
    assert passed == ["▦ Stramien", "Inloggen", "English"]
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "password"
    page.keyboard.press("Tab")
    assert _focused(page) == {"tag": "button", "name": "", "text": "Inloggen", "id": ""}


def test_login_with_the_keyboard_only(new_context: Any) -> None:
    from playwright.sync_api import expect

    make_user("regisseur-zonnehof", name="Procesregisseur Zonnehof")
    page = new_context().new_page()
    page.goto("/account/inloggen/")

    # Tab (round the page if need be) to the skip link; it takes the focus past the header.
    for _ in range(12):
        page.keyboard.press("Tab")
        if _focused(page)["text"] == "Naar de inhoud":
            break
    assert _focused(page)["text"] == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "inhoud"
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "username"

    # Typing, Tab and Enter log in.
    page.keyboard.type("regisseur-zonnehof")
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn programma's")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(
        "Procesregisseur Zonnehof"
    )
