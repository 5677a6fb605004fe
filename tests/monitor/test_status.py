"""On track, at risk, off track: the value so far against the path, with the band."""

from __future__ import annotations

from decimal import Decimal

import pytest
from monitor_builders import PROGRAMME, approved, indicator

from stramien.monitor import Status, band, classify, history, parse_period, period_status

Q2 = parse_period("2027-Q2")

# 46 households in arrears at the start, 20 as the target; the path says 33 at the end of Q2.
ARREARS = indicator(
    direction="decrease",
    baseline=46,
    target=20,
    period_targets=[{"period": "2027-Q2", "target": 33}],
)


@pytest.mark.parametrize(
    ("stand", "status"),
    [
        ("31", Status.ON_TRACK),  # ahead of the path
        ("35", Status.ON_TRACK),  # 2 behind, band 2.6
        ("35.6", Status.ON_TRACK),  # exactly the band behind
        ("38", Status.AT_RISK),  # 5 behind, within 2 x 2.6
        ("38.2", Status.AT_RISK),  # exactly twice the band behind
        ("39", Status.OFF_TRACK),  # 6 behind
    ],
)
def test_a_decreasing_indicator_against_its_band(stand: str, status: Status) -> None:
    found = period_status(ARREARS, PROGRAMME, [approved("a", "2027-Q2", stand)], Q2)
    assert found.status is status
    assert found.band == Decimal("2.6")
    assert found.shortfall == Decimal(stand) - 33


def test_an_increasing_indicator_is_behind_below_the_path() -> None:
    kpi = indicator(baseline=0, target=400, period_targets=[{"period": "2027-Q2", "target": 100}])
    statuses = [
        period_status(kpi, PROGRAMME, [approved("a", "2027-Q2", stand)], Q2).status
        for stand in ("100", "60", "50", "10")
    ]  # band: 10 % of 400 = 40
    assert statuses == [Status.ON_TRACK, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]


def test_a_missing_report_is_no_data_even_with_an_earlier_figure() -> None:
    found = period_status(ARREARS, PROGRAMME, [approved("a", "2027-Q1", "40")], Q2)
    assert found.status is Status.NO_DATA
    assert found.value is not None and found.value.value == 40  # still shown as the stand


def test_without_a_path_there_is_no_target() -> None:
    found = period_status(indicator(), PROGRAMME, [approved("a", "2027-Q2", "4")], Q2)
    assert found.status is Status.NO_TARGET
    assert found.status.label == "Geen streefwaarde"


def test_a_summed_indicator_compares_its_total_so_far() -> None:
    # 240 homes over the programme; interim targets are totals so far.
    kpi = indicator(
        over_time="sum",
        baseline=0,
        target=240,
        period_targets=[{"period": "2027-Q2", "target": 60}],
    )
    parts = [approved("a", "2027-Q1", "25"), approved("b", "2027-Q2", "30")]
    found = period_status(kpi, PROGRAMME, parts, Q2)
    assert (found.value.value if found.value else None, found.status) == (55, Status.ON_TRACK)
    assert found.period_value is not None and found.period_value.value == 30


def test_the_band_falls_back_to_the_target_when_no_change_is_promised() -> None:
    keep = indicator(baseline=50, target=50, tolerance=20)
    assert band(keep, Decimal(50)) == 10
    assert classify(Decimal(0), Decimal(0)) is Status.ON_TRACK
    assert classify(Decimal("0.1"), Decimal(0)) is Status.OFF_TRACK


def test_history_has_a_status_for_every_period() -> None:
    statuses = history(ARREARS, PROGRAMME, [approved("a", "2027-Q2", "35")])
    assert len(statuses) == 8
    assert [s.status for s in statuses[:3]] == [Status.NO_DATA, Status.ON_TRACK, Status.NO_DATA]
