"""Each indicator over time as an SVG chart: the approved values are drawn (as they stood at
the dashboard's date), and only those who may see the programme get it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from stramien.web.monitoring import actions
from stramien.web.monitoring.actions import Entry
from stramien.web.monitoring.models import Measurement
from stramien.web.programmes.models import Programme

from ..conftest import client_for

pytestmark = pytest.mark.django_db

BIJSTAND = "i-bijstand"
EARLY = timezone.make_aware(dt.datetime(2026, 10, 15, 12))
LATE = timezone.make_aware(dt.datetime(2027, 2, 15, 12))


def _approved(people: dict[str, Any], programme: Programme, period: str, value: str, when: Any):
    measurement = actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=Entry(BIJSTAND, period, value=Decimal(value)),
        submit=True,
    )
    actions.approve_measurement(acting_user=people["regisseur"], measurement=measurement)
    Measurement.objects.filter(pk=measurement.pk).update(reviewed_at=when)


def _chart(client: Any, programme: Programme, per: str = "") -> Any:
    url = reverse("programmes:indicator_figure", args=[programme.slug, BIJSTAND])
    return client.get(url + (f"?per={per}" if per else ""))


def _value_marks(svg: str) -> int:
    """The dots of approved values: the symbols in the mark group described as 'meting'."""
    group = re.search(r'<g class="mark-symbol role-mark metingen_marks"[^>]*>(.*?)</g>', svg, re.S)
    return 0 if group is None else len(re.findall(r"<path\b", group.group(1)))


def test_the_chart_draws_one_mark_per_approved_period(
    people: dict[str, Any], programme: Programme
) -> None:
    _approved(people, programme, "2026-Q3", "402", EARLY)
    _approved(people, programme, "2026-Q4", "395", EARLY)
    actions.record_measurement(  # handed in, not approved: not drawn
        acting_user=people["partner"],
        programme=programme,
        entry=Entry(BIJSTAND, "2027-Q1", value=Decimal("390")),
        submit=True,
    )
    response = _chart(client_for(people["lezer"]), programme)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert _value_marks(svg) == 2
    assert "402 personen" in svg and "395 personen" in svg  # in the description
    assert "390 personen" not in svg
    assert "Streefpad" in svg and "Nulmeting" in svg and "Streefwaarde" in svg


def test_a_date_hides_values_approved_after_it(
    people: dict[str, Any], programme: Programme
) -> None:
    _approved(people, programme, "2026-Q3", "402", EARLY)
    _approved(people, programme, "2026-Q4", "395", LATE)
    client = client_for(people["regisseur"])
    assert _value_marks(_chart(client, programme, "2026-11-01").content.decode()) == 1
    assert _value_marks(_chart(client, programme, "2027-03-01").content.decode()) == 2
    assert _value_marks(_chart(client, programme, "2026-01-01").content.decode()) == 0


def test_the_dashboard_and_the_indicator_page_show_the_chart_with_the_table_as_text(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["lezer"])
    url = reverse("programmes:indicator_figure", args=[programme.slug, BIJSTAND])
    page = client.get(reverse("programmes:indicator", args=[programme.slug, BIJSTAND]))
    assert f'src="{url}"' in page.content.decode()
    assert 'aria-describedby="tabel-perioden"' in page.content.decode()
    dashboard = client.get(
        reverse("programmes:monitoring", args=[programme.slug]) + "?per=2026-11-01"
    )
    assert f'src="{url}?per=2026-11-01"' in dashboard.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("regisseur", 200), ("partner", 200), ("lezer", 200), ("outsider", 404), (None, 302)],
)
def test_only_who_sees_the_programme_gets_the_chart(
    people: dict[str, Any], programme: Programme, who: str | None, status: int
) -> None:
    assert _chart(client_for(people[who] if who else None), programme).status_code == status


def test_an_unknown_indicator_has_no_chart(people: dict[str, Any], programme: Programme) -> None:
    url = reverse("programmes:indicator_figure", args=[programme.slug, "i-bestaat-niet"])
    assert client_for(people["regisseur"]).get(url).status_code == 404
