"""The planned path of an indicator: the target for the value so far at each period's end.

The path runs through anchor points:

- the baseline, at the baseline date (or the programme start when that date is missing);
- every interim target of the document (``period_targets``), at the end of its period;
- the target, at the target date (or the programme end).

At the end of a period the path's value is the interim target set for that period, or else
the straight line between the anchors before and after that day: downwards for an indicator
where lower is better, since its target lies below its baseline. Before the first anchor the
path is the baseline when that anchor is the baseline (hold at least the starting level), and
unknown otherwise; after the last anchor it stays at that anchor's value (a target reached
should be kept). A yes/no indicator does not move gradually: its path is the value of the
latest anchor on or before the day (no, until the target date says yes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from stramien.model import Indicator, MeasureType, Programme

from . import _numbers as num
from .periods import Period, PeriodError, indicator_periods, parse_period

Anchor = tuple[dt.date, Decimal]


@dataclass(frozen=True, slots=True)
class TargetPoint:
    """The target for the value so far at the end of ``period``."""

    period: Period
    target: Decimal | None
    explicit: bool  # an interim target of the document, not a point on a line


def _interim_targets(indicator: Indicator) -> dict[Period, Decimal]:
    found: dict[Period, Decimal] = {}
    for item in indicator.period_targets:
        try:
            found[parse_period(item.period, indicator.frequency)] = item.target
        except PeriodError:
            continue  # the model refuses these; a stale document simply has no anchor here
    return found


def anchors(indicator: Indicator, programme: Programme) -> tuple[list[Anchor], bool]:
    """The path's anchor points in order of date, and whether the first is the baseline."""
    points: dict[dt.date, Decimal] = {}
    start = indicator.baseline_date or programme.start
    if indicator.baseline is not None and start is not None:
        points[start] = indicator.baseline
    end = indicator.target_date or programme.end
    if indicator.target is not None and end is not None:
        points[end] = indicator.target
    for period, target in _interim_targets(indicator).items():
        points[period.end] = target  # an interim target is more specific than the line
    ordered = sorted(points.items())
    starts_at_baseline = (
        bool(ordered)
        and start is not None
        and ordered[0]
        == (
            start,
            indicator.baseline,
        )
    )
    return ordered, starts_at_baseline


def _on_path(
    points: list[Anchor], starts_at_baseline: bool, day: dt.date, step: bool
) -> Decimal | None:
    before = [point for point in points if point[0] <= day]
    if not before:
        return points[0][1] if points and starts_at_baseline else None
    last_day, last_value = before[-1]
    after = [point for point in points if point[0] > day]
    if step or not after:
        return last_value
    next_day, next_value = after[0]
    share = num.ratio(Decimal((day - last_day).days), Decimal((next_day - last_day).days))
    return num.total([last_value, num.product(num.difference(next_value, last_value), share)])


def target_for(indicator: Indicator, programme: Programme, period: Period) -> TargetPoint:
    """The target for the value so far at the end of ``period`` (see the module text)."""
    interim = _interim_targets(indicator)
    if period in interim:
        return TargetPoint(period, interim[period], explicit=True)
    points, starts_at_baseline = anchors(indicator, programme)
    step = indicator.measure is MeasureType.YES_NO
    return TargetPoint(period, _on_path(points, starts_at_baseline, period.end, step), False)


def trajectory(indicator: Indicator, programme: Programme) -> list[TargetPoint]:
    """The target for every reporting period of the indicator over the programme."""
    return [target_for(indicator, programme, p) for p in indicator_periods(indicator, programme)]
