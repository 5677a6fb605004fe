"""The checks on the effect measurement: what they say, and where."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from stramien.model import Agreement
from stramien.rules import check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def small() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "small.yaml").read_text(encoding="utf-8"))
    return data


def found(data: dict[str, Any], rule_id: str) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in check(Agreement.model_validate(data)) if f.rule == rule_id]


def test_the_small_example_has_no_effect_findings() -> None:
    findings = check(Agreement.model_validate(small()))
    assert [f.rule for f in findings if f.rule.startswith(("effect-", "effects-"))] == []


def test_a_line_outside_the_horizon_and_before_the_start() -> None:
    data = small()
    case = data["effect_measurement"]["cases"][2]
    case["reference"][1]["month"] = 60  # horizon 5 years: year 5 is outside
    data["effect_measurement"]["cases"][1]["intervention"][0]["on"] = "2026-01-15"
    assert found(data, "effects-event-outside-horizon") == [
        (
            "effect_measurement.cases[1].intervention[0].on",
            "'Huisbezoek na signaal van de woonstichting' in casus 'Gezin met huurachterstand "
            "blijft in zijn woning' ligt vóór de start van de casus.",
        ),
        (
            "effect_measurement.cases[2].reference[1].month",
            "'Verblijf in een jeugdzorginstelling (laatste halfjaar)' in casus 'Uithuisplaatsing "
            "van een tiener voorkomen' valt buiten de tijdshorizon van 5 jaar.",
        ),
    ]


def test_a_count_in_another_unit_than_the_price() -> None:
    data = small()
    data["effect_measurement"]["cases"][0]["reference"][0]["unit"] = "per maand"
    assert found(data, "effects-unit-mismatch") == [
        (
            "effect_measurement.cases[0].reference[0].unit",
            "'Bijstandsuitkering' in casus 'Jongere zonder startkwalificatie vindt werk' is "
            "geteld 'per maand', maar de prijs van 'Bijstandsuitkering alleenstaande' geldt "
            "'per jaar'.",
        )
    ]
    data["effect_measurement"]["cases"][0]["reference"][0]["unit"] = "jaar"
    assert found(data, "effects-unit-mismatch") == []


def test_a_price_line_that_is_not_in_the_chosen_version() -> None:
    data = small()
    measurement = data["effect_measurement"]
    gone = next(i for i in measurement["price_list"] if i["id"] == "pr-gezinscoach")
    measurement["price_list"].remove(gone)
    measurement["price_lists"] = [
        {"id": "pl-2026", "title": "Prijslijst 2026", "year": 2026, "items": []},
        {"id": "pl-2027", "title": "Prijslijst 2027", "year": 2027, "items": [gone]},
    ]
    # The newest list has the line: fine. Pinned to 2026, it is missing there.
    assert found(data, "effects-price-item-not-in-list") == []
    measurement["cases"][2]["price_list"] = "pl-2026"
    assert found(data, "effects-price-item-not-in-list") == [
        (
            "effect_measurement.cases[2].intervention[0].price_item",
            "'Gezinscoaching, een jaar lang' in casus 'Uithuisplaatsing van een tiener "
            "voorkomen' gebruikt prijsregel 'Gezinscoaching vanuit het wijkhart', maar die "
            "staat niet in prijslijst 'Prijslijst 2026'.",
        )
    ]


def test_a_case_without_goal_and_a_price_without_source_or_payer() -> None:
    data = small()
    data["effect_measurement"]["cases"][2].update(goal=None, goals=[])
    data["effect_measurement"]["price_list"][0].update(
        source="", illustrative=False, stakeholder=None, payer=""
    )
    assert found(data, "effects-case-without-goal") == [
        (
            "effect_measurement.cases[2].goal",
            "Casus 'Uithuisplaatsing van een tiener voorkomen' is aan geen enkel doel gekoppeld.",
        )
    ]
    assert found(data, "effects-price-source-missing") == [
        (
            "effect_measurement.price_list[0].source",
            "Bij de prijs van 'Bijstandsuitkering alleenstaande' staat geen bron, en hij is niet "
            "als illustratief gemarkeerd.",
        )
    ]
    assert [path for path, _ in found(data, "effects-stakeholder-missing")] == [
        "effect_measurement.cases[0].intervention[2].stakeholder",
        "effect_measurement.cases[0].intervention[3].stakeholder",
        "effect_measurement.cases[0].reference[0].stakeholder",
        "effect_measurement.cases[0].reference[1].stakeholder",
        "effect_measurement.cases[0].reference[2].stakeholder",
        "effect_measurement.cases[0].reference[3].stakeholder",
    ]


def test_a_date_without_any_start() -> None:
    data = small()
    data["programme"]["start"] = None
    data["effect_measurement"]["cases"][1]["start"] = None
    assert [path for path, _ in found(data, "effects-event-date-without-start")] == [
        "effect_measurement.cases[1].intervention[0].on",
        "effect_measurement.cases[1].intervention[1].on",
    ]


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        (("cases", 0, "price_list"), "pl-bestaat-niet", "geen prijslijst met dit id"),
        (("cases", 0, "indicators"), ["i-onbekend"], "geen indicator met dit id"),
        (("cases", 0, "goals"), ["g-onbekend"], "geen doel met dit id"),
        (("price_list", 0, "stakeholder"), "onbekend", "geen partner of belanghebbende"),
        (("cases", 0, "price_list"), "g-wonen", "'g-wonen' is een doel"),
    ],
)
def test_unknown_references_are_refused_when_read(
    where: tuple[Any, ...], value: Any, expected: str
) -> None:
    data = copy.deepcopy(small())
    target: Any = data["effect_measurement"]
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    with pytest.raises(ValidationError) as raised:
        Agreement.model_validate(data)
    problems = raised.value.errors()[0]["ctx"]["problems"]
    assert any(expected in message for _path, message in problems), problems
