"""What indicators carry for monitoring: old files still load, new fields round-trip."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from stramien.io import dump_yaml, load_agreement, loads_agreement
from stramien.model import (
    INDICATOR_ERROR_TYPES,
    Agreement,
    GoalRollup,
    Indicator,
    MeasureType,
    ReportingFrequency,
    TimeAggregation,
)
from stramien.rules import check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

FULL_INDICATOR: dict[str, Any] = {
    "id": "i-achterstand",
    "name": "Huishoudens met een huurachterstand",
    "goal": "g-schulden",
    "unit": "%",
    "direction": "decrease",
    "baseline": 12.5,
    "baseline_date": "2027-01-15",
    "target": 6,
    "target_date": "2028-12-01",
    "frequency": "half_yearly",
    "measure": "percentage",
    "over_time": "average",
    "rollup": "weighted",
    "weight": 2.5,
    "tolerance": 15,
    "period_targets": [{"period": "2027-H2", "target": 10}, {"period": "2028-H1", "target": 8}],
    "dimensions": [
        {"key": "wijk", "name": "Wijk", "values": ["Zonnehof-Oost", "Zonnehof-West"]},
        {"key": "leeftijd", "name": "Leeftijdsgroep", "values": ["tot 27", "27 en ouder"]},
    ],
}


def document(*indicators: dict[str, Any]) -> dict[str, Any]:
    return {
        "programme": {"name": "Test", "start": "2027-01-01", "end": "2028-12-31"},
        "goals": [{"id": "g-schulden", "title": "Minder schulden"}],
        "indicators": list(indicators),
    }


def errors(indicator: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, str]]:
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate(document(indicator))
    return [(e["loc"], e["type"], e["msg"]) for e in caught.value.errors()]


@pytest.mark.parametrize("name", ["small.yaml", "large.yaml"])
def test_an_existing_file_still_loads_and_saves_without_the_new_fields(name: str) -> None:
    agreement = load_agreement(EXAMPLES / name)
    first = agreement.indicators[0]
    assert first.frequency is ReportingFrequency.QUARTERLY
    assert (first.measure, first.over_time) == (MeasureType.NUMBER, TimeAggregation.LATEST)
    assert (first.rollup, first.weight, first.tolerance) == (GoalRollup.SUM, None, 10)
    assert first.period_targets == [] and first.dimensions == []
    text = dump_yaml(agreement)
    for key in ("frequency:", "measure:", "over_time:", "tolerance:", "period_targets:"):
        assert key not in text


def test_an_indicator_with_every_new_field_round_trips_through_yaml() -> None:
    agreement = Agreement.model_validate(document(FULL_INDICATOR))
    text = dump_yaml(agreement)
    again = loads_agreement(text)
    assert again == agreement
    kpi = again.indicators[0]
    assert kpi.weight == Decimal("2.5") and kpi.tolerance == 15
    assert [(t.period, t.target) for t in kpi.period_targets] == [("2027-H2", 10), ("2028-H1", 8)]
    assert kpi.dimensions[1].values == ["tot 27", "27 en ouder"]
    assert "frequency: half_yearly" in text and "- period: 2027-H2" in text


def test_an_interim_target_must_be_a_period_of_the_indicators_frequency() -> None:
    wrong = {**FULL_INDICATOR, "period_targets": [{"period": "2027-Q3", "target": 10}]}
    assert errors(wrong) == [
        (
            ("indicators", 0, "period_targets"),
            "period_frequency",
            "'2027-Q3' is een kwartaal, maar deze indicator wordt per halfjaar gemeten; "
            "schrijf een halfjaar, bijvoorbeeld 2027-H2.",
        )
    ]


def test_a_wrong_period_key_is_pointed_at_exactly() -> None:
    wrong = {**FULL_INDICATOR, "period_targets": [{"period": "2027-H3", "target": 10}]}
    assert errors(wrong) == [
        (
            ("indicators", 0, "period_targets", 0, "period"),
            "period_key",
            "'2027-H3' is geen geldige periode: een halfjaar loopt van 2027-H1 tot en met 2027-H2.",
        )
    ]


def test_one_target_per_period_and_one_key_per_dimension() -> None:
    twice = {"period": "2027-H2", "target": 9}
    found = errors(
        {
            **FULL_INDICATOR,
            "period_targets": [*FULL_INDICATOR["period_targets"], twice],
            "dimensions": [{"key": "wijk", "name": "Wijk"}, {"key": "wijk", "name": "Buurt"}],
        }
    )
    assert [(loc[-1], kind) for loc, kind, _ in found] == [
        ("period_targets", "duplicate_period"),
        ("dimensions", "duplicate_dimension"),
    ]
    assert found[0][2] == (
        "Voor periode(n) 2027-H2 staat meer dan één streefwaarde; geef per periode één "
        "streefwaarde."
    )
    assert found[1][2] == (
        "De sleutel(s) 'wijk' komen bij deze indicator meer dan één keer voor; elke "
        "uitsplitsing heeft een eigen sleutel."
    )
    assert {kind for _, kind, _ in found} <= INDICATOR_ERROR_TYPES


def test_a_value_of_a_dimension_is_named_once() -> None:
    dimension = {"key": "wijk", "name": "Wijk", "values": ["Noord", "Zuid", "Noord"]}
    assert errors({**FULL_INDICATOR, "dimensions": [dimension]}) == [
        (
            ("indicators", 0, "dimensions", 0, "values"),
            "duplicate_dimension",
            "De waarde(n) 'Noord' staan meer dan één keer in deze uitsplitsing; noem elke "
            "waarde één keer.",
        )
    ]


@pytest.mark.parametrize(
    ("field", "value"), [("weight", 0), ("tolerance", 101), ("tolerance", -1), ("rollup", "max")]
)
def test_weights_tolerances_and_choices_stay_in_range(field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        Indicator.model_validate({**FULL_INDICATOR, field: value})


def test_dimension_ids_stay_local_to_their_indicator() -> None:
    # Two indicators may both be broken down by 'wijk': keys are not document-wide ids.
    other = {**FULL_INDICATOR, "id": "i-tweede"}
    agreement = Agreement.model_validate(document(FULL_INDICATOR, other))
    assert len(agreement.indicators) == 2


# --- The checks on the new fields (rules kpi-measure-fit, kpi-period-target-outside) ---------


def findings(indicator: dict[str, Any], rule_id: str) -> list[tuple[str, str]]:
    agreement = Agreement.model_validate(document(indicator))
    return [(f.path, f.message) for f in check(agreement) if f.rule == rule_id]


def test_a_percentage_stays_between_0_and_100_and_is_not_summed() -> None:
    wrong = {**FULL_INDICATOR, "target": 140, "unit": "huishoudens", "over_time": "sum"}
    assert findings(wrong, "kpi-measure-fit") == [
        (
            "indicators[0]",
            "Bij 'Huishoudens met een huurachterstand' staat 140, maar hier hoort een getal "
            "van 0 tot en met 100.",
        ),
        (
            "indicators[0].over_time",
            "'Huishoudens met een huurachterstand' is een percentage; zo'n waarde telt niet op "
            "over de perioden.",
        ),
        (
            "indicators[0].unit",
            "'Huishoudens met een huurachterstand' is een percentage, maar de eenheid is "
            "'huishoudens'.",
        ),
    ]
    assert findings(FULL_INDICATOR, "kpi-measure-fit") == []


def test_a_yes_no_indicator_has_only_0_and_1() -> None:
    yes_no = {**FULL_INDICATOR, "measure": "yes_no", "baseline": 0, "target": 1}
    assert findings(yes_no, "kpi-measure-fit") == [
        (
            "indicators[0]",
            "Bij 'Huishoudens met een huurachterstand' staat 10, maar hier hoort 1 (ja) of "
            "0 (nee).",
        ),
        (
            "indicators[0]",
            "Bij 'Huishoudens met een huurachterstand' staat 8, maar hier hoort 1 (ja) of 0 (nee).",
        ),
    ]


def test_an_interim_target_lies_within_the_programme_period() -> None:
    late = {**FULL_INDICATOR, "period_targets": [{"period": "2029-H1", "target": 7}]}
    assert findings(late, "kpi-period-target-outside") == [
        (
            "indicators[0].period_targets[0].period",
            "Het tussendoel van 'Huishoudens met een huurachterstand' voor 2029-H1 valt "
            "buiten de looptijd van het programma.",
        )
    ]
    assert findings(FULL_INDICATOR, "kpi-period-target-outside") == []


def test_unused_monitoring_fields_are_not_written_so_old_hashes_stay() -> None:
    """A document from before the monitoring fields dumps exactly as it did then, so its
    content hash (and every approval bound to it) is unchanged; a field that is used is
    written."""
    from stramien import revisions
    from stramien.io import load_agreement

    # The small example as it was before the effect-measurement fields; the example itself
    # has moved on since.
    agreement = load_agreement(Path(__file__).parent / "data" / "small_before_effects.yaml")
    dumped = agreement.model_dump(mode="json")
    assert "frequency" not in dumped["indicators"][0]
    # The hash the example had before the monitoring fields existed.
    assert revisions.content_hash(dumped) == (
        "4bb7be7c25185a71595d4a53d3dc6d1eb9a82908a1522bfa4cfc98c3d1266e97"
    )
    dumped["indicators"][0]["frequency"] = "yearly"
    again = type(agreement).model_validate(dumped).model_dump(mode="json")
    assert again["indicators"][0]["frequency"] == "yearly"
