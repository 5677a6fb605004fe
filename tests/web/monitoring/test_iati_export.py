"""The IATI export from the web application: the download on the monitoring dashboard, who
may take it, what it holds (the approved values, the published documents) and
``stramien iati`` on a programme in the web database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from iati_schema import parsed, schema_errors
from stramien import cli
from stramien.web import server
from stramien.web.agreeing import actions as approvals
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.monitoring import actions
from stramien.web.monitoring.actions import Entry
from stramien.web.monitoring.models import Measurement
from stramien.web.programmes.models import Membership, Programme
from stramien.web.publication import actions as publication

from ..agreeing._representatives import representatives
from ..conftest import client_for, make_user

pytestmark = pytest.mark.django_db

ORGANISATION = "NL-KVK-00000001"
BIJSTAND = "Bewoners met een bijstandsuitkering"


@pytest.fixture(autouse=True)
def _organisation(settings: Any) -> None:
    settings.STRAMIEN_IATI_ORGANISATION = ORGANISATION
    settings.STRAMIEN_IATI_ORGANISATION_NAME = ""


def _value(people: dict[str, Any], programme: Programme, period: str, value: str) -> Any:
    measurement = actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=Entry("i-bijstand", period, value=Decimal(value), explanation="Telling."),
        submit=True,
    )
    actions.approve_measurement(acting_user=people["regisseur"], measurement=measurement)
    Measurement.objects.filter(pk=measurement.pk).update(
        reviewed_at=timezone.make_aware(dt.datetime(2026, 10, 15, 12))
    )
    return measurement


def _adopt(programme: Programme, people: dict[str, Any]) -> ApprovalRound:
    reps = representatives(programme)
    current = approvals.propose(
        acting_user=people["regisseur"], programme=programme, number=programme.head_number
    )
    for party in current.parties:
        approvals.decide(
            acting_user=reps[party],
            programme=programme,
            round_id=current.pk,
            revision_hash=current.revision_hash,
            approve=True,
        )
    current.refresh_from_db()
    assert current.status == ApprovalRound.Status.ADOPTED
    return current


def _url(programme: Programme) -> str:
    return reverse("programmes:iati_export", args=[programme.slug])


def _actuals(xml: bytes) -> list[str]:
    root = parsed(xml)
    indicator = next(
        i for i in root.iter("indicator") if i.find("title/narrative").text == BIJSTAND
    )
    return [a.get("value") for a in indicator.iter("actual")]


def test_the_regisseur_downloads_valid_iati_with_the_approved_values(
    people: dict[str, Any], programme: Programme
) -> None:
    _value(people, programme, "2026-Q3", "402")
    waiting = actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=Entry("i-bijstand", "2026-Q4", value=Decimal("1"), explanation="Nog niet."),
        submit=True,
    )
    assert waiting.status == Measurement.Status.SUBMITTED
    response = client_for(people["regisseur"]).get(_url(programme))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert f'filename="{programme.slug}-iati.xml"' in response["Content-Disposition"]
    xml = response.content
    assert schema_errors(xml) == []
    assert parsed(xml).findtext(".//iati-identifier") == f"{ORGANISATION}-{programme.slug}"
    assert _actuals(xml) == ["402"]  # the submitted value is not approved yet
    # Not adopted and not public: no published documents, an indicative budget.
    assert parsed(xml).find(".//document-link") is None
    assert {b.get("status") for b in parsed(xml).iter("budget")} == {"1"}


def test_the_adopted_agreement_and_the_public_page_are_linked(
    people: dict[str, Any], programme: Programme
) -> None:
    adopted = _adopt(programme, people)
    publication.set_public(acting_user=people["regisseur"], programme=programme, public=True)
    xml = client_for(people["regisseur"]).get(_url(programme)).content
    assert schema_errors(xml) == []
    links = {
        link.find("category").get("code"): link.get("url")
        for link in parsed(xml).iter("document-link")
    }
    download = reverse("programmes:download", args=[programme.slug, adopted.revision_number, "pdf"])
    assert links == {
        "A09": f"http://testserver{download}",
        "A12": f"http://testserver{reverse('public:factsheet', args=[programme.slug])}",
    }
    assert {b.get("status") for b in parsed(xml).iter("budget")} == {"2"}  # committed


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("regisseur", 200),
        ("partner", 200),
        ("other_partner", 200),
        ("lezer", 200),
        ("monitor", 200),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_who_may_download_it(
    people: dict[str, Any], programme: Programme, who: str | None, status: int
) -> None:
    if who == "monitor":
        people["monitor"] = make_user("monitor")
        Membership.objects.create(programme=programme, user=people["monitor"], role="monitor")
    user = people[who] if who else None
    assert client_for(user).get(_url(programme)).status_code == status


@pytest.mark.parametrize("who", ["regisseur", "partner", "lezer"])
def test_the_dashboard_offers_the_button_to_everyone_who_reads_the_values(
    people: dict[str, Any], programme: Programme, who: str
) -> None:
    page = client_for(people[who]).get(reverse("programmes:monitoring", args=[programme.slug]))
    html = page.content.decode("utf-8")
    assert f'href="{_url(programme)}"' in html and "IATI-export (XML)" in html


def test_without_an_organisation_id_the_dashboard_says_what_is_missing(
    people: dict[str, Any], programme: Programme, settings: Any
) -> None:
    settings.STRAMIEN_IATI_ORGANISATION = ""
    client = client_for(people["regisseur"])
    html = client.get(reverse("programmes:monitoring", args=[programme.slug])).content.decode()
    assert f'href="{_url(programme)}"' not in html
    assert "STRAMIEN_IATI_ORGANISATION" in html
    response = client.get(_url(programme), follow=True)
    assert response.redirect_chain[-1][0] == reverse("programmes:monitoring", args=[programme.slug])
    assert "De IATI-export kon niet worden gemaakt" in response.content.decode("utf-8")


def test_the_command_line_exports_a_programme_by_name_or_number(
    people: dict[str, Any], programme: Programme, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    # The test database is set up already; the command would otherwise point Django at a
    # data folder and migrate it.
    monkeypatch.setattr(server, "configure", lambda data_dir=None: tmp_path)
    monkeypatch.setattr(server, "prepare", lambda: None)
    _value(people, programme, "2026-Q3", "402")
    _adopt(programme, people)
    target = tmp_path / "export.xml"
    base = ["--organisation", "XM-DAC-00000", "-o", str(target)]
    assert cli.main(["iati", programme.slug, *base, "--url", "https://stramien.example.nl"]) == 0
    xml = target.read_bytes()
    assert schema_errors(xml) == []
    assert _actuals(xml) == ["402"]
    assert (
        parsed(xml).find(".//document-link").get("url").startswith("https://stramien.example.nl/")
    )
    target.unlink()
    monkeypatch.delenv("STRAMIEN_PUBLIC_URL", raising=False)
    assert cli.main(["iati", str(programme.pk), *base]) == cli.EXIT_OK
    assert parsed(target.read_bytes()).find(".//document-link") is None  # no address, no links
    capsys.readouterr()
    assert cli.main(["iati", "bestaat-niet", *base]) == cli.EXIT_UNREADABLE
    assert "Er is geen programma 'bestaat-niet'" in capsys.readouterr().err
