"""Reads for monitoring: the stored values as ``stramien.monitor`` computes with them, the
dashboard (computed when read, from raw approved values; nothing rolled up is stored), one
indicator's periods, and what waits for review."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from stramien.formatting import number
from stramien.model import Agreement, Indicator, MeasureType
from stramien.monitor import Measurement as Record
from stramien.monitor import (
    MeasurementStatus,
    PeriodStatus,
    Rollup,
    Scope,
    Status,
    counting,
    history,
    indicator_periods,
    rollup,
)
from stramien.monitor.aggregate import Value
from stramien.web.effects import selectors as effects_selectors
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement

from .models import Measurement, PeriodLock
from .progress_selectors import Filters, progress_for_dashboard


def as_record(measurement: Measurement) -> Record:
    """The stored measurement as ``stramien.monitor`` computes with it."""
    approved = measurement.status == Measurement.Status.APPROVED
    return Record(
        id=str(measurement.pk),
        indicator=measurement.indicator_id,
        period=measurement.period,
        entered_at=measurement.entered_at,
        value=measurement.value,
        numerator=measurement.numerator,
        denominator=measurement.denominator,
        dimensions=measurement.dimensions or {},
        status=MeasurementStatus(measurement.status),
        approved_at=measurement.reviewed_at if approved else None,
        supersedes=str(measurement.supersedes_id) if measurement.supersedes_id else None,
        note=measurement.explanation,
    )


_RECORD_FIELDS = (
    "id",
    "indicator_id",
    "period",
    "entered_at",
    "value",
    "numerator",
    "denominator",
    "dimensions",
    "status",
    "reviewed_at",
    "supersedes_id",
    "explanation",
)


def records(programme: Programme) -> list[Record]:
    """Every stored value of the programme, as ``as_record`` makes them (read as plain rows:
    a programme may hold hundreds of thousands)."""
    rows = (
        Measurement.objects.filter(programme=programme)
        .order_by("id")
        .values_list(*_RECORD_FIELDS)
        .iterator(chunk_size=5000)
    )
    approved = Measurement.Status.APPROVED.value
    statuses = {status.value: status for status in MeasurementStatus}
    return [
        Record(
            id=str(pk),
            indicator=indicator,
            period=period,
            entered_at=entered_at,
            value=value,
            numerator=numerator,
            denominator=denominator,
            dimensions=dimensions or {},
            status=statuses[status],
            approved_at=reviewed_at if status == approved else None,
            supersedes=str(supersedes) if supersedes else None,
            note=note,
        )
        for (pk, indicator, period, entered_at, value, numerator, denominator, dimensions,
             status, reviewed_at, supersedes, note) in rows
    ]  # fmt: skip


def _fingerprint(programme: Programme) -> dict[str, Any]:
    """What the stored values of a programme add up to, in one pass of the database: it
    changes with every record added and every approval (approved records never change)."""
    approved = Q(status=Measurement.Status.APPROVED)
    return Measurement.objects.filter(programme=programme).aggregate(
        rows=Count("id"),
        last=Max("id"),
        links=Sum("supersedes_id"),
        approved=Count("id", filter=approved),
        approved_ids=Sum("id", filter=approved),
        first_review=Min("reviewed_at", filter=approved),
        last_review=Max("reviewed_at", filter=approved),
        values=Sum("value", filter=approved),
        numerators=Sum("numerator", filter=approved),
        denominators=Sum("denominator", filter=approved),
        waiting=Count("id", filter=Q(status=Measurement.Status.SUBMITTED)),
    )


def rolled_up(
    programme: Programme, agreement: Agreement, reading: dt.datetime
) -> tuple[Rollup, int]:
    """``rollup`` of every stored value at ``reading``, and how many values wait for review.

    The roll-up is kept (in this process) under the document's hash, the values' fingerprint
    and the day of ``reading``, and only when every approval came before ``reading``: then
    the moment within that day changes nothing (``stramien.monitor.rollup`` reads only the
    day and which approvals came before it). A dashboard read again costs one aggregate
    query instead of reading and counting every value. ``Rollup.as_of`` of a kept result is
    the moment it was computed."""
    found = _fingerprint(programme)
    waiting = int(found.pop("waiting") or 0)
    last_review = found["last_review"]
    if last_review is not None and last_review > reading:
        return rollup(agreement, records(programme), reading), waiting
    key = (programme.pk, programme.head_content_hash, reading.date(), *sorted(found.items()))
    with _KEPT_LOCK:
        result = _KEPT.get(key)
        if result is not None:
            _KEPT.move_to_end(key)
    if result is None:
        result = rollup(agreement, records(programme), reading)
        with _KEPT_LOCK:
            _KEPT[key] = result
            while len(_KEPT) > _KEPT_SIZE:
                _KEPT.popitem(last=False)
    return result, waiting


# Roll-ups kept by ``rolled_up``, the least recently used dropped first.
_KEPT: OrderedDict[tuple[Any, ...], Rollup] = OrderedDict()
_KEPT_LOCK = threading.Lock()
_KEPT_SIZE = 64


def shown(value: Value | None, indicator: Indicator) -> str:
    """A combined value as a reader sees it: with its numerator and denominator when it is
    a percentage, yes or no for a yes/no indicator."""
    if value is None:
        return "—"
    if indicator.measure is MeasureType.YES_NO:
        return "ja" if value.value >= 1 else "nee"
    text = number(value.value, 2)
    if indicator.measure is MeasureType.PERCENTAGE:
        text = f"{number(value.value, 1)}%"
        if value.numerator is not None and value.denominator is not None:
            text += f" ({number(value.numerator)} van {number(value.denominator)})"
    elif indicator.unit:
        text += f" {indicator.unit}"
    return text


def _target(target: Decimal | None, indicator: Indicator) -> str:
    if target is None:
        return "—"
    text = number(target, 2)
    if indicator.measure is MeasureType.PERCENTAGE:
        return f"{text}%"
    return f"{text} {indicator.unit}".strip()


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    status: Status
    period: str
    value: str
    target: str


@dataclass(frozen=True)
class GoalRow:
    goal_id: str
    title: str
    status: Status
    depth: int
    indicators: list[IndicatorRow]


def _indicator_row(indicator: Indicator, found: PeriodStatus | None) -> IndicatorRow:
    if found is None:
        return IndicatorRow(indicator, Status.NO_DATA, "", "—", "—")
    return IndicatorRow(
        indicator,
        found.status,
        found.period.label,
        shown(found.value, indicator),
        _target(found.target, indicator),
    )


def _goal_rows(agreement: Agreement, result: Rollup) -> list[GoalRow]:
    """The goal tree top down (a goal with two parents under each), with its indicators."""
    goals = {goal.id: goal for goal in agreement.goals}
    children: dict[str, list[str]] = {goal_id: [] for goal_id in goals}
    tops = []
    for goal in agreement.goals:
        parents = [p for p in goal.contributes_to if p in goals]
        if not parents:
            tops.append(goal.id)
        for parent in parents:
            children[parent].append(goal.id)
    by_goal: dict[str, list[Indicator]] = {}
    for indicator in agreement.indicators:
        by_goal.setdefault(indicator.goal, []).append(indicator)
    rows: list[GoalRow] = []

    def walk(goal_id: str, depth: int, seen: frozenset[str]) -> None:
        goal = goals[goal_id]
        status = result.goals[goal_id].status if goal_id in result.goals else Status.NO_DATA
        rows.append(
            GoalRow(
                goal_id,
                goal.title,
                status,
                depth,
                [_indicator_row(i, result.indicators.get(i.id)) for i in by_goal.get(goal_id, [])],
            )
        )
        for child in children[goal_id]:
            if child not in seen:
                walk(child, depth + 1, seen | {child})

    for top in tops:
        walk(top, 0, frozenset({top}))
    return rows


def _narrowed(rows: list[GoalRow], scope: Scope) -> list[GoalRow]:
    """Only the chosen goal with the goals under it, and only the chosen partner's
    indicators (a goal without any is left out)."""
    if scope.goal is not None:
        start = next((i for i, row in enumerate(rows) if row.goal_id == scope.goal), None)
        if start is None:
            return []
        depth = rows[start].depth
        end = next((i for i in range(start + 1, len(rows)) if rows[i].depth <= depth), len(rows))
        rows = rows[start:end]
    if scope.partner is not None:
        mine = scope.partner
        rows = [
            replace(row, indicators=[i for i in row.indicators if i.indicator.owner == mine])
            for row in rows
        ]
        rows = [row for row in rows if row.indicators]
    return rows


def dashboard(
    programme: Programme, as_of: dt.datetime | None = None, filters: Filters | None = None
) -> dict[str, Any]:
    """Every goal with its status and its indicators' status, as known at ``as_of``, then
    the milestones, the budget and the contributions in kind; narrowed by ``filters``
    (with a period, the indicators as they stood at its end)."""
    agreement = head_agreement(programme)
    moment = as_of or timezone.now()
    scope = filters.scope if filters is not None else Scope()
    reading = moment
    if scope.period is not None:
        end = timezone.make_aware(dt.datetime.combine(scope.period.end, dt.time.max))
        reading = min(moment, end)
    result, waiting = rolled_up(programme, agreement, reading)
    rows = _narrowed(_goal_rows(agreement, result), scope)
    counts = {status: 0 for status in Status}
    for row in rows if filters is not None and filters.active else []:
        for shown_row in row.indicators:
            counts[shown_row.status] += 1
    for found in result.indicators.values() if filters is None or not filters.active else []:
        counts[found.status if found is not None else Status.NO_DATA] += 1
    return {
        **progress_for_dashboard(programme, moment, scope),
        "filters": filters,
        "reading": reading,
        "as_of": moment,
        "rows": rows,
        "counts": [(status, counts[status]) for status in Status if counts[status]],
        "orphans": result.orphans,
        "waiting": waiting,
        "goal_effects": effects_selectors.goal_cases(agreement),
    }


@dataclass(frozen=True)
class PeriodRow:
    key: str
    label: str
    status: Status
    value: str
    target: str
    locked: bool
    measurements: list[Measurement]


def indicator_periods_page(programme: Programme, indicator: Indicator) -> list[PeriodRow]:
    """Every reporting period of the indicator: its status, value so far, target, lock and
    every stored value for it (current and replaced, newest first)."""
    agreement = head_agreement(programme)
    stored = list(
        Measurement.objects.filter(programme=programme, indicator_id=indicator.id)
        .select_related("entered_by", "reviewed_by", "superseded_by")
        .order_by("-id")
    )
    # Only what counts (approved, not replaced), as the dashboard reads it.
    counted = counting([as_record(m) for m in stored], timezone.now())
    statuses = {s.period.key: s for s in history(indicator, agreement.programme, counted)}
    locked = set(
        PeriodLock.objects.filter(programme=programme, indicator_id=indicator.id).values_list(
            "period", flat=True
        )
    )
    rows = []
    for period in indicator_periods(indicator, agreement.programme):
        found = statuses.get(period.key)
        rows.append(
            PeriodRow(
                period.key,
                period.label,
                found.status if found else Status.NO_DATA,
                shown(found.value if found else None, indicator),
                _target(found.target if found else None, indicator),
                period.key in locked,
                [m for m in stored if m.period == period.key],
            )
        )
    return rows


def waiting_for_review(programme: Programme) -> list[Measurement]:
    return list(
        Measurement.objects.filter(programme=programme, status=Measurement.Status.SUBMITTED)
        .select_related("entered_by")
        .order_by("submitted_at", "id")
    )
