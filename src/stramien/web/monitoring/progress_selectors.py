"""Reads for milestones, spending and in-kind deliveries: the stored records as
``stramien.monitor`` computes with them, the pages' tables and the dashboard's sections,
as known at a moment and narrowed to a partner, a goal and/or a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.formatting import euro, number, short_date
from stramien.model import Agreement
from stramien.model.dates import overlaps, plan_date
from stramien.monitor import (
    DeliveryEntry,
    Line,
    MilestoneEntry,
    MilestoneReport,
    Period,
    PeriodError,
    Progress,
    Scope,
    SpendingEntry,
    budget_by_goal,
    budget_by_partner,
    budget_by_year,
    current_records,
    in_kind_by_partner,
    milestone_reports,
    parse_period,
)
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement

from .models import InKindDelivery, MilestoneStatus, Spending


def _supersedes(pk: int | None) -> str | None:
    return str(pk) if pk else None


def milestone_entries(rows: QuerySet[MilestoneStatus]) -> list[MilestoneEntry]:
    return [
        MilestoneEntry(
            id=f"{row.pk:012d}",  # ids sort as numbers: the later record wins a tie
            milestone=row.milestone_id,
            progress=Progress(row.status),
            entered_at=row.entered_at,
            actual_date=row.actual_date,
            note=row.explanation,
        )
        for row in rows
    ]


def spending_entries(rows: QuerySet[Spending]) -> list[SpendingEntry]:
    return [
        SpendingEntry(
            id=str(row.pk),
            cost_item=row.cost_item_id,
            partner=row.partner_id,
            day=row.spent_on,
            amount=row.amount,
            entered_at=row.entered_at,
            supersedes=_supersedes(row.supersedes_id),
        )
        for row in rows
    ]


def delivery_entries(rows: QuerySet[InKindDelivery]) -> list[DeliveryEntry]:
    return [
        DeliveryEntry(
            id=str(row.pk),
            contribution=row.contribution_id,
            partner=row.partner_id,
            day=row.delivered_on,
            value=row.value,
            entered_at=row.entered_at,
            supersedes=_supersedes(row.supersedes_id),
        )
        for row in rows
    ]


# --- Filters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed to, the choices offered, and any value that was refused."""

    scope: Scope
    chosen: dict[str, str]
    partners: list[tuple[str, str]]
    goals: list[tuple[str, str]]
    periods: list[tuple[str, str]]
    problems: list[str]

    @property
    def active(self) -> bool:
        return any(self.chosen.values())


def _period_choices(agreement: Agreement) -> list[tuple[str, str]]:
    start, end = agreement.programme.start, agreement.programme.end
    if start is None or end is None or end < start:
        return []
    choices = []
    for year in range(start.year, min(end.year, start.year + 20) + 1):
        choices.append((str(year), str(year)))
        for quarter in range(1, 5):
            key = f"{year}-Q{quarter}"
            choices.append((key, parse_period(key).label))
    return choices


def filters(agreement: Agreement, partner: str, goal: str, period: str) -> Filters:
    """The filters of ``?partner=…&doel=…&periode=…``; an unknown value is named and left out."""
    partners = [(p.id, p.name) for p in agreement.partnership.partners]
    goals = [(g.id, g.title) for g in agreement.goals]
    problems = []
    partner, goal, period = partner.strip(), goal.strip(), period.strip()
    if partner and partner not in dict(partners):
        problems.append(_("Partner %(id)s staat niet in de overeenkomst.") % {"id": partner})
        partner = ""
    if goal and goal not in dict(goals):
        problems.append(_("Doel %(id)s staat niet in de doelenboom.") % {"id": goal})
        goal = ""
    found: Period | None = None
    if period:
        try:
            found = parse_period(period)
        except PeriodError as exc:
            problems.append(_("Periode: %(reason)s") % {"reason": exc})
            period = ""
    return Filters(
        Scope(partner or None, goal or None, found),
        {"partner": partner, "doel": goal, "periode": period},
        partners,
        goals,
        _period_choices(agreement),
        problems,
    )


# --- Milestones ------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneRow:
    report: MilestoneReport
    status_label: str
    planned: str
    actual: str
    history: list[MilestoneStatus]


def _in_period(report: MilestoneReport, period: Period | None) -> bool:
    if period is None:
        return True
    first, last = report.milestone.window
    if overlaps(first, last, period.start, period.end):
        return True
    actual = report.entry.actual_date if report.entry is not None else None
    return actual is not None and period.start <= actual <= period.end


def milestone_rows(
    programme: Programme, as_of: dt.datetime | None = None, period: Period | None = None
) -> dict[str, Any]:
    """Every milestone with its planned and actual date, status and lateness at ``as_of``,
    each with its history (newest first); and the statuses of milestones no longer planned."""
    agreement = head_agreement(programme)
    moment = as_of or timezone.now()
    stored = list(
        MilestoneStatus.objects.filter(programme=programme, entered_at__lte=moment)
        .select_related("entered_by")
        .order_by("-id")
    )
    entries = milestone_entries(
        MilestoneStatus.objects.filter(programme=programme, entered_at__lte=moment)
    )
    labels = dict(MilestoneStatus.Status.choices)
    rows = []
    for report in milestone_reports(agreement, entries, moment):
        if not _in_period(report, period):
            continue
        entry = report.entry
        rows.append(
            MilestoneRow(
                report,
                str(labels[entry.progress.value]) if entry else _("Nog niets vastgelegd"),
                plan_date(report.milestone.date, report.milestone.precision, style="short"),
                short_date(entry.actual_date) if entry and entry.actual_date else "—",
                [s for s in stored if s.milestone_id == report.milestone.id],
            )
        )
    known = {m.id for m in agreement.planning.milestones}
    return {
        "milestones": rows,
        "late_milestones": sum(1 for row in rows if row.report.late),
        "milestone_orphans": [s for s in stored if s.milestone_id not in known],
    }


