"""The worked example of docs/effectmeting.md, computed by Stramien: the page and the code agree."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from stramien.io import loads_agreement
from stramien.monitor.effects import effects_result, format_ratio

DOC = Path(__file__).resolve().parents[2] / "docs" / "effectmeting.md"

EXAMPLE = """programme:
  name: Rekenvoorbeeld
  start: 2026-01-01
partnership:
  funders:
    - {id: gemeente, name: Gemeente, category: government}
    - {id: woon, name: Woningcorporatie, category: civil_society}
effect_measurement:
  deadweight: 20
  attribution: 50
  drop_off: 10
  discount_rate: 10
  horizon: 5
  price_list:
    - {id: schuldhulp, activity: Schuldhulptraject, unit: per traject, price: 1000,
       stakeholder: gemeente, illustrative: true}
    - {id: ontruiming, activity: Ontruiming, unit: per keer, price: 2420, stakeholder: woon,
       illustrative: true}
    - {id: opvang, activity: Opvang, unit: per keer, price: 1100, stakeholder: gemeente,
       illustrative: true}
  cases:
    - id: huur
      title: Gezin met huurachterstand
      count: 2
      intervention:
        - {month: 0, kind: activiteit, description: Schuldhulptraject, price_item: schuldhulp}
      reference:
        - {month: 12, description: Opvang, price_item: opvang}
        - {month: 24, description: Ontruiming, price_item: ontruiming}
"""


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def test_the_worked_example_gives_the_figures_on_the_page() -> None:
    result = effects_result(loads_agreement(EXAMPLE))
    case = result.cases[0]
    assert cents(case.investment) == Decimal("1000.00")
    assert {year: cents(v) for year, v in case.benefit_per_year.items()} == {
        1: Decimal("360.00"),
        2: Decimal("648.00"),
    }
    assert cents(case.benefit) == Decimal("1008.00")
    assert cents(case.net) == Decimal("8.00")
    assert format_ratio(case.ratio) == "1,0 : 1"
    lines = {
        line.stakeholder: (cents(line.pays), cents(line.benefits)) for line in case.stakeholders
    }
    assert lines == {
        "Gemeente": (Decimal("1000.00"), Decimal("360.00")),
        "Woningcorporatie": (Decimal("0.00"), Decimal("648.00")),
    }
    assert (cents(result.total.investment), cents(result.total.benefit)) == (
        Decimal("2000.00"),
        Decimal("2016.00"),
    )
    page = DOC.read_text(encoding="utf-8")
    for figure in ("**€ 1.000**", "**€ 360**", "**€ 648**", "**1,0 : 1**", "baten € 2.016"):
        assert figure in page
