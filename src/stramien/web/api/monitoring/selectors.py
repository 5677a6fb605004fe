"""Reads for the monitoring endpoints: indicators with their periods (targets and values
computed as the dashboard computes them, from approved values only), the stored
measurements with filters, the milestones with their standing status, and the spending
and in-kind deliveries. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from stramien.model import Indicator
from stramien.monitor import (
    PeriodStatus,
    Status,
    counting,
    history,
    indicator_periods,
    milestone_reports,
)
from stramien.web.monitoring.models import InKindDelivery, Measurement, PeriodLock, Spending
from stramien.web.monitoring.models import MilestoneStatus as StoredStatus
from stramien.web.monitoring.progress_selectors import milestone_entries
from stramien.web.monitoring.selectors import records
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement


@dataclass(frozen=True)
class PeriodFigures:
    """One reporting period of an indicator: its dates, target, value so far and status."""

    key: str
    label: str
    start: dt.date
    end: dt.date
    target: Decimal | None
    value: Decimal | None  # so far, at the end of the period (as the dashboard shows)
    period_value: Decimal | None  # of this period alone
    status: str
    locked: bool


@dataclass(frozen=True)
class IndicatorFigures:
    indicator: Indicator
    periods: list[PeriodFigures]


def _figures(found: PeriodStatus | None) -> tuple[Decimal | None, Decimal | None, str]:
    if found is None:
        return None, None, Status.NO_DATA.value
    so_far = found.value.value if found.value is not None else None
    own = found.period_value.value if found.period_value is not None else None
    return so_far, own, found.status.value


def indicators(programme: Programme) -> list[IndicatorFigures]:
    """Every indicator of the newest version, each with every reporting period."""
    agreement = head_agreement(programme)
    # Only what counts now (approved, not replaced), as the dashboard's roll-up reads it.
    stored = counting(records(programme), timezone.now())
    locked = set(
        PeriodLock.objects.filter(programme=programme).values_list("indicator_id", "period")
    )
    result = []
    for indicator in agreement.indicators:
        mine = [m for m in stored if m.indicator == indicator.id]
        statuses = {s.period.key: s for s in history(indicator, agreement.programme, mine)}
        periods = []
        for period in indicator_periods(indicator, agreement.programme):
            found = statuses.get(period.key)
            so_far, own, status = _figures(found)
            periods.append(
                PeriodFigures(
                    key=period.key,
                    label=period.label,
                    start=period.start,
                    end=period.end,
                    target=found.target if found is not None else None,
                    value=so_far,
                    period_value=own,
                    status=status,
                    locked=(indicator.id, period.key) in locked,
                )
            )
        result.append(IndicatorFigures(indicator, periods))
    return result


def indicator(programme: Programme, indicator_id: str) -> IndicatorFigures | None:
    return next((i for i in indicators(programme) if i.indicator.id == indicator_id), None)


def measurements(programme: Programme, filters: dict[str, Any]) -> QuerySet[Measurement]:
    """The stored values (current and replaced), oldest first, narrowed by ``filters``:
    ``indicator``, ``period``, ``organisation`` (the indicator's owner), ``status``,
    ``from_date`` and ``to_date`` (the day the value was entered, inclusive)."""
    rows = Measurement.objects.filter(programme=programme).select_related("superseded_by")
    if filters.get("indicator"):
        rows = rows.filter(indicator_id=filters["indicator"])
    if filters.get("period"):
        rows = rows.filter(period=filters["period"])
    if filters.get("organisation"):
        owned = [
            i.id for i in head_agreement(programme).indicators if i.owner == filters["organisation"]
        ]
        rows = rows.filter(indicator_id__in=owned)
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    zone = timezone.get_current_timezone()
    if filters.get("from_date"):
        start = dt.datetime.combine(filters["from_date"], dt.time.min, tzinfo=zone)
        rows = rows.filter(entered_at__gte=start)
    if filters.get("to_date"):
        end = dt.datetime.combine(
            filters["to_date"] + dt.timedelta(days=1), dt.time.min, tzinfo=zone
        )
        rows = rows.filter(entered_at__lt=end)
    return rows.order_by("id")


@dataclass(frozen=True)
class MilestoneFigures:
    id: str
    title: str
    kind: str
    phase: str | None
    planned_date: dt.date
    status: str | None
    actual_date: dt.date | None
    explanation: str
    timeliness: str
    days_late: int


def milestones(programme: Programme) -> list[MilestoneFigures]:
    """Every milestone of the planning in date order, with the status standing now."""
    agreement = head_agreement(programme)
    entries = milestone_entries(StoredStatus.objects.filter(programme=programme))
    return [
        MilestoneFigures(
            id=report.milestone.id,
            title=report.milestone.title,
            kind=report.milestone.kind.value,
            phase=report.milestone.phase,
            planned_date=report.milestone.window[1],
            status=report.entry.progress.value if report.entry is not None else None,
            actual_date=report.entry.actual_date if report.entry is not None else None,
            explanation=report.entry.note if report.entry is not None else "",
            timeliness=report.timeliness.value,
            days_late=report.days_late,
        )
        for report in milestone_reports(agreement, entries, timezone.now())
    ]


def milestone_history(programme: Programme, milestone_id: str) -> list[StoredStatus]:
    return list(
        StoredStatus.objects.filter(programme=programme, milestone_id=milestone_id).order_by("-id")
    )


def spending(programme: Programme, filters: dict[str, Any]) -> QuerySet[Spending]:
    rows = Spending.objects.filter(programme=programme).select_related("superseded_by")
    if filters.get("organisation"):
        rows = rows.filter(partner_id=filters["organisation"])
    if filters.get("cost_item"):
        rows = rows.filter(cost_item_id=filters["cost_item"])
    return rows.order_by("id")


def deliveries(programme: Programme, filters: dict[str, Any]) -> QuerySet[InKindDelivery]:
    rows = InKindDelivery.objects.filter(programme=programme).select_related("superseded_by")
    if filters.get("organisation"):
        rows = rows.filter(partner_id=filters["organisation"])
    if filters.get("contribution"):
        rows = rows.filter(contribution_id=filters["contribution"])
    return rows.order_by("id")
