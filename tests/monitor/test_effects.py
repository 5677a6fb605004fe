"""The effect calculation, checked against sums worked out by hand (see docs/effectmeting.md)."""

from __future__ import annotations

import statistics
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from stramien.io import DocumentError, dump_yaml, load_agreement, loads_agreement
from stramien.model import Agreement
from stramien.monitor.effects import (
    case_effects,
    effects_result,
    format_ratio,
    reprice,
)

D = Decimal


def item(item_id: str, price: int | str, who: str = "gemeente", **fields: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "activity": f"Prijs {item_id}",
        "unit": fields.pop("unit", "per keer"),
        "price": price,
        "stakeholder": who,
        "illustrative": True,
        **fields,
    }


def event(when: int, price_item: str | None, kind: str = "gebeurtenis", **fields: Any) -> Any:
    found = {"year": when, "description": f"Regel {price_item}", "kind": kind, **fields}
    if price_item is not None:
        found["price_item"] = price_item
    return found


def case(
    case_id: str, intervention: list[Any], reference: list[Any], count: int = 1, **fields: Any
) -> dict[str, Any]:
    return {
        "id": case_id,
        "title": f"Casus {case_id}",
        "count": count,
        "intervention": intervention,
        "reference": reference,
        **fields,
    }


def document(cases: list[Any], prices: list[Any], **settings: Any) -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Rekenvoorbeeld", "start": "2026-01-01"},
            "partnership": {
                "funders": [
                    {"id": "gemeente", "name": "Gemeente", "category": "government"},
                    {"id": "woon", "name": "Woningcorporatie", "category": "civil_society"},
                    {"id": "zorg", "name": "Zorgaanbieder", "category": "business"},
                ]
            },
            "effect_measurement": {"price_list": prices, "cases": cases, **settings},
        }
    )


def test_present_value_discounts_whole_years_from_the_case_start() -> None:
    # 1210 avoided in year 2 at 10 %: 1210 / 1.1^2 = 1000; 1000 invested in year 0.
    agreement = document(
        [case("a", [event(0, "steun", "activiteit")], [event(2, "opname")])],
        [item("steun", 1000), item("opname", 1210)],
        discount_rate=10,
    )
    result = effects_result(agreement).cases[0]
    assert result.investment == D(1000)
    assert result.benefit.quantize(D("0.01")) == D("1000.00")
    assert result.reference.costs.quantize(D("0.01")) == D("1000.00")
    assert format_ratio(result.ratio) == "1,0 : 1"


def test_months_count_in_whole_years() -> None:
    # Month 23 is still year 1 (one discount step), month 24 is year 2.
    agreement = document(
        [
            case(
                "a",
                [],
                [
                    {"month": 23, "description": "Opname", "price_item": "opname"},
                    {"month": 24, "description": "Opname", "price_item": "opname"},
                ],
            )
        ],
        [item("opname", 1210)],
        discount_rate=10,
    )
    result = effects_result(agreement).cases[0]
    values = [e.present_value.quantize(D("0.01")) for e in result.reference.events]
    assert values == [D("1100.00"), D("1000.00")]
    assert [e.month for e in result.reference.events] == [23, 24]


def test_a_date_counts_in_months_from_the_case_start() -> None:
    agreement = document(
        [
            case(
                "a",
                [],
                [{"on": "2027-03-15", "description": "Opname", "price_item": "opname"}],
                start="2026-02-01",
            )
        ],
        [item("opname", 1100)],
        discount_rate=10,
    )
    priced = effects_result(agreement).cases[0].reference.events[0]
    assert priced.month == 13
    assert priced.present_value.quantize(D("0.01")) == D("1000.00")


