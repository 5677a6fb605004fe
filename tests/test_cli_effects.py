"""`stramien effects`: the effect calculation on the command line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from stramien.cli import main

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "examples" / "small.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


HAND = """programme:
  name: Rekenvoorbeeld
  start: 2026-01-01
partnership:
  funders:
    - {id: gemeente, name: Gemeente, category: government}
    - {id: woon, name: Woningcorporatie, category: civil_society}
effect_measurement:
  attribution: 50
  price_list:
    - {id: coach, activity: Coach, unit: per maand, price: 100, stakeholder: gemeente,
       illustrative: true}
    - {id: ontruiming, activity: Ontruiming, price: 3000, stakeholder: woon, illustrative: true}
    - {id: opvang, activity: Opvang, price: 1000, stakeholder: gemeente, illustrative: true}
  cases:
    - id: c
      title: Huurachterstand
      count: 2
      intervention:
        - {month: 0, kind: activiteit, description: Coaching, price_item: coach, quantity: 4}
      reference:
        - {month: 6, description: Ontruiming, price_item: ontruiming}
        - {month: 6, description: Opvang, price_item: opvang}
"""


def test_effects_text_per_case_total_matrix_and_sensitivity(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND, encoding="utf-8")
    code, out, _ = run(capsys, "effects", str(path))
    assert code == 0
    # Investment 4 x 100 = 400; benefit (3000 + 1000) x 50 % = 2000; ratio 5 : 1.
    assert "Casus: Huurachterstand (2x)" in out
    assert "Investering € 400, baten € 2.000, saldo € 1.600, rendement 5,0 : 1 (per geval)" in out
    assert "Alle casussen samen (2 gevallen)" in out
    assert "Investering € 800, baten € 4.000, saldo € 3.200, rendement 5,0 : 1" in out
    matrix = out[out.index("Wie betaalt, wie ontvangt") :]
    assert "Gemeente" in matrix and "€ 800" in matrix and "€ 1.000" in matrix
    assert "Woningcorporatie" in matrix and "€ 3.000" in matrix
    assert "Attributie: 37,5 % geeft 3,8 : 1, 62,5 % geeft 6,3 : 1 (nu 5,0 : 1)" in out
    assert "Alle casussen zijn volledig geprijsd." in out


def test_effects_json_has_the_same_figures(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND, encoding="utf-8")
    code, out, _ = run(capsys, "effects", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == {
        "count": 2,
        "investment": "800.00",
        "benefit": "4000.00",
        "net": "3200.00",
        "ratio": "5.000",
        "ratio_text": "5,0 : 1",
    }
    assert data["stakeholders"] == [
        {"stakeholder": "Gemeente", "pays": "800.00", "benefits": "1000.00", "net": "200.00"},
        {
            "stakeholder": "Woningcorporatie",
            "pays": "0.00",
            "benefits": "3000.00",
            "net": "3000.00",
        },
    ]
    assert data["cases"][0]["reference"]["events"][0]["month"] == 6
    assert data["findings"] == [] and data["complete"] is True
    assert [row["label"] for row in data["sensitivity"]][:2] == ["Deadweight", "Attributie"]


def test_effects_on_the_small_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "effects", str(SMALL), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["cases"]) == 3
    assert Decimal(data["total"]["benefit"]) > Decimal(data["total"]["investment"]) > 0


def test_an_incomplete_case_exits_1_and_says_what_is_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = yaml.safe_load(HAND)
    data["effect_measurement"]["cases"][0]["reference"].append(
        {"month": 7, "description": "Schuldhulp na de ontruiming"}
    )
    data["effect_measurement"]["cases"].append(
        {"id": "leeg", "title": "Nog leeg", "intervention": [{"description": "Coaching"}]}
    )
    path = tmp_path / "onvolledig.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, "effects", str(path))
    assert code == 1
    assert "'Schuldhulp na de ontruiming' in casus 'Huurachterstand' heeft geen prijs." in out
    assert "waar: effect_measurement.cases[0].reference[2].price_item" in out
    assert "Casus 'Nog leeg' heeft geen referentiescenario." in out
    assert "Onvolledig (3):" in out


def test_an_unreadable_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text(
        "programme:\n  name: Kapot\neffect_measurement:\n  discount_rate: 300\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "effects", str(path))
    assert code == 2
    assert out == ""
    assert "effect_measurement.discount_rate: De waarde mag hoogstens 25" in err
    code, _out, err = run(capsys, "effects", str(tmp_path / "bestaat-niet.yaml"))
    assert code == 2
    assert "bestaat-niet.yaml" in err
