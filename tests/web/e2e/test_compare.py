"""Comparing two versions in a real browser, with and without JavaScript.

Three versions: the second makes a partner an entrepreneur and changes its contribution,
the third adds a goal. On the history page the regisseur picks versions 1 and 3, reads the
changes per section in Dutch, and follows a change to its field on the editor page.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from stramien.model import Agreement
from stramien.web.programmes import actions

from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _programme(user: Any) -> Any:
    agreement = Agreement.model_validate(
        {
            "programme": {"name": "Samen Noord"},
            "partnership": {
                "partners": [
                    {
                        "id": "p-gemeente",
                        "name": "Gemeente Noord",
                        "sector": "public",
                        "category": "government",
                        "participation_level": 4,
                        "contribution": "Wij leveren een wijkcoach.",
                    }
                ]
            },
        }
    )
    programme = actions.create_programme(acting_user=user, agreement=agreement)
    for change in (_second, _third):
        programme.refresh_from_db()
        document = copy.deepcopy(programme.head_document)
        change(document)
        actions.save_document(
            acting_user=user,
            programme=programme,
            document=document,
            base_number=programme.head_number,
        )
    programme.refresh_from_db()
    return programme


def _second(document: dict[str, Any]) -> None:
    partner = document["partnership"]["partners"][0]
    partner["category"] = "business"
    partner["contribution"] = "Wij leveren twee wijkcoaches."


def _third(document: dict[str, Any]) -> None:
    document["goals"] = [
        {"id": "g-groen", "title": "Een groene wijk", "contributes_to_ambition": True}
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_choose_two_versions_read_the_changes_and_go_to_the_field(
    new_context: Any, javascript: bool
) -> None:
    regisseur = make_user("regisseur", name="Rita Regisseur")
    programme = _programme(regisseur)
    page = new_context(regisseur, java_script_enabled=javascript).new_page()
    page.goto(f"/programmas/{programme.slug}/geschiedenis/")

    page.get_by_label("Van versie").select_option("1")
    page.get_by_label("Naar versie").select_option("3")
    page.get_by_role("button", name="Vergelijken").click()
    page.get_by_role("heading", name="Versie 1 vergeleken met versie 3").wait_for()

    main = page.locator("main")
    assert "3 wijzigingen in 2 onderdelen" in main.inner_text()
    partnership = page.locator("section", has=page.get_by_role("heading", name="§2 Partnerschap"))
    text = " ".join(partnership.inner_text().split())
    assert "Samenwerkingspartners › Gemeente Noord › Soort (5 O's)" in text
    assert "Overheid" in text and "Ondernemer" in text
    assert "government" not in main.inner_text() and "business" not in main.inner_text()
    # The word that changed in the contribution is marked as removed and as added.
    assert partnership.locator("del", has_text="een wijkcoach").count() == 1
    assert partnership.locator("ins", has_text="twee wijkcoaches").count() == 1
    goals = page.locator("section", has=page.get_by_role("heading", name="Doelenboom"))
    assert "Een groene wijk" in goals.inner_text() and "toegevoegd" in goals.inner_text()

    partnership.get_by_role("link", name="Samenwerkingspartners › Gemeente Noord › Soort").click()
    page.wait_for_url("**/onderdeel/partnerschap/#id_s-partnership-partners-0-category")
    assert page.locator("#id_s-partnership-partners-0-category").is_visible()


def test_the_changes_fit_a_phone_screen(new_context: Any) -> None:
    regisseur = make_user("regisseur", name="Rita Regisseur")
    programme = _programme(regisseur)
    page = new_context(regisseur, viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"/programmas/{programme.slug}/vergelijken/?van=1&naar=3")
    widest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.st-change, .st-compare-form')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 360
