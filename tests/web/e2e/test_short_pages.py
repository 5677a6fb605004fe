"""Issue 17, points 7 and 12: short pages in a real browser.

The height of every section page of the demo at 1280 px wide; with ``STRAMIEN_PAGE_HEIGHTS=1``
the heights are printed (run with ``-s``), for the figures in the changelog.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from stramien.web.demo import create_demo
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import SECTIONS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
#: No section page of the demo may be longer than this at 1280 px wide.
MAX_HEIGHT = 8000
PRINT = os.environ.get("STRAMIEN_PAGE_HEIGHTS", "") == "1"


def _demo() -> tuple[Programme, dict[str, Any]]:
    programme = create_demo(verbose=False)["programme"]
    return programme, {u.username: u for u in get_user_model().objects.all()}


def _height(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollHeight"))


def test_every_section_of_the_demo_is_short(new_context: Any) -> None:
    programme, users = _demo()
    page = new_context(users["regisseur"], viewport=DESKTOP).new_page()
    heights = {}
    for section in SECTIONS:
        page.goto(f"/programmas/{programme.slug}/onderdeel/{section.key}/")
        heights[f"{section.number} {section.key}"] = _height(page)
    partner = new_context(users["partner"], viewport=DESKTOP).new_page()
    partner.goto(f"/programmas/{programme.slug}/eigen-organisatie/")
    heights["eigen organisatie"] = _height(partner)
    if PRINT:
        print()
        for name, height in heights.items():
            print(f"{name}: {height} px")
    # Before issue 17 the longest was 34,449 px (§2.4/§4.5 Programmaorganisatie).
    assert max(heights.values()) < MAX_HEIGHT, heights


def test_add_and_remove_without_a_reload(new_context: Any) -> None:
    from playwright.sync_api import expect

    programme, users = _demo()
    page = new_context(users["regisseur"], viewport=DESKTOP).new_page()
    page.goto(f"/programmas/{programme.slug}/onderdeel/risicos/")
    page.evaluate("() => { window.__notReloaded = true; }")
    risks = programme.head_document["risks"]["items"]

    # "Nog een toevoegen": the new row appears under the table, its first field focused.
    page.locator('button[name="add"][value="s-risks-items"]').click()
    title = page.locator(f'[name="s-risks-items-{len(risks)}-title"]')
    expect(title).to_be_focused()
    assert page.evaluate("() => window.__notReloaded === true")
    title.fill("Een nieuw risico")

    # "Verwijderen" in the table: the row goes, the focus is on the message, and what was
    # typed in the new row is still there.
    gone = risks[3]
    row = page.locator("tr", has=page.locator(f'a[href$="/item/{gone["id"]}/"]'))
    row.get_by_role("button", name=re.compile("^Verwijderen")).click()
    expect(page.locator(f'a[href$="/item/{gone["id"]}/"]')).to_have_count(0)
    expect(page.locator(".st-messages")).to_be_focused()
    expect(page.locator(".st-messages")).to_contain_text("Opgeslagen als versie 2")
    assert page.evaluate("() => window.__notReloaded === true")
    programme.refresh_from_db()
    assert gone["id"] not in {r["id"] for r in programme.head_document["risks"]["items"]}


def test_add_without_javascript_focuses_the_new_row(new_context: Any) -> None:
    from playwright.sync_api import expect

    programme, users = _demo()
    context = new_context(users["regisseur"], viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/programmas/{programme.slug}/onderdeel/partnerschap/")
    count = len(programme.head_document["partnership"]["stakeholders"])
    page.locator('button[name="add"][value="s-partnership-stakeholders"]').click()
    page.wait_for_url(f"**#id_s-partnership-stakeholders-{count}-name")
    expect(page.locator(f"#id_s-partnership-stakeholders-{count}-name")).to_be_focused()
