"""Milestones of the planning against what happened: on time, late or still to come.

A milestone's status is a record beside the document, keyed by the milestone's stable id.
Every change is a new record; at a moment ``as_of`` the one entered last (on or before
``as_of``) counts. A record whose milestone is no longer in the document is orphaned: kept
and shown, never dropped.

The actual date of a milestone that is reached is the day it was reached; for one that is
delayed it is the day now expected. A milestone that is neither reached nor dropped is late
from the day after its planned date. A milestone planned in a period ("Q3 2026") is due by
the last day of that period: reached in August is on time, and it is overdue from 1 October.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from stramien.model import Agreement, Milestone
from stramien.model.dates import sort_key


class Progress(StrEnum):
    """What the team says about a milestone (the web app stores the same values)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"
    DROPPED = "dropped"


class Timeliness(StrEnum):
    """The planned date against the actual date (or today)."""

    PLANNED = "planned"
    ON_TIME = "on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    EXPECTED_LATE = "expected_late"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return _TIMELINESS_LABELS[self]

    @property
    def late(self) -> bool:
        return self in (Timeliness.DONE_LATE, Timeliness.OVERDUE, Timeliness.EXPECTED_LATE)


_TIMELINESS_LABELS = {
    Timeliness.PLANNED: "gepland",
    Timeliness.ON_TIME: "op tijd",
    Timeliness.DONE_LATE: "te laat bereikt",
    Timeliness.OVERDUE: "over de datum",
    Timeliness.EXPECTED_LATE: "loopt uit",
    Timeliness.DROPPED: "vervallen",
}


@dataclass(frozen=True, slots=True)
class MilestoneEntry:
    """One stored status of one milestone."""

    id: str
    milestone: str
    progress: Progress
    entered_at: dt.datetime
    actual_date: dt.date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class MilestoneReport:
    milestone: Milestone
    entry: MilestoneEntry | None
    timeliness: Timeliness
    # Days after the planned date: reached, expected, or (still open) today. 0 when not late.
    days_late: int

    @property
    def late(self) -> bool:
        return self.timeliness.late


def latest(entries: Iterable[MilestoneEntry], as_of: dt.datetime) -> dict[str, MilestoneEntry]:
    """Per milestone id the status entered last on or before ``as_of``."""
    found: dict[str, MilestoneEntry] = {}
    for entry in entries:
        if entry.entered_at > as_of:
            continue
        known = found.get(entry.milestone)
        if known is None or (entry.entered_at, entry.id) >= (known.entered_at, known.id):
            found[entry.milestone] = entry
    return found


def timeliness(
    milestone: Milestone, entry: MilestoneEntry | None, today: dt.date
) -> tuple[Timeliness, int]:
    """How the milestone stands on ``today``, and how many days late it is (counted from the
    last day of the period when the milestone is planned in one)."""
    planned = milestone.window[1]
    progress = entry.progress if entry is not None else Progress.NOT_STARTED
    actual = entry.actual_date if entry is not None else None
    if progress is Progress.DROPPED:
        return Timeliness.DROPPED, 0
    if progress is Progress.DONE:
        reached = actual or (entry.entered_at.date() if entry is not None else today)
        if reached > planned:
            return Timeliness.DONE_LATE, (reached - planned).days
        return Timeliness.ON_TIME, 0
    if today > planned:
        return Timeliness.OVERDUE, (today - planned).days
    if progress is Progress.DELAYED:
        expected = actual if actual is not None and actual > planned else None
        return Timeliness.EXPECTED_LATE, (expected - planned).days if expected else 0
    return Timeliness.PLANNED, 0


def milestone_reports(
    agreement: Agreement, entries: Iterable[MilestoneEntry], as_of: dt.datetime
) -> list[MilestoneReport]:
    """Every milestone of the planning in date order, with its status at ``as_of``."""
    standing = latest(entries, as_of)
    reports = []
    for milestone in sorted(
        agreement.planning.milestones, key=lambda m: (*sort_key(m.date, m.precision), m.id)
    ):
        entry = standing.get(milestone.id)
        kind, days = timeliness(milestone, entry, as_of.date())
        reports.append(MilestoneReport(milestone, entry, kind, days))
    return reports


def orphaned_milestone_entries(
    agreement: Agreement, entries: Iterable[MilestoneEntry]
) -> list[MilestoneEntry]:
    """The statuses of milestones that are no longer in the document (kept, never dropped)."""
    known = {milestone.id for milestone in agreement.planning.milestones}
    return [entry for entry in entries if entry.milestone not in known]
