"""Which measurements count at a moment, and what is wrong with one before it is stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from monitor_builders import approved, indicator, moment

from stramien.monitor import Measurement, MeasurementError, MeasurementStatus, counting
from stramien.monitor import measurement_problems as problems


def ids(measurements: list[Measurement]) -> list[str]:
    return [m.id for m in measurements]


def with_status(m: Measurement, status: str) -> Measurement:
    return dataclasses.replace(m, status=MeasurementStatus(status), approved_at=None)


def test_only_approved_measurements_count() -> None:
    base = approved("a", "2027-Q1", "5")
    waiting = [with_status(dataclasses.replace(base, id=s), s) for s in ("concept", "submitted")]
    returned = with_status(dataclasses.replace(base, id="r", period="2027-Q2"), "returned")
    assert ids(counting([*waiting, returned, base])) == ["a"]


def test_a_measurement_approved_after_the_moment_does_not_count_yet() -> None:
    early = approved("a", "2027-Q1", "5", on="2027-04-10")
    late = approved("b", "2027-Q2", "7", on="2027-07-10")
    assert ids(counting([early, late], as_of=moment("2027-06-30", "23:59"))) == ["a"]
    assert ids(counting([early, late], as_of=moment("2027-07-10"))) == ["a", "b"]


def test_seen_from_the_end_of_q2_a_later_correction_does_not_count() -> None:
    first = approved("a", "2027-Q2", "40", on="2027-06-20")
    correction = approved("b", "2027-Q2", "45", on="2027-08-02", supersedes="a")
    end_of_q2 = dt.datetime(2027, 6, 30, 23, 59, 59, tzinfo=dt.UTC)
    assert [m.value for m in counting([first, correction], end_of_q2)] == [Decimal(40)]
    assert [m.value for m in counting([first, correction])] == [Decimal(45)]


def test_a_correction_to_another_neighbourhood_removes_the_original() -> None:
    wrong = approved("a", "2027-Q1", "12", dimensions={"wijk": "noord"})
    right = approved("b", "2027-Q1", "12", dimensions={"wijk": "zuid"}, supersedes="a")
    assert ids(counting([wrong, right])) == ["b"]


def test_a_chain_of_corrections_leaves_its_latest_approved_link() -> None:
    first = approved("a", "2027-Q1", "10", dimensions={"wijk": "noord"}, on="2027-04-01")
    rejected = with_status(approved("b", "2027-Q1", "11", supersedes="a"), "returned")
    third = approved("c", "2027-Q1", "12", supersedes="b", on="2027-04-20")
    assert ids(counting([first, rejected, third])) == ["c"]


def test_two_approvals_for_the_same_cell_never_add_up() -> None:
    once = approved("a", "2027-Q1", "10", on="2027-04-01")
    again = approved("b", "2027-Q1", "14", on="2027-04-03")
    assert ids(counting([again, once])) == ["b"]


def test_a_measurement_needs_a_value_or_a_ratio_and_a_time_zone() -> None:
    with pytest.raises(MeasurementError, match="maar niet allebei"):
        approved("a", "2027-Q1", "3", ratio=("1", "2"))
    with pytest.raises(MeasurementError, match="een teller met een noemer"):
        Measurement(id="a", indicator="k", period="2027", entered_at=moment("2027-01-01"))
    with pytest.raises(MeasurementError, match="tijdzone"):
        Measurement(id="a", indicator="k", period="2027", value=Decimal(1),
                    entered_at=dt.datetime(2027, 1, 1))  # fmt: skip
    with pytest.raises(MeasurementError, match="zichzelf"):
        approved("a", "2027-Q1", "3", supersedes="a")


def test_the_status_may_come_as_stored_text() -> None:
    m = Measurement(id="a", indicator="k", period="2027", value=Decimal(1),
                    entered_at=moment("2027-01-01"), status="approved",  # type: ignore[arg-type]
                    approved_at=moment("2027-01-02"))  # fmt: skip
    assert m.status is MeasurementStatus.APPROVED
    assert m.status.label == "Goedgekeurd"


def test_what_entry_refuses_for_an_indicator() -> None:
    kpi = indicator(
        measure="percentage",
        dimensions=[{"key": "wijk", "name": "Wijk", "values": ["noord", "zuid"]}],
    )
    assert problems(approved("a", "2027-Q1", ratio=("3", "10")), kpi) == []
    assert problems(approved("a", "2027-M01", "30", dimensions={"buurt": "x"}), kpi) == [
        "'2027-M01' is een maand, maar deze indicator wordt per kwartaal gemeten; schrijf een "
        "kwartaal, bijvoorbeeld 2027-Q1.",
        "Een percentage wordt gemeten als teller en noemer, zodat delen eerlijk samengevoegd "
        "kunnen worden; vul beide in.",
        "Deze indicator heeft geen uitsplitsing 'buurt'.",
    ]
    assert problems(approved("a", "2027-Q1", ratio=("3", "2"), dimensions={"wijk": "oost"}),
                    kpi) == [
        "De teller ligt tussen nul en de noemer.",
        "'oost' is geen waarde van de uitsplitsing 'Wijk'; kies uit: noord, zuid.",
    ]  # fmt: skip


def test_scores_and_yes_no_take_only_their_own_values() -> None:
    score, yes_no = indicator(measure="score"), indicator(measure="yes_no")
    assert problems(approved("a", "2027-Q1", "4"), score) == []
    assert problems(approved("a", "2027-Q1", "6"), score) == [
        "Een score is een heel getal van 1 tot en met 5."
    ]
    assert problems(approved("a", "2027-Q1", "2.5"), score) != []
    assert problems(approved("a", "2027-Q1", "2"), yes_no) == ["Vul 1 in voor ja of 0 voor nee."]
    assert problems(approved("a", "2027-Q1", "1", indicator_id="x"), yes_no) == [
        "Deze meting hoort bij 'x', niet bij deze indicator."
    ]
