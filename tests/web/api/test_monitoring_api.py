"""The monitoring endpoints as a partner's system uses them: read the indicators and their
periods, push this quarter's values (one or a set, sent twice without harm), follow
milestones, spending and in-kind deliveries; and every kind of bad input refused with a
Dutch problem+json that names each invalid value, with nothing half-written."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from stramien.web.audit.models import AuditEntry
from stramien.web.monitoring import actions, selectors
from stramien.web.monitoring.models import InKindDelivery, Measurement, MilestoneStatus, Spending
from stramien.web.programmes.models import Programme

from .roles import Caller, invalid_names, problem, programme_with_roles, token_for

pytestmark = pytest.mark.django_db

BIJSTAND = "i-bijstand"  # the municipality's, quarterly, 410 -> 340 (lower is better)


@pytest.fixture
def setup() -> tuple[Programme, dict[str, Caller]]:
    return programme_with_roles()


def _url(programme: Programme, tail: str) -> str:
    return f"/api/v1/programmes/{programme.slug}/{tail}"


def _body(response: Any) -> Any:
    return json.loads(response.content)


def _value(period: str, value: str, **extra: Any) -> dict[str, Any]:
    return {"indicator": BIJSTAND, "period": period, "value": value, **extra}


# --- Indicators -------------------------------------------------------------------------


def test_indicators_show_periods_with_targets_and_approved_values(setup: Any) -> None:
    programme, callers = setup
    entered = actions.record_measurement(
        acting_user=callers["partner"].user,
        programme=programme,
        entry=actions.Entry(BIJSTAND, "2026-Q3", value=Decimal("402")),
        submit=True,
    )
    response = callers["lezer"].get(_url(programme, f"indicators/{BIJSTAND}"))
    assert response.status_code == 200
    found = _body(response)
    assert found["owner"] == "gem-apeldoorn"
    assert found["frequency"] == "quarterly"
    keys = [p["key"] for p in found["periods"]]
    assert keys[0] == "2026-Q1" and keys[-1] == "2029-Q4" and len(keys) == 16
    q3 = next(p for p in found["periods"] if p["key"] == "2026-Q3")
    assert q3["value"] is None  # handed in, not yet approved: it does not count
    # Nor on the indicator's page of the site.
    indicator = actions.indicator_of(programme, BIJSTAND)
    site = selectors.indicator_periods_page(programme, indicator)
    assert next(row.value for row in site if row.key == "2026-Q3") == "—"
    assert q3["target"] is not None and 340 < q3["target"] < 410

    actions.approve_measurement(acting_user=callers["regisseur"].user, measurement=entered)
    q3 = next(
        p
        for p in _body(callers["lezer"].get(_url(programme, f"indicators/{BIJSTAND}")))["periods"]
        if p["key"] == "2026-Q3"
    )
    assert q3["value"] == 402
    # The same status as the indicator's page on the site.
    page = selectors.indicator_periods_page(programme, actions.indicator_of(programme, BIJSTAND))
    assert q3["status"] == next(row.status.value for row in page if row.key == "2026-Q3")

    listed = _body(callers["lezer"].get(_url(programme, "indicators")))
    assert BIJSTAND in [i["id"] for i in listed["results"]]
    assert listed["_links"]["self"]["href"].startswith("http")


def test_an_unknown_indicator_is_a_dutch_404(setup: Any) -> None:
    programme, callers = setup
    response = callers["lezer"].get(_url(programme, "indicators/i-bestaat-niet"))
    assert response.status_code == 404
    assert "i-bestaat-niet" in problem(response)["detail"]


# --- Entering values --------------------------------------------------------------------


def test_one_value_is_entered_as_a_concept_with_its_audit_row(setup: Any) -> None:
    programme, callers = setup
    response = callers["partner"].post(
        _url(programme, "measurements"), _value("2026-Q3", "402", explanation="peildatum 30-9")
    )
    assert response.status_code == 201, response.content
    stored = _body(response)
    assert stored["status"] == "concept" and stored["value"] == 402
    assert stored["indicator"] == BIJSTAND and stored["period"] == "2026-Q3"
    assert response["API-Version"]
    assert Measurement.objects.get(pk=stored["id"]).explanation == "peildatum 30-9"
    assert AuditEntry.objects.filter(action="measurement.record").count() == 1


def test_a_set_is_stored_and_the_same_key_again_adds_nothing(setup: Any) -> None:
    programme, callers = setup
    values = [_value(q, v, submit=True) for q, v in [("2026-Q1", "409"), ("2026-Q2", "405")]]
    values.append(_value("2026-Q3", "401", dimensions={}))
    headers = {"Idempotency-Key": "erp-export-2026-10-02"}
    first = callers["partner"].post(_url(programme, "measurements"), values, headers)
    assert first.status_code == 201, first.content
    stored = _body(first)
    assert [m["period"] for m in stored] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert [m["status"] for m in stored] == ["submitted", "submitted", "concept"]
    audit_rows = AuditEntry.objects.count()

    again = callers["partner"].post(_url(programme, "measurements"), values, headers)
    assert again.status_code == 200
    assert [m["id"] for m in _body(again)] == [m["id"] for m in stored]
    assert Measurement.objects.filter(programme=programme).count() == 3
    assert AuditEntry.objects.count() == audit_rows


def test_a_key_per_value_works_without_the_header(setup: Any) -> None:
    programme, callers = setup
    value = _value("2026-Q2", "405", idempotencyKey="bi-rij-77")
    first = _body(callers["monitor"].post(_url(programme, "measurements"), value))
    second = callers["monitor"].post(_url(programme, "measurements"), value)
    assert second.status_code == 200 and _body(second)["id"] == first["id"]
    assert first["idempotencyKey"] == "bi-rij-77"


def test_a_key_used_for_another_value_is_refused(setup: Any) -> None:
    programme, callers = setup
    headers = {"Idempotency-Key": "k-1"}
    callers["partner"].post(_url(programme, "measurements"), _value("2026-Q2", "405"), headers)
    response = callers["partner"].post(
        _url(programme, "measurements"), _value("2026-Q2", "399"), headers
    )
    assert response.status_code == 400
    assert "k-1" in " ".join(invalid_names(response).values())
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("405")]


def test_every_invalid_value_of_a_set_is_named_and_nothing_is_stored(setup: Any) -> None:
    programme, callers = setup
    values = [
        _value("2026-Q1", "409"),  # fine, but the set is refused as a whole
        _value("2026-Q2", "veel"),  # not a number
        {"indicator": "i-bestaat-niet", "period": "2026-Q2", "value": 3},
        _value("2031-Q1", "300"),  # after the programme's end
        _value("2026-03", "300"),  # a month; the indicator is measured per quarter
        _value("2026-Q3", "300", kleur="rood"),  # a field that does not exist
        _value("2026-Q4", "300", dimensions={"wijk": "noord"}),  # no such breakdown
    ]
    response = callers["partner"].post(_url(programme, "measurements"), values)
    assert response.status_code == 400, response.content
    body = problem(response)
    names = invalid_names(response)
    assert set(names) == {
        "1.value",
        "2.indicator",
        "3.period",
        "4.period",
        "5.kleur",
        "6.dimensions",
    }, names
    assert "geldig nummer" in names["1.value"]  # Dutch, from the field's own check
    assert "i-bestaat-niet" in names["2.indicator"]
    assert "2031-Q1" in names["3.period"]
    assert "kwartaal" in names["4.period"]
    assert "er is niets opgeslagen" in body["detail"]
    assert not Measurement.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="measurement").exists()


def test_the_checks_of_the_values_themselves_answer_in_english_on_request(setup: Any) -> None:
    # These reasons come from stramien.monitor and the period keys of the model, which do not
    # know Django; they still follow Accept-Language, and Dutch stays the default.
    programme, callers = setup
    values = [
        _value("2026-03", "300"),  # a month; the indicator is measured per quarter
        _value("2026-q2", "300"),  # the letter in lower case
        _value("2026-Q5", "300"),  # a quarter that does not exist
        _value("2026-Q4", "300", dimensions={"wijk": "noord"}),  # no such breakdown
        {"indicator": BIJSTAND, "period": "2026-Q3", "numerator": 3, "denominator": 4},
    ]
    english = invalid_names(
        callers["partner"].post(
            _url(programme, "measurements"), values, headers={"Accept-Language": "en"}
        )
    )
    assert english == {
        "0.period": "'2026-03' is not a valid period. Write a year (2027), half-year (2027-H1), "
        "quarter (2027-Q2) or month (2027-M03).",
        "1.period": "'2026-q2' is not a valid period: write the letter as a capital (2026-Q2).",
        "2.period": "'2026-Q5' is not a valid period: a quarter runs from 2026-Q1 to 2026-Q4.",
        "3.dimensions": "This indicator has no breakdown 'wijk'.",
        "4.value": "Fill in a value; a numerator and denominator belong only to a percentage.",
    }, english
    month = invalid_names(
        callers["partner"].post(
            _url(programme, "measurements"),
            _value("2026-M04", "300"),
            headers={"Accept-Language": "en"},
        )
    )
    assert month["period"] == (
        "'2026-M04' is a month, but this indicator is measured quarterly; write a quarter, "
        "for example 2026-Q2."
    )
    dutch = invalid_names(callers["partner"].post(_url(programme, "measurements"), values))
    assert dutch["2.period"] == (
        "'2026-Q5' is geen geldige periode: een kwartaal loopt van 2026-Q1 tot en met 2026-Q4."
    )
    assert not Measurement.objects.exists()


def test_a_refusal_while_storing_leaves_nothing_of_the_set(setup: Any) -> None:
    programme, callers = setup
    actions.lock_period(
        acting_user=callers["regisseur"].user,
        programme=programme,
        indicator_id=BIJSTAND,
        period="2026-Q2",
    )
    values = [_value("2026-Q1", "409"), _value("2026-Q2", "405"), _value("2026-Q3", "401")]
    response = callers["partner"].post(_url(programme, "measurements"), values)
    assert response.status_code == 400
    names = invalid_names(response)
    assert list(names) == ["1"] and "vergrendeld" in names["1"]
    assert not Measurement.objects.exists()


def test_a_set_too_large_is_refused_before_anything_is_checked(setup: Any) -> None:
    programme, callers = setup
    values = [_value("2026-Q1", str(n)) for n in range(actions.MAX_BATCH + 1)]
    response = callers["partner"].post(_url(programme, "measurements"), values)
    assert response.status_code == 400
    assert "hoogstens 500" in problem(response)["invalidParams"][0]["reason"]
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'"402"', b"[]", b"[1, 2]", b'{"indicator": ["i-bijstand"]}'],
    ids=["invalid-json", "a-string", "empty-list", "not-objects", "wrong-type"],
)
def test_bodies_that_are_no_measurements(setup: Any, body: bytes) -> None:
    programme, callers = setup
    response = callers["partner"].post(_url(programme, "measurements"), body)
    assert response.status_code == 400
    found = problem(response)
    assert found["detail"]
    assert not Measurement.objects.exists()


def test_a_partner_does_not_enter_another_organisations_values(setup: Any) -> None:
    programme, callers = setup
    response = callers["other_partner"].post(
        _url(programme, "measurements"), _value("2026-Q2", "405")
    )
    assert response.status_code == 403
    assert "i-bijstand" in problem(response)["detail"]
    assert not Measurement.objects.exists()


def test_a_read_only_token_does_not_write(setup: Any) -> None:
    programme, callers = setup
    reader = Caller(callers["partner"].user, token_for(callers["partner"].user, scope="read"))
    response = reader.post(_url(programme, "measurements"), _value("2026-Q2", "405"))
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_english_on_request(setup: Any) -> None:
    programme, callers = setup
    response = callers["partner"].post(
        _url(programme, "measurements"),
        _value("2026-Q2", "veel"),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert "valid number" in invalid_names(response)["value"]


# --- Reading values ---------------------------------------------------------------------


def test_the_list_filters_by_indicator_period_owner_status_and_date(setup: Any) -> None:
    programme, callers = setup
    partner, other = callers["partner"], callers["other_partner"]
    partner.post(_url(programme, "measurements"), [_value("2026-Q1", "409", submit=True)])
    partner.post(_url(programme, "measurements"), [_value("2026-Q2", "405")])
    other.post(
        _url(programme, "measurements"),
        {"indicator": "i-huurachterstand", "period": "2026-Q1", "value": 44},
    )
    Measurement.objects.filter(period="2026-Q2").update(
        entered_at=timezone.make_aware(dt.datetime(2026, 7, 3, 10))
    )
    url = _url(programme, "measurements")
    reader = callers["lezer"]

    def periods(**query: Any) -> list[tuple[str, str]]:
        response = reader.get(url, **query)
        assert response.status_code == 200, response.content
        return [(m["indicator"], m["period"]) for m in _body(response)["results"]]

    assert len(periods()) == 3
    assert periods(indicator=BIJSTAND) == [(BIJSTAND, "2026-Q1"), (BIJSTAND, "2026-Q2")]
    assert periods(period="2026-Q1", organisation="ws-veluwsepoort") == [
        ("i-huurachterstand", "2026-Q1")
    ]
    assert periods(status="submitted") == [(BIJSTAND, "2026-Q1")]
    assert periods(fromDate="2026-07-01", toDate="2026-07-03") == [(BIJSTAND, "2026-Q2")]
    assert periods(toDate="2026-07-02") == []

    bad = reader.get(url, status="klaar", fromDate="gisteren")
    assert bad.status_code == 400
    assert set(invalid_names(bad)) == {"status", "fromDate"}
    reversed_dates = reader.get(url, fromDate="2026-07-03", toDate="2026-07-01")
    assert "toDate" in invalid_names(reversed_dates)


def test_one_measurement_shows_its_correction(setup: Any) -> None:
    programme, callers = setup
    first = actions.record_measurement(
        acting_user=callers["partner"].user,
        programme=programme,
        entry=actions.Entry(BIJSTAND, "2026-Q3", value=Decimal("4020")),
        submit=True,
    )
    actions.return_measurement(
        acting_user=callers["regisseur"].user, measurement=first, reason="Een nul te veel."
    )
    callers["partner"].post(_url(programme, "measurements"), _value("2026-Q3", "402"))
    shown = _body(callers["lezer"].get(_url(programme, f"measurements/{first.pk}")))
    assert shown["status"] == "returned" and shown["reviewNote"] == "Een nul te veel."
    assert shown["supersededBy"] is not None
    assert callers["lezer"].get(_url(programme, "measurements/999999")).status_code == 404


# --- Milestones, spending and deliveries ------------------------------------------------


def test_milestone_status_is_recorded_through_the_monitoring_action(setup: Any) -> None:
    programme, callers = setup
    url = _url(programme, "milestones/ms-kickoff/statuses")
    done = {"status": "done", "actualDate": "2026-02-14"}
    response = callers["regisseur"].post(url, done, {"Idempotency-Key": "ms-1"})
    assert response.status_code == 201, response.content
    assert callers["regisseur"].post(url, done, {"Idempotency-Key": "ms-1"}).status_code == 200
    assert MilestoneStatus.objects.count() == 1
    assert AuditEntry.objects.filter(action="milestone.status").count() == 1

    listed = _body(callers["lezer"].get(_url(programme, "milestones")))["results"]
    kickoff = next(m for m in listed if m["id"] == "ms-kickoff")
    assert kickoff["status"] == "done" and kickoff["actualDate"] == "2026-02-14"
    history = _body(callers["lezer"].get(url))["results"]
    assert [h["status"] for h in history] == ["done"]

    assert callers["partner"].post(url, done).status_code == 403
    without_date = callers["monitor"].post(url, {"status": "done"})
    assert without_date.status_code == 400
    assert "actualDate" in invalid_names(without_date)
    unknown = callers["monitor"].post(_url(programme, "milestones/ms-nergens/statuses"), done)
    assert unknown.status_code == 404
    assert MilestoneStatus.objects.count() == 1


def test_spending_of_the_own_organisation_only_and_never_negative(setup: Any) -> None:
    programme, callers = setup
    url = _url(programme, "spending")
    spent = {
        "costItem": "k-2026-regie",
        "partner": "gem-apeldoorn",
        "spentOn": "2026-03-31",
        "amount": 12500.5,
    }
    response = callers["partner"].post(url, spent)
    assert response.status_code == 201, response.content
    assert _body(response)["amount"] == 12500.5
    assert callers["other_partner"].post(url, spent).status_code == 403

    negative = callers["partner"].post(url, {**spent, "amount": -10})
    assert negative.status_code == 400
    assert "nul of meer" in invalid_names(negative)["amount"]
    wrong_types = callers["partner"].post(url, {**spent, "spentOn": "gisteren", "amount": "1,5"})
    assert set(invalid_names(wrong_types)) == {"amount", "spentOn"}
    unknown_item = callers["partner"].post(
        url, {**spent, "costItem": "k-bestaat-niet", "spentOn": "2999-01-01"}
    )
    assert set(invalid_names(unknown_item)) == {"costItem", "spentOn"}
    assert Spending.objects.count() == 1
    listed = _body(callers["lezer"].get(url, organisation="gem-apeldoorn"))["results"]
    assert [row["costItem"] for row in listed] == ["k-2026-regie"]


def test_an_in_kind_delivery_is_recorded_for_the_pledging_partner(setup: Any) -> None:
    programme, callers = setup
    url = _url(programme, "in-kind-deliveries")
    delivered = {
        "contribution": "bd-2026-gem-arbeid",
        "deliveredOn": "2026-06-30",
        "value": 22500,
        "quantity": "0,5 fte, eerste halfjaar",
    }
    response = callers["partner"].post(url, delivered)
    assert response.status_code == 201, response.content
    assert _body(response)["partner"] == "gem-apeldoorn"
    assert callers["other_partner"].post(url, delivered).status_code == 403
    bad = callers["partner"].post(url, {**delivered, "value": -1, "contribution": "bd-nee"})
    assert bad.status_code == 400
    assert InKindDelivery.objects.count() == 1
