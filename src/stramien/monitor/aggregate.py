"""Combining measurements: over the breakdown within one period, and over the periods.

Within one period (``period_value``):

- a measurement without dimension values is the period's total and is taken as it is;
- otherwise the breakdown is combined, over one set of dimensions only: the reported set with
  the fewest dimensions (so a figure per neighbourhood and one per age group are never added
  to each other). A number is summed; a percentage is the total numerator over the total
  denominator, never the mean of the percentages (30/100 and 10/50 make 40/150 = 26,67 %,
  not 20 %); a score is the mean; yes/no is yes only when every part says yes;
- ``complete`` tells whether every value of those dimensions was reported, so a partial
  total is visible as partial instead of looking like a drop (Akvo RSR #5212).

Over time, up to and including a period (``value_to_date``), by the indicator's ``over_time``:

- ``latest``: the value of the latest period with data; a stand is never added up over
  periods (Akvo RSR #5211), and a period is never filled in with an older value;
- ``sum``: the baseline plus every period's value so far (percentages: pooled numerators
  over pooled denominators);
- ``average``: the mean of the period values (percentages: pooled, as for ``sum``);
- ``maximum``: the highest period value.

Measurements whose period key does not fit the indicator's frequency are left out here;
``stramien.monitor.rollup`` reports them. The functions expect the measurements that count
(``stramien.monitor.measurements.counting``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from stramien.model import Indicator, MeasureType, TimeAggregation

from . import _numbers as num
from .measurements import Measurement
from .periods import Period, PeriodError, parse_period


@dataclass(frozen=True, slots=True)
class Value:
    """A combined figure, with the numerator and denominator behind a percentage."""

    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    complete: bool = True
    measurements: int = 1


def measured(measurement: Measurement, measure: MeasureType) -> Value | None:
    """The figure of one measurement (a percentage from its numerator and denominator)."""
    numerator, denominator = measurement.numerator, measurement.denominator
    if measure is MeasureType.PERCENTAGE and numerator is not None and denominator is not None:
        share = num.percent(numerator, denominator)
        return None if share is None else Value(share, numerator, denominator)
    if measurement.value is None:
        return None
    return Value(measurement.value)


def combine(measure: MeasureType, values: Sequence[Value]) -> Value | None:
    """Parts of one whole combined by the rule of ``measure`` (see the module text)."""
    if not values:
        return None
    complete = all(v.complete for v in values)
    count = sum(v.measurements for v in values)
    if measure is MeasureType.PERCENTAGE:
        return _pooled(values, complete, count)
    if measure is MeasureType.NUMBER:
        figure = num.total(v.value for v in values)
    elif measure is MeasureType.SCORE:
        figure = num.mean([v.value for v in values])
    else:
        figure = min(v.value for v in values)
    return Value(figure, complete=complete, measurements=count)


def _pooled(values: Sequence[Value], complete: bool, count: int) -> Value | None:
    ratios = [v for v in values if v.numerator is not None and v.denominator is not None]
    # A part given only as a percentage cannot be weighed; it is left out and says so.
    complete = complete and len(ratios) == len(values)
    numerator = num.total(v.numerator for v in ratios if v.numerator is not None)
    denominator = num.total(v.denominator for v in ratios if v.denominator is not None)
    share = num.percent(numerator, denominator)
    if share is None:
        return None
    return Value(share, numerator, denominator, complete, count)


def _coarsest(parts: Sequence[Measurement]) -> tuple[tuple[str, ...], list[Measurement]]:
    """The reported set of dimensions with the fewest dimensions, and its measurements."""
    groups: dict[tuple[str, ...], list[Measurement]] = {}
    for m in parts:
        groups.setdefault(tuple(sorted(m.dimensions)), []).append(m)
    keys = min(groups, key=lambda k: (len(k), k))
    return keys, groups[keys]


def _is_complete(indicator: Indicator, keys: tuple[str, ...], parts: list[Measurement]) -> bool:
    values = {d.key: d.values for d in indicator.dimensions}
    if not all(values.get(key) for key in keys):
        return True  # the document no longer says which values to expect
    expected = {
        tuple(zip(keys, combination, strict=True))
        for combination in itertools.product(*(values[key] for key in keys))
    }
    return expected <= {m.cell for m in parts}


def combine_breakdown(indicator: Indicator, parts: Sequence[Measurement]) -> Value | None:
    """The total of one period from its measurements (see the module text)."""
    totals = [m for m in parts if not m.dimensions]
    if totals:
        return measured(totals[-1], indicator.measure)
    if not parts:
        return None
    keys, chosen = _coarsest(parts)
    values = [v for v in (measured(m, indicator.measure) for m in chosen) if v is not None]
    value = combine(indicator.measure, values)
    if value is None or _is_complete(indicator, keys, chosen):
        return value
    return Value(value.value, value.numerator, value.denominator, False, value.measurements)


def _placed(
    indicator: Indicator, measurements: Iterable[Measurement]
) -> dict[Period, list[Measurement]]:
    by_period: dict[Period, list[Measurement]] = {}
    for m in measurements:
        if m.indicator != indicator.id:
            continue
        try:
            period = parse_period(m.period, indicator.frequency)
        except PeriodError:
            continue
        by_period.setdefault(period, []).append(m)
    return by_period


def period_values(
    indicator: Indicator, measurements: Iterable[Measurement]
) -> list[tuple[Period, Value]]:
    """Every period with data and its total, in order of time."""
    found = []
    for period, parts in sorted(_placed(indicator, measurements).items()):
        value = combine_breakdown(indicator, parts)
        if value is not None:
            found.append((period, value))
    return found


def period_value(
    indicator: Indicator, measurements: Iterable[Measurement], period: Period
) -> Value | None:
    """The total of ``period`` alone, or None when nothing for it counts."""
    return combine_breakdown(indicator, _placed(indicator, measurements).get(period, []))


def combine_over_time(indicator: Indicator, values: Sequence[Value]) -> Value | None:
    """Period values, in order of time, combined by the indicator's ``over_time``."""
    if not values:
        return None
    rule, measure = indicator.over_time, indicator.measure
    if rule is TimeAggregation.LATEST:
        return values[-1]
    if rule is TimeAggregation.MAXIMUM:
        best = values[0]
        for v in values[1:]:
            best = v if v.value >= best.value else best
        return best
    complete = all(v.complete for v in values)
    count = sum(v.measurements for v in values)
    if measure is MeasureType.PERCENTAGE:
        return _pooled(values, complete, count)
    if rule is TimeAggregation.AVERAGE:
        return Value(num.mean([v.value for v in values]), complete=complete, measurements=count)
    # A sum counts on from the baseline, so it compares with a path from baseline to target.
    start = indicator.baseline if measure is MeasureType.NUMBER else None
    figure = num.total([start or num.ZERO, *(v.value for v in values)])
    return Value(figure, complete=complete, measurements=count)


