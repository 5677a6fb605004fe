"""Checks and monitoring with plan dates written as periods (issue 15, point 8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stramien.model import Agreement
from stramien.monitor.milestones import MilestoneEntry, Progress, Timeliness, timeliness
from stramien.rules import check


def _agreement(milestones: list[dict[str, Any]], **programme: Any) -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Proef", **programme},
            "planning": {
                "phases": [
                    {
                        "id": "f1",
                        "name": "Voorbereiding",
                        "start": "2026-01-01",
                        "end": "2026-08-31",
                    },
                    {"id": "f2", "name": "Uitvoering", "start": "2026-09-01", "end": "eind 2027"},
                ],
                "milestones": milestones,
            },
        }
    )


def _messages(agreement: Agreement, rule_id: str) -> list[str]:
    return [f.message for f in check(agreement) if f.rule == rule_id]


def test_a_quarter_milestone_overlapping_its_phase_is_fine() -> None:
    agreement = _agreement(
        [{"id": "m1", "title": "Ontwerp klaar", "date": "Q3 2026", "phase": "f1"}]
    )
    assert _messages(agreement, "milestone-outside-phase") == []


def test_a_quarter_milestone_after_its_phase_is_reported_as_a_quarter() -> None:
    agreement = _agreement(
        [{"id": "m1", "title": "Ontwerp klaar", "date": "Q4 2026", "phase": "f1"}]
    )
    assert _messages(agreement, "milestone-outside-phase") == [
        "Mijlpaal 'Ontwerp klaar' (4e kwartaal 2026) valt buiten fase 'Voorbereiding'."
    ]


def test_a_phase_ending_in_a_period_holds_a_milestone_late_in_that_period() -> None:
    agreement = _agreement(
        [{"id": "m1", "title": "Oplevering", "date": "2027-12-20", "phase": "f2"}]
    )
    assert _messages(agreement, "milestone-outside-phase") == []


def test_a_period_overlapping_the_programme_period_fits() -> None:
    milestones = [{"id": "m1", "title": "Start", "date": "2025"}]
    inside = _agreement(milestones, start="2025-09-01", end="2027-12-31")
    assert _messages(inside, "milestone-dates") == []
    outside = _agreement(
        [{"id": "m1", "title": "Start", "date": "medio 2025"}], start="2025-09-01", end="2027-12-31"
    )
    assert _messages(outside, "milestone-dates") == [
        "Mijlpaal 'Start' (medio 2025) valt buiten de looptijd van het programma."
    ]


def test_milestones_in_the_same_quarter_as_a_day_count_as_in_order() -> None:
    agreement = _agreement(
        [
            {"id": "m1", "title": "Besluit", "date": "2026-07-01"},
            {"id": "m2", "title": "Ontwerp", "date": "Q3 2026"},
            {"id": "m3", "title": "Start bouw", "date": "2026-08-10"},
        ]
    )
    assert _messages(agreement, "milestones-order") == []


def _milestone(date: str) -> Any:
    return _agreement([{"id": "m1", "title": "Ontwerp", "date": date}]).planning.milestones[0]


def _entry(progress: Progress, actual: dt.date | None = None) -> MilestoneEntry:
    return MilestoneEntry("1", "m1", progress, dt.datetime(2026, 7, 2, 12, 0), actual)


def test_a_quarter_milestone_is_overdue_only_after_the_quarter() -> None:
    milestone = _milestone("Q3 2026")
    assert timeliness(milestone, None, dt.date(2026, 9, 30)) == (Timeliness.PLANNED, 0)
    assert timeliness(milestone, None, dt.date(2026, 10, 3)) == (Timeliness.OVERDUE, 3)


def test_a_quarter_milestone_reached_within_the_quarter_is_on_time() -> None:
    milestone = _milestone("Q3 2026")
    reached = _entry(Progress.DONE, dt.date(2026, 9, 15))
    assert timeliness(milestone, reached, dt.date(2026, 10, 1)) == (Timeliness.ON_TIME, 0)
    late = _entry(Progress.DONE, dt.date(2026, 10, 11))
    assert timeliness(milestone, late, dt.date(2026, 10, 20)) == (Timeliness.DONE_LATE, 11)


def test_a_milestone_to_the_day_is_still_late_the_day_after() -> None:
    milestone = _milestone("2026-07-01")
    assert timeliness(milestone, None, dt.date(2026, 7, 2)) == (Timeliness.OVERDUE, 1)
