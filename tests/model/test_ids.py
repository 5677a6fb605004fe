"""Ids made from names (stramien.model.ids): readable, valid, unique in the whole document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from stramien.model import Agreement
from stramien.model.base import ID_PATTERN
from stramien.model.ids import fill_missing_ids, names_by_id, slugify, unique_id

SMALL = Path(__file__).resolve().parents[2] / "examples" / "small.yaml"


@pytest.fixture
def small() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gemeente Apeldoorn", "gemeente-apeldoorn"),
        ("  Woonzuid  B.V. ", "woonzuid-b-v"),
        ("Café 't Hoekje", "cafe-t-hoekje"),
        ("Coöperatie Ĳsselstroom", "cooperatie-ijsselstroom"),
        ("Straße & Söhne", "strasse-sohne"),
        ("€ ✓ !", ""),
    ],
)
def test_slugify_makes_lower_case_ascii_words(name: str, expected: str) -> None:
    assert slugify(name) == expected


def test_unique_id_numbers_collisions_from_two() -> None:
    taken: set[str] = {"gemeente-apeldoorn"}
    made = [unique_id("Gemeente Apeldoorn", taken) for _ in range(2)]
    assert made == ["gemeente-apeldoorn-2", "gemeente-apeldoorn-3"]
    # Compared without case: "Woonzuid" and "woonzuid" would confuse a reader of the YAML.
    assert unique_id("woonzuid", {"woonzuid"}) == "woonzuid-2"


@pytest.mark.parametrize(
    ("name", "fallback", "expected"),
    [
        ("2030 klimaatneutraal", "doel", "doel-2030-klimaatneutraal"),
        ("???", "begrotingspost", "begrotingspost"),
        ("", "(deel)project", "deel-project"),
    ],
)
def test_unique_id_always_starts_with_a_letter(name: str, fallback: str, expected: str) -> None:
    made = unique_id(name, set(), fallback=fallback)
    assert made == expected
    assert re.match(ID_PATTERN, made)


def test_long_names_give_a_valid_id_also_with_a_number() -> None:
    name = "Samenwerkingsverband" * 5 + " van alle gemeenten in de regio"
    taken: set[str] = set()
    first, second = unique_id(name, taken), unique_id(name, taken)
    assert len(first) <= 64 and len(second) <= 64
    assert second.endswith("-2") and first != second
    assert all(re.match(ID_PATTERN, made) for made in (first, second))


def test_items_without_an_id_get_one_from_their_name(small: dict[str, Any]) -> None:
    partners = small["partnership"]["partners"]
    existing = {p["id"] for p in partners}
    new = {
        "name": "Gemeente Apeldoorn",
        "category": "government",
        "sector": "public",
        "participation_level": 4,
        "interests": [{"description": "Betaalbaar wonen"}],
    }
    partners.extend([dict(new), {**new, "interests": []}])
    filled = fill_missing_ids(small)
    ids = [p["id"] for p in filled["partnership"]["partners"]]
    assert ids[-2:] == ["gemeente-apeldoorn", "gemeente-apeldoorn-2"]
    assert set(ids[:-2]) == existing
    assert filled["partnership"]["partners"][-2]["interests"][0]["id"] == "betaalbaar-wonen"
    # The input is left as it was, and the result is a valid agreement.
    assert "id" not in small["partnership"]["partners"][-1]
    Agreement.model_validate(filled)


def test_a_made_id_is_unique_across_the_whole_document(small: dict[str, Any]) -> None:
    goal_id = small["goals"][0]["id"]
    small["partnership"]["partners"].append(
        {"name": goal_id, "category": "government", "sector": "public", "participation_level": 2}
    )
    filled = fill_missing_ids(small)
    assert filled["partnership"]["partners"][-1]["id"] == f"{goal_id}-2"


def test_an_existing_id_never_follows_a_new_name(small: dict[str, Any]) -> None:
    partner = small["partnership"]["partners"][0]
    before = partner["id"]
    partner["name"] = "Een heel andere naam"
    assert fill_missing_ids(small)["partnership"]["partners"][0]["id"] == before


def test_a_new_item_does_not_take_the_id_a_broken_reference_names(
    small: dict[str, Any],
) -> None:
    small["partnership"]["initiator"] = "gemeente-apeldoorn"
    small["partnership"]["partners"].append(
        {
            "name": "Gemeente Apeldoorn",
            "category": "government",
            "sector": "public",
            "participation_level": 3,
        }
    )
    filled = fill_missing_ids(small)
    assert filled["partnership"]["partners"][-1]["id"] == "gemeente-apeldoorn-2"


def test_junk_is_tolerated() -> None:
    junk: dict[str, Any] = {"partnership": {"partners": ["nonsense", 3, None, {"name": 5}]}}
    filled = fill_missing_ids(junk)
    assert filled["partnership"]["partners"][:3] == ["nonsense", 3, None]
    assert filled["partnership"]["partners"][3]["id"] == "partner"


def test_names_by_id_gives_the_name_people_read(small: dict[str, Any]) -> None:
    names = names_by_id(small)
    partner = small["partnership"]["partners"][0]
    assert names[partner["id"]] == partner["name"]
    assert names[small["goals"][0]["id"]] == small["goals"][0]["title"]
