"""Reporting periods: their keys, dates and order, and the periods of an indicator.

A period key names one month, quarter, half year or year: ``2027-M03``, ``2027-Q2``,
``2027-H1`` or ``2027``. The grammar lives in the model (``stramien.model.parse_period_key``),
so the document's interim targets and the stored measurements share one spelling; this module
adds the calendar. Periods sort by start date, then by end date (the shorter one first).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from stramien.formatting import MONTHS
from stramien.model import (
    Indicator,
    Programme,
    ReportingFrequency,
    parse_period_key,
    period_dates,
    period_key,
    period_key_problem,
)
from stramien.texts import message_of

#: Days after the end of a period within which its measurement should be in.
DEFAULT_DAYS_TO_REPORT = 30


class PeriodError(ValueError):
    """A period key that is not valid; the message is Dutch and meant for the user."""


@functools.total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """One reporting period: the ``number``-th (from 1) of its frequency in ``year``."""

    year: int
    frequency: ReportingFrequency
    number: int

    @property
    def key(self) -> str:
        return period_key(self.year, self.frequency, self.number)

    @property
    def start(self) -> dt.date:
        return period_dates(self.year, self.frequency, self.number)[0]

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return period_dates(self.year, self.frequency, self.number)[1]

    @property
    def label(self) -> str:
        """The period as a reader says it: maart 2027, 2e kwartaal 2027, 1e halfjaar 2027."""
        if self.frequency is ReportingFrequency.MONTHLY:
            return f"{MONTHS[self.number - 1]} {self.year}"
        if self.frequency is ReportingFrequency.QUARTERLY:
            return f"{self.number}e kwartaal {self.year}"
        if self.frequency is ReportingFrequency.HALF_YEARLY:
            return f"{self.number}e halfjaar {self.year}"
        return str(self.year)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def following(self) -> Period:
        if self.number < self.frequency.periods_per_year:
            return Period(self.year, self.frequency, self.number + 1)
        return Period(self.year + 1, self.frequency, 1)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    def __str__(self) -> str:
        return self.key


def parse_period(key: str, frequency: ReportingFrequency | None = None) -> Period:
    """The period a key names; with ``frequency``, it must also be a period of that length.

    Raises ``PeriodError`` with a Dutch message: ``'2027-Q5' is geen geldige periode: ...``.
    """
    found = _parsed(key, frequency)
    if isinstance(found, str):
        raise PeriodError(found)
    return found


@functools.lru_cache(maxsize=8192)
def _parsed(key: str, frequency: ReportingFrequency | None) -> Period | str:
    """The period, or the Dutch problem; cached, since every read parses the same keys."""
    if frequency is not None:
        problem = period_key_problem(key, frequency)
        if problem:
            return problem
    try:
        year, found, number = parse_period_key(key)
    except ValueError as exc:
        return message_of(exc)
    return Period(year, found, number)


def period_of(day: dt.date, frequency: ReportingFrequency) -> Period:
    """The period of ``frequency`` that ``day`` falls in."""
    return Period(day.year, frequency, (day.month - 1) * frequency.periods_per_year // 12 + 1)


def periods_between(start: dt.date, end: dt.date, frequency: ReportingFrequency) -> list[Period]:
    """Every period of ``frequency`` that overlaps ``start`` to ``end`` (both included)."""
    periods: list[Period] = []
    if end < start:
        return periods
    current = period_of(start, frequency)
    while current.start <= end:
        periods.append(current)
        current = current.following()
    return periods


def indicator_periods(indicator: Indicator, programme: Programme) -> list[Period]:
    """The reporting periods of an indicator over the programme period.

    Without a programme start (or end) the baseline date (or target date) takes its place;
    with neither, the indicator has no periods yet.
    """
    start = programme.start or indicator.baseline_date
    end = programme.end or indicator.target_date
    if start is None or end is None:
        return []
    return periods_between(start, end, indicator.frequency)


def reporting_deadline(period: Period, days_to_report: int = DEFAULT_DAYS_TO_REPORT) -> dt.date:
    """The last day on which the measurement of ``period`` is expected."""
    return period.end + dt.timedelta(days=days_to_report)


def last_closed(periods: list[Period], day: dt.date) -> Period | None:
    """The latest of ``periods`` that ended before or on ``day``."""
    closed = [period for period in periods if period.end <= day]
    return max(closed) if closed else None
