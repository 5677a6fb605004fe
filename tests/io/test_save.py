"""Writing agreements: compact, deterministic, and read back unchanged."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from stramien.io import (
    DocumentError,
    dump_json,
    dump_yaml,
    load_agreement,
    loads_agreement,
    save_agreement,
)
from stramien.model import SCHEMA_VERSION, Agreement


def rich_agreement() -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {
                "name": "Wijkvernieuwing Oost",
                "short_name": "WVO",
                "summary": "Samen maken we de wijk Oost groener, veiliger en betaalbaar.",
                "region": "Gemeente Zuidstad",
                "start": dt.date(2025, 1, 1),
                "end": dt.date(2028, 12, 31),
            },
            "ambition": {
                "statement": "Een wijk waar iedereen kan blijven wonen.\n\nOok over tien jaar.",
                "story": 'Mevrouw Jansen woont hier al 40 jaar: "ik wil hier oud worden".',
                "beneficiaries": [
                    {"id": "huurders", "name": "Huurders in Oost", "benefit": "Lagere lasten."}
                ],
                "larger_whole": "Regiodeal Zuid",
            },
            "partnership": {
                "strategy": "Ontwikkelstrategie: wijk en partners werken samen.",
                "sector_roles": [{"sector": "public", "role": "Regie", "needed": False}],
                "initiator": "gemeente",
                "partners": [
                    {
                        "id": "gemeente",
                        "name": "Gemeente Zuidstad",
                        "category": "government",
                        "sector": "public",
                        "participation_level": 4,
                        "role": "Trekker",
                        "core_values": ["betrouwbaar", "open"],
                        "interests": [
                            {"id": "belang-wonen", "description": "Doorstroming op de woningmarkt."}
                        ],
                        "signatories": [
                            {
                                "id": "wethouder",
                                "name": "A. de Vries",
                                "function": "wethouder",
                                "mandate": "Collegebesluit van 3 maart 2025",
                            }
                        ],
                    },
                    {
                        "id": "corporatie",
                        "name": "Woonstichting Thuis",
                        "category": "civil_society",
                        "sector": "private",
                        "participation_level": 5,
                    },
                ],
                "stakeholders": [
                    {
                        "id": "bewoners",
                        "name": "Bewonersraad: Oost",
                        "category": "citizens",
                        "sector": "civil",
                        "participation_level": 2,
                        "interest": "Wonen er.",
                    }
                ],
            },
            "realisation": {
                "description": "Tweehonderd woningen worden gerenoveerd.",
                "artist_impression": {"file": "impressie.png", "alt_text": "Een groene straat."},
                "negative_consequences": [
                    {
                        "id": "overlast",
                        "kind": "temporary_nuisance",
                        "description": "Bouwverkeer in 2026.",
                    }
                ],
            },
            "goals": [
                {
                    "id": "doel.betaalbaar",
                    "title": "Betaalbaar wonen",
                    "contributes_to_ambition": True,
                    "interests": ["belang-wonen"],
                },
                {
                    "id": "doel_renovatie",
                    "title": "Woningen renoveren",
                    "description": "Isoleren en\nventileren.",
                    "contributes_to": ["doel.betaalbaar"],
                    "partners": ["gemeente", "corporatie"],
                },
            ],
            "indicators": [
                {
                    "id": "ind-1",
                    "name": "Gerenoveerde woningen",
                    "goal": "doel_renovatie",
                    "unit": "woningen",
                    "direction": "increase",
                    "baseline": 0,
                    "baseline_date": dt.date(2025, 1, 1),
                    "target": Decimal("200.5"),
                    "target_date": dt.date(2028, 6, 30),
                    "owner": "corporatie",
                },
                {
                    "id": "ind-2",
                    "name": "Woonlasten",
                    "goal": "doel.betaalbaar",
                    "direction": "decrease",
                    "target": Decimal("0.0001"),
                },
            ],
            "effect_measurement": {
                "method": "Effectencalculator",
                "price_list": [
                    {"id": "prijs-1", "activity": "Schuldhulptraject", "price": Decimal("2500.75")}
                ],
                "cases": [
                    {
                        "id": "casus-1",
                        "title": "Gezin met schulden",
                        "goal": "doel.betaalbaar",
                        "count": 12,
                        "intervention": [
                            {"year": 0, "description": "Traject", "price_item": "prijs-1"}
                        ],
                        "reference": [
                            {
                                "year": 2,
                                "description": "Huisuitzetting",
                                "quantity": Decimal("1.5"),
                            }
                        ],
                    }
                ],
            },
            "planning": {
                "phases": [
                    {
                        "id": "fase-1",
                        "name": "Voorbereiding",
                        "start": dt.date(2025, 1, 1),
                        "end": dt.date(2025, 12, 31),
                        "results": ["Plan van aanpak", "Yes"],
                    }
                ],
                "milestones": [
                    {
                        "id": "m1",
                        "title": "Eerste paal",
                        "date": dt.date(2026, 3, 1),
                        "kind": "delivery",
                        "phase": "fase-1",
                        "public": True,
                    }
                ],
            },
            "finance": {
                "cost_items": [
                    {
                        "id": "kosten-1",
                        "description": "Renovatie",
                        "category": "investering",
                        "year": 2026,
                        "amount": Decimal("1234.56"),
                        "phase": "fase-1",
                        "project": "project-1",
                    },
                    {
                        "id": "kosten-2",
                        "description": "Groot bedrag",
                        "year": 2027,
                        "amount": Decimal("9999999999999.99"),
                    },
                ],
                "contributions": [
                    {
                        "id": "bijdrage-1",
                        "partner": "gemeente",
                        "kind": "cash",
                        "year": 2026,
                        "amount": 1000000,
                        "cost_item": "kosten-1",
                    },
                    {
                        "id": "bijdrage-2",
                        "partner": "corporatie",
                        "kind": "labour",
                        "year": 2026,
                        "amount": Decimal("0.10"),
                        "valuation": "0,8 fte à € 95 per uur",
                    },
                ],
            },
            "organisation": {
                "process_director": {"name": "B. Bakker", "organisation": "gemeente"},
                "checklist": {"produces_products": True, "regular_sounding": False},
                "bodies": [
                    {"id": "stuurgroep", "kind": "steering_committee", "name": "Stuurgroep"},
                    {
                        "id": "team",
                        "kind": "project_team",
                        "name": "Projectteam",
                        "reports_to": "stuurgroep",
                        "members": [
                            {"name": "C. Chen", "organisation": "corporatie", "role": "chair"}
                        ],
                    },
                ],
                "projects": [
                    {
                        "id": "project-1",
                        "name": "Renovatie blok A",
                        "team": "team",
                        "goals": ["doel_renovatie"],
                        "deliverables": [
                            {"id": "lev-1", "title": "Blok A klaar", "due": dt.date(2027, 1, 1)}
                        ],
                        "commissioning_organisation": "corporatie",
                    }
                ],
                "alliances": [{"id": "all-1", "name": "Energiecoöperatie", "kind": "public_civil"}],
                "citizen_initiatives": [
                    {"id": "bi-1", "name": "Buurttuin", "form": "public_civil"}
                ],
            },
            "risks": {
                "conclusions": "Beheersbaar.",
                "items": [
                    {
                        "id": "risico-1",
                        "title": "Stijgende bouwkosten",
                        "likelihood": 4,
                        "impact": 3,
                        "bearer": "corporatie",
                    }
                ],
            },
            "appendices": {
                "chosen": ["monitoring", "exit_clause"],
                "partner_agreements": [{"partner": "gemeente", "tasks": ["Vergunningen"]}],
                "calamities": {"procedure": "Bel de procesregisseur."},
                "public_law_procedures": [
                    {"id": "proc-1", "name": "Omgevingsvergunning", "planned": dt.date(2025, 9, 1)}
                ],
                "exit_clause": {"notice_period_months": 6},
                "definitions": [{"term": "WVO", "meaning": "Wijkvernieuwing Oost"}],
            },
        }
    )


def test_yaml_round_trip_gives_an_equal_agreement() -> None:
    agreement = rich_agreement()
    assert loads_agreement(dump_yaml(agreement), "terug.yaml") == agreement


def test_json_round_trip_gives_an_equal_agreement() -> None:
    agreement = rich_agreement()
    assert loads_agreement(dump_json(agreement), "terug.json") == agreement


@pytest.mark.parametrize("name", ["programma.yaml", "programma.yml", "programma.json"])
def test_save_then_load_from_disk(tmp_path: Path, name: str) -> None:
    agreement = rich_agreement()
    target = tmp_path / name
    save_agreement(agreement, target)
    assert load_agreement(target) == agreement
    assert os.listdir(tmp_path) == [name]


def test_saved_json_is_json_and_saved_yaml_is_not() -> None:
    agreement = rich_agreement()
    assert json.loads(dump_json(agreement))["programme"]["name"] == "Wijkvernieuwing Oost"
    with pytest.raises(json.JSONDecodeError):
        json.loads(dump_yaml(agreement))


def test_yaml_starts_with_schema_version_and_keeps_field_order() -> None:
    text = dump_yaml(rich_agreement())
    assert text.startswith(f"schema_version: '{SCHEMA_VERSION}'\nprogramme:\n")
    top_level = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top_level == [
        "schema_version",
        "programme",
        "ambition",
        "partnership",
        "realisation",
        "goals",
        "indicators",
        "effect_measurement",
        "planning",
        "finance",
        "organisation",
        "risks",
        "appendices",
    ]


def test_yaml_is_compact_readable_and_keeps_cents() -> None:
    minimal = Agreement.model_validate({"programme": {"name": "Klein"}})
    assert dump_yaml(minimal) == "schema_version: '1.0'\nprogramme:\n  name: Klein\n"
    text = dump_yaml(rich_agreement())
    assert "amount: 1234.56\n" in text
    assert "amount: 1000000\n" in text
    assert "start: 2025-01-01\n" in text  # a date, not a quoted string
    assert "valuation: 0,8 fte à € 95 per uur\n" in text  # unicode written as is
    assert "statement: |-\n    Een wijk waar iedereen kan blijven wonen.\n\n" in text
    assert "direction: increase" not in text  # the default is left out
    assert "  - 'Yes'\n" in text  # text that YAML would read as a yes/no is quoted


def test_json_starts_with_schema_version() -> None:
    text = dump_json(rich_agreement())
    assert text.startswith('{\n  "schema_version": "1.0",\n  "programme": {')
    assert '"amount": 1234.56' in text
    assert text.endswith("}\n")


def test_output_is_deterministic() -> None:
    assert dump_yaml(rich_agreement()) == dump_yaml(rich_agreement())
    assert dump_json(rich_agreement()) == dump_json(rich_agreement())


def test_awkward_text_survives_the_round_trip() -> None:
    data = rich_agreement().model_dump()
    data["programme"]["summary"] = "regel 1\n  ingesprongen\n\ttab\nslot: 'q' \"dubbel\" # geen"
    data["programme"]["region"] = "2025-01-01"
    data["ambition"]["story"] = "Lijn\u2028scheiding\x85en\u2029alinea\nen meer"
    data["ambition"]["larger_whole"] = "yes"
    data["realisation"]["impact"] = "- geen lijst\n- echt niet\n\n\n"
    data["partnership"]["strategy"] = "x" * 300 + " " + " ".join(["woord"] * 100)
    data["goals"][0]["description"] = "  begint met spaties\nen eindigt met een regeleinde\n"
    agreement = Agreement.model_validate(data)
    for dump, name in ((dump_yaml, "terug.yaml"), (dump_json, "terug.json")):
        assert loads_agreement(dump(agreement), name) == agreement


def test_save_replaces_an_existing_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "programma.yaml"
    target.write_text("oud", encoding="utf-8")
    target.chmod(0o640)
    save_agreement(rich_agreement(), target)
    assert load_agreement(target) == rich_agreement()
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["programma.yaml"]


def test_save_into_a_missing_folder_gives_a_dutch_problem(tmp_path: Path) -> None:
    target = tmp_path / "bestaat-niet" / "programma.yaml"
    with pytest.raises(DocumentError) as caught:
        save_agreement(rich_agreement(), target)
    assert "kan niet opgeslagen worden" in str(caught.value)
    assert not (tmp_path / "bestaat-niet").exists()
