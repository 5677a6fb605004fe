"""The "what is missing" page: per indicator and period whether its value is in.

The small example runs from 2026; its eight indicators are measured per quarter. The page
is read on 25 October 2026: the values of the first two quarters were due on 30 April and
30 July (late unless in), the third quarter's is due on 30 October (five days away), the
fourth quarter is still running. ``partner`` represents Gemeente Apeldoorn, the owner of
``i-bijstand`` and ``i-onveilig``; the housing corporation owns three indicators.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from stramien.web.monitoring import actions
from stramien.web.monitoring.actions import Entry
from stramien.web.programmes.models import Membership, Programme

from ..conftest import client_for, make_user

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 25)


@pytest.fixture(autouse=True)
def _read_on_a_fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


class _Tables(HTMLParser):
    """Per table, the text of every row as a list of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.rows = []
            self.tables.append(self.rows)
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _page(user: Any, programme: Programme, query: str = "") -> str:
    response = client_for(user).get(reverse("programmes:missing", args=[programme.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _tables(page: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def _row(page: str, name: str, table: int = -1) -> list[str]:
    """The row that starts with ``name`` in a table (the last, the matrix, unless told)."""
    return next(row for row in _tables(page)[table] if row and row[0] == name)


def _bijstand_values(people: dict[str, Any], programme: Programme) -> None:
    """2026-Q1 approved, Q2 waiting for review, Q3 a concept."""

    def enter(period: str, submit: bool) -> Any:
        return actions.record_measurement(
            acting_user=people["partner"],
            programme=programme,
            entry=Entry("i-bijstand", period, value=Decimal(400)),
            submit=submit,
        )

    actions.approve_measurement(acting_user=people["regisseur"], measurement=enter("2026-Q1", True))
    enter("2026-Q2", True)
    enter("2026-Q3", False)


BIJSTAND = "Bewoners met een bijstandsuitkering"
ONVEILIG = "Bewoners die zich vaak onveilig voelen in de buurt"
DIPLOMA = "Deelnemers van de leerwerkroute met een mbo-diploma"


def test_cells_say_where_each_value_stands(people: dict[str, Any], programme: Programme) -> None:
    _bijstand_values(people, programme)
    page = _page(people["lezer"], programme)
    header = _row(page, "Indicator")
    assert header[1:] == [
        "1e kwartaal 2026",
        "2e kwartaal 2026",
        "3e kwartaal 2026",
        "4e kwartaal 2026",
    ]
    assert _row(page, BIJSTAND)[1:] == [
        "Geleverd",
        "Wacht op beoordeling",
        "Concept uiterlijk 30-10-2026",
        "Periode loopt nog",
    ]
    assert _row(page, ONVEILIG)[1:] == [
        "Te laat uiterlijk 30-4-2026",
        "Te laat uiterlijk 30-7-2026",
        "Binnenkort nodig uiterlijk 30-10-2026",
        "Periode loopt nog",
    ]
    link = reverse("programmes:indicator", args=[programme.slug, "i-bijstand"])
    assert f'href="{link}" aria-label="Geleverd: {BIJSTAND}, 1e kwartaal 2026"' in page


def test_rows_are_grouped_by_owner_organisation(
    people: dict[str, Any], programme: Programme
) -> None:
    firsts = [row[0] for row in _tables(_page(people["lezer"], programme))[-1]]
    gemeente = firsts.index("Gemeente Apeldoorn")
    corporatie = firsts.index("Woonstichting Veluwse Poort")
    assert firsts[gemeente + 1 : gemeente + 3] == [BIJSTAND, ONVEILIG]
    assert len([name for name in firsts[corporatie + 1 : corporatie + 4] if name]) == 3


def test_the_summary_counts_late_values_and_says_who_owes_them(
    people: dict[str, Any], programme: Programme
) -> None:
    _bijstand_values(people, programme)
    page = _page(people["partner"], programme)
    # Eight indicators, two quarters past their deadline, two of them delivered or in review.
    assert "14 waarden te laat" in page
    assert "Woonstichting Veluwse Poort: 6 waarden" in page
    assert "Gemeente Apeldoorn: 2 waarden" in page
    assert "Oost-Veluws College (ROC): 2 waarden" in page
    late = _row(page, ONVEILIG, table=0)  # the list of late values, longest late first
    assert late == [ONVEILIG, "1e kwartaal 2026", "30-4-2026", "178", "Gemeente Apeldoorn"]


def test_a_late_concept_is_named_in_the_cell(people: dict[str, Any], programme: Programme) -> None:
    actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=Entry("i-onveilig", "2026-Q1", value=Decimal(12)),
    )
    cells = _row(_page(people["lezer"], programme, "?eigenaar=gem-apeldoorn"), ONVEILIG)
    assert "concept staat klaar" in cells[1]
    assert "Te laat" in cells[1]


def test_filter_by_owner(people: dict[str, Any], programme: Programme) -> None:
    page = _page(people["regisseur"], programme, "?eigenaar=gem-apeldoorn")
    assert BIJSTAND in page and ONVEILIG in page
    assert DIPLOMA not in page
    assert "4 waarden te laat" in page
    assert '<option value="gem-apeldoorn" selected>' in page


def test_an_unknown_owner_or_year_is_explained_and_everything_shown(
    people: dict[str, Any], programme: Programme
) -> None:
    page = _page(people["lezer"], programme, "?eigenaar=bestaat-niet&jaar=twintig")
    assert "Er is geen eigenaar &#x27;bestaat-niet&#x27; met indicatoren" in page
    assert (
        "&#x27;twintig&#x27; is geen jaar van dit programma; kies uit 2026 tot en met 2029." in page
    )
    assert DIPLOMA in page
    assert "16 waarden te laat" in page


def test_another_year(people: dict[str, Any], programme: Programme) -> None:
    page = _page(people["lezer"], programme, "?jaar=2027")
    assert _row(page, BIJSTAND)[1:] == ["Periode loopt nog"] * 4
    assert _row(page, "Indicator")[1] == "1e kwartaal 2027"
    assert "16 waarden te laat" in page  # the summary covers the whole programme


def test_every_role_reads_outsiders_do_not(people: dict[str, Any], programme: Programme) -> None:
    monitor = make_user("monitor")
    Membership.objects.create(programme=programme, user=monitor, role="monitor")
    for user in (people["regisseur"], people["partner"], people["lezer"], monitor):
        assert "Wat ontbreekt" in _page(user, programme)
    url = reverse("programmes:missing", args=[programme.slug])
    assert client_for(people["outsider"]).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert "/account/inloggen/" in anonymous["Location"]


def test_the_dashboard_links_to_the_page(people: dict[str, Any], programme: Programme) -> None:
    dashboard = client_for(people["lezer"]).get(
        reverse("programmes:monitoring", args=[programme.slug])
    )
    assert reverse("programmes:missing", args=[programme.slug]) in dashboard.content.decode()