def test_deadweight_and_attribution_reduce_the_benefit_only() -> None:
    # 1000 avoided x (1 - 20 %) x 50 % = 400 against 200 invested: 2 : 1.
    agreement = document(
        [case("a", [event(0, "steun", "activiteit")], [event(0, "opname")])],
        [item("steun", 200), item("opname", 1000)],
        deadweight=20,
        attribution=50,
    )
    result = effects_result(agreement).cases[0]
    assert (result.investment, result.benefit) == (D(200), D(400))
    assert result.net == D(200)
    assert format_ratio(result.ratio) == "2,0 : 1"


def test_drop_off_works_on_the_benefits_after_the_first_year() -> None:
    # 1000 a year avoided, 50 % drop-off: 1000 + 500 + 250.
    agreement = document(
        [case("a", [], [event(0, "opname"), event(1, "opname"), event(2, "opname")])],
        [item("opname", 1000)],
        drop_off=50,
    )
    result = effects_result(agreement).cases[0]
    assert result.benefit == D(1750)
    assert result.benefit_per_year == {0: D(1000), 1: D(500), 2: D(250)}
    assert result.ratio is None
    assert format_ratio(result.ratio) == "n.v.t."


def test_a_stakeholder_can_pay_and_benefit() -> None:
    # The municipality pays 300 of support and avoids 1000; the corporation avoids 500;
    # the care provider pays 100 (its own price item names the municipality, the event
    # names the care provider). Two similar cases double the matrix.
    agreement = document(
        [
            case(
                "a",
                [
                    event(0, "coach", "activiteit"),
                    event(0, "thuiszorg", "activiteit", stakeholder="zorg"),
                ],
                [event(0, "opvang"), event(0, "ontruiming")],
                count=2,
            )
        ],
        [
            item("coach", 300),
            item("thuiszorg", 100),
            item("opvang", 1000),
            item("ontruiming", 500, "woon"),
        ],
    )
    result = effects_result(agreement)
    per_case = {
        line.stakeholder: (line.pays, line.benefits) for line in result.cases[0].stakeholders
    }
    assert per_case == {
        "Gemeente": (D(300), D(1000)),
        "Woningcorporatie": (D(0), D(500)),
        "Zorgaanbieder": (D(100), D(0)),
    }
    matrix = {line.stakeholder: line.net for line in result.stakeholders}
    assert matrix == {"Gemeente": D(1400), "Woningcorporatie": D(1000), "Zorgaanbieder": D(-200)}
    assert (result.total.investment, result.total.benefit, result.total.count) == (
        D(800),
        D(3000),
        2,
    )
    assert format_ratio(result.total.ratio) == "3,8 : 1"


def test_the_payer_text_names_the_stakeholder_when_no_party_is_chosen() -> None:
    agreement = document(
        [case("a", [], [event(0, "opname")])],
        [{"id": "opname", "activity": "Opname", "price": 10, "payer": "Zorgverzekeraar"}],
    )
    assert effects_result(agreement).cases[0].stakeholders[0].stakeholder == "Zorgverzekeraar"


def test_an_unpriced_event_is_reported_not_silently_zero() -> None:
    agreement = document(
        [case("a", [event(0, None, "activiteit")], [event(0, "opname")])],
        [item("opname", 1000)],
    )
    result = effects_result(agreement)
    assert [e.description for e in result.cases[0].unpriced] == ["Regel None"]
    assert [(f.path, f.message) for f in result.findings] == [
        (
            "effect_measurement.cases[0].intervention[0].price_item",
            "'Regel None' in casus 'Casus a' heeft geen prijs.",
        )
    ]
    assert not result.complete
    assert result.cases[0].investment == D(0)


def test_an_event_outside_the_horizon_is_left_out_with_a_finding() -> None:
    agreement = document(
        [case("a", [], [event(0, "opname"), event(3, "opname")])],
        [item("opname", 1000)],
        horizon=3,
    )
    result = effects_result(agreement)
    assert result.cases[0].benefit == D(1000)
    assert [f.message for f in result.findings] == [
        "'Regel opname' in casus 'Casus a' valt buiten de tijdshorizon van 3 jaar vanaf de start."
    ]
    assert result.findings[0].path == "effect_measurement.cases[0].reference[1].year"


