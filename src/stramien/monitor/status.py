"""Is an indicator on track? Its value so far against the planned path, per period.

For an indicator and a period, with ``value`` the value so far at the end of the period
(``aggregate.value_to_date``) and ``target`` the path's value there (``trajectory``):

- **no data** (``no_data``) when nothing counts for the period itself: a missing report is
  shown as missing, not hidden behind an older figure;
- **no target** (``no_target``) when the path has no value there;
- otherwise the *shortfall* is how far the value is behind the path, in the direction that
  counts: ``target - value`` when higher is better, ``value - target`` when lower is better
  (negative: ahead of the path). The *band* is ``tolerance`` per cent of the change the
  programme promises, ``|target - baseline|`` of the indicator; when that is unknown or zero,
  of ``|target|`` at that period. Then:

  - **on track** (``on_track``): shortfall <= band, so at or beyond the path minus the band;
  - **at risk** (``at_risk``): band < shortfall <= 2 x band;
  - **off track** (``off_track``): shortfall > 2 x band.

Example: 46 households in arrears at the baseline, 20 as the target, tolerance 10: the band
is 2.6 households. Where the path says 33, a stand of 35 (shortfall 2) is on track, 38
(shortfall 5) at risk and 39 (shortfall 6) off track. The band is a share of the whole
promised change, as in a logframe where being more than 10 points behind the planned share
of the target is a warning; it does not shrink to nothing when the target is zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from stramien.model import Indicator, IndicatorDirection, Programme

from . import _numbers as num
from .aggregate import Value, combine_over_time, period_value, period_values, value_to_date
from .measurements import Measurement
from .periods import Period
from .trajectory import target_for, trajectory


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def known(self) -> bool:
        """Whether the status says something about progress (not no data or no target)."""
        return self in SEVERITY


_LABELS = {
    Status.ON_TRACK: "Op koers",
    Status.AT_RISK: "Risico",
    Status.OFF_TRACK: "Uit koers",
    Status.NO_DATA: "Geen gegevens",
    Status.NO_TARGET: "Geen streefwaarde",
}
#: How bad a known status is; the roll-up takes the worst.
SEVERITY = {Status.ON_TRACK: 0, Status.AT_RISK: 1, Status.OFF_TRACK: 2}


@dataclass(frozen=True, slots=True)
class PeriodStatus:
    """The status of one indicator in one period, with the figures it rests on."""

    indicator: str
    period: Period
    status: Status
    value: Value | None  # so far, at the end of the period
    period_value: Value | None  # of this period alone
    target: Decimal | None
    band: Decimal | None
    shortfall: Decimal | None  # positive: behind the path


def band(indicator: Indicator, target: Decimal) -> Decimal:
    """The tolerance in the indicator's own unit (see the module text)."""
    reference = num.ZERO
    if indicator.baseline is not None and indicator.target is not None:
        reference = abs(num.difference(indicator.target, indicator.baseline))
    if reference == num.ZERO:
        reference = abs(target)
    return num.ratio(num.product(indicator.tolerance, reference), num.HUNDRED)


def shortfall(direction: IndicatorDirection, value: Decimal, target: Decimal) -> Decimal:
    """How far ``value`` is behind ``target``; negative when it is ahead."""
    if direction is IndicatorDirection.DECREASE:
        return num.difference(value, target)
    return num.difference(target, value)


def classify(behind: Decimal, tolerance_band: Decimal) -> Status:
    """On track, at risk or off track for a shortfall and a band (see the module text)."""
    if behind <= tolerance_band:
        return Status.ON_TRACK
    if behind <= num.product(Decimal(2), tolerance_band):
        return Status.AT_RISK
    return Status.OFF_TRACK


def _judged(
    indicator: Indicator,
    period: Period,
    own: Value | None,
    so_far: Value | None,
    target: Decimal | None,
) -> PeriodStatus:
    if own is None or so_far is None:
        return PeriodStatus(indicator.id, period, Status.NO_DATA, so_far, own, target, None, None)
    if target is None:
        return PeriodStatus(indicator.id, period, Status.NO_TARGET, so_far, own, None, None, None)
    tolerance_band = band(indicator, target)
    behind = shortfall(indicator.direction, so_far.value, target)
    status = classify(behind, tolerance_band)
    return PeriodStatus(indicator.id, period, status, so_far, own, target, tolerance_band, behind)


def period_status(
    indicator: Indicator,
    programme: Programme,
    measurements: Iterable[Measurement],
    period: Period,
) -> PeriodStatus:
    """The status of ``indicator`` in ``period``, from the measurements that count."""
    counted = [m for m in measurements if m.indicator == indicator.id]
    own = period_value(indicator, counted, period)
    so_far = value_to_date(indicator, counted, period)
    target = target_for(indicator, programme, period).target
    return _judged(indicator, period, own, so_far, target)


def history(
    indicator: Indicator, programme: Programme, measurements: Iterable[Measurement]
) -> list[PeriodStatus]:
    """The status in every reporting period of the programme, for a chart or a table."""
    values = period_values(indicator, measurements)
    own = dict(values)
    result = []
    for point in trajectory(indicator, programme):
        so_far = combine_over_time(indicator, [v for p, v in values if p <= point.period])
        result.append(_judged(indicator, point.period, own.get(point.period), so_far, point.target))
    return result
