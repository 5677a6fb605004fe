"""A phone's width: no page of the demo scrolls sideways at 360 px, and the programme's
navigation is a menu that opens and closes (without JavaScript too)."""

from __future__ import annotations

from typing import Any

import pytest

from stramien.web.demo import create_demo
from stramien.web.programmes.models import Membership, Programme
from stramien.web.programmes.sections import SECTIONS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}

# What sticks out on the right, so that a failure names the element to fix: the innermost
# elements whose right edge lies beyond the viewport.
_TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const beyond = element => element.getBoundingClientRect().right > width + 0.5;
  const scrolls = element => ["auto", "scroll", "hidden"].includes(
    getComputedStyle(element).overflowX);
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    if (!beyond(element) || element.getBoundingClientRect().width === 0) continue;
    if ([...element.children].some(beyond)) continue;
    let up = element.parentElement;
    while (up && !scrolls(up)) up = up.parentElement;
    if (up) continue;
    const right = Math.round(element.getBoundingClientRect().right);
    const text = element.textContent.trim().slice(0, 40);
    found.push(`${element.tagName.toLowerCase()}.${element.className} (${right} px): ${text}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 8)};
}"""


def _pages(programme: Programme) -> list[str]:
    """The main pages of a programme, as its procesregisseur opens them."""
    base = f"/programmas/{programme.slug}"
    document = programme.head_document
    goal = document["goals"][0]["id"]
    indicator = document["indicators"][0]["id"]
    member = Membership.objects.filter(programme=programme, role="partner").first()
    assert member is not None
    return [
        "/programmas/",
        "/programmas/nieuw/",
        f"{base}/",
        *(f"{base}/onderdeel/{section.key}/" for section in SECTIONS),
        f"{base}/onderdeel/doelen/item/{goal}/",
        f"{base}/vaststelling/",
        f"{base}/monitoring/",
        f"{base}/monitoring/beoordelen/",
        f"{base}/monitoring/indicator/{indicator}/",
        f"{base}/monitoring/ontbrekend/",
        f"{base}/monitoring/mijlpalen/",
        f"{base}/monitoring/financien/",
        f"{base}/monitoring/rapportage/",
        f"{base}/geschiedenis/",
        f"{base}/versie/1/",
        f"{base}/deelnemers/",
        f"{base}/deelnemers/{member.pk}/",
        f"{base}/integriteit/",
        f"{base}/logboek/",
        "/account/meldingen/",
        "/account/api-sleutels/",
    ]


def _width(page: Any, url: str) -> tuple[int, list[str]]:
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    measured = page.evaluate(_TOO_WIDE)
    return measured["scrollWidth"], measured["found"]


def test_no_page_scrolls_sideways_on_a_phone(new_context: Any) -> None:
    programme = create_demo(verbose=False)["programme"]
    regisseur = programme.created_by
    page = new_context(regisseur, viewport=PHONE).new_page()
    too_wide = {}
    for url in _pages(programme):
        width, found = _width(page, url)
        if width > PHONE["width"]:
            too_wide[url] = (width, found)
    # The pages only a partner or a monitor opens.
    for role, path in (("partner", "eigen-organisatie/"), ("monitor", "monitoring/inlezen/")):
        member = Membership.objects.filter(programme=programme, role=role).first()
        assert member is not None
        url = f"/programmas/{programme.slug}/{path}"
        width, found = _width(new_context(member.user, viewport=PHONE).new_page(), url)
        if width > PHONE["width"]:
            too_wide[url] = (width, found)
    page.goto(f"/programmas/{programme.slug}/")
    page.get_by_role("button", name="Openbare pagina aanzetten").click()
    guest = new_context(viewport=PHONE).new_page()
    for url in (f"/openbaar/{programme.slug}/", "/account/inloggen/"):
        width, found = _width(guest, url)
        if width > PHONE["width"]:
            too_wide[url] = (width, found)
    report = "\n".join(
        f"{url}: {w} px\n    " + "\n    ".join(f) for url, (w, f) in too_wide.items()
    )
    assert not too_wide, f"pages wider than {PHONE['width']} px:\n{report}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_programme_navigation_folds_into_a_menu(new_context: Any, javascript: bool) -> None:
    from playwright.sync_api import expect

    programme = create_demo(verbose=False)["programme"]
    phone = new_context(
        programme.created_by, viewport=PHONE, java_script_enabled=javascript
    ).new_page()
    phone.goto(f"/programmas/{programme.slug}/deelnemers/")
    navigation = phone.get_by_role("navigation", name="Programma")
    menu = navigation.get_by_text("Menu van dit programma")
    expect(menu).to_be_visible()
    # Folded, the menu leaves the page itself in the first screen.
    expect(navigation.get_by_role("link", name="Monitoring")).to_be_hidden()
    heading = phone.get_by_role("heading", level=1, name="Deelnemers")
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] < PHONE["height"] / 2
    menu.click()
    current = navigation.get_by_role("link", name="Deelnemers")
    expect(current).to_be_visible()
    expect(current).to_have_attribute("aria-current", "page")
    navigation.get_by_role("link", name="Monitoring").click()
    phone.wait_for_url("**/monitoring/")
    # On the next page it is folded again; the keyboard opens it too.
    expect(navigation.get_by_role("link", name="Deelnemers")).to_be_hidden()
    menu.focus()
    phone.keyboard.press("Enter")
    expect(navigation.get_by_role("link", name="Monitoring")).to_have_attribute(
        "aria-current", "page"
    )

    wide = new_context(programme.created_by).new_page()
    wide.goto(f"/programmas/{programme.slug}/deelnemers/")
    wide_navigation = wide.get_by_role("navigation", name="Programma")
    expect(wide_navigation.get_by_text("Menu van dit programma")).to_be_hidden()
    expect(wide_navigation.get_by_role("link", name="Monitoring")).to_be_visible()
