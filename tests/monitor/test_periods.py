"""Period keys, their dates and order, and the periods of an indicator."""

from __future__ import annotations

import datetime as dt

import pytest
from monitor_builders import PROGRAMME, indicator

from stramien.model import Programme, ReportingFrequency
from stramien.monitor import (
    Period,
    PeriodError,
    indicator_periods,
    last_closed,
    parse_period,
    period_of,
    periods_between,
    reporting_deadline,
)

Q = ReportingFrequency.QUARTERLY


@pytest.mark.parametrize(
    ("key", "start", "end", "label"),
    [
        ("2027-M03", dt.date(2027, 3, 1), dt.date(2027, 3, 31), "maart 2027"),
        ("2028-M02", dt.date(2028, 2, 1), dt.date(2028, 2, 29), "februari 2028"),
        ("2027-Q2", dt.date(2027, 4, 1), dt.date(2027, 6, 30), "2e kwartaal 2027"),
        ("2027-Q4", dt.date(2027, 10, 1), dt.date(2027, 12, 31), "4e kwartaal 2027"),
        ("2027-H2", dt.date(2027, 7, 1), dt.date(2027, 12, 31), "2e halfjaar 2027"),
        ("2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31), "2027"),
    ],
)
def test_a_key_names_its_dates(key: str, start: dt.date, end: dt.date, label: str) -> None:
    period = parse_period(key)
    assert (period.start, period.end, period.label, period.key) == (start, end, label, key)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("2027-Q5", "'2027-Q5' is geen geldige periode: een kwartaal loopt van 2027-Q1 tot en "
         "met 2027-Q4."),
        ("2027-M13", "'2027-M13' is geen geldige periode: een maand loopt van 2027-M01 tot en "
         "met 2027-M12."),
        ("2027-M3", "'2027-M3' is geen geldige periode: schrijf 2027-M03."),
        ("2027-q2", "'2027-q2' is geen geldige periode: schrijf de letter als hoofdletter "
         "(2027-Q2)."),
        ("27-Q1", "'27-Q1' is geen geldige periode. Schrijf een jaar (2027), halfjaar "
         "(2027-H1), kwartaal (2027-Q2) of maand (2027-M03)."),
        ("1850", "'1850' is geen geldige periode: het jaar ligt niet tussen 1900 en 2200."),
    ],
)  # fmt: skip
def test_a_wrong_key_is_explained_in_dutch(key: str, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(key)
    assert str(caught.value) == message


def test_a_key_of_another_length_than_the_frequency_gets_a_suggestion() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("2027-Q2", ReportingFrequency.MONTHLY)
    assert str(caught.value) == (
        "'2027-Q2' is een kwartaal, maar deze indicator wordt maandelijks gemeten; schrijf een "
        "maand, bijvoorbeeld 2027-M04."
    )


def test_the_period_a_day_falls_in() -> None:
    day = dt.date(2027, 8, 15)
    assert period_of(day, ReportingFrequency.MONTHLY).key == "2027-M08"
    assert period_of(day, Q).key == "2027-Q3"
    assert period_of(day, ReportingFrequency.HALF_YEARLY).key == "2027-H2"
    assert period_of(day, ReportingFrequency.YEARLY).key == "2027"
    assert period_of(dt.date(2027, 12, 31), Q).key == "2027-Q4"


def test_periods_between_two_days_include_the_partial_ones_at_both_ends() -> None:
    periods = periods_between(dt.date(2026, 11, 15), dt.date(2027, 4, 1), Q)
    assert [p.key for p in periods] == ["2026-Q4", "2027-Q1", "2027-Q2"]
    assert periods_between(dt.date(2027, 5, 1), dt.date(2027, 4, 1), Q) == []


def test_an_indicator_has_the_periods_of_the_programme() -> None:
    yearly = indicator(frequency="yearly")
    assert [p.key for p in indicator_periods(yearly, PROGRAMME)] == ["2027", "2028"]
    assert len(indicator_periods(indicator(frequency="monthly"), PROGRAMME)) == 24


def test_without_programme_dates_the_baseline_and_target_dates_take_their_place() -> None:
    kpi = indicator(frequency="half_yearly", baseline_date="2027-03-01", target_date="2028-02-01")
    keys = [p.key for p in indicator_periods(kpi, Programme(name="Zonder looptijd"))]
    assert keys == ["2027-H1", "2027-H2", "2028-H1"]
    assert indicator_periods(indicator(), Programme(name="Zonder looptijd")) == []


def test_the_deadline_is_a_number_of_days_after_the_end() -> None:
    assert reporting_deadline(parse_period("2027-Q2")) == dt.date(2027, 7, 30)
    assert reporting_deadline(parse_period("2027-M12"), 10) == dt.date(2028, 1, 10)


def test_periods_sort_by_their_dates_not_by_their_text() -> None:
    keys = ["2027-Q3", "2026-Q4", "2027-Q1", "2027-M01", "2027"]
    assert [p.key for p in sorted(parse_period(k) for k in keys)] == [
        "2026-Q4",
        "2027-M01",
        "2027-Q1",
        "2027",
        "2027-Q3",
    ]
    assert parse_period("2027-Q4").following() == Period(2028, Q, 1)


def test_the_last_closed_period() -> None:
    periods = indicator_periods(indicator(), PROGRAMME)
    assert last_closed(periods, dt.date(2027, 6, 30)) == parse_period("2027-Q2")
    assert last_closed(periods, dt.date(2027, 6, 29)) == parse_period("2027-Q1")
    assert last_closed(periods, dt.date(2027, 3, 30)) is None
