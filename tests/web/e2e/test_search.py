"""Issue 17, points 11 and 12: a partner searches from the programme's navigation without
accents, sees where each match is with the match marked, and the result takes them to the
field; the section page links to its help, and a new programme's overview to its next step.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership

from .. import EXAMPLES
from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_partner_searches_and_lands_on_the_field(new_context: Any) -> None:
    from playwright.sync_api import expect

    regisseur, partner = make_user("regisseur-zoeken"), make_user("partner-zoeken")
    agreement = load_agreement(EXAMPLES / "small.yaml")
    programme = actions.create_programme(acting_user=regisseur, agreement=agreement)
    Membership.objects.create(
        programme=programme,
        user=partner,
        role="partner",
        party_id=agreement.partnership.partners[0].id,
    )
    page = new_context(partner).new_page()
    page.goto(reverse("programmes:overview", args=[programme.slug]))
    box = page.get_by_role("search").get_by_role("searchbox", name="Zoeken in dit programma")
    box.fill("zorgcooperatie linde")
    box.press("Enter")
    page.wait_for_url("**/zoeken/?q=zorgcooperatie+linde")
    result = page.locator(".st-search-result").filter(
        has=page.get_by_role("link", name=re.compile("Zorgcoöperatie De Linde › Naam$"))
    )
    expect(result.locator("mark")).to_have_text(["Zorgcoöperatie", "Linde"])
    result.get_by_role("link").click()
    page.wait_for_url(re.compile(r"#id_s-partnership-partners-\d+-name$"))
    page.wait_for_load_state()
    anchor = page.url.rpartition("#")[2]
    expect(page.locator(f"#{anchor}")).to_be_focused()
    expect(page.locator(f"#{anchor}")).to_have_value("Zorgcoöperatie De Linde")

    # Nothing typed: a Dutch message at the field, in the page, nothing else.
    page.goto(reverse("programmes:search", args=[programme.slug]) + "?q=")
    expect(page.locator("#id_q_error")).to_have_text("Typ een of meer woorden om naar te zoeken.")
    expect(page.locator("#id_q")).to_have_attribute("aria-invalid", "true")


def test_help_from_the_section_and_the_next_step_on_a_new_programme(new_context: Any) -> None:
    from playwright.sync_api import expect

    regisseur = make_user("regisseur-hulp")
    programme = actions.create_programme(
        acting_user=regisseur,
        agreement=Agreement.model_validate({"programme": {"name": "Een nieuw programma"}}),
    )
    page = new_context(regisseur).new_page()
    page.goto(reverse("programmes:overview", args=[programme.slug]))
    steps = page.get_by_role("region", name="Wat nu te doen")
    steps.get_by_role("link", name=re.compile("^Er staat niet van welk groter geheel")).click()
    page.wait_for_url("**/onderdeel/ambitie/#id_s-ambition-larger_whole")
    page.wait_for_load_state()
    expect(page.locator("#id_s-ambition-larger_whole")).to_be_focused()

    page.get_by_role("link", name="Hulp bij dit onderdeel").click()
    page.wait_for_url("**/hulp/ambitie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp bij §1 Ambitie")
    expect(page.get_by_role("heading", name="Waarvoor dit onderdeel dient")).to_be_visible()
    page.get_by_role("link", name=re.compile("Partnerschap →$")).click()
    page.wait_for_url("**/hulp/partnerschap/")
    page.get_by_role("link", name="Alle onderdelen").click()
    expect(page.get_by_role("link", name=re.compile("Risico's$"))).to_be_visible()
