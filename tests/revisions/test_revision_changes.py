"""Readable changes with Dutch labels, grouped per section, and word diffs of prose."""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

import pytest
from revision_mutations import Mutator, example

from stramien.model import Agreement
from stramien.revisions import changes, group_changes, word_diff


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return example("large.yaml")


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return example("small.yaml")


def clone(value: Any) -> Any:
    result: Any = json.loads(json.dumps(value))
    return result


def test_a_changed_goal_title_reads_in_dutch(base: dict[str, Any]) -> None:
    new = clone(base)
    goal = new["goals"][7]
    old_title = goal["title"]
    goal["title"] = "Meer jongeren aan het werk"
    [change] = changes(base, new)
    assert change.section == "goals"
    assert change.kind == "gewijzigd"
    assert change.path == ("goals", {"id": goal["id"]}, "title")
    assert change.label == f"§4.1 Doelenboom › {goal['id']} (Meer jongeren aan het werk) › Doel"
    assert (change.old, change.new) == (old_title, "Meer jongeren aan het werk")


def test_nested_items_and_long_text(small: dict[str, Any]) -> None:
    new = clone(small)
    partner = new["partnership"]["partners"][0]
    partner["contribution"] = partner["contribution"] + " En nog veel meer. " * 50
    [change] = changes(small, new)
    assert change.label == (
        f"§2 Samenwerkingsverband › Samenwerkingspartners › {partner['id']} "
        f"({partner['name']}) › Bijdrage"
    )
    assert change.new == partner["contribution"]  # long text stays whole


def test_added_removed_and_reordered_items(small: dict[str, Any]) -> None:
    new = clone(small)
    removed = new["risks"]["items"].pop(0)
    new["risks"]["items"].append(
        {
            "id": "r-nieuw",
            "title": "Te weinig vrijwilligers",
            "description": "",
            "likelihood": 3,
            "impact": 2,
            "precautions": "",
            "bearer": None,
        }
    )
    new["goals"].reverse()
    Agreement.model_validate(new)
    found = {(c.kind, c.label): c for c in changes(small, new)}
    risk_label = f"§4.6 Risico's › Risico's › {removed['id']} ({removed['title']})"
    assert found["verwijderd", risk_label].old == removed
    assert found["verwijderd", risk_label].new is None
    added = found["toegevoegd", "§4.6 Risico's › Risico's › r-nieuw (Te weinig vrijwilligers)"]
    assert added.old is None and added.new["likelihood"] == 3
    order = found["volgorde", "§4.1 Doelenboom"]
    assert order.old == [g["id"] for g in small["goals"]]
    assert order.new == [g["id"] for g in new["goals"]]


def test_optional_blocks_and_items_without_id(small: dict[str, Any]) -> None:
    new = clone(small)
    new["realisation"]["artist_impression"] = None
    body = new["organisation"]["bodies"][0]
    member = body["members"][0]
    member["function"] = "Wethouder Wonen"
    found = {c.label: c for c in changes(small, new)}
    impression = found["§3 Visualisatie van de realisatie › Artist impression"]
    assert impression.kind == "verwijderd"
    member_label = (
        f"§2.4 en §4.5 Programmaorganisatie › Organen › {body['id']} ({body['name']}) › "
        f"Leden › nr. 1 ({member['name']}) › Functie"
    )
    assert found[member_label].new == "Wethouder Wonen"


def test_group_changes_follows_the_document_order(small: dict[str, Any]) -> None:
    new = clone(small)
    new["appendices"]["communication_plan"] = "Nieuw plan."
    new["goals"][0]["title"] = "Nieuw doel"
    new["ambition"]["statement"] = "Nieuwe ambitie."
    new["programme"]["region"] = "Oost"
    groups = group_changes(changes(small, new))
    assert list(groups) == ["programme", "ambition", "goals", "appendices"]
    assert all(c.section == section for section, items in groups.items() for c in items)


def test_changes_never_fail_on_random_edits(base: dict[str, Any]) -> None:
    mutator = Mutator(99)
    new = clone(base)
    for _ in range(60):
        mutator.mutate(new)
    found = changes(base, new)
    assert found
    assert all(c.label and c.section for c in found)
    assert all(c.kind in ("toegevoegd", "verwijderd", "gewijzigd", "volgorde") for c in found)


def test_word_diff_marks_changed_words() -> None:
    chunks = word_diff("De kat zit op de mat.", "De grote hond zit op de mat!")
    assert chunks == [
        ("=", "De "),
        ("-", "kat"),
        ("+", "grote hond"),
        ("=", " zit op de mat"),
        ("-", "."),
        ("+", "!"),
    ]
    assert word_diff("", "") == []
    assert word_diff("gelijk", "gelijk") == [("=", "gelijk")]
    assert word_diff("", "nieuw") == [("+", "nieuw")]


def test_word_diff_rebuilds_both_texts() -> None:
    rng = random.Random(3)
    words = ["wij", "zij", "de", "wijk", ",", ".", "  ", "\n\n", "één", "café", "2026"]
    for _ in range(300):
        old = " ".join(rng.choice(words) for _ in range(rng.randrange(30)))
        new = " ".join(rng.choice(words) for _ in range(rng.randrange(30)))
        chunks = word_diff(old, new)
        assert "".join(t for tag, t in chunks if tag in "=-") == old
        assert "".join(t for tag, t in chunks if tag in "=+") == new
        assert all(text for _, text in chunks)
        tags = [tag for tag, _ in chunks]
        assert all(a != b for a, b in itertools.pairwise(tags))
