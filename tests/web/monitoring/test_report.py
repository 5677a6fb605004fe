"""The progress report from the web application and the command line, and appendix 1 of the
agreement with the latest approved values when it is downloaded from the web application.

The small example's indicator ``i-bijstand`` (people on social assistance, 410 -> 340,
lower is better, quarterly) belongs to the municipality, which ``partner`` represents.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from stramien import cli
from stramien.monitor import Status
from stramien.monitor.report import IssueKind
from stramien.render import _cache, clear_caches, render, set_cache_dir
from stramien.render import html as html_module
from stramien.render.report import render_report
from stramien.web import server
from stramien.web.demo import create_demo, demo_measurements
from stramien.web.monitoring import actions
from stramien.web.monitoring.actions import Entry
from stramien.web.monitoring.models import Measurement
from stramien.web.monitoring.reporting import progress_snapshot
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement
from stramien.web.publication.prerender import PRERENDER

from ..conftest import client_for

pytestmark = pytest.mark.django_db

BIJSTAND = "i-bijstand"
APPROVED = timezone.make_aware(dt.datetime(2026, 10, 15, 12))


def _approved(people: dict[str, Any], programme: Programme, period: str, value: str) -> Any:
    measurement = actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=Entry(BIJSTAND, period, value=Decimal(value), explanation="Telling van oktober."),
        submit=True,
    )
    actions.approve_measurement(acting_user=people["regisseur"], measurement=measurement)
    Measurement.objects.filter(pk=measurement.pk).update(reviewed_at=APPROVED)
    return measurement


def _report_url(programme: Programme, **query: str) -> str:
    url = reverse("programmes:progress_report", args=[programme.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_regisseur_downloads_the_report_with_the_approved_value(
    people: dict[str, Any], programme: Programme
) -> None:
    _approved(people, programme, "2026-Q3", "402")
    response = client_for(people["regisseur"]).get(
        _report_url(programme, periode="2026-Q3", formaat="pdf")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{programme.slug}-voortgang-2026-Q3.pdf" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "Voortgangsrapportage 3e kwartaal 2026" in text
    assert "402 personen" in text and "Telling van oktober." in text


@pytest.mark.parametrize("who", ["partner", "lezer"])
def test_partners_and_readers_download_it_too(
    people: dict[str, Any], programme: Programme, who: str
) -> None:
    _approved(people, programme, "2026-Q3", "402")
    response = client_for(people[who]).get(
        _report_url(programme, periode="2026-Q3", formaat="html")
    )
    assert response.status_code == 200
    assert "402 personen" in response.content.decode("utf-8")


def test_an_outsider_is_not_told_the_programme_exists(
    people: dict[str, Any], programme: Programme
) -> None:
    url = _report_url(programme, periode="2026-Q3", formaat="pdf")
    assert client_for(people["outsider"]).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page


def test_the_same_choice_gives_the_same_file_later(
    people: dict[str, Any], programme: Programme
) -> None:
    _approved(people, programme, "2026-Q3", "402")
    client = client_for(people["lezer"])
    url = _report_url(programme, periode="2026-Q3", formaat="docx", per="2026-10-31")
    first = client.get(url).content
    later = _approved(people, programme, "2026-Q3", "398")  # approved after the first
    Measurement.objects.filter(pk=later.pk).update(
        reviewed_at=timezone.make_aware(dt.datetime(2026, 10, 20))
    )
    assert client.get(url).content != first  # it counts at 31 October: a new figure
    Measurement.objects.filter(pk=later.pk).update(
        reviewed_at=timezone.make_aware(dt.datetime(2026, 11, 10))
    )
    assert client.get(url).content == first  # approved after the moment: left out


def test_a_wrong_period_is_refused_in_dutch_and_the_input_kept(
    people: dict[str, Any], programme: Programme
) -> None:
    response = client_for(people["regisseur"]).get(
        _report_url(programme, periode="2027-Q5", formaat="pdf")
    )
    assert response.status_code == 400
    page = response.content.decode("utf-8")
    assert "geen geldige periode" in page
    assert 'value="2027-Q5"' in page


def test_a_moment_before_the_period_is_refused_in_dutch(
    people: dict[str, Any], programme: Programme
) -> None:
    response = client_for(people["regisseur"]).get(
        _report_url(programme, periode="2027-Q2", formaat="pdf", per="2027-01-15")
    )
    assert response.status_code == 400
    assert "ligt vóór het begin van 2e kwartaal 2027" in response.content.decode("utf-8")


def test_the_page_offers_the_last_quarter_and_the_dashboard_links_to_it(
    people: dict[str, Any], programme: Programme
) -> None:
    page = client_for(people["lezer"]).get(_report_url(programme))
    assert page.status_code == 200
    assert "Voortgangsrapportage maken" in page.content.decode("utf-8")
    dashboard = reverse("programmes:monitoring", args=[programme.slug])
    regisseur = client_for(people["regisseur"]).get(dashboard).content.decode("utf-8")
    reader = client_for(people["lezer"]).get(dashboard).content.decode("utf-8")
    # The regisseur has the form itself, with its main button; others a link to the page.
    form = f'<form method="get" action="{_report_url(programme)}"'
    assert form in regisseur and "utrecht-button--primary-action" in regisseur
    assert form not in reader and f'href="{_report_url(programme)}"' in reader


def test_the_command_line_writes_the_report(
    people: dict[str, Any], programme: Programme, tmp_path: Path, monkeypatch: Any
) -> None:
    # The test database is set up already; the command would otherwise point Django at a
    # data folder and migrate it.
    monkeypatch.setattr(server, "configure", lambda data_dir=None: tmp_path)
    monkeypatch.setattr(server, "prepare", lambda: None)
    _approved(people, programme, "2026-Q3", "402")
    target = tmp_path / "rapport.html"
    code = cli.main(
        ["report", programme.slug, "--period", "2026-Q3", "--format", "html", "-o", str(target)]
    )
    assert code == cli.EXIT_OK
    assert "402 personen" in target.read_text(encoding="utf-8")
    assert cli.main(["report", programme.slug, "--period", "2026-Q9"]) == cli.EXIT_UNREADABLE
    assert cli.main(["report", "bestaat-niet", "--period", "2026-Q3"]) == cli.EXIT_UNREADABLE


def test_the_web_download_shows_approved_values_in_appendix_1_and_the_file_render_not(
    people: dict[str, Any], programme: Programme
) -> None:
    agreement = head_agreement(programme)
    before_cli = render(agreement, "html")
    client = client_for(people["lezer"])
    url = reverse("programmes:download", args=[programme.slug, programme.head_number, "html"])
    before_web = client.get(url).content.decode("utf-8")
    assert "laatste goedgekeurde waarde" not in before_web

    _approved(people, programme, "2026-Q3", "402")
    after_web = client.get(url).content.decode("utf-8")
    assert "laatste goedgekeurde waarde" in after_web
    assert "3e kwartaal 2026 402 personen" in after_web

    _approved(people, programme, "2026-Q4", "396")
    newest = client.get(url).content.decode("utf-8")
    assert "4e kwartaal 2026 396 personen" in newest  # not the cached document before it

    clear_caches()  # made again, not the bytes kept from before
    assert render(agreement, "html") == before_cli
    assert "402 personen" not in before_cli.decode("utf-8")


@pytest.fixture
def prerender_html(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "render-cache"
    saved = (_cache.DIRECTORY._path, _cache.DIRECTORY._configured)
    set_cache_dir(folder)
    PRERENDER.configure(["html"])
    clear_caches()
    yield folder
    PRERENDER.drain(timeout=600)
    PRERENDER.configure(None)
    clear_caches()
    _cache.DIRECTORY._path, _cache.DIRECTORY._configured = saved


@pytest.mark.django_db(transaction=True)
def test_an_approval_has_the_agreement_with_the_value_made_ahead(
    people: dict[str, Any], programme: Programme, prerender_html: Path, monkeypatch: Any
) -> None:
    assert PRERENDER.drain(timeout=600)
    _approved(people, programme, "2026-Q3", "402")
    assert PRERENDER.drain(timeout=600)
    clear_caches()  # nothing in this process's memory: only the worker's files

    def refuse(*args: object) -> bytes:
        raise AssertionError("the download was made again")

    monkeypatch.setattr(html_module, "render_html", refuse)
    url = reverse("programmes:download", args=[programme.slug, programme.head_number, "html"])
    response = client_for(people["lezer"]).get(url)
    assert response.status_code == 200
    assert "3e kwartaal 2026 402 personen" in response.content.decode("utf-8")


def test_the_demo_programme_reports_every_kind_of_open_issue(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    made = create_demo()
    programme = made["programme"]
    Measurement.objects.filter(programme=programme).delete()
    users = {m.user.get_username(): m.user for m in programme.memberships.all()}
    today = dt.date(2028, 2, 10)
    demo_measurements(
        programme, monitor=users["monitor"], regisseur=users["regisseur"], today=today
    )
    # Before the deadline of 2027-Q4 (30 January) the returned value is just returned.
    moment = timezone.make_aware(dt.datetime(2028, 1, 20, 12))
    found = progress_snapshot(programme, "2027-Q4", moment)
    kinds = {issue.kind for issue in found.issues}
    assert {IssueKind.WAITING, IssueKind.RETURNED, IssueKind.MILESTONE_LATE} <= kinds
    assert {line.state for line in found.indicators} >= {Status.ON_TRACK, Status.OFF_TRACK}
    assert found.spending_tracked and any(line.realised for line in found.money_by_year)
    html = render_report(found, "html").decode("utf-8")
    assert "Wacht op beoordeling" in html and "Teruggestuurd" in html


def test_by_default_a_value_approved_a_moment_ago_counts(
    people: dict[str, Any], programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The report stands at the moment it is made; a value approved earlier in that same
    # second counts (cutting the moment to the whole second once left it out).
    measurement = _approved(people, programme, "2026-Q3", "402")
    approved = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 30, 15, 900_000))
    Measurement.objects.filter(pk=measurement.pk).update(reviewed_at=approved)
    monkeypatch.setattr(
        "stramien.web.monitoring.reporting.timezone.now",
        lambda: approved + dt.timedelta(microseconds=50_000),
    )
    line = progress_snapshot(programme, "2026-Q3").indicator(BIJSTAND)
    assert line.status is not None and line.status.period_value is not None
    assert [m.value for m in line.explanations] == [Decimal("402")]
