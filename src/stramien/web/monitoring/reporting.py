"""Reads for the progress report: a programme's records gathered and frozen into the
snapshot ``stramien.monitor.report`` computes (nothing is stored), and the latest approved
value of every indicator for appendix 1 of the agreement.

The report of a period stands, unless asked otherwise, at the moment it is made: a value
approved late still counts. The moment is printed in the report; asking for that moment
again gives the same report. The agreement is the version that was current at that moment.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stramien.model import Agreement
from stramien.monitor import (
    Period,
    Status,
    counting,
    period_values,
    rollup,
    value_to_date,
)
from stramien.monitor.report import ProgressSnapshot, report_period, snapshot
from stramien.render.blocks import IndicatorStand, MonitoringStand
from stramien.web.programmes.models import Programme, Revision
from stramien.web.programmes.store import document_at

from .models import InKindDelivery, MilestoneStatus, Spending
from .progress_selectors import delivery_entries, milestone_entries, spending_entries
from .selectors import records, shown


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def default_moment(period: Period, now: dt.datetime | None = None) -> dt.datetime:
    """The moment a report is made: now.

    A report shows what was approved when it was made (a value approved late still counts);
    the moment is printed in it, and choosing that moment again gives the same report. Not
    cut to the second: a value approved earlier in the same second must count.
    """
    return now or timezone.now()


def agreement_at(programme: Programme, moment: dt.datetime) -> tuple[Agreement, int]:
    """The version of the agreement that was current at ``moment`` (the first one when the
    moment lies before it), and its number."""
    revision = (
        Revision.objects.filter(programme=programme, created_at__lte=moment)
        .order_by("-number")
        .only("number")
        .first()
    )
    number = revision.number if revision is not None else 1
    number = min(number, programme.head_number)
    return Agreement.model_validate(document_at(programme, number)), number


def progress_snapshot(
    programme: Programme, period_key: str, as_of: dt.datetime | None = None
) -> ProgressSnapshot:
    """The progress report of the period ``period_key`` (``2027-Q2``) at ``as_of``.

    Raises ``stramien.monitor.report.ReportError`` (Dutch) for a period that is no period,
    or a moment before it began.
    """
    period = report_period(period_key)
    moment = as_of or default_moment(period)
    agreement, number = agreement_at(programme, moment)
    return snapshot(
        agreement,
        period,
        moment,
        records(programme),
        version=f"versie {number}",
        milestone_entries=milestone_entries(MilestoneStatus.objects.filter(programme=programme)),
        spending=spending_entries(Spending.objects.filter(programme=programme)),
        deliveries=delivery_entries(InKindDelivery.objects.filter(programme=programme)),
    )


def monitoring_stand(programme: Programme, agreement: Agreement) -> MonitoringStand | None:
    """The latest approved value of every indicator, with its status now, for appendix 1.

    Its moment is the last approval, so the rendered document changes when a value is
    approved and not otherwise (a render is cached by what it shows). None without any
    approved value: the appendix is then the agreement's own.
    """
    every = records(programme)
    counted = counting(every)
    if not counted:
        return None
    last = max(m.approved_at or m.entered_at for m in counted)
    result = rollup(agreement, every, max(timezone.now(), last))
    stands = []
    for indicator in agreement.indicators:
        values = period_values(indicator, [m for m in counted if m.indicator == indicator.id])
        if not values:
            continue
        period, _own = values[-1]
        found = result.indicators.get(indicator.id)
        status = found.status if found is not None else Status.NO_DATA
        stands.append(
            (
                indicator.id,
                IndicatorStand(
                    period=period.label,
                    value=shown(value_to_date(indicator, counted, period), indicator),
                    status=status.label,
                ),
            )
        )
    if not stands:
        return None
    return MonitoringStand(as_of=timezone.localtime(last).date(), indicators=tuple(stands))
