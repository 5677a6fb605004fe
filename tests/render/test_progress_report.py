"""The progress report in every format: made by the agreement's own writers, the same bytes
for the same snapshot, and the figures and goals a reader looks for are in the text."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from stramien.cli import main
from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.monitor import Measurement, MeasurementStatus, parse_period
from stramien.monitor.report import ProgressSnapshot, snapshot
from stramien.render import RenderError, clear_caches, render
from stramien.render.report import REPORT_FORMATS, build_report, render_report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
UTC = dt.UTC
AS_OF = dt.datetime(2027, 4, 20, 17, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def small() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


def approved(number: int, period: str, value: str, note: str = "") -> Measurement:
    day = dt.datetime(2026, 10, 1, tzinfo=UTC) + dt.timedelta(days=90 * number)
    return Measurement(
        id=f"m{number}",
        indicator="i-bijstand",
        period=period,
        entered_at=day,
        value=Decimal(value),
        status=MeasurementStatus.APPROVED,
        approved_at=day + dt.timedelta(days=2),
        note=note,
    )


def report_of(agreement: Agreement, *records: Measurement) -> ProgressSnapshot:
    return snapshot(agreement, parse_period("2027-Q1"), AS_OF, records, version="versie 7")


def the_report() -> ProgressSnapshot:
    return report_of(
        load_agreement(EXAMPLES / "small.yaml"),
        approved(0, "2026-Q3", "402"),
        approved(1, "2026-Q4", "398"),
        approved(2, "2027-Q1", "387", note="Twaalf bewoners vonden werk via de leerwerkroute."),
    )


@pytest.fixture(scope="module")
def report() -> ProgressSnapshot:
    return the_report()


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_every_format_is_made_and_the_same_snapshot_gives_the_same_bytes(
    report: ProgressSnapshot, fmt: str
) -> None:
    first = render_report(report, fmt)
    clear_caches()  # the figures are drawn again, not taken from the cache
    assert render_report(report, fmt) == first
    signature = {"pdf": b"%PDF-", "docx": b"PK", "odt": b"PK", "html": b"<!DOCTYPE html>"}
    assert first.startswith(signature[fmt])


def test_another_approved_value_gives_another_file(small: Agreement) -> None:
    one = report_of(small, approved(2, "2027-Q1", "387"))
    other = report_of(small, approved(2, "2027-Q1", "388"))
    assert render_report(one, "html") != render_report(other, "html")
    assert build_report(one).meta.hash != build_report(other).meta.hash


def test_the_pdf_names_the_period_goals_values_and_explanations(
    report: ProgressSnapshot, small: Agreement
) -> None:
    text = pdf_text(render_report(report, "pdf"))
    assert "Voortgangsrapportage 1e kwartaal 2027" in text
    assert "387 personen" in text  # the stand at the end of Q1
    assert "Twaalf bewoners vonden werk via de leerwerkroute." in text
    for goal in small.goals[:3]:
        assert " ".join(goal.title.split())[:25] in text
    assert "Open punten" in text and "Waarde ontbreekt" in text


def test_the_docx_carries_the_indicator_table_and_the_money(
    report: ProgressSnapshot, small: Agreement
) -> None:
    text = docx_text(render_report(report, "docx"))
    assert "Bewoners met een bijstandsuitkering" in text
    assert "387 personen" in text and "Op koers" in text
    assert small.goals[0].title in text
    assert "Begroting per jaar" in text and "Bestedingen worden nog niet bijgehouden" in text


def test_the_charts_carry_the_measured_values(report: ProgressSnapshot) -> None:
    html = render_report(report, "html").decode("utf-8")
    assert "gemeten: 387 personen op 31-03-2027" in html
    # From 410 on 1 January 2026 to 340 on 1 December 2029, a straight line: 454 of 1430
    # days gone at 31 March 2027, so 410 - 70 x 454 / 1430 = 387,78.
    assert "streefpad: 387,78 personen" in html


def test_an_unknown_format_is_refused_in_dutch(report: ProgressSnapshot) -> None:
    with pytest.raises(RenderError, match="Onbekend formaat 'md'"):
        render_report(report, "md")


def test_the_command_line_reports_a_file_with_a_sheet_of_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "waarden.csv"
    sheet.write_text(
        "indicator;periode;waarde;toelichting\ni-bijstand;2026-Q4;396;Telling uit het bestand\n",
        encoding="utf-8",
    )
    target = tmp_path / "rapport.html"
    arguments = ["report", str(EXAMPLES / "small.yaml"), "--period", "2026-Q4"]
    arguments += ["--measurements", str(sheet), "--format", "html", "-o", str(target)]
    assert main(arguments) == 0
    first = target.read_bytes()
    assert "396 personen" in first.decode("utf-8")
    assert "Telling uit het bestand" in first.decode("utf-8")
    assert main(arguments) == 0 and target.read_bytes() == first  # no clock in it

    sheet.write_text("indicator;periode;waarde\ni-bijstand;2026-Q4;4x\n", encoding="utf-8")
    assert main(arguments) == 2
    assert "rij 2, kolom waarde: '4x' is geen getal" in capsys.readouterr().err


def test_the_same_pdf_in_another_process_and_time_zone(report: ProgressSnapshot) -> None:
    # Another process, which made nothing before; this one made the agreement's PDF first.
    render(report.agreement, "pdf")
    here = render_report(report, "pdf")
    script = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "from test_progress_report import the_report; "
        "from stramien.render.report import render_report; "
        "sys.stdout.buffer.write(render_report(the_report(), 'pdf'))"
    )
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "STRAMIEN_RENDER_CACHE_DIR": ""}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        env=env,
        check=True,
        timeout=300,
    )
    assert result.stdout == here
