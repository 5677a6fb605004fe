"""The effect measurement in a real browser, from a price list sheet to the PDF.

The monitor reads a price list from a CSV sheet -> describes a case with both scenarios in
the case editor (a row added with the button) -> sees who pays and who benefits on the
results page -> the agreement's PDF of that version holds the case and its timeline figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from stramien.io import load_agreement
from stramien.model import PriceItem, PriceList
from stramien.monitor.effects_sheets import write_price_list_csv
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme

from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
CASE = "Gezin met betalingsachterstanden"


def _sheet() -> bytes:
    return write_price_list_csv(
        PriceList(
            id="sheet",
            title="Rekenblad",
            year=2026,
            items=[
                PriceItem(
                    id="vroegsignalering",
                    activity="Vroegsignalering en huisbezoek",
                    unit="per traject",
                    price=Decimal("900"),
                    payer="Gemeente",
                    illustrative=True,
                ),
                PriceItem(
                    id="ontruiming",
                    activity="Ontruiming en tijdelijke opvang",
                    unit="per keer",
                    price=Decimal("12000"),
                    payer="Woningcorporatie",
                    illustrative=True,
                ),
            ],
        )
    )


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_from_a_price_list_sheet_to_the_pdf(new_context: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    regisseur = make_user("regisseur-effecten", name="Procesregisseur Effecten")
    programme = actions.create_programme(
        acting_user=regisseur, agreement=load_agreement(EXAMPLES / "small.yaml")
    )
    monitor = make_user("monitor-effecten", name="Analist Effecten")
    Membership.objects.create(programme=programme, user=monitor, role="monitor")
    base = f"/programmas/{programme.slug}/effectmeting/"
    sheet = tmp_path / "prijzen-2026.csv"
    sheet.write_bytes(_sheet())

    page = new_context(monitor).new_page()
    # A new price list version from the sheet.
    page.goto(base + "prijslijsten/")
    upload = page.get_by_role("region", name="Een nieuwe versie inlezen uit een rekenblad")
    upload.get_by_label("Titel", exact=True).fill("Prijzen 2026")
    upload.get_by_label("Prijspeil (jaar)").fill("2026")
    upload.get_by_label("CSV-bestand of Excel-werkmap").set_input_files(str(sheet))
    upload.get_by_role("button", name="Inlezen").click()
    expect(page.locator(".st-messages")).to_contain_text("Prijslijst ingelezen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prijzen 2026")

    # A case with both scenarios; a row added to the reference scenario with its button.
    page.goto(base + "casus/nieuw/")
    page.get_by_label("Titel (verplicht)").fill(CASE)
    page.get_by_label("Aantal vergelijkbare gevallen").fill("20")
    intervention = page.locator("#scenario-intervention")
    first = intervention.locator(".st-event").first
    first.get_by_label("Maand", exact=True).fill("0")
    first.get_by_label("Soort").select_option("activiteit")
    first.get_by_label("Wat er gebeurt").fill("Huisbezoek na signaal")
    first.get_by_label("Prijsregel", exact=True).select_option("vroegsignalering")
    reference = page.locator("#scenario-reference")
    reference.get_by_role("button", name=re.compile("Regel toevoegen")).click()
    expect(page.locator("#scenario-reference .st-event")).to_have_count(3)
    last = page.locator("#scenario-reference .st-event").nth(2)
    last.get_by_label("Maand", exact=True).fill("9")
    last.get_by_label("Wat er gebeurt").fill("Ontruiming")
    last.get_by_label("Prijsregel", exact=True).select_option("ontruiming")
    page.get_by_role("button", name="Casus opslaan").click()
    expect(page.locator(".st-messages")).to_contain_text("Opgeslagen als versie")
    expect(page.get_by_role("heading", level=1)).to_contain_text(CASE)
    expect(page.get_by_role("table", name=re.compile("per maand"))).to_contain_text("Ontruiming")

    # The results: who pays, who benefits.
    page.goto(base)
    matrix = page.get_by_role("table", name="Wie betaalt, wie profiteert")
    expect(matrix).to_contain_text("Gemeente")
    expect(matrix).to_contain_text("Woningcorporatie")
    expect(page.get_by_role("main")).to_contain_text(": 1")

    # The case page shows the timeline figure.
    page.goto(
        base
        + "casus/"
        + Programme.objects.get(pk=programme.pk).head_document["effect_measurement"]["cases"][-1][
            "id"
        ]
        + "/"
    )
    figure = page.locator("figure img")
    expect(figure.first).to_have_attribute("alt", re.compile("Tijdlijn"))

    # The agreement's PDF of the newest version holds the case.
    number = Programme.objects.get(pk=programme.pk).head_number
    with page.expect_download() as download_info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = '';"
            " document.body.appendChild(a); a.click(); }",
            f"/programmas/{programme.slug}/versie/{number}/download/pdf/",
        )
    pdf = tmp_path / "overeenkomst.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = re.sub(r"\s+", " ", _pdf_text(pdf))
    assert CASE in text
    # The case's timeline figure, by its caption.
    assert f"Tijdlijn van de casus {CASE}" in text