def test_a_quantity_in_another_unit_than_the_price_is_a_finding() -> None:
    agreement = document(
        [case("a", [], [event(0, "opname", unit="per dag"), event(0, "opname", unit="jaar")])],
        [item("opname", 1000, unit="per jaar")],
    )
    result = effects_result(agreement)
    assert result.cases[0].benefit == D(1000)  # 'jaar' fits 'per jaar', 'per dag' does not
    assert [f.path for f in result.findings] == ["effect_measurement.cases[0].reference[0].unit"]


def test_repricing_with_a_new_list_shows_the_difference_and_keeps_the_old_result() -> None:
    lists = [
        {"id": "pl-2026", "title": "Prijslijst 2026", "year": 2026, "items": [item("p", 1000)]},
        {"id": "pl-2027", "title": "Prijslijst 2027", "year": 2027, "items": [item("p", 1200)]},
    ]
    agreement = document(
        [
            case("vast", [], [event(0, "p")], price_list="pl-2026"),
            case("nieuwst", [], [event(0, "p")]),
        ],
        [],
        price_lists=lists,
    )
    result = effects_result(agreement)
    # A case priced with the 2026 list keeps it; one without a choice takes the newest.
    assert [(c.price_list_id, c.benefit) for c in result.cases] == [
        ("pl-2026", D(1000)),
        ("pl-2027", D(1200)),
    ]
    diff = reprice(agreement, "vast", "pl-2027")
    assert (diff.old.benefit, diff.new.benefit, diff.benefit, diff.net) == (
        D(1000),
        D(1200),
        D(200),
        D(200),
    )
    assert diff.new.price_list_id == "pl-2027"
    assert agreement.effect_measurement.cases[0].price_list == "pl-2026"  # nothing changed
    with pytest.raises(KeyError):
        reprice(agreement, "vast", "pl-2099")


def test_a_price_line_keeps_its_id_over_versions_but_not_within_one() -> None:
    twice = [item("p", 1), item("p", 2)]
    with pytest.raises(ValueError, match="ongeldige verwijzing"):
        document(
            [],
            [],
            price_lists=[{"id": "pl", "title": "Lijst", "year": 2026, "items": twice}],
        )


def test_spread_over_every_similar_case() -> None:
    # Net per case 100 (once), 200 (twice) and 400 (once): the values 100, 200, 200, 400.
    agreement = document(
        [
            case("a", [], [event(0, "honderd")]),
            case("b", [], [event(0, "honderd"), event(0, "honderd")], count=2),
            case("c", [], [event(0, "honderd")] * 4),
        ],
        [item("honderd", 100)],
    )
    spread = effects_result(agreement).spread
    assert spread is not None
    expected = statistics.quantiles([100, 200, 200, 400], n=4, method="inclusive")
    assert [spread.q1, spread.median, spread.q3] == [D(str(v)) for v in expected]
    assert [spread.q1, spread.median, spread.q3] == [D(175), D(200), D(250)]
    assert (spread.minimum, spread.maximum, spread.mean) == (D(100), D(400), D(225))


def test_sensitivity_moves_each_assumption_and_each_uncertain_price_a_quarter() -> None:
    # Base: 1000 avoided x 80 % = 800 against 100: 8 : 1.
    agreement = document(
        [case("a", [event(0, "steun", "activiteit")], [event(0, "opname")])],
        [item("steun", 100), item("opname", 1000, uncertain=True)],
        deadweight=20,
    )
    rows = {row.label: row for row in effects_result(agreement).sensitivity}
    dead = rows["Deadweight"]
    assert (dead.low_value, dead.high_value) == ("15 %", "25 %")
    assert (dead.low_ratio, dead.base_ratio, dead.high_ratio) == (D("8.5"), D(8), D("7.5"))
    price = rows["Prijs 'Prijs opname'"]
    assert (price.low_ratio, price.high_ratio) == (D(6), D(10))
    assert (price.low_net, price.base_net, price.high_net) == (D(500), D(700), D(900))
    # Attribution cannot go above 100 %.
    assert rows["Attributie"].high_value == "100 %"
    assert set(rows) == {
        "Deadweight",
        "Attributie",
        "Uitdoving per jaar",
        "Discontovoet",
        "Tijdshorizon",
        "Prijs 'Prijs opname'",
    }


