"""Monitoring in a real browser, from the data owner's sheet to the progress report.

A monitor uploads an XLSX and hands the values in -> the procesregisseur returns one with a
reason -> the monitor corrects it on the indicator's page -> the regisseur approves the
rest -> the dashboard shows the indicator on track -> the progress report (PDF) downloads
and holds the values and the correction's explanation.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from stramien.io import load_agreement
from stramien.web.monitoring.models import Measurement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership

from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
INDICATOR = "i-rapportcijfer"  # baseline 6,1 on 1 March 2026, target 7,2 on 1 October 2029
EXPLANATION = "Herteld na controle van de enquête, kenmerk K7731."


def _sheet() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "periode", "waarde", "toelichting"])
    sheet.append([INDICATOR, "2026-Q1", "6,1", "Nulmeting."])
    sheet.append([INDICATOR, "2026-Q2", "5,2", "Eerste enquête."])
    sheet.append([INDICATOR, "2026-Q3", "6,4", "Tweede enquête."])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_from_the_owners_sheet_to_the_progress_report(new_context: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    regisseur_user = make_user("regisseur-zonnehof", name="Procesregisseur Zonnehof")
    programme = actions.create_programme(
        acting_user=regisseur_user, agreement=load_agreement(EXAMPLES / "small.yaml")
    )
    monitor_user = make_user("monitor-zonnehof", name="Data Eigenaar")
    Membership.objects.create(programme=programme, user=monitor_user, role="monitor")
    base = f"/programmas/{programme.slug}/monitoring/"
    sheet = tmp_path / "rapportcijfers.xlsx"
    sheet.write_bytes(_sheet())

    # The data owner uploads the sheet they keep and hands the values in.
    owner = new_context(monitor_user).new_page()
    owner.goto(base + "inlezen/")
    owner.get_by_label("CSV-bestand of Excel-werkmap").set_input_files(str(sheet))
    owner.get_by_label("Meteen indienen ter beoordeling").check()
    owner.get_by_role("button", name="Inlezen").click()
    expect(owner.locator(".st-messages")).to_contain_text("3")
    assert Measurement.objects.filter(programme=programme, status="submitted").count() == 3

    # The regisseur returns the implausible second quarter with a reason.
    regisseur = new_context(regisseur_user).new_page()
    regisseur.goto(base + "beoordelen/")
    second = regisseur.locator("section", has_text=f"{INDICATOR} · 2026-Q2")
    second.get_by_label("Waarom gaat de waarde terug?").fill("5,2 is te laag; klopt de telling?")
    second.get_by_role("button", name="Terugsturen").click()
    expect(regisseur.locator("section", has_text=f"{INDICATOR} · 2026-Q2")).to_have_count(0)

    # The owner sees why and corrects the value on the indicator's page.
    owner.goto(base + f"indicator/{INDICATOR}/")
    expect(owner.get_by_role("main")).to_contain_text("klopt de telling?")
    entry = owner.get_by_role("region", name="Een waarde invoeren")
    entry.get_by_label("Periode").select_option("2026-Q2")
    entry.get_by_label("Waarde", exact=True).fill("6,25")
    entry.get_by_label("Toelichting").fill(EXPLANATION)
    entry.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(owner.locator(".st-messages")).to_be_visible()

    # The regisseur approves what waits, the correction included.
    regisseur.goto(base + "beoordelen/")
    waiting = regisseur.get_by_role("button", name="Goedkeuren")
    for _ in range(3):
        expect(waiting.first).to_be_visible()
        waiting.first.click()
        regisseur.wait_for_load_state()
    expect(regisseur.get_by_role("main")).to_contain_text("Er wacht niets op beoordeling.")
    approved = Measurement.objects.filter(programme=programme, status="approved")
    assert sorted(str(m.value).rstrip("0").rstrip(".") for m in approved) == ["6.1", "6.25", "6.4"]

    # The dashboard: the latest value (6,4 at the end of 2026-Q3) is above the path (about
    # 6,28 by then), so the indicator is on track.
    regisseur.goto(base)
    row = regisseur.get_by_role("row", name=re.compile("Rapportcijfer|rapportcijfer"))
    expect(row.first).to_contain_text("Op koers")

    # The progress reports download and hold the values and their explanations: 2026-Q3
    # its own value, 2026-Q2 the corrected one with the reason for the correction.
    def report_text(period: str) -> str:
        regisseur.goto(base)
        report = regisseur.get_by_role("form", name="Voortgangsrapportage maken")
        report.get_by_label("Periode").fill(period)
        report.get_by_label("Formaat").select_option("pdf")
        with regisseur.expect_download() as download_info:
            report.get_by_role("button", name="Download de rapportage").click()
        pdf = tmp_path / f"voortgang-{period}.pdf"
        download_info.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")
        return re.sub(r"\s+", "", _pdf_text(pdf))

    third = report_text("2026-Q3")
    assert "6,4" in third and "Tweedeenquête" in third
    second = report_text("2026-Q2")
    assert "6,25" in second and "K7731" in second
    assert "5,2" not in second
