"""The budget against what was spent, and contributions in kind against what was delivered.

Spending and deliveries are records beside the document, keyed by the cost item's and the
contribution's stable ids. A correction is a new record that replaces (``supersedes``) an
earlier one; at a moment ``as_of`` only records entered on or before it count, and of a
chain of corrections only the latest of those.

What is planned comes from the agreement:

- per year: the cost items of that year;
- per goal: the cost items of the projects working on that goal (a cost item of a project
  with two goals counts for both, so the goals do not add up to the total);
- per partner: what the partner contributes in money (its financing of the budget);
- in kind: the value of the partner's contributions in kind.

A ``Scope`` narrows everything to one partner, one goal and/or one period. With a partner,
what is planned is that partner's contributions (in money), by their year and by the goal of
the cost item they cover. For a period shorter than a year, what is planned for the year is
counted in proportion to the days of the period, in whole euros.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, TypeVar

from stramien.model import Agreement, Contribution, CostItem, payer_names

from ._numbers import ZERO, difference, percent, product, ratio, total
from .periods import Period

#: The key of the line for what serves no goal (a cost item without a project with goals).
NO_GOAL = ""
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class SpendingEntry:
    """Money spent by ``partner`` on cost item ``cost_item`` on ``day``."""

    id: str
    cost_item: str
    partner: str
    day: dt.date
    amount: Decimal
    entered_at: dt.datetime
    supersedes: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryEntry:
    """What ``partner`` delivered of contribution in kind ``contribution`` on ``day``."""

    id: str
    contribution: str
    partner: str
    day: dt.date
    value: Decimal
    entered_at: dt.datetime
    supersedes: str | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """What a reader narrowed the dashboard to; None: everything."""

    partner: str | None = None
    goal: str | None = None
    period: Period | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """Planned against realised for one partner, goal or year."""

    key: str
    label: str
    planned: Decimal
    realised: Decimal

    @property
    def remaining(self) -> Decimal:
        return difference(self.planned, self.realised)

    @property
    def over(self) -> bool:
        """More realised than planned, where anything was planned at all (with a filter a
        line can have spending and no plan, which says nothing about overspending)."""
        return self.planned > ZERO and self.realised > self.planned

    @property
    def share(self) -> Decimal | None:
        """Realised as a percentage of planned (None when nothing is planned)."""
        return percent(self.realised, self.planned)


class _Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def entered_at(self) -> dt.datetime: ...
    @property
    def supersedes(self) -> str | None: ...


E = TypeVar("E", bound=_Entry)


def current_records(entries: Iterable[E], as_of: dt.datetime) -> list[E]:
    """The records entered on or before ``as_of`` that no such record replaces."""
    known = [entry for entry in entries if entry.entered_at <= as_of]
    replaced = {entry.supersedes for entry in known if entry.supersedes}
    return [entry for entry in known if entry.id not in replaced]


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _share_of_year(period: Period | None, year: int) -> Decimal:
    """How much of a year's plan falls in ``period``: all of it, none, or its days' share."""
    if period is None:
        return Decimal(1)
    if period.year != year:
        return ZERO
    days = (period.end - period.start).days + 1
    in_year = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    return ratio(Decimal(days), Decimal(in_year))


def _in_period(day: dt.date, period: Period | None) -> bool:
    return period is None or period.start <= day <= period.end


def goals_of_cost_items(agreement: Agreement) -> dict[str, tuple[str, ...]]:
    """Per cost item the goals it serves, through the project that spends it."""
    projects = {project.id: project for project in agreement.organisation.projects}
    goal_ids = {goal.id for goal in agreement.goals}
    served: dict[str, tuple[str, ...]] = {}
    for item in agreement.finance.cost_items:
        project = projects.get(item.project or "")
        goals = [g for g in project.goals if g in goal_ids] if project is not None else []
        served[item.id] = tuple(dict.fromkeys(goals))
    return served


@dataclass(frozen=True, slots=True)
class _Planned:
    """One planned amount with what it is classified by."""

    partner: str | None
    goals: tuple[str, ...]
    year: int
    amount: Decimal


def _planned_money(agreement: Agreement, scope: Scope) -> list[_Planned]:
    served = goals_of_cost_items(agreement)
    if scope.partner is None:
        return [
            _Planned(None, served.get(item.id, ()), item.year, item.amount)
            for item in agreement.finance.cost_items
        ]
    return [
        _Planned(c.partner, served.get(c.cost_item or "", ()), c.year, c.amount)
        for c in agreement.finance.contributions
        if not c.kind.in_kind and c.partner == scope.partner
    ]


def _scoped_amount(planned: _Planned, scope: Scope) -> Decimal:
    if scope.goal is not None and scope.goal not in planned.goals:
        return ZERO
    share = _share_of_year(scope.period, planned.year)
    if share == 1:
        return planned.amount
    # A share of a plan is an estimate: whole euros, not cents that suggest precision.
    return product(planned.amount, share).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _spending_in_scope(
    agreement: Agreement, spending: Iterable[SpendingEntry], scope: Scope
) -> list[SpendingEntry]:
    served = goals_of_cost_items(agreement)
    return [
        entry
        for entry in spending
        if entry.cost_item in served
        and (scope.partner is None or entry.partner == scope.partner)
        and (scope.goal is None or scope.goal in served[entry.cost_item])
        and _in_period(entry.day, scope.period)
    ]


def _lines(
    keys: list[tuple[str, str]],
    planned: dict[str, list[Decimal]],
    realised: dict[str, list[Decimal]],
) -> list[Line]:
    return [
        Line(key, label, _cents(total(planned.get(key, []))), total(realised.get(key, [])))
        for key, label in keys
    ]


def _add(into: dict[str, list[Decimal]], key: str, amount: Decimal) -> None:
    into.setdefault(key, []).append(amount)


def budget_by_year(
    agreement: Agreement, spending: Iterable[SpendingEntry], scope: Scope = Scope()
) -> list[Line]:
    """Per year: planned costs (or the partner's contributions) against the spending."""
    planned: dict[str, list[Decimal]] = {}
    for item in _planned_money(agreement, scope):
        wanted = scope.goal is None or scope.goal in item.goals
        if wanted and (scope.period is None or scope.period.year == item.year):
            _add(planned, str(item.year), _scoped_amount(item, scope))
    realised: dict[str, list[Decimal]] = {}
    for entry in _spending_in_scope(agreement, spending, scope):
        _add(realised, str(entry.day.year), entry.amount)
    years = sorted(set(planned) | set(realised))
    return _lines([(year, year) for year in years], planned, realised)


def budget_by_goal(
    agreement: Agreement, spending: Iterable[SpendingEntry], scope: Scope = Scope()
) -> list[Line]:
    """Per goal of the goal tree (in its order), then what serves no goal."""
    served = goals_of_cost_items(agreement)
    planned: dict[str, list[Decimal]] = {}
    for item in _planned_money(agreement, scope):
        amount = _scoped_amount(item, scope)
        for goal in item.goals or (NO_GOAL,):
            _add(planned, goal, amount)
    realised: dict[str, list[Decimal]] = {}
    for entry in _spending_in_scope(agreement, spending, scope):
        for goal in served[entry.cost_item] or (NO_GOAL,):
            _add(realised, goal, entry.amount)
    keys = [
        (goal.id, goal.title)
        for goal in agreement.goals
        if goal.id in planned or goal.id in realised
    ]
    if scope.goal is not None:
        keys = [(key, label) for key, label in keys if key == scope.goal]
    elif NO_GOAL in planned or NO_GOAL in realised:
        keys.append((NO_GOAL, "Niet aan een doel toe te rekenen"))
    return _lines(keys, planned, realised)


def _partner_keys(agreement: Agreement, scope: Scope, used: set[str]) -> list[tuple[str, str]]:
    """The partners and funders in the document's order, then ids it no longer has."""
    names = payer_names(agreement.partnership)
    keys = [(key, name) for key, name in names.items() if key in used]
    keys += [(key, f"{key} (geen partner meer)") for key in sorted(used - set(names))]
    return [(key, label) for key, label in keys if scope.partner in (None, key)]


def budget_by_partner(
    agreement: Agreement, spending: Iterable[SpendingEntry], scope: Scope = Scope()
) -> list[Line]:
    """Per partner: what it contributes in money against what it spent."""
    served = goals_of_cost_items(agreement)
    planned: dict[str, list[Decimal]] = {}
    for c in agreement.finance.contributions:
        if c.kind.in_kind:
            continue
        item = _Planned(c.partner, served.get(c.cost_item or "", ()), c.year, c.amount)
        _add(planned, c.partner, _scoped_amount(item, scope))
    realised: dict[str, list[Decimal]] = {}
    for entry in _spending_in_scope(agreement, spending, scope):
        _add(realised, entry.partner, entry.amount)
    return _lines(_partner_keys(agreement, scope, set(planned) | set(realised)), planned, realised)


def in_kind_by_partner(
    agreement: Agreement, deliveries: Iterable[DeliveryEntry], scope: Scope = Scope()
) -> list[Line]:
    """Per partner: the value of its contributions in kind against what it delivered."""
    served = goals_of_cost_items(agreement)
    pledged = {c.id: c for c in agreement.finance.contributions if c.kind.in_kind}
    planned: dict[str, list[Decimal]] = {}
    for c in pledged.values():
        item = _Planned(c.partner, served.get(c.cost_item or "", ()), c.year, c.amount)
        _add(planned, c.partner, _scoped_amount(item, scope))
    realised: dict[str, list[Decimal]] = {}
    for entry in deliveries:
        found = pledged.get(entry.contribution)
        if found is None or not _in_period(entry.day, scope.period):
            continue
        if scope.goal is not None and scope.goal not in served.get(found.cost_item or "", ()):
            continue
        _add(realised, found.partner, entry.value)
    return _lines(_partner_keys(agreement, scope, set(planned) | set(realised)), planned, realised)


def _orphans(entries: Iterable[E], known: set[str], key: Callable[[E], str]) -> list[E]:
    return [entry for entry in entries if key(entry) not in known]


def orphaned_spending(
    agreement: Agreement, spending: Iterable[SpendingEntry]
) -> list[SpendingEntry]:
    """Spending on cost items that are no longer in the budget (kept, never dropped)."""
    known = {item.id for item in agreement.finance.cost_items}
    return _orphans(spending, known, lambda entry: entry.cost_item)


def orphaned_deliveries(
    agreement: Agreement, deliveries: Iterable[DeliveryEntry]
) -> list[DeliveryEntry]:
    """Deliveries of contributions in kind that are no longer in the agreement."""
    known = {c.id for c in agreement.finance.contributions if c.kind.in_kind}
    return _orphans(deliveries, known, lambda entry: entry.contribution)


def cost_item(agreement: Agreement, item_id: str) -> CostItem | None:
    return next((item for item in agreement.finance.cost_items if item.id == item_id), None)


def in_kind_contribution(agreement: Agreement, contribution_id: str) -> Contribution | None:
    return next(
        (c for c in agreement.finance.contributions if c.id == contribution_id and c.kind.in_kind),
        None,
    )
