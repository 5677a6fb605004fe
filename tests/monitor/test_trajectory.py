"""The planned path: a straight line between anchors, interim targets, yes/no as a step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from monitor_builders import PROGRAMME, indicator, two_places

from stramien.model import Programme
from stramien.monitor import parse_period, target_for, trajectory


def path(points: list[tuple[str, Decimal | None]]) -> list[tuple[str, Decimal | None]]:
    return [(key, two_places(value)) for key, value in points]


def test_a_decreasing_indicator_follows_a_straight_line_down() -> None:
    # 46 -> 20 over the 120 days from 1 January to 1 May 2027.
    kpi = indicator(
        frequency="monthly",
        direction="decrease",
        baseline=46,
        baseline_date="2027-01-01",
        target=20,
        target_date="2027-05-01",
    )
    programme = Programme(name="Test", start=dt.date(2026, 12, 1), end=dt.date(2027, 6, 30))
    points = [(p.period.key, p.target) for p in trajectory(kpi, programme)]
    assert path(points) == [
        ("2026-M12", Decimal("46.00")),  # before the baseline: hold the starting level
        ("2027-M01", Decimal("39.50")),  # 46 - 26 x 30/120
        ("2027-M02", Decimal("33.43")),  # 46 - 26 x 58/120
        ("2027-M03", Decimal("26.72")),  # 46 - 26 x 89/120
        ("2027-M04", Decimal("20.22")),  # 46 - 26 x 119/120
        ("2027-M05", Decimal("20.00")),  # after the target date: keep the target
        ("2027-M06", Decimal("20.00")),
    ]


def test_an_interim_target_bends_the_path() -> None:
    kpi = indicator(
        baseline=0,
        baseline_date="2027-01-01",
        target=100,
        target_date="2027-12-31",
        period_targets=[{"period": "2027-Q2", "target": 80}],
    )
    points = trajectory(kpi, PROGRAMME)[:4]
    assert path([(p.period.key, p.target) for p in points]) == [
        ("2027-Q1", Decimal("39.56")),  # 80 x 89/180
        ("2027-Q2", Decimal("80.00")),
        ("2027-Q3", Decimal("90.00")),  # 80 + 20 x 92/184
        ("2027-Q4", Decimal("100.00")),
    ]
    assert [p.explicit for p in points] == [False, True, False, False]


def test_a_yes_no_indicator_steps_at_its_target_date() -> None:
    kpi = indicator(
        measure="yes_no", baseline=0, baseline_date="2027-01-01", target=1, target_date="2027-08-15"
    )
    targets = [p.target for p in trajectory(kpi, PROGRAMME)[:4]]
    assert targets == [0, 0, 1, 1]


def test_without_a_baseline_there_is_no_path_before_the_first_interim_target() -> None:
    kpi = indicator(period_targets=[{"period": "2027-Q4", "target": 50}])
    targets = [p.target for p in trajectory(kpi, PROGRAMME)[:5]]
    assert targets == [None, None, None, 50, 50]


def test_missing_dates_fall_back_to_the_programme_period() -> None:
    # 10 -> 30 from 1 January 2027 to 31 December 2028: 730 days; 2027 ends after 364.
    kpi = indicator(frequency="yearly", baseline=10, target=30)
    first = target_for(kpi, PROGRAMME, parse_period("2027"))
    last = target_for(kpi, PROGRAMME, parse_period("2028"))
    assert (two_places(first.target), last.target) == (Decimal("19.97"), 30)
