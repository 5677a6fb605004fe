"""The demo programme has a living dashboard: values on track, at risk and off track, some
still missing, one returned and one waiting for review."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from stramien.monitor import Status
from stramien.web.demo import create_demo, demo_measurements
from stramien.web.monitoring import selectors
from stramien.web.monitoring.models import Measurement

pytestmark = pytest.mark.django_db


def test_the_demo_dashboard_shows_every_kind_of_status(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    made = create_demo()
    programme = made["programme"]
    Measurement.objects.filter(programme=programme).delete()
    users = {m.user.get_username(): m.user for m in programme.memberships.all()}
    today = dt.date(2028, 2, 10)  # two years of periods behind it
    count = demo_measurements(
        programme, monitor=users["monitor"], regisseur=users["regisseur"], today=today
    )
    assert count > 300
    statuses = Measurement.objects.values_list("status", flat=True)
    assert list(statuses).count("returned") == 1 and list(statuses).count("submitted") == 1
    moment = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    shown = selectors.dashboard(programme, moment)
    found = {status for status, _n in shown["counts"]}
    assert {Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK} <= found
