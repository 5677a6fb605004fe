"""Combining measurements over a breakdown and over time, computed by hand."""

from __future__ import annotations

from decimal import Decimal

from monitor_builders import approved, indicator, two_places

from stramien.model import Indicator
from stramien.monitor import (
    Measurement,
    Period,
    breakdown,
    counting,
    parse_period,
    period_value,
    period_values,
    value_to_date,
)

WIJK = {"key": "wijk", "name": "Wijk", "values": ["noord", "zuid"]}
LEEFTIJD = {"key": "leeftijd", "name": "Leeftijdsgroep", "values": ["jong", "oud"]}
Q1, Q2 = parse_period("2027-Q1"), parse_period("2027-Q2")


def figure(kpi: Indicator, parts: list[Measurement], period: Period) -> Decimal:
    value = period_value(kpi, parts, period)
    assert value is not None
    return value.value


def test_a_percentage_over_two_neighbourhoods_is_recombined_never_averaged() -> None:
    kpi = indicator(measure="percentage", dimensions=[WIJK])
    parts = [
        approved("a", "2027-Q2", ratio=("30", "100"), dimensions={"wijk": "noord"}),
        approved("b", "2027-Q2", ratio=("10", "50"), dimensions={"wijk": "zuid"}),
    ]
    value = period_value(kpi, counting(parts), Q2)
    assert value is not None
    # 40 of 150 is 26,67 %; the mean of 30 % and 20 % would be 25 %.
    assert two_places(value.value) == Decimal("26.67")
    assert (value.numerator, value.denominator, value.complete) == (40, 150, True)
    per_wijk = breakdown(kpi, parts, Q2, "wijk")
    assert {k: two_places(v.value) for k, v in per_wijk.items()} == {
        "noord": Decimal("30.00"),
        "zuid": Decimal("20.00"),
    }


def test_counts_add_up_over_the_breakdown_and_a_missing_part_shows() -> None:
    kpi = indicator(dimensions=[WIJK])
    noord = approved("a", "2027-Q1", "12", dimensions={"wijk": "noord"})
    zuid = approved("b", "2027-Q1", "30", dimensions={"wijk": "zuid"})
    both = period_value(kpi, [noord, zuid], Q1)
    only_noord = period_value(kpi, [noord], Q1)
    assert both is not None and only_noord is not None
    assert (both.value, both.complete, both.measurements) == (42, True, 2)
    assert (only_noord.value, only_noord.complete) == (12, False)


def test_a_total_entry_wins_over_its_breakdown() -> None:
    kpi = indicator(dimensions=[WIJK])
    parts = [
        approved("a", "2027-Q1", "12", dimensions={"wijk": "noord"}),
        approved("t", "2027-Q1", "50"),
    ]
    assert figure(kpi, parts, Q1) == 50


def test_two_breakdowns_of_one_total_are_not_added_to_each_other() -> None:
    kpi = indicator(dimensions=[WIJK, LEEFTIJD])
    parts = [
        approved("a", "2027-Q1", "10", dimensions={"wijk": "noord"}),
        approved("b", "2027-Q1", "20", dimensions={"wijk": "zuid"}),
        approved("c", "2027-Q1", "12", dimensions={"leeftijd": "jong"}),
        approved("d", "2027-Q1", "18", dimensions={"leeftijd": "oud"}),
    ]
    assert figure(kpi, parts, Q1) == 30  # not 60


def test_a_breakdown_over_one_dimension_combines_the_other() -> None:
    kpi = indicator(measure="percentage", dimensions=[WIJK, LEEFTIJD])
    cells = [
        ("noord", "jong", ("3", "10")),
        ("noord", "oud", ("7", "10")),
        ("zuid", "jong", ("1", "20")),
        ("zuid", "oud", ("3", "20")),
    ]
    parts = [
        approved(f"m{i}", "2027-Q1", ratio=ratio, dimensions={"wijk": w, "leeftijd": a})
        for i, (w, a, ratio) in enumerate(cells)
    ]
    per_wijk = breakdown(kpi, parts, Q1, "wijk")
    assert [(k, v.numerator, v.denominator) for k, v in per_wijk.items()] == [
        ("noord", 10, 20),
        ("zuid", 4, 40),
    ]
    total = period_value(kpi, parts, Q1)
    assert total is not None and two_places(total.value) == Decimal("23.33")  # 14 of 60


def test_scores_average_and_yes_no_needs_every_part() -> None:
    score = indicator(measure="score", dimensions=[WIJK])
    yes_no = indicator(measure="yes_no", dimensions=[WIJK])
    scores = [
        approved("a", "2027-Q1", "2", dimensions={"wijk": "noord"}),
        approved("b", "2027-Q1", "5", dimensions={"wijk": "zuid"}),
    ]
    answers = [
        approved("a", "2027-Q1", "1", dimensions={"wijk": "noord"}),
        approved("b", "2027-Q1", "0", dimensions={"wijk": "zuid"}),
    ]
    assert figure(score, scores, Q1) == Decimal("3.5")
    assert figure(yes_no, answers, Q1) == 0


QUARTERS = [("2027-Q1", "5"), ("2027-Q2", "8"), ("2027-Q3", "6"), ("2027-Q4", "9")]


def _so_far(over_time: str, period: str, **fields: object) -> Decimal | None:
    kpi = indicator(over_time=over_time, **fields)
    parts = [approved(f"m{key}", key, value) for key, value in QUARTERS]
    value = value_to_date(kpi, parts, parse_period(period))
    return None if value is None else value.value


def test_cumulative_and_per_period_indicators_read_the_same_figures_differently() -> None:
    assert _so_far("latest", "2027-Q3") == 6  # a stand: never added up
    assert _so_far("sum", "2027-Q3") == 19  # 5 + 8 + 6
    assert _so_far("sum", "2027-Q4", baseline=100) == 128  # on top of the baseline
    assert _so_far("average", "2027-Q3") == Decimal(19) / 3
    assert _so_far("maximum", "2027-Q3") == 8
    assert _so_far("latest", "2026-Q4") is None


def test_a_percentage_over_time_pools_numerators_and_denominators() -> None:
    kpi = indicator(measure="percentage", over_time="average")
    parts = [
        approved("a", "2027-Q1", ratio=("30", "100")),
        approved("b", "2027-Q2", ratio=("10", "50")),
    ]
    value = value_to_date(kpi, parts, Q2)
    assert value is not None and two_places(value.value) == Decimal("26.67")


def test_a_measurement_of_another_period_length_is_left_out() -> None:
    kpi = indicator()
    parts = [approved("a", "2027-Q1", "5"), approved("b", "2027-M02", "7")]
    assert [(p.key, v.value) for p, v in period_values(kpi, parts)] == [("2027-Q1", 5)]
