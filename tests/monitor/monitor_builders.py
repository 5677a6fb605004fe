"""Small builders for the monitoring tests: indicators, programmes and measurements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from stramien.model import Indicator, Programme
from stramien.monitor import Measurement, MeasurementStatus

PROGRAMME = Programme(name="Test", start=dt.date(2027, 1, 1), end=dt.date(2028, 12, 31))


def moment(day: str, time: str = "12:00") -> dt.datetime:
    """A moment on ``day`` (ISO date) in UTC."""
    return dt.datetime.fromisoformat(f"{day}T{time}:00+00:00")


def indicator(**fields: Any) -> Indicator:
    return Indicator.model_validate({"id": "k", "name": "Test", "goal": "g", **fields})


def approved(
    measurement_id: str,
    period: str,
    value: str | None = None,
    *,
    indicator_id: str = "k",
    on: str = "2027-01-01",
    ratio: tuple[str, str] | None = None,
    dimensions: dict[str, str] | None = None,
    supersedes: str | None = None,
) -> Measurement:
    """An approved measurement, entered and approved on ``on``."""
    return Measurement(
        id=measurement_id,
        indicator=indicator_id,
        period=period,
        entered_at=moment(on, "09:00"),
        value=None if value is None else Decimal(value),
        numerator=None if ratio is None else Decimal(ratio[0]),
        denominator=None if ratio is None else Decimal(ratio[1]),
        dimensions=dimensions or {},
        status=MeasurementStatus.APPROVED,
        approved_at=moment(on),
        supersedes=supersedes,
    )


def two_places(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))
