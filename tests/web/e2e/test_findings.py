"""Issue 17, points 2 and 12: a finding is a link that takes the user to its field.

Clicking a finding (on the overview, or in the checks panel beside the form) opens the page
with the field, marks it (:target) and puts the focus in it; a field folded away (a long list
of choices inside <details>, on a long-list item's own page) is opened first.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stramien.io import load_agreement
from stramien.web.programmes import actions

from .. import EXAMPLES
from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _marked(page: Any, selector: str) -> bool:
    """Whether the element is the page's target and drawn with the highlight."""
    return bool(
        page.eval_on_selector(
            selector,
            "el => el.matches(':target') && getComputedStyle(el).outlineStyle !== 'none'",
        )
    )


def test_a_finding_on_the_overview_opens_and_focuses_its_field(new_context: Any) -> None:
    from playwright.sync_api import expect

    regisseur = make_user("regisseur-findings")
    agreement = load_agreement(EXAMPLES / "small.yaml")
    ambition = agreement.ambition.model_copy(update={"larger_whole": ""})
    programme = actions.create_programme(
        acting_user=regisseur, agreement=agreement.model_copy(update={"ambition": ambition})
    )
    page = new_context(regisseur).new_page()
    page.goto(reverse("programmes:overview", args=[programme.slug]))
    finding = page.locator(".st-finding").filter(has_text="groter geheel")
    expect(finding).to_contain_text("Groter geheel")  # the place, in the form's words
    finding.get_by_role("link").click()
    page.wait_for_url("**/onderdeel/ambitie/#id_s-ambition-larger_whole")
    page.wait_for_load_state()
    field = page.locator("#id_s-ambition-larger_whole")
    expect(field).to_be_focused()
    assert _marked(page, "#id_s-ambition-larger_whole")
    # The same finding in the panel beside the form: back at the top, a click focuses again.
    page.locator("#id_s-programme-name").focus()
    page.locator("#controles .st-finding").filter(has_text="groter geheel").get_by_role(
        "link"
    ).click()
    expect(field).to_be_focused()


def test_a_finding_in_a_long_list_opens_the_item_page_and_its_folded_choices(
    new_context: Any,
) -> None:
    from playwright.sync_api import expect

    regisseur = make_user("regisseur-findings-large")
    agreement = load_agreement(EXAMPLES / "large.yaml")
    goals = list(agreement.goals)
    goals[20] = goals[20].model_copy(update={"partners": []})
    programme = actions.create_programme(
        acting_user=regisseur, agreement=agreement.model_copy(update={"goals": goals})
    )
    page = new_context(regisseur).new_page()
    page.goto(reverse("programmes:section", args=[programme.slug, "doelen"]))
    finding = page.locator("#controles .st-finding").filter(has_text=goals[20].title)
    finding = finding.filter(has_text="Geen enkele partner")
    finding.get_by_role("link").click()
    item_url = reverse("programmes:item", args=[programme.slug, "doelen", goals[20].id])
    anchor = "id_s-goals-20-partners"
    page.wait_for_url(f"**{item_url}#{anchor}")
    page.wait_for_load_state()
    assert _marked(page, f"#{anchor}")
    # The many partners to choose from are folded away; the link opened them.
    details = page.locator(f"#{anchor} details")
    if details.count():
        expect(details.first).to_have_attribute("open", "")
    page.wait_for_function(
        "id => document.getElementById(id).contains(document.activeElement)", arg=anchor
    )