def test_format_ratio_writes_a_dutch_decimal_comma() -> None:
    assert format_ratio(D("1.55")) == "1,6 : 1"
    assert format_ratio(D(12)) == "12,0 : 1"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("discount_rate: 300", "effect_measurement.discount_rate: De waarde mag hoogstens 25"),
        ("horizon: 0", "effect_measurement.horizon: De waarde moet minstens 1"),
        ("deadweight: 120", "effect_measurement.deadweight: De waarde mag hoogstens 100"),
    ],
)
def test_bad_settings_get_a_dutch_message_with_the_field(change: str, expected: str) -> None:
    text = f"programme:\n  name: Test\neffect_measurement:\n  {change}\n"
    with pytest.raises(DocumentError) as raised:
        loads_agreement(text)
    assert expected in str(raised.value)


def test_a_negative_quantity_is_refused_with_the_row() -> None:
    text = """programme:
  name: Test
effect_measurement:
  price_list:
    - {id: p, activity: Opname, price: 10}
  cases:
    - id: c
      title: Casus
      reference:
        - {year: 0, description: Opname, price_item: p, quantity: -2}
"""
    with pytest.raises(DocumentError) as raised:
        loads_agreement(text)
    assert "effect_measurement.cases[0].reference[0].quantity: De waarde moet minstens 0" in str(
        raised.value
    )


OLD_SHAPE = """programme:
  name: Oud programma
effect_measurement:
  method: Met de effectencalculator.
  price_list:
    - id: pr-bijstand
      activity: Bijstandsuitkering
      unit: per jaar
      price: 16800
      payer: Gemeente
  cases:
    - id: cs-a
      title: Casus
      count: 3
      intervention:
        - year: 0
          description: Uitkering
          price_item: pr-bijstand
          quantity: 0.5
      reference:
        - year: 0
          description: Uitkering
          price_item: pr-bijstand
        - year: 1
          description: Uitkering
          price_item: pr-bijstand
"""


def test_an_old_document_stays_valid_dumps_unchanged_and_is_priced_as_before() -> None:
    agreement = loads_agreement(OLD_SHAPE)
    dumped = agreement.model_dump(mode="json")
    measurement = dumped["effect_measurement"]
    assert set(measurement) == {"method", "price_list", "cases"}
    assert set(measurement["price_list"][0]) == {"id", "activity", "unit", "price", "payer"}
    assert set(measurement["cases"][0]["reference"][0]) == {
        "year",
        "description",
        "price_item",
        "quantity",
    }
    assert loads_agreement(dump_yaml(agreement)) == agreement
    # Old events are life events in years, undiscounted by default, benefit 100 %.
    result = effects_result(agreement)
    assert result.cases[0].benefit == D(16800) * D("1.5")
    assert result.total.benefit == D(16800) * D("1.5") * 3
    old = case_effects(agreement)[0]
    assert old.saving == D(16800) * D("1.5") * 3


def test_cases_per_goal_for_the_dashboard() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    result = effects_result(load_agreement(examples / "small.yaml"), sensitivity=False)
    assert [c.case.id for c in result.for_goal("g-meedoen")] == ["cs-jongere"]
    assert [c.case.id for c in result.for_goal("g-schulden")] == ["cs-achterstand"]
    assert result.for_goal("g-energie") == []
    assert result.sensitivity == []
