"""Entering, reviewing and correcting measurements, and the dashboard that counts them.

The small example's indicator ``i-bijstand`` (people on social assistance, 410 -> 340,
lower is better, quarterly) belongs to the municipality, which the ``partner`` fixture
represents; ``other_partner`` represents the housing corporation.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from stramien.web.audit.models import AuditEntry
from stramien.web.errors import ActionError
from stramien.web.monitoring import actions, selectors
from stramien.web.monitoring.actions import Entry, InvalidMeasurement
from stramien.web.monitoring.models import Measurement
from stramien.web.programmes import actions as programme_actions
from stramien.web.programmes.models import Membership, Programme

from ..conftest import client_for, make_user

pytestmark = pytest.mark.django_db

BIJSTAND = "i-bijstand"


def _enter(people: dict[str, Any], programme: Programme, period: str, value: str, **kw: Any):
    return actions.record_measurement(
        acting_user=people["partner"],
        programme=programme,
        entry=Entry(BIJSTAND, period, value=Decimal(value), **kw),
        submit=True,
    )


# The tests read the dashboard at fixed moments, so they mean the same on any day.
APPROVED = timezone.make_aware(dt.datetime(2026, 10, 15, 12))
READ = timezone.make_aware(dt.datetime(2026, 11, 15, 12))


def _approve(people: dict[str, Any], measurement: Measurement, when: dt.datetime = APPROVED):
    actions.approve_measurement(acting_user=people["regisseur"], measurement=measurement)
    Measurement.objects.filter(pk=measurement.pk).update(reviewed_at=when)


def _bijstand_row(programme: Programme, as_of: dt.datetime = READ) -> Any:
    rows = selectors.dashboard(programme, as_of)["rows"]
    return next(i for row in rows for i in row.indicators if i.indicator.id == BIJSTAND)


def test_a_value_counts_only_once_approved(people: dict[str, Any], programme: Programme) -> None:
    measurement = _enter(people, programme, "2026-Q3", "402")
    assert measurement.status == Measurement.Status.SUBMITTED
    assert _bijstand_row(programme).value == "—"
    _approve(people, measurement)
    row = _bijstand_row(programme)
    assert row.value == "402 personen"
    assert row.status.value == "on_track"
    actions_logged = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"measurement.record", "measurement.submit", "measurement.approve"} <= actions_logged


def test_far_behind_the_path_is_off_track(people: dict[str, Any], programme: Programme) -> None:
    _approve(people, _enter(people, programme, "2026-Q3", "470"))
    assert _bijstand_row(programme).status.value == "off_track"


def test_returned_then_corrected_keeps_the_history(
    people: dict[str, Any], programme: Programme
) -> None:
    first = _enter(people, programme, "2026-Q3", "4020")
    with pytest.raises(ActionError):
        actions.return_measurement(acting_user=people["regisseur"], measurement=first, reason=" ")
    actions.return_measurement(
        acting_user=people["regisseur"], measurement=first, reason="Een nul te veel?"
    )
    first.refresh_from_db()
    assert (first.status, first.review_note) == ("returned", "Een nul te veel?")
    second = _enter(people, programme, "2026-Q3", "402")
    assert second.supersedes_id == first.pk
    _approve(people, second)
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert _bijstand_row(programme).value == "402 personen"
    # A correction of an approved value: the approved one counts until the correction is.
    third = _enter(people, programme, "2026-Q3", "399")
    assert _bijstand_row(programme).value == "402 personen"
    _approve(people, third)
    assert _bijstand_row(programme).value == "399 personen"
    assert Measurement.objects.filter(indicator_id=BIJSTAND).count() == 3


def test_a_past_date_shows_what_was_known_then(
    people: dict[str, Any], programme: Programme
) -> None:
    _approve(people, _enter(people, programme, "2026-Q3", "402"))
    later = _enter(people, programme, "2026-Q3", "399")
    _approve(people, later, when=timezone.make_aware(dt.datetime(2026, 11, 20, 9)))
    assert _bijstand_row(programme).value == "402 personen"  # as known on 15 November
    assert _bijstand_row(programme, READ + dt.timedelta(days=10)).value == "399 personen"


def test_only_the_owner_and_monitors_enter(people: dict[str, Any], programme: Programme) -> None:
    entry = Entry(BIJSTAND, "2026-Q3", value=Decimal(400))
    for who in ("other_partner", "lezer", "regisseur"):
        with pytest.raises(actions.PermissionDenied):
            actions.record_measurement(acting_user=people[who], programme=programme, entry=entry)
    monitor = make_user("monitor")
    Membership.objects.create(programme=programme, user=monitor, role="monitor")
    made = actions.record_measurement(acting_user=monitor, programme=programme, entry=entry)
    assert made.status == "concept"
    with pytest.raises(actions.PermissionDenied):
        actions.approve_measurement(acting_user=monitor, measurement=made)


def test_bad_values_are_refused_with_every_reason(
    people: dict[str, Any], programme: Programme
) -> None:
    with pytest.raises(InvalidMeasurement) as caught:
        actions.record_measurement(
            acting_user=people["partner"],
            programme=programme,
            entry=Entry(BIJSTAND, "2026-M03", value=Decimal(1), dimensions={"wijk": "noord"}),
        )
    text = " ".join(caught.value.problems)
    assert "kwartaal" in text and "uitsplitsing 'wijk'" in text
    with pytest.raises(ActionError, match="niet \\(meer\\) in de overeenkomst"):
        actions.record_measurement(
            acting_user=people["partner"],
            programme=programme,
            entry=Entry("i-bestaat-niet", "2026-Q3", value=Decimal(1)),
        )
    assert not Measurement.objects.exists()


def test_a_locked_period_takes_nothing_new(people: dict[str, Any], programme: Programme) -> None:
    _approve(people, _enter(people, programme, "2026-Q3", "402"))
    actions.lock_period(
        acting_user=people["regisseur"],
        programme=programme,
        indicator_id=BIJSTAND,
        period="2026-Q3",
    )
    with pytest.raises(ActionError, match="vergrendeld"):
        _enter(people, programme, "2026-Q3", "399")
    with pytest.raises(ActionError, match="geen periode"):
        actions.lock_period(
            acting_user=people["regisseur"],
            programme=programme,
            indicator_id=BIJSTAND,
            period="2031-Q1",
        )


def test_the_same_client_key_twice_adds_nothing(
    people: dict[str, Any], programme: Programme
) -> None:
    first = _enter(people, programme, "2026-Q3", "402", client_key="bi-2026-q1")
    again = _enter(people, programme, "2026-Q3", "402", client_key="bi-2026-q1")
    assert again.pk == first.pk and Measurement.objects.count() == 1
    with pytest.raises(ActionError, match="al gebruikt"):
        _enter(people, programme, "2026-Q3", "500", client_key="bi-2026-q1")


def test_a_removed_indicator_keeps_its_values_as_orphans(
    people: dict[str, Any], programme: Programme
) -> None:
    _approve(people, _enter(people, programme, "2026-Q3", "402"))
    document = copy.deepcopy(programme.head_document)
    document["indicators"] = [i for i in document["indicators"] if i["id"] != BIJSTAND]
    programme_actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    )
    programme.refresh_from_db()
    found = selectors.dashboard(programme, READ)
    assert [m.indicator for m in found["orphans"]] == [BIJSTAND]
    assert Measurement.objects.filter(indicator_id=BIJSTAND).count() == 1


def test_the_pages_for_each_role(people: dict[str, Any], programme: Programme) -> None:
    indicator_url = reverse("programmes:indicator", args=[programme.slug, BIJSTAND])
    partner = client_for(people["partner"])
    page = partner.get(indicator_url).content.decode()
    assert "Een waarde invoeren" in page and "3e kwartaal 2026" in page
    refused = partner.post(indicator_url, {"period": "2026-Q3", "value": "veel", "submit": "1"})
    assert refused.status_code == 400 and "Vul een getal in" in refused.content.decode()
    saved = partner.post(
        indicator_url, {"period": "2026-Q3", "value": "1.402", "explanation": "", "submit": "1"}
    )
    assert saved.status_code == 302
    assert Measurement.objects.get().value == Decimal(1402)
    assert (
        "Een waarde invoeren" not in client_for(people["lezer"]).get(indicator_url).content.decode()
    )
    assert client_for(people["lezer"]).post(indicator_url, {"period": "2026-Q3"}).status_code == 403
    review = reverse("programmes:review", args=[programme.slug])
    assert client_for(people["partner"]).get(review).status_code == 403
    regisseur = client_for(people["regisseur"])
    assert BIJSTAND in regisseur.get(review).content.decode()
    decide = reverse(
        "programmes:decide_measurement", args=[programme.slug, Measurement.objects.get().pk]
    )
    assert client_for(people["partner"]).post(decide, {"decision": "approve"}).status_code == 403
    regisseur.post(decide, {"decision": "return", "reason": "Dit lijkt te hoog."})
    assert Measurement.objects.get().status == "returned"
    dashboard = regisseur.get(reverse("programmes:monitoring", args=[programme.slug]))
    assert dashboard.status_code == 200 and "Geen gegevens" in dashboard.content.decode()
