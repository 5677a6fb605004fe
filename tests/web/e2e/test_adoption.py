"""Agreeing in a real browser: a rejected round, a change that voids it, then adoption.

Propose -> two partners approve -> the third rejects -> the text changes (the round is
voided) -> a new round -> all three approve -> adopted -> the PDF's signature page lists
the three approvals with the adopted version's hash.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stramien.model import Agreement
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Revision

from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARTNERS = (
    ("p-gemeente", "Gemeente Noord", "public", "government"),
    ("p-school", "Noorderschool", "public", "education_research"),
    ("p-bouw", "Bouwbedrijf Noord", "private", "business"),
)
NEW_STATEMENT = "Noord werkt samen aan een veilige en groene wijk, code K5520."


def _agreement() -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Samen Noord"},
            "ambition": {"statement": "Noord werkt samen."},
            "partnership": {
                "partners": [
                    {
                        "id": pid,
                        "name": name,
                        "sector": sector,
                        "category": category,
                        "participation_level": 4,
                        "signatories": [
                            {
                                "id": f"ond-{pid}",
                                "name": f"Bestuurder van {name}",
                                "function": "Bestuurder",
                                "mandate": "Statuten",
                            }
                        ],
                    }
                    for pid, name, sector, category in PARTNERS
                ]
            },
        }
    )


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"\s+", "", text)


def confirm_errors(page: Any, number: int) -> None:
    """This small agreement still has errors (since issue 17 they are listed first): put the
    version up for adoption anyway."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Versie {number} met fouten voorleggen?"
    )
    page.get_by_label("Ik leg deze versie toch voor").check()
    page.get_by_role("button", name=f"Versie {number} toch voorleggen").click()


def test_adoption_round_in_the_browser(new_context: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    regisseur_user = make_user("regisseur-noord", name="Procesregisseur Noord")
    programme = actions.create_programme(acting_user=regisseur_user, agreement=_agreement())
    representatives = {}
    for pid, name, _sector, _category in PARTNERS:
        user = make_user(f"vertegenwoordiger-{pid}", name=f"Vertegenwoordiger {name}")
        Membership.objects.create(programme=programme, user=user, role="partner", party_id=pid)
        representatives[pid] = new_context(user).new_page()
    adoption = f"/programmas/{programme.slug}/vaststelling/"

    regisseur = new_context(regisseur_user).new_page()
    regisseur.goto(adoption)
    regisseur.get_by_role("button", name="Versie 1 ter vaststelling voorleggen").click()
    confirm_errors(regisseur, 1)
    expect(regisseur.locator(".st-messages")).to_contain_text("ligt nu ter vaststelling")

    def decide(pid: str, approve: bool, note: str = "") -> None:
        page = representatives[pid]
        page.goto(adoption)
        if note:
            page.get_by_label("Toelichting (verplicht bij afwijzen)").fill(note)
        page.get_by_role("button", name="Goedkeuren" if approve else "Afwijzen").click()
        expect(page.locator(".st-messages")).to_contain_text("Uw besluit is vastgelegd")

    decide("p-gemeente", True)
    decide("p-school", True)
    decide("p-bouw", False, "De ambitie noemt de veiligheid niet.")
    regisseur.goto(adoption)
    expect(regisseur.get_by_role("table")).to_contain_text("De ambitie noemt de veiligheid niet.")

    # The regisseur changes §1 through the form: the round is voided, visibly.
    regisseur.goto(f"/programmas/{programme.slug}/onderdeel/ambitie/")
    regisseur.get_by_label(re.compile("^Kernachtige ambitie")).fill(NEW_STATEMENT)
    regisseur.get_by_role("button", name="Opslaan").click()
    expect(regisseur.locator(".st-messages")).to_contain_text("Opgeslagen als versie 2")
    regisseur.goto(adoption)
    expect(regisseur.get_by_role("status").first).to_contain_text("vervallen")
    assert ApprovalRound.objects.get(revision_number=1).status == "voided"

    regisseur.get_by_role("button", name="Versie 2 ter vaststelling voorleggen").click()
    confirm_errors(regisseur, 2)
    for pid, *_rest in PARTNERS:
        decide(pid, True)
    regisseur.goto(adoption)
    expect(regisseur.locator("#vastgesteld").locator("..")).to_contain_text("Versie 2")

    with regisseur.expect_download() as download_info:
        regisseur.get_by_role("link", name="Vastgestelde overeenkomst (PDF)").click()
    pdf = tmp_path / "vastgesteld.pdf"
    download_info.value.save_as(pdf)
    text = _pdf_text(pdf)
    revision_hash = Revision.objects.get(programme=programme, number=2).hash
    assert "Vastgesteld" in text
    assert text.count("Goedgekeurddoor") == 3
    assert text.count(revision_hash) >= 3
    assert "K5520" in text