def value_to_date(
    indicator: Indicator, measurements: Iterable[Measurement], period: Period
) -> Value | None:
    """The value so far at the end of ``period``, by the indicator's ``over_time``."""
    so_far = [value for p, value in period_values(indicator, measurements) if p <= period]
    return combine_over_time(indicator, so_far)


def breakdown(
    indicator: Indicator, measurements: Iterable[Measurement], period: Period, dimension: str
) -> dict[str, Value]:
    """The figure per value of one dimension in ``period`` (other dimensions combined).

    In the order of the dimension's values in the document; values that are not (or no
    longer) in the document follow, sorted.
    """
    parts = [
        m for m in _placed(indicator, measurements).get(period, []) if dimension in m.dimensions
    ]
    if not parts:
        return {}
    _, chosen = _coarsest(parts)
    per_value: dict[str, list[Value]] = {}
    for m in chosen:
        value = measured(m, indicator.measure)
        if value is not None:
            per_value.setdefault(m.dimensions[dimension], []).append(value)
    declared = next((d.values for d in indicator.dimensions if d.key == dimension), [])
    order = [v for v in declared if v in per_value] + sorted(set(per_value) - set(declared))
    result: dict[str, Value] = {}
    for key in order:
        value = combine(indicator.measure, per_value[key])
        if value is not None:
            result[key] = value
    return result
