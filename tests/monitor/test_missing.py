"""What is missing per indicator and period, and which reminders a day calls for.

The programme runs 2027-2028; a quarterly indicator's first period (2027-Q1) ends on
31 March, so its value is due on 30 April (31 March + 30 days), the second's on 30 July.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from monitor_builders import PROGRAMME, approved, indicator, moment

from stramien.model import Programme
from stramien.monitor import Measurement, MeasurementStatus
from stramien.monitor.missing import (
    Delivery,
    ReminderKind,
    by_owner,
    missing,
    overdue,
    overdue_by_owner,
    reminders_due,
)

D = dt.date


def entered(
    measurement_id: str,
    period: str,
    status: MeasurementStatus,
    *,
    indicator_id: str = "k",
    supersedes: str | None = None,
) -> Measurement:
    return Measurement(
        id=measurement_id,
        indicator=indicator_id,
        period=period,
        entered_at=moment("2027-04-02"),
        value=Decimal(5),
        status=status,
        supersedes=supersedes,
    )


def states(records: list[Measurement], today: dt.date, **options: Any) -> dict[str, Delivery]:
    (row,) = missing([indicator()], PROGRAMME, records, today, **options)
    return {cell.period.key: cell.state for cell in row.cells}


def test_a_year_in_july_delivered_due_soon_and_upcoming() -> None:
    found = states([approved("a", "2027-Q1", "1")], D(2027, 7, 25))
    assert len(found) == 8  # two years of quarters
    assert found["2027-Q1"] is Delivery.DELIVERED
    assert found["2027-Q2"] is Delivery.DUE_SOON  # due 30 July, five days away
    assert found["2027-Q3"] is Delivery.UPCOMING
    assert found["2028-Q4"] is Delivery.UPCOMING


def test_the_deadline_day_is_still_on_time_the_next_day_is_late() -> None:
    (row,) = missing([indicator()], PROGRAMME, [], D(2027, 4, 30))
    first = row.cells[0]
    assert (first.deadline, first.days_left, first.state) == (D(2027, 4, 30), 0, Delivery.DUE_SOON)
    (row,) = missing([indicator()], PROGRAMME, [], D(2027, 5, 1))
    assert (row.cells[0].state, row.cells[0].days_left) == (Delivery.OVERDUE, -1)


def test_to_deliver_until_a_week_before_the_deadline() -> None:
    assert states([], D(2027, 4, 1))["2027-Q1"] is Delivery.TO_DELIVER
    assert states([], D(2027, 4, 22))["2027-Q1"] is Delivery.TO_DELIVER  # 8 days left
    assert states([], D(2027, 4, 23))["2027-Q1"] is Delivery.DUE_SOON  # 7 days left
    assert states([], D(2027, 3, 31))["2027-Q1"] is Delivery.UPCOMING  # its last day


def test_a_concept_is_late_after_the_deadline_and_says_so() -> None:
    records = [entered("c", "2027-Q1", MeasurementStatus.CONCEPT)]
    assert states(records, D(2027, 4, 30))["2027-Q1"] is Delivery.CONCEPT
    (row,) = missing([indicator()], PROGRAMME, records, D(2027, 5, 1))
    assert row.cells[0].state is Delivery.OVERDUE
    assert row.cells[0].draft is MeasurementStatus.CONCEPT


def test_a_value_waiting_for_review_is_never_late() -> None:
    records = [entered("s", "2027-Q1", MeasurementStatus.SUBMITTED)]
    assert states(records, D(2028, 1, 1))["2027-Q1"] is Delivery.SUBMITTED


def test_returned_until_its_correction_is_saved() -> None:
    returned = entered("r", "2027-Q1", MeasurementStatus.RETURNED)
    assert states([returned], D(2027, 4, 10))["2027-Q1"] is Delivery.RETURNED
    correction = entered("c", "2027-Q1", MeasurementStatus.CONCEPT, supersedes="r")
    assert states([returned, correction], D(2027, 4, 10))["2027-Q1"] is Delivery.CONCEPT
    submitted = entered("s", "2027-Q1", MeasurementStatus.SUBMITTED, supersedes="r")
    assert states([returned, submitted], D(2027, 4, 10))["2027-Q1"] is Delivery.SUBMITTED


def test_an_approved_value_stays_delivered_while_its_correction_is_a_concept() -> None:
    records = [
        approved("a", "2027-Q1", "1"),
        entered("c", "2027-Q1", MeasurementStatus.CONCEPT, supersedes="a"),
    ]
    assert states(records, D(2027, 6, 1))["2027-Q1"] is Delivery.DELIVERED


def test_one_approved_breakdown_cell_delivers_the_period() -> None:
    records = [approved("a", "2027-Q1", "3", dimensions={"wijk": "noord"})]
    assert states(records, D(2027, 6, 1))["2027-Q1"] is Delivery.DELIVERED


def test_another_indicators_value_does_not_count() -> None:
    records = [approved("a", "2027-Q1", "1", indicator_id="other")]
    assert states(records, D(2027, 6, 1))["2027-Q1"] is Delivery.OVERDUE


def test_a_locked_period_without_a_value_is_closed_not_late() -> None:
    found = states([], D(2027, 6, 1), locked={("k", "2027-Q1")})
    assert found["2027-Q1"] is Delivery.LOCKED


def test_fewer_days_to_report_moves_the_deadline() -> None:
    (row,) = missing([indicator()], PROGRAMME, [], D(2027, 4, 11), days_to_report=10)
    assert row.cells[0].deadline == D(2027, 4, 10)
    assert row.cells[0].state is Delivery.OVERDUE


def test_a_shorter_due_soon_window() -> None:
    assert states([], D(2027, 4, 23), due_soon_days=3)["2027-Q1"] is Delivery.TO_DELIVER
    assert states([], D(2027, 4, 27), due_soon_days=3)["2027-Q1"] is Delivery.DUE_SOON


def test_monthly_periods_each_have_their_own_deadline() -> None:
    monthly = indicator(frequency="monthly")
    (row,) = missing([monthly], PROGRAMME, [], D(2027, 3, 15))
    assert len(row.cells) == 24
    january, february, march = row.cells[:3]
    assert (january.deadline, january.state) == (D(2027, 3, 2), Delivery.OVERDUE)
    assert (february.deadline, february.state) == (D(2027, 3, 30), Delivery.TO_DELIVER)
    assert march.state is Delivery.UPCOMING


def test_without_programme_dates_there_is_nothing_to_deliver() -> None:
    (row,) = missing([indicator()], Programme(name="Zonder data"), [], D(2027, 6, 1))
    assert row.cells == ()


def test_late_values_per_owner_and_longest_late_first() -> None:
    rows = missing(
        [
            indicator(id="a", owner="gemeente"),
            indicator(id="b", owner="corporatie"),
            indicator(id="c"),
            indicator(id="d", owner="gemeente"),
        ],
        PROGRAMME,
        [
            approved("x", "2027-Q1", "1", indicator_id="b"),
            approved("y", "2027-Q2", "1", indicator_id="d"),
        ],
        D(2027, 9, 1),  # Q1 and Q2 are both past their deadline
    )
    assert [(owner, [r.indicator.id for r in group]) for owner, group in by_owner(rows)] == [
        ("gemeente", ["a", "d"]),
        ("corporatie", ["b"]),
        (None, ["c"]),
    ]
    assert overdue_by_owner(rows) == [("gemeente", 3), (None, 2), ("corporatie", 1)]
    late = [(c.indicator, c.period.key) for c in overdue(rows)]
    assert late == [
        ("a", "2027-Q1"),
        ("c", "2027-Q1"),
        ("d", "2027-Q1"),
        ("a", "2027-Q2"),
        ("b", "2027-Q2"),
        ("c", "2027-Q2"),
    ]


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (D(2027, 4, 22), None),
        (D(2027, 4, 23), ReminderKind.DUE_SOON),  # a week before 30 April
        (D(2027, 4, 30), ReminderKind.DUE_SOON),
        (D(2027, 5, 1), ReminderKind.OVERDUE),
        (D(2027, 5, 7), ReminderKind.OVERDUE),
        (D(2027, 5, 8), None),
        (D(2027, 5, 28), ReminderKind.STILL_OVERDUE),  # four weeks late
        (D(2027, 6, 3), ReminderKind.STILL_OVERDUE),
        (D(2027, 6, 4), None),
    ],
)
def test_reminders_for_the_first_quarter(today: dt.date, kind: ReminderKind | None) -> None:
    due = reminders_due(missing([indicator()], PROGRAMME, [], today))
    first_quarter = [r.kind for r in due if r.cell.period.key == "2027-Q1"]
    assert first_quarter == ([kind] if kind else [])


def test_no_reminder_once_handed_in_or_delivered() -> None:
    today = D(2027, 5, 1)
    for records in (
        [approved("a", "2027-Q1", "1")],
        [entered("s", "2027-Q1", MeasurementStatus.SUBMITTED)],
    ):
        assert reminders_due(missing([indicator()], PROGRAMME, records, today)) == []
    concept = [entered("c", "2027-Q1", MeasurementStatus.CONCEPT)]
    (reminder,) = reminders_due(missing([indicator()], PROGRAMME, concept, today))
    assert (reminder.kind, reminder.indicator.id) == (ReminderKind.OVERDUE, "k")


def test_no_reminder_for_a_locked_period() -> None:
    rows = missing([indicator()], PROGRAMME, [], D(2027, 5, 1), locked={("k", "2027-Q1")})
    assert reminders_due(rows) == []