# --- Money -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyRow:
    label: str
    planned: str
    realised: str
    remaining: str
    share: str
    over: bool


def _money_row(line: Line) -> MoneyRow:
    share = line.share
    return MoneyRow(
        line.label,
        euro(line.planned),
        euro(line.realised),
        euro(line.remaining),
        "—" if share is None else f"{number(share, 0)}%",
        line.over,
    )


def _total(lines: list[Line]) -> MoneyRow | None:
    if not lines:
        return None
    planned = sum((line.planned for line in lines), Decimal(0))
    realised = sum((line.realised for line in lines), Decimal(0))
    return _money_row(Line("", _("Totaal"), planned, realised))


def money_tables(
    programme: Programme, as_of: dt.datetime | None = None, scope: Scope | None = None
) -> dict[str, Any]:
    """The budget against spending per partner, per goal and per year, and in kind pledged
    against delivered per partner, from the records known at ``as_of``."""
    agreement = head_agreement(programme)
    moment = as_of or timezone.now()
    chosen = scope or Scope()
    spent = current_records(spending_entries(Spending.objects.filter(programme=programme)), moment)
    delivered = current_records(
        delivery_entries(InKindDelivery.objects.filter(programme=programme)), moment
    )
    by_partner = budget_by_partner(agreement, spent, chosen)
    by_year = budget_by_year(agreement, spent, chosen)
    in_kind = in_kind_by_partner(agreement, delivered, chosen)
    return {
        "by_partner": [_money_row(line) for line in by_partner],
        "by_partner_total": _total(by_partner),
        "by_goal": [_money_row(line) for line in budget_by_goal(agreement, spent, chosen)],
        "by_year": [_money_row(line) for line in by_year],
        "by_year_total": _total(by_year),
        "in_kind": [_money_row(line) for line in in_kind],
        "in_kind_total": _total(in_kind),
        "over_budget": [line.label for line in by_partner if line.over],
    }


@dataclass(frozen=True)
class RecordRow:
    """One stored spending or delivery as the history lists it."""

    record: Spending | InKindDelivery
    item: str
    partner: str
    day: str
    amount: str
    orphaned: bool


def _names(agreement: Agreement) -> dict[str, str]:
    names = {p.id: p.name for p in agreement.partnership.partners}
    names.update({item.id: item.description for item in agreement.finance.cost_items})
    for c in agreement.finance.contributions:
        if c.kind.in_kind:
            names[c.id] = c.description or f"{c.kind.label} {c.year}"
    return names


def spending_history(programme: Programme, scope: Scope | None = None) -> list[RecordRow]:
    """Every spending record, current and replaced, newest first."""
    agreement = head_agreement(programme)
    names = _names(agreement)
    items = {item.id for item in agreement.finance.cost_items}
    rows = Spending.objects.filter(programme=programme)
    if scope is not None and scope.partner:
        rows = rows.filter(partner_id=scope.partner)
    return [
        RecordRow(
            row,
            names.get(row.cost_item_id, row.cost_item_id),
            names.get(row.partner_id, row.partner_id),
            short_date(row.spent_on),
            euro(row.amount),
            row.cost_item_id not in items,
        )
        for row in rows.select_related("entered_by", "superseded_by").order_by("-id")
    ]


def delivery_history(programme: Programme, scope: Scope | None = None) -> list[RecordRow]:
    """Every in-kind delivery record, current and replaced, newest first."""
    agreement = head_agreement(programme)
    names = _names(agreement)
    pledged = {c.id for c in agreement.finance.contributions if c.kind.in_kind}
    rows = InKindDelivery.objects.filter(programme=programme)
    if scope is not None and scope.partner:
        rows = rows.filter(partner_id=scope.partner)
    return [
        RecordRow(
            row,
            names.get(row.contribution_id, row.contribution_id),
            names.get(row.partner_id, row.partner_id),
            short_date(row.delivered_on),
            euro(row.value),
            row.contribution_id not in pledged,
        )
        for row in rows.select_related("entered_by", "superseded_by").order_by("-id")
    ]


def progress_for_dashboard(
    programme: Programme, as_of: dt.datetime | None, scope: Scope
) -> dict[str, Any]:
    """The dashboard's sections on milestones, the budget and contributions in kind."""
    found = milestone_rows(programme, as_of, scope.period)
    found.update(money_tables(programme, as_of, scope))
    moment = as_of or timezone.now()
    agreement = head_agreement(programme)
    items = {item.id for item in agreement.finance.cost_items}
    pledged = {c.id for c in agreement.finance.contributions if c.kind.in_kind}
    found["money_orphans"] = (
        Spending.objects.filter(programme=programme, entered_at__lte=moment)
        .exclude(cost_item_id__in=items)
        .count()
        + InKindDelivery.objects.filter(programme=programme, entered_at__lte=moment)
        .exclude(contribution_id__in=pledged)
        .count()
    )
    return found
