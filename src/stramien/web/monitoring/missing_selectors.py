"""Reads for the "what is missing" page and the reminders: per indicator and period whether
its value is in, computed when read by ``stramien.monitor.missing`` from the stored records,
the locks and today's date (the rules and the deadline are explained there)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stramien.model import Agreement, ReportingFrequency
from stramien.monitor import Period
from stramien.monitor.missing import (
    Delivery,
    MissingCell,
    MissingRow,
    by_owner,
    missing,
    overdue,
    overdue_by_owner,
)
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement

from .models import PeriodLock
from .selectors import records

#: The filter value for indicators that name no owner organisation.
NO_OWNER = "geen"

# The dashboard's status colours, so a cell's tone matches what it means there; the text
# in the cell says the same, for whoever does not see the colour.
_TONE = {
    Delivery.DELIVERED: "on_track",
    Delivery.OVERDUE: "off_track",
    Delivery.RETURNED: "at_risk",
    Delivery.DUE_SOON: "at_risk",
}
#: What a cell says, in the reader's language.
STATE_LABELS: dict[Delivery, Promise] = {
    Delivery.DELIVERED: gettext_lazy("Geleverd"),
    Delivery.SUBMITTED: gettext_lazy("Wacht op beoordeling"),
    Delivery.LOCKED: gettext_lazy("Afgesloten zonder waarde"),
    Delivery.OVERDUE: gettext_lazy("Te laat"),
    Delivery.RETURNED: gettext_lazy("Teruggestuurd"),
    Delivery.CONCEPT: gettext_lazy("Concept"),
    Delivery.DUE_SOON: gettext_lazy("Binnenkort nodig"),
    Delivery.TO_DELIVER: gettext_lazy("Nog te leveren"),
    Delivery.UPCOMING: gettext_lazy("Periode loopt nog"),
}


def matrix_rows(programme: Programme, today: dt.date) -> tuple[Agreement, list[MissingRow]]:
    """The head version and, per indicator of it, every period with its state on ``today``."""
    agreement = head_agreement(programme)
    locked = set(
        PeriodLock.objects.filter(programme=programme).values_list("indicator_id", "period")
    )
    rows = missing(
        agreement.indicators, agreement.programme, records(programme), today, locked=locked
    )
    return agreement, rows


def owner_names(agreement: Agreement) -> dict[str, str]:
    return {partner.id: partner.name for partner in agreement.partnership.partners}


@dataclass(frozen=True)
class ShownCell:
    cell: MissingCell | None  # None: the indicator has no such period

    @property
    def tone(self) -> str:
        return _TONE.get(self.cell.state, "no_data") if self.cell else "no_data"

    @property
    def label(self) -> Promise | str:
        return STATE_LABELS[self.cell.state] if self.cell else "—"


@dataclass(frozen=True)
class ShownRow:
    row: MissingRow
    cells: list[ShownCell]


@dataclass(frozen=True)
class OwnerGroup:
    key: str
    name: str
    rows: list[ShownRow]


@dataclass(frozen=True)
class FrequencyTable:
    frequency: ReportingFrequency
    periods: list[Period]
    groups: list[OwnerGroup]


@dataclass(frozen=True)
class LateValue:
    cell: MissingCell
    indicator_name: str
    owner_name: str

    @property
    def days_late(self) -> int:
        return -self.cell.days_left


@dataclass(frozen=True)
class Matrix:
    today: dt.date
    year: int | None
    years: list[int]
    owner: str
    owners: list[tuple[str, str]]
    tables: list[FrequencyTable]
    late: list[LateValue]
    late_by_owner: list[tuple[str, int]]
    problems: list[str]


def _owner_name(owner: str | None, names: dict[str, str]) -> str:
    if owner is None:
        return _("Geen eigenaar")
    return names.get(owner, owner)


def _tables(
    rows: list[MissingRow], year: int | None, names: dict[str, str]
) -> list[FrequencyTable]:
    tables = []
    for frequency in ReportingFrequency:
        chosen = [r for r in rows if r.indicator.frequency is frequency]
        if not chosen:
            continue
        periods = sorted(
            {c.period for r in chosen for c in r.cells if year is None or c.period.year == year}
        )
        if not periods:
            continue
        groups = []
        for owner, group in by_owner(chosen):
            shown = []
            for row in group:
                cells = {c.period: c for c in row.cells}
                shown.append(ShownRow(row, [ShownCell(cells.get(p)) for p in periods]))
            groups.append(OwnerGroup(owner or NO_OWNER, _owner_name(owner, names), shown))
        tables.append(FrequencyTable(frequency, periods, groups))
    return tables


def matrix(
    programme: Programme,
    *,
    today: dt.date | None = None,
    owner: str = "",
    year: str = "",
) -> Matrix:
    """The page's matrix: tables per frequency for one year (``year``, default the current
    one), rows grouped by owner organisation (only ``owner``'s when given: a partner id or
    ``NO_OWNER``); and every late value of the whole programme, with who owes it.

    A filter value that names nothing is left out with a Dutch explanation in ``problems``.
    """
    day = today or timezone.localdate()
    agreement, rows = matrix_rows(programme, day)
    names = owner_names(agreement)
    owners = [(key, _owner_name(key, names)) for key, _group in by_owner(rows)]
    owner_choices = [(key or NO_OWNER, name) for key, name in owners]
    problems = []
    if owner and owner not in {key for key, _name in owner_choices}:
        problems.append(
            _("Er is geen eigenaar '%(owner)s' met indicatoren; alle eigenaren worden getoond.")
            % {"owner": owner}
        )
        owner = ""
    if owner:
        wanted = None if owner == NO_OWNER else owner
        rows = [r for r in rows if r.owner == wanted]
    years = sorted({c.period.year for r in rows for c in r.cells})
    chosen_year = _year(year, years, day, problems)
    indicators = {r.indicator.id: r.indicator for r in rows}
    late = [
        LateValue(
            cell,
            indicators[cell.indicator].name,
            _owner_name(indicators[cell.indicator].owner, names),
        )
        for cell in overdue(rows)
    ]
    return Matrix(
        today=day,
        year=chosen_year,
        years=years,
        owner=owner,
        owners=owner_choices,
        tables=_tables(rows, chosen_year, names),
        late=late,
        late_by_owner=[(_owner_name(key, names), n) for key, n in overdue_by_owner(rows)],
        problems=problems,
    )


def _year(text: str, years: list[int], day: dt.date, problems: list[str]) -> int | None:
    """The chosen year: the one asked for, else this year, else the nearest of the programme."""
    if not years:
        return None
    if text:
        if text.isdigit() and int(text) in years:
            return int(text)
        problems.append(
            _("'%(year)s' is geen jaar van dit programma; kies uit %(first)s tot en met %(last)s.")
            % {"year": text, "first": years[0], "last": years[-1]}
        )
    if day.year in years:
        return day.year
    return years[0] if day.year < years[0] else years[-1]
