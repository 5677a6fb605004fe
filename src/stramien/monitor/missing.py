"""What is missing: per indicator and reporting period, whether its value is in, and when not,
whether it is late, due soon or still to come; and which reminders are due on a day.

**Deadline.** The value of a period is due on ``reporting_deadline(period, days_to_report)``:
the period's last day plus ``days_to_report`` days (30 unless asked otherwise, the same rule
the dashboard uses to pick its reference period). The deadline day itself is still on time.

**State of a cell** (one indicator, one period), the first rule that applies:

1. *delivered*: an approved value counts for the period (``measurements.counting``);
2. *submitted*: a value waits for the procesregisseur's review;
3. *locked*: the period is locked without an approved value; nothing more is expected;
4. *overdue*: the deadline has passed (a concept or a returned value does not help);
5. *returned*: a value was sent back and waits for its correction;
6. *concept*: a value is saved but not handed in;
7. *due soon*: the deadline is at most ``due_soon_days`` days away (7 unless asked);
8. *to deliver*: the period has ended, the deadline is further away;
9. *upcoming*: the period has not ended yet.

Only the latest link of a chain of corrections decides 2, 5 and 6. "Today" fixes the
calendar only; the records are read as they are now.

**Reminders** (``reminders_due``): *due soon* from 7 days before the deadline, *overdue* from
the day after it and *still overdue* from four weeks after it, each only while its week lasts
(so a programme that starts monitoring late does not get a mail for every old period) and
only while the cell still waits for a value (states 4 to 8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from stramien.model import Indicator, Programme

from .measurements import Measurement, MeasurementStatus, counting
from .periods import DEFAULT_DAYS_TO_REPORT, Period, indicator_periods, reporting_deadline

#: A deadline at most this many days away makes a value "due soon".
DEFAULT_DUE_SOON_DAYS = 7


class Delivery(StrEnum):
    """Where the value of one indicator for one period stands (the web application says
    it in the reader's language)."""

    DELIVERED = "delivered"
    SUBMITTED = "submitted"
    LOCKED = "locked"
    OVERDUE = "overdue"
    RETURNED = "returned"
    CONCEPT = "concept"
    DUE_SOON = "due_soon"
    TO_DELIVER = "to_deliver"
    UPCOMING = "upcoming"

    @property
    def waits_for_value(self) -> bool:
        """The owner still has to enter or hand in a value (what reminders are about)."""
        return self in _WAITING


_WAITING = frozenset(
    {
        Delivery.OVERDUE,
        Delivery.RETURNED,
        Delivery.CONCEPT,
        Delivery.DUE_SOON,
        Delivery.TO_DELIVER,
    }
)


@dataclass(frozen=True, slots=True)
class MissingCell:
    """One indicator in one period: its deadline and where its value stands."""

    indicator: str
    period: Period
    deadline: dt.date
    state: Delivery
    # A value saved but not handed in (concept) or sent back (returned); None: no such value.
    draft: MeasurementStatus | None
    # Days from today to the deadline; negative when it has passed.
    days_left: int


@dataclass(frozen=True, slots=True)
class MissingRow:
    indicator: Indicator
    cells: tuple[MissingCell, ...]

    @property
    def owner(self) -> str | None:
        return self.indicator.owner

    def count(self, state: Delivery) -> int:
        return sum(1 for cell in self.cells if cell.state is state)


def missing(
    indicators: Iterable[Indicator],
    programme: Programme,
    records: Iterable[Measurement],
    today: dt.date,
    *,
    locked: Collection[tuple[str, str]] = (),
    days_to_report: int = DEFAULT_DAYS_TO_REPORT,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> list[MissingRow]:
    """Per indicator (in the order given) every reporting period with its state.

    ``locked`` holds the (indicator id, period key) pairs of locked periods.
    """
    every = list(records)
    delivered = {(m.indicator, m.period) for m in counting(every)}
    replaced = {m.supersedes for m in every if m.supersedes is not None}
    latest: dict[tuple[str, str], set[MeasurementStatus]] = {}
    for m in every:
        if m.id not in replaced:
            latest.setdefault((m.indicator, m.period), set()).add(m.status)
    closed = set(locked)
    rows = []
    for indicator in indicators:
        cells = []
        for period in indicator_periods(indicator, programme):
            slot = (indicator.id, period.key)
            deadline = reporting_deadline(period, days_to_report)
            statuses = latest.get(slot, set())
            draft = _draft(statuses)
            state = _state(
                delivered=slot in delivered,
                submitted=MeasurementStatus.SUBMITTED in statuses,
                locked=slot in closed,
                draft=draft,
                period=period,
                deadline=deadline,
                today=today,
                due_soon_days=due_soon_days,
            )
            cells.append(
                MissingCell(indicator.id, period, deadline, state, draft, (deadline - today).days)
            )
        rows.append(MissingRow(indicator, tuple(cells)))
    return rows


def _draft(statuses: set[MeasurementStatus]) -> MeasurementStatus | None:
    for status in (MeasurementStatus.RETURNED, MeasurementStatus.CONCEPT):
        if status in statuses:
            return status
    return None


def _state(
    *,
    delivered: bool,
    submitted: bool,
    locked: bool,
    draft: MeasurementStatus | None,
    period: Period,
    deadline: dt.date,
    today: dt.date,
    due_soon_days: int,
) -> Delivery:
    if delivered:
        return Delivery.DELIVERED
    if submitted:
        return Delivery.SUBMITTED
    if locked:
        return Delivery.LOCKED
    if today > deadline:
        return Delivery.OVERDUE
    if draft is MeasurementStatus.RETURNED:
        return Delivery.RETURNED
    if draft is MeasurementStatus.CONCEPT:
        return Delivery.CONCEPT
    if (deadline - today).days <= due_soon_days:
        return Delivery.DUE_SOON
    if today > period.end:
        return Delivery.TO_DELIVER
    return Delivery.UPCOMING


def by_owner(rows: Iterable[MissingRow]) -> list[tuple[str | None, list[MissingRow]]]:
    """The rows per owner organisation, owners in the order they first appear; the
    indicators without an owner last."""
    groups: dict[str | None, list[MissingRow]] = {}
    for row in rows:
        groups.setdefault(row.owner, []).append(row)
    ordered: list[tuple[str | None, list[MissingRow]]] = [
        (owner, group) for owner, group in groups.items() if owner is not None
    ]
    if None in groups:
        ordered.append((None, groups[None]))
    return ordered


def overdue(rows: Iterable[MissingRow]) -> list[MissingCell]:
    """Every late value, the longest overdue first (then by indicator, in the rows' order)."""
    late = [
        (cell.days_left, position, cell)
        for position, row in enumerate(rows)
        for cell in row.cells
        if cell.state is Delivery.OVERDUE
    ]
    return [cell for _days, _position, cell in sorted(late, key=lambda item: item[:2])]


def overdue_by_owner(rows: Sequence[MissingRow]) -> list[tuple[str | None, int]]:
    """How many values each owner organisation owes past the deadline, most first."""
    counts = [
        (owner, sum(r.count(Delivery.OVERDUE) for r in group)) for owner, group in by_owner(rows)
    ]
    late = [(owner, n) for owner, n in counts if n]
    return sorted(late, key=lambda item: -item[1])


class ReminderKind(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    STILL_OVERDUE = "still_overdue"

    @property
    def first_day(self) -> int:
        """The first day it is sent, counted from the deadline (negative: before it)."""
        return _FIRST_DAY[self]

    @property
    def last_day(self) -> int:
        """The last day it is still sent (a missed run catches up within this week)."""
        return _LAST_DAY[self]


_FIRST_DAY = {ReminderKind.DUE_SOON: -7, ReminderKind.OVERDUE: 1, ReminderKind.STILL_OVERDUE: 28}
_LAST_DAY = {ReminderKind.DUE_SOON: 0, ReminderKind.OVERDUE: 7, ReminderKind.STILL_OVERDUE: 34}


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    indicator: Indicator
    cell: MissingCell


def reminders_due(rows: Iterable[MissingRow]) -> list[Reminder]:
    """The reminders the rows' "today" calls for: per cell that still waits for a value, the
    kind whose week the day falls in (at most one; the weeks do not overlap)."""
    due = []
    for row in rows:
        for cell in row.cells:
            if not cell.state.waits_for_value:
                continue
            after_deadline = -cell.days_left
            for kind in ReminderKind:
                if kind.first_day <= after_deadline <= kind.last_day:
                    due.append(Reminder(kind, row.indicator, cell))
    return due
