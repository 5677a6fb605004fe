"""The progress report's snapshot: everything a voortgangsrapportage shows, frozen at a moment.

``snapshot(agreement, period, as_of, measurements, ...)`` is a pure function: the same
agreement, records and moment give an equal snapshot, so the report made from it is the
same file every time. It reads only what counted at ``as_of`` (``measurements.counting``:
approved by then, the latest correction of each value), and only periods up to the end of
the reported period, whatever was approved later.

- **Indicators**: per indicator its *reference period*, the latest of its periods that
  ended by the end of the reported period; when that one has no value yet and its report is
  not due at ``as_of``, the one before (as on the dashboard, ``rollup.reference_period``).
  Its status there, the path so far (``status.history``) and the explanations of the values
  that count for it.
- **Goals**: the goal tree top down, each goal's status rolled up from its indicators and
  sub-goals by the rules of ``rollup`` (``rollup.combine_statuses``).
- **Milestones, money and in-kind contributions**: the agreement's plan, with what was
  recorded by ``as_of`` beside it. Without records (``None``) the realised side is unknown,
  not zero.
- **Open issues**: values overdue, waiting for review or returned; milestones past their
  date without being reached; values of indicators no longer in the document, or for a
  period that no longer fits their indicator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from stramien.model import Agreement, DatePrecision, Goal, GoalRollup, Indicator, Milestone
from stramien.model.dates import plan_date

from .finance import (
    DeliveryEntry,
    Line,
    SpendingEntry,
    budget_by_goal,
    budget_by_partner,
    budget_by_year,
    current_records,
    in_kind_by_partner,
    orphaned_deliveries,
    orphaned_spending,
)
from .measurements import Measurement, MeasurementStatus, counting, orphaned
from .milestones import (
    MilestoneEntry,
    MilestoneReport,
    Timeliness,
    milestone_reports,
    orphaned_milestone_entries,
)
from .missing import Delivery, missing
from .periods import DEFAULT_DAYS_TO_REPORT, Period, PeriodError, indicator_periods, parse_period
from .rollup import GoalStatus, Input, combine_statuses, reference_period
from .status import PeriodStatus, Status, history, period_status


class ReportError(ValueError):
    """A report that cannot be made as asked; the message is Dutch and meant for the user."""


# -- the snapshot ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    indicator: Indicator
    status: PeriodStatus | None  # None: no period of the indicator has ended yet
    path: tuple[PeriodStatus, ...]  # every period up to the reported one, in order
    explanations: tuple[Measurement, ...]  # counting values with an explanation

    @property
    def state(self) -> Status:
        return Status.NO_DATA if self.status is None else self.status.status


@dataclass(frozen=True, slots=True)
class GoalLine:
    goal: Goal
    depth: int  # 0 for a goal at the top of the tree
    status: GoalStatus


class IssueKind(StrEnum):
    OVERDUE = "overdue"
    WAITING = "waiting"
    RETURNED = "returned"
    MILESTONE_LATE = "milestone_late"
    ORPHANED = "orphaned"
    UNPLACED = "unplaced"

    @property
    def label(self) -> str:
        return _ISSUE_LABELS[self]


_ISSUE_LABELS = {
    IssueKind.OVERDUE: "Waarde ontbreekt",
    IssueKind.WAITING: "Wacht op beoordeling",
    IssueKind.RETURNED: "Teruggestuurd",
    IssueKind.MILESTONE_LATE: "Mijlpaal niet gehaald",
    IssueKind.ORPHANED: "Indicator bestaat niet meer",
    IssueKind.UNPLACED: "Periode past niet",
}


@dataclass(frozen=True, slots=True)
class Issue:
    kind: IssueKind
    subject: str  # the indicator's or milestone's name
    detail: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressSnapshot:
    agreement: Agreement
    period: Period
    as_of: dt.datetime
    version: str
    goals: tuple[GoalLine, ...]
    indicators: tuple[IndicatorLine, ...]
    milestones: tuple[MilestoneReport, ...]
    money_by_year: tuple[Line, ...]
    money_by_partner: tuple[Line, ...]
    money_by_goal: tuple[Line, ...]
    in_kind: tuple[Line, ...]
    issues: tuple[Issue, ...]
    spending_tracked: bool
    milestones_tracked: bool
    deliveries_tracked: bool

    def indicator(self, indicator_id: str) -> IndicatorLine:
        return next(line for line in self.indicators if line.indicator.id == indicator_id)

    def goal(self, goal_id: str) -> GoalLine:
        return next(line for line in self.goals if line.goal.id == goal_id)


def report_period(key: str) -> Period:
    """The reported period from its key (``2027-Q2``); ``ReportError`` in Dutch otherwise."""
    try:
        return parse_period(key.strip())
    except PeriodError as exc:
        raise ReportError(str(exc)) from exc


def snapshot(
    agreement: Agreement,
    period: Period,
    as_of: dt.datetime,
    measurements: Iterable[Measurement],
    *,
    version: str = "",
    milestone_entries: Iterable[MilestoneEntry] | None = None,
    spending: Iterable[SpendingEntry] | None = None,
    deliveries: Iterable[DeliveryEntry] | None = None,
    days_to_report: int = DEFAULT_DAYS_TO_REPORT,
) -> ProgressSnapshot:
    """The report of ``period`` as it stood at ``as_of`` (see the module text).

    ``None`` for milestone entries, spending or deliveries: not tracked (the realised side is
    then unknown); an empty list: tracked, nothing recorded.
    """
    if as_of.utcoffset() is None:
        raise ReportError("Een tijdstip heeft een tijdzone nodig.")
    if as_of.date() < period.start:
        raise ReportError(
            f"De stand per {as_of:%d-%m-%Y} ligt vóór het begin van {period.label}; "
            "kies een later moment."
        )
    every = list(measurements)
    counted = counting(every, as_of)
    lines = tuple(
        _indicator_line(agreement, indicator, counted, period, as_of.date(), days_to_report)
        for indicator in agreement.indicators
    )
    statuses = {line.indicator.id: line.state for line in lines}
    milestones = list(milestone_entries or [])
    spent = current_records(spending or [], as_of)
    delivered = current_records(deliveries or [], as_of)
    reports = tuple(milestone_reports(agreement, milestones, as_of))
    issues = _value_issues(agreement, every, period, as_of, days_to_report)
    if milestone_entries is not None:
        issues += _milestone_issues(agreement, reports, milestones, period)
    issues += _record_issues(agreement, every, spent, delivered, as_of)
    return ProgressSnapshot(
        agreement=agreement,
        period=period,
        as_of=as_of,
        version=version,
        goals=_goal_lines(agreement, statuses),
        indicators=lines,
        milestones=reports,
        money_by_year=tuple(budget_by_year(agreement, spent)),
        money_by_partner=tuple(budget_by_partner(agreement, spent)),
        money_by_goal=tuple(budget_by_goal(agreement, spent)),
        in_kind=tuple(in_kind_by_partner(agreement, delivered)),
        issues=tuple(issues),
        spending_tracked=spending is not None,
        milestones_tracked=milestone_entries is not None,
        deliveries_tracked=deliveries is not None,
    )


# -- indicators and goals -------------------------------------------------------------------


def _indicator_line(
    agreement: Agreement,
    indicator: Indicator,
    counted: Sequence[Measurement],
    period: Period,
    day: dt.date,
    days_to_report: int,
) -> IndicatorLine:
    own = [m for m in counted if m.indicator == indicator.id]
    periods = [p for p in indicator_periods(indicator, agreement.programme) if p.end <= period.end]
    chosen = reference_period(indicator, periods, own, day, days_to_report)
    found = None if chosen is None else period_status(indicator, agreement.programme, own, chosen)
    path = tuple(
        point
        for point in history(indicator, agreement.programme, own)
        if point.period.end <= period.end and point.period.end <= day
    )
    explained = tuple(
        m for m in own if m.note.strip() and chosen is not None and m.period == chosen.key
    )
    return IndicatorLine(indicator, found, path, explained)


def _goal_lines(agreement: Agreement, statuses: Mapping[str, Status]) -> tuple[GoalLine, ...]:
    """The goal tree top down (a goal with two parents under each), each goal rolled up."""
    goals = {goal.id: goal for goal in agreement.goals}
    children: dict[str, list[str]] = {goal_id: [] for goal_id in goals}
    for goal in agreement.goals:
        for parent in goal.contributes_to:
            if parent in children:
                children[parent].append(goal.id)
    own: dict[str, list[Indicator]] = {}
    for indicator in agreement.indicators:
        if indicator.rollup is not GoalRollup.NONE:
            own.setdefault(indicator.goal, []).append(indicator)
    rolled: dict[str, GoalStatus] = {}

    def status_of(goal_id: str, path: frozenset[str]) -> GoalStatus:
        # A goal on a cycle (a rule reports it) takes the sub-goals it reaches without going
        # round; the first answer is kept, as in ``rollup``.
        if goal_id in rolled:
            return rolled[goal_id]
        indicators = own.get(goal_id, [])
        subgoals = [c for c in children[goal_id] if c not in path]
        inputs: list[Input] = [(statuses[i.id], i.weight or Decimal(1)) for i in indicators]
        inputs += [(status_of(c, path | {c}).status, Decimal(1)) for c in subgoals]
        weighted = any(i.rollup is GoalRollup.WEIGHTED for i in indicators)
        status, score = combine_statuses(inputs, weighted)
        counts: dict[Status, int] = {}
        for input_status, _ in inputs:
            counts[input_status] = counts.get(input_status, 0) + 1
        missing = sum(1 for s, _ in inputs if not s.known)
        found = GoalStatus(
            goal_id,
            status,
            tuple(i.id for i in indicators),
            tuple(subgoals),
            weighted,
            score,
            missing,
            counts,
        )
        rolled[goal_id] = found
        return found

    lines: list[GoalLine] = []

    def walk(goal_id: str, depth: int, path: frozenset[str]) -> None:
        lines.append(GoalLine(goals[goal_id], depth, status_of(goal_id, path)))
        for child in children[goal_id]:
            if child not in path:
                walk(child, depth + 1, path | {child})

    tops = [g.id for g in agreement.goals if not any(p in goals for p in g.contributes_to)]
    for top in tops:
        walk(top, 0, frozenset({top}))
    return tuple(lines)


# -- open issues ----------------------------------------------------------------------------

_VALUE_ISSUES = {
    Delivery.OVERDUE: IssueKind.OVERDUE,
    Delivery.SUBMITTED: IssueKind.WAITING,
    Delivery.RETURNED: IssueKind.RETURNED,
}


def _as_known_at(m: Measurement, as_of: dt.datetime) -> Measurement | None:
    """The record as it stood at ``as_of``: not there yet, or approved only later (then it
    was waiting for review)."""
    if m.entered_at > as_of:
        return None
    if m.approved_at is not None and m.approved_at > as_of:
        return replace(m, status=MeasurementStatus.SUBMITTED, approved_at=None)
    return m


def _value_issues(
    agreement: Agreement,
    every: list[Measurement],
    period: Period,
    as_of: dt.datetime,
    days_to_report: int,
) -> list[Issue]:
    """Values overdue, waiting for review or returned, for periods up to the reported one
    (``missing``, read as the records stood at ``as_of``)."""
    known = [m for m in (_as_known_at(m, as_of) for m in every) if m is not None]
    rows = missing(
        agreement.indicators,
        agreement.programme,
        known,
        as_of.date(),
        days_to_report=days_to_report,
    )
    issues = []
    for row in rows:
        for kind in _VALUE_ISSUES.values():
            periods = [
                cell.period.label + _DRAFT_NOTE.get(cell.draft, "")
                for cell in row.cells
                if cell.period.end <= period.end and _VALUE_ISSUES.get(cell.state) is kind
            ]
            if periods:
                issues.append(
                    Issue(kind, row.indicator.name, _VALUE_TEXT[kind] % ", ".join(periods))
                )
    # Values whose period no longer fits their indicator's frequency (it was changed).
    by_id = {i.id: i for i in agreement.indicators}
    for m in known:
        indicator = by_id.get(m.indicator)
        if indicator is None:
            continue
        try:
            parse_period(m.period, indicator.frequency)
        except PeriodError:
            issues.append(
                Issue(
                    IssueKind.UNPLACED,
                    indicator.name,
                    f"De waarde voor {m.period} past niet bij de meetfrequentie "
                    f"({indicator.frequency.label.lower()}).",
                )
            )
    return issues


# A late value that was saved but not handed in, or sent back: say so.
_DRAFT_NOTE: dict[MeasurementStatus | None, str] = {
    MeasurementStatus.CONCEPT: " (concept, niet ingediend)",
    MeasurementStatus.RETURNED: " (teruggestuurd)",
}
_VALUE_TEXT = {
    IssueKind.OVERDUE: "Geen goedgekeurde waarde, en de termijn is verstreken: %s.",
    IssueKind.WAITING: "Ingediend, nog niet beoordeeld: %s.",
    IssueKind.RETURNED: "Teruggestuurd, nog niet opnieuw ingediend: %s.",
}


def _planned(milestone: Milestone) -> str:
    """'op 01-07-2026', or for a milestone planned in a period 'in 3e kwartaal 2026'."""
    when = plan_date(milestone.date, milestone.precision, style="short")
    return f"op {when}" if milestone.precision is DatePrecision.DAY else f"in {when}"


def _milestone_issues(
    agreement: Agreement,
    reports: Sequence[MilestoneReport],
    entries: list[MilestoneEntry],
    period: Period,
) -> list[Issue]:
    issues = [
        Issue(
            IssueKind.MILESTONE_LATE,
            report.milestone.title,
            f"Gepland {_planned(report.milestone)}: {report.timeliness.label}"
            + (f", {report.days_late} dagen." if report.days_late else "."),
        )
        for report in reports
        if report.milestone.date <= period.end
        and report.timeliness in (Timeliness.OVERDUE, Timeliness.EXPECTED_LATE)
    ]
    for entry in orphaned_milestone_entries(agreement, entries):
        issues.append(
            Issue(
                IssueKind.ORPHANED,
                entry.milestone,
                "Een mijlpaal die niet meer in de overeenkomst staat.",
            )
        )
    return issues


def _record_issues(
    agreement: Agreement,
    every: list[Measurement],
    spent: list[SpendingEntry],
    delivered: list[DeliveryEntry],
    as_of: dt.datetime,
) -> list[Issue]:
    ids = [indicator.id for indicator in agreement.indicators]
    issues = [
        Issue(
            IssueKind.ORPHANED,
            m.indicator,
            f"Een waarde voor {m.period} hoort bij een indicator die niet meer in de "
            "overeenkomst staat; ze blijft bewaard.",
        )
        for m in orphaned(every, ids)
        if m.entered_at <= as_of
    ]
    issues += [
        Issue(
            IssueKind.ORPHANED,
            entry.cost_item,
            f"Een besteding van {entry.day:%d-%m-%Y} op een begrotingspost die niet meer in de "
            "begroting staat.",
        )
        for entry in orphaned_spending(agreement, spent)
    ]
    issues += [
        Issue(
            IssueKind.ORPHANED,
            entry.contribution,
            f"Een levering van {entry.day:%d-%m-%Y} van een bijdrage in natura die niet meer in "
            "de overeenkomst staat.",
        )
        for entry in orphaned_deliveries(agreement, delivered)
    ]
    return issues
