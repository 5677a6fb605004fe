"""Milestones against their planned date: on time, late, still to come, dropped, orphaned."""

from __future__ import annotations

import datetime as dt

from monitor_builders import moment

from stramien.model import Agreement
from stramien.monitor import (
    MilestoneEntry,
    Progress,
    Timeliness,
    milestone_reports,
    orphaned_milestone_entries,
)

DOC = Agreement.model_validate(
    {
        "programme": {"name": "Test", "start": "2027-01-01", "end": "2028-12-31"},
        "planning": {
            "milestones": [
                {"id": "ms-b", "title": "Tweede", "date": "2027-09-01"},
                {"id": "ms-a", "title": "Eerste", "date": "2027-03-01"},
            ]
        },
    }
)


def entry(
    entry_id: str, milestone: str, progress: Progress, on: str, actual: str | None = None
) -> MilestoneEntry:
    return MilestoneEntry(
        id=entry_id,
        milestone=milestone,
        progress=progress,
        entered_at=moment(on),
        actual_date=dt.date.fromisoformat(actual) if actual else None,
    )


def by_id(entries: list[MilestoneEntry], on: str) -> dict[str, tuple[Timeliness, int]]:
    return {
        r.milestone.id: (r.timeliness, r.days_late)
        for r in milestone_reports(DOC, entries, moment(on))
    }


def test_milestones_come_in_date_order_and_nothing_entered_is_planned_until_the_date() -> None:
    reports = milestone_reports(DOC, [], moment("2027-02-01"))
    assert [r.milestone.id for r in reports] == ["ms-a", "ms-b"]
    assert [(r.timeliness, r.late, r.entry) for r in reports] == [
        (Timeliness.PLANNED, False, None),
        (Timeliness.PLANNED, False, None),
    ]


def test_a_milestone_not_reached_is_late_from_the_day_after_its_date() -> None:
    assert by_id([], "2027-03-01")["ms-a"] == (Timeliness.PLANNED, 0)
    # 1 March to 11 March: ten days over.
    assert by_id([], "2027-03-11")["ms-a"] == (Timeliness.OVERDUE, 10)


def test_reached_on_or_before_the_date_is_on_time_after_it_late_by_the_days_between() -> None:
    on_time = [entry("1", "ms-a", Progress.DONE, "2027-03-02", actual="2027-03-01")]
    assert by_id(on_time, "2027-06-01")["ms-a"] == (Timeliness.ON_TIME, 0)
    late = [entry("1", "ms-a", Progress.DONE, "2027-04-02", actual="2027-03-31")]
    assert by_id(late, "2027-06-01")["ms-a"] == (Timeliness.DONE_LATE, 30)


def test_a_delay_announced_before_the_date_counts_the_days_to_the_expected_date() -> None:
    delayed = [entry("1", "ms-b", Progress.DELAYED, "2027-06-01", actual="2027-10-15")]
    report = milestone_reports(DOC, delayed, moment("2027-07-01"))[1]
    # 1 September to 15 October: 30 + 14 days.
    assert (report.timeliness, report.days_late, report.late) == (
        Timeliness.EXPECTED_LATE,
        44,
        True,
    )


def test_the_latest_status_at_the_moment_counts_and_a_later_one_is_not_known_yet() -> None:
    entries = [
        entry("1", "ms-a", Progress.IN_PROGRESS, "2027-01-10"),
        entry("2", "ms-a", Progress.DONE, "2027-02-20", actual="2027-02-20"),
    ]
    assert by_id(entries, "2027-02-01")["ms-a"] == (Timeliness.PLANNED, 0)
    assert by_id(entries, "2027-03-10")["ms-a"] == (Timeliness.ON_TIME, 0)
    # As of 15 March without the second record: still open, 14 days over.
    assert by_id(entries[:1], "2027-03-15")["ms-a"] == (Timeliness.OVERDUE, 14)


def test_a_dropped_milestone_is_never_late() -> None:
    dropped = [entry("1", "ms-a", Progress.DROPPED, "2027-02-01")]
    assert by_id(dropped, "2028-01-01")["ms-a"] == (Timeliness.DROPPED, 0)


def test_statuses_of_milestones_no_longer_planned_are_kept_as_orphans() -> None:
    kept = entry("9", "ms-gone", Progress.DONE, "2027-02-01")
    entries = [entry("1", "ms-a", Progress.DONE, "2027-02-01"), kept]
    assert orphaned_milestone_entries(DOC, entries) == [kept]
    assert "ms-gone" not in by_id(entries, "2027-03-01")
