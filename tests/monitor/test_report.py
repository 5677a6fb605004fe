"""The progress report's snapshot, on small cases computed by hand.

The indicator runs from 0 to 400 with an interim target of 100 for 2027-Q2 and a band of
40 (10 % of the promised change): at the end of Q2 a stand of 70 is on track (30 behind),
50 at risk (50 behind) and 10 off track (90 behind).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from monitor_builders import approved, moment

from stramien.model import Agreement
from stramien.monitor import (
    DeliveryEntry,
    Measurement,
    MeasurementStatus,
    MilestoneEntry,
    Progress,
    SpendingEntry,
    Status,
    parse_period,
)
from stramien.monitor.report import IssueKind, ReportError, report_period, snapshot

Q2 = parse_period("2027-Q2")
AFTER_Q2 = moment("2027-07-25")  # before the Q2 deadline of 30 July


def doc(**extra: Any) -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Wijk", "start": "2027-01-01", "end": "2028-12-31"},
            "partnership": {
                "partners": [
                    {
                        "id": "p-gem",
                        "name": "Gemeente",
                        "category": "government",
                        "sector": "public",
                        "participation_level": 4,
                    }
                ]
            },
            "goals": [
                {"id": "g-top", "title": "Hoofddoel", "contributes_to_ambition": True},
                {"id": "g-a", "title": "Deeldoel A", "contributes_to": ["g-top"]},
            ],
            "indicators": [
                {
                    "id": "i-a",
                    "name": "Woningen",
                    "goal": "g-a",
                    "baseline": 0,
                    "target": 400,
                    "period_targets": [{"period": "2027-Q2", "target": 100}],
                },
                {"id": "i-b", "name": "Tevredenheid", "goal": "g-top", "baseline": 0, "target": 4},
            ],
            **extra,
        }
    )


def value(measurement_id: str, period: str, figure: str, on: str, **kw: Any) -> Measurement:
    return approved(measurement_id, period, figure, indicator_id="i-a", on=on, **kw)


def test_only_approved_values_count_and_the_goal_takes_the_worst() -> None:
    waiting = Measurement(
        id="w",
        indicator="i-a",
        period="2027-Q2",
        entered_at=moment("2027-07-02"),
        value=Decimal(70),
        status=MeasurementStatus.SUBMITTED,
    )
    found = snapshot(doc(), Q2, AFTER_Q2, [value("m1", "2027-Q1", "10", "2027-04-10"), waiting])
    line = found.indicator("i-a")
    # Q2 has no approved value and is not due yet: the report stands on Q1.
    assert line.status is not None and line.status.period.key == "2027-Q1"
    assert line.status.value is not None and line.status.value.value == Decimal(10)
    assert found.goal("g-a").status.status is line.state
    assert [(i.kind, i.subject, i.detail) for i in found.issues] == [
        (IssueKind.WAITING, "Woningen", "Ingediend, nog niet beoordeeld: 2e kwartaal 2027."),
        (
            IssueKind.OVERDUE,
            "Tevredenheid",
            "Geen goedgekeurde waarde, en de termijn is verstreken: 1e kwartaal 2027.",
        ),
    ]


def test_a_value_approved_after_the_moment_is_left_out() -> None:
    records = [
        value("m1", "2027-Q2", "70", "2027-07-10"),
        value("m2", "2027-Q2", "10", "2027-08-20"),
    ]
    # The second is a second approval of the same figure, approved after the first.
    before = snapshot(doc(), Q2, moment("2027-08-01"), records)
    after = snapshot(doc(), Q2, moment("2027-08-21"), records)
    assert before.indicator("i-a").state is Status.ON_TRACK  # 70: 30 behind the path
    assert after.indicator("i-a").state is Status.OFF_TRACK  # 10: 90 behind
    assert before.goal("g-top").status.status is Status.ON_TRACK  # i-b has no data yet
    assert after.goal("g-top").status.status is Status.OFF_TRACK


def test_a_correction_replaces_the_value_it_corrects() -> None:
    records = [
        value("m1", "2027-Q2", "10", "2027-07-10"),
        value("m2", "2027-Q2", "50", "2027-07-12", supersedes="m1"),
    ]
    line = snapshot(doc(), Q2, AFTER_Q2, records).indicator("i-a")
    assert line.status is not None and line.status.value is not None
    assert line.status.value.value == Decimal(50)
    assert line.state is Status.AT_RISK
    assert [p.period.key for p in line.path] == ["2027-Q1", "2027-Q2"]


def test_later_periods_stay_out_of_the_report_of_an_earlier_one() -> None:
    records = [
        value("m1", "2027-Q2", "70", "2027-07-10"),
        value("m2", "2027-Q3", "10", "2027-10-10"),
    ]
    line = snapshot(doc(), Q2, moment("2027-12-01"), records).indicator("i-a")
    assert line.status is not None and line.status.period.key == "2027-Q2"
    assert line.state is Status.ON_TRACK
    assert [p.period.key for p in line.path] == ["2027-Q1", "2027-Q2"]


def test_overdue_and_returned_values_are_open_issues() -> None:
    returned = Measurement(
        id="r",
        indicator="i-b",
        period="2027-Q1",
        entered_at=moment("2027-04-02"),
        value=Decimal(1),
        status=MeasurementStatus.RETURNED,
        note="Bron ontbreekt",
    )
    found = snapshot(doc(), Q2, moment("2027-08-15"), [returned])
    issues = {(i.kind, i.subject): i.detail for i in found.issues}
    assert issues[(IssueKind.OVERDUE, "Woningen")].endswith("1e kwartaal 2027, 2e kwartaal 2027.")
    # The returned Q1 value of i-b is overdue by now; Q2 has nothing at all.
    assert issues[(IssueKind.OVERDUE, "Tevredenheid")].endswith(
        "1e kwartaal 2027 (teruggestuurd), 2e kwartaal 2027."
    )
    # Before the deadline a returned value is just that: returned, waiting for its correction.
    early = replace(returned, period="2027-Q2", entered_at=moment("2027-07-02"))
    found = snapshot(doc(), Q2, AFTER_Q2, [early])
    assert (IssueKind.RETURNED, "Tevredenheid") in {(i.kind, i.subject) for i in found.issues}


def test_explanations_of_the_values_that_count() -> None:
    record = Measurement(
        id="m",
        indicator="i-a",
        period="2027-Q2",
        entered_at=moment("2027-07-02"),
        value=Decimal(70),
        status=MeasurementStatus.APPROVED,
        approved_at=moment("2027-07-03"),
        note="Blok C is eerder opgeleverd.",
    )
    line = snapshot(doc(), Q2, AFTER_Q2, [record]).indicator("i-a")
    assert [m.note for m in line.explanations] == ["Blok C is eerder opgeleverd."]


FINANCE = {
    "finance": {
        "cost_items": [
            {"id": "c-1", "description": "Bouw", "year": 2027, "amount": 1000},
            {"id": "c-2", "description": "Bouw", "year": 2028, "amount": 500},
        ],
        "contributions": [
            {"id": "f-1", "partner": "p-gem", "kind": "cash", "year": 2027, "amount": 1500},
            {"id": "f-2", "partner": "p-gem", "kind": "labour", "year": 2027, "amount": 300},
        ],
    },
    "planning": {
        "milestones": [
            {"id": "ms-1", "title": "Start bouw", "date": "2027-05-01"},
            {"id": "ms-2", "title": "Oplevering", "date": "2028-05-01"},
        ]
    },
}


def test_money_and_in_kind_planned_without_records_has_no_realised_side() -> None:
    found = snapshot(doc(**FINANCE), Q2, AFTER_Q2, [])
    assert [(line.key, line.planned) for line in found.money_by_year] == [
        ("2027", Decimal(1000)),
        ("2028", Decimal(500)),
    ]
    assert not found.spending_tracked and not found.milestones_tracked
    assert [m.milestone.id for m in found.milestones] == ["ms-1", "ms-2"]
    assert not any(i.kind is IssueKind.MILESTONE_LATE for i in found.issues)


def test_records_by_the_moment_give_the_realised_side() -> None:
    stamp = moment("2027-06-01")
    spending = [
        SpendingEntry("s1", "c-1", "p-gem", dt.date(2027, 5, 2), Decimal(400), stamp),
        SpendingEntry("s2", "c-1", "p-gem", dt.date(2027, 7, 2), Decimal(99), moment("2027-09-01")),
    ]
    deliveries = [DeliveryEntry("d1", "f-2", "p-gem", dt.date(2027, 5, 2), Decimal(120), stamp)]
    milestones = [MilestoneEntry("e1", "ms-1", Progress.IN_PROGRESS, stamp)]
    found = snapshot(
        doc(**FINANCE),
        Q2,
        AFTER_Q2,
        [],
        spending=spending,
        deliveries=deliveries,
        milestone_entries=milestones,
    )
    assert [(line.key, line.realised) for line in found.money_by_year] == [
        ("2027", Decimal(400)),  # s2 was entered after the moment
        ("2028", Decimal(0)),
    ]
    assert [(line.key, line.planned, line.realised) for line in found.money_by_partner] == [
        ("p-gem", Decimal(1500), Decimal(400))
    ]
    assert [(line.planned, line.realised) for line in found.in_kind] == [
        (Decimal(300), Decimal(120))
    ]
    late = [i for i in found.issues if i.kind is IssueKind.MILESTONE_LATE]
    assert [i.subject for i in late] == ["Start bouw"]  # the second is due in 2028


def test_a_wrong_period_or_moment_is_refused_in_dutch() -> None:
    with pytest.raises(ReportError, match="geen geldige periode"):
        report_period("2027-Q5")
    with pytest.raises(ReportError, match="vóór het begin"):
        snapshot(doc(), Q2, moment("2027-03-01"), [])


def test_the_same_records_give_an_equal_snapshot_in_any_order() -> None:
    records = [
        value("m1", "2027-Q1", "10", "2027-04-10"),
        value("m2", "2027-Q2", "70", "2027-07-10"),
    ]
    assert snapshot(doc(), Q2, AFTER_Q2, records) == snapshot(doc(), Q2, AFTER_Q2, records[::-1])
