"""The status of every indicator and goal at a moment, computed when read from raw values.

``rollup(agreement, measurements, as_of)`` never stores anything; it works as follows.

1. The measurements that count at ``as_of`` (``measurements.counting``).
2. Per indicator, the *reference period*: the latest of its periods that ended on or before
   the day of ``as_of``; if that one has no data yet and its report is not due yet
   (``periods.reporting_deadline``), the one before it. Its status is
   ``status.period_status`` there (no period yet: no data).
3. Per goal, the *inputs*: its own indicators whose ``rollup`` is not ``none``, and its
   sub-goals (the goals whose ``contributes_to`` names it; a goal with two parents counts
   for both). Inputs without a known status (no data, no target) do not decide, they are
   counted in ``missing``.

   - When none of its own indicators is ``weighted``: the worst known status of the inputs.
   - When one is: each known input scores 2 (on track), 1 (at risk) or 0 (off track) and
     weighs its ``weight`` (1 when empty; a sub-goal weighs 1). A weighted mean above 1.5 is
     on track, below 0.5 off track, anything else, including exactly 1.5 or 0.5, at risk.
   - No known input: no target when every input lacks a target, otherwise no data.

   A goal on a cycle of the goal tree (a rule reports it) takes the sub-goals it can reach
   without going round.
4. ``orphans``: measurements of an indicator that is no longer in the document, and
   ``unplaced``: measurements whose period key does not fit their indicator's frequency
   (it was changed). Both are listed for the user to deal with, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from stramien.model import Agreement, Goal, GoalRollup, Indicator

from . import _numbers as num
from .aggregate import period_value
from .measurements import Measurement, counting, orphaned
from .periods import (
    DEFAULT_DAYS_TO_REPORT,
    Period,
    PeriodError,
    indicator_periods,
    parse_period,
    reporting_deadline,
)
from .status import SEVERITY, PeriodStatus, Status, period_status

SCORES = {Status.ON_TRACK: Decimal(2), Status.AT_RISK: Decimal(1), Status.OFF_TRACK: Decimal(0)}
Input = tuple[Status, Decimal]  # a status and its weight


@dataclass(frozen=True, slots=True)
class GoalStatus:
    goal: str
    status: Status
    indicators: tuple[str, ...]  # its own indicators that count for it
    subgoals: tuple[str, ...]
    weighted: bool
    score: Decimal | None  # the weighted mean, 0 to 2, when weighted
    missing: int  # inputs without a known status
    counts: Mapping[Status, int] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Rollup:
    as_of: dt.datetime
    indicators: Mapping[str, PeriodStatus | None] = field(hash=False)  # None: no period yet
    goals: Mapping[str, GoalStatus] = field(hash=False)
    orphans: tuple[Measurement, ...]
    unplaced: tuple[Measurement, ...]


def combine_statuses(inputs: Iterable[Input], weighted: bool) -> tuple[Status, Decimal | None]:
    """A goal's status from its inputs' statuses and weights (see the module text)."""
    every = list(inputs)
    known = [(status, weight) for status, weight in every if status.known]
    if not known:
        if every and all(status is Status.NO_TARGET for status, _ in every):
            return Status.NO_TARGET, None
        return Status.NO_DATA, None
    if not weighted:
        return max((status for status, _ in known), key=SEVERITY.__getitem__), None
    weights = num.total(weight for _, weight in known)
    score = num.ratio(num.total(num.product(SCORES[s], w) for s, w in known), weights)
    if score > Decimal("1.5"):
        return Status.ON_TRACK, score
    if score < Decimal("0.5"):
        return Status.OFF_TRACK, score
    return Status.AT_RISK, score


def reference_period(
    indicator: Indicator,
    periods: list[Period],
    counted: list[Measurement],
    day: dt.date,
    days_to_report: int,
) -> Period | None:
    """The period whose status stands for the indicator on ``day`` (see the module text)."""
    closed = [period for period in periods if period.end <= day]
    if not closed:
        return None
    latest = closed[-1]
    not_due = reporting_deadline(latest, days_to_report) >= day
    if not_due and len(closed) > 1 and period_value(indicator, counted, latest) is None:
        return closed[-2]
    return latest


def _post_order(goals: list[Goal], children: Mapping[str, list[str]]) -> Iterator[str]:
    """Every goal after its sub-goals, in document order; edges back into a cycle skipped."""
    done: set[str] = set()
    for root in goals:
        if root.id in done:
            continue
        stack = [(root.id, iter(children.get(root.id, [])))]
        on_stack = {root.id}
        while stack:
            goal_id, pending = stack[-1]
            child = next(pending, None)
            if child is None:
                stack.pop()
                on_stack.discard(goal_id)
                done.add(goal_id)
                yield goal_id
            elif child not in done and child not in on_stack:
                stack.append((child, iter(children.get(child, []))))
                on_stack.add(child)


def _goal_statuses(
    agreement: Agreement, statuses: Mapping[str, PeriodStatus | None]
) -> dict[str, GoalStatus]:
    children: dict[str, list[str]] = {}
    for goal in agreement.goals:
        for parent in goal.contributes_to:
            children.setdefault(parent, []).append(goal.id)
    own: dict[str, list[Indicator]] = {}
    for indicator in agreement.indicators:
        if indicator.rollup is not GoalRollup.NONE:
            own.setdefault(indicator.goal, []).append(indicator)
    result: dict[str, GoalStatus] = {}
    for goal_id in _post_order(agreement.goals, children):
        indicators = own.get(goal_id, [])
        subgoals = [child for child in children.get(goal_id, []) if child in result]
        inputs: list[Input] = [
            (_status_of(statuses.get(i.id)), i.weight or Decimal(1)) for i in indicators
        ]
        inputs += [(result[child].status, Decimal(1)) for child in subgoals]
        weighted = any(i.rollup is GoalRollup.WEIGHTED for i in indicators)
        status, score = combine_statuses(inputs, weighted)
        counts: dict[Status, int] = {}
        for input_status, _ in inputs:
            counts[input_status] = counts.get(input_status, 0) + 1
        missing = sum(1 for s, _ in inputs if not s.known)
        ids = tuple(i.id for i in indicators)
        result[goal_id] = GoalStatus(
            goal_id, status, ids, tuple(subgoals), weighted, score, missing, counts
        )
    return {goal.id: result[goal.id] for goal in agreement.goals}


def _status_of(found: PeriodStatus | None) -> Status:
    return Status.NO_DATA if found is None else found.status


def _unplaced(agreement: Agreement, measurements: list[Measurement]) -> list[Measurement]:
    frequencies = {indicator.id: indicator.frequency for indicator in agreement.indicators}
    unplaced = []
    for m in measurements:
        frequency = frequencies.get(m.indicator)
        if frequency is None:
            continue
        try:
            parse_period(m.period, frequency)
        except PeriodError:
            unplaced.append(m)
    return unplaced


def rollup(
    agreement: Agreement,
    measurements: Iterable[Measurement],
    as_of: dt.datetime,
    *,
    days_to_report: int = DEFAULT_DAYS_TO_REPORT,
) -> Rollup:
    """Every indicator's and goal's status at ``as_of`` (see the module text)."""
    every = list(measurements)
    per_indicator: dict[str, list[Measurement]] = {}
    for m in counting(every, as_of):
        per_indicator.setdefault(m.indicator, []).append(m)
    statuses: dict[str, PeriodStatus | None] = {}
    for indicator in agreement.indicators:
        own = per_indicator.get(indicator.id, [])
        periods = indicator_periods(indicator, agreement.programme)
        period = reference_period(indicator, periods, own, as_of.date(), days_to_report)
        statuses[indicator.id] = (
            None if period is None else period_status(indicator, agreement.programme, own, period)
        )
    ids = [indicator.id for indicator in agreement.indicators]
    return Rollup(
        as_of=as_of,
        indicators=statuses,
        goals=_goal_statuses(agreement, statuses),
        orphans=tuple(orphaned(every, ids)),
        unplaced=tuple(_unplaced(agreement, every)),
    )
