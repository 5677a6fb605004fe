"""Three-way merge by stable ids."""

from __future__ import annotations

import json
from typing import Any

import pytest
from revision_mutations import Mutator, example

from stramien.model import Agreement
from stramien.revisions import Conflict, canonical_json, merge3, set_at


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return example("large.yaml")


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return example("small.yaml")


def clone(value: Any) -> Any:
    result: Any = json.loads(json.dumps(value))
    return result


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def new_goal(identifier: str, title: str) -> dict[str, Any]:
    return {
        "id": identifier,
        "title": title,
        "description": "",
        "contributes_to_ambition": True,
        "contributes_to": [],
        "partners": [],
        "interests": [],
    }


def test_edits_to_different_parts_merge_cleanly(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    ours["ambition"]["statement"] = "Onze nieuwe ambitie."
    theirs["partnership"]["partners"][2]["role"] = "Trekker van de werkgroep wonen."
    theirs["partnership"]["partners"][2]["core_values"].append("Betrouwbaar")
    result = merge3(base, ours, theirs)
    assert result.conflicts == []
    assert result.clean
    assert result.document["ambition"]["statement"] == "Onze nieuwe ambitie."
    assert result.document["partnership"]["partners"][2]["role"].startswith("Trekker")
    Agreement.model_validate(result.document)


def test_different_fields_of_one_item_merge_cleanly(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    ours["goals"][4]["title"] = "Onze titel"
    theirs["goals"][4]["description"] = "Hun toelichting"
    result = merge3(base, ours, theirs)
    assert result.conflicts == []
    assert result.document["goals"][4]["title"] == "Onze titel"
    assert result.document["goals"][4]["description"] == "Hun toelichting"


def test_same_field_changed_differently_is_a_conflict_with_all_three_values(
    base: dict[str, Any],
) -> None:
    ours, theirs = clone(base), clone(base)
    goal = base["goals"][4]
    ours["goals"][4]["title"] = "Onze titel"
    theirs["goals"][4]["title"] = "Hun titel"
    result = merge3(base, ours, theirs)
    assert result.conflicts == [
        Conflict(
            path=("goals", {"id": goal["id"]}, "title"),
            base=goal["title"],
            ours="Onze titel",
            theirs="Hun titel",
        )
    ]
    assert result.document["goals"][4]["title"] == "Hun titel"
    proposal = set_at(result.document, result.conflicts[0].path, result.conflicts[0].ours)
    assert proposal["goals"][4]["title"] == "Onze titel"
    Agreement.model_validate(result.document)


def test_same_change_on_both_sides_is_no_conflict(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    ours["programme"]["name"] = theirs["programme"]["name"] = "Regio Deal Noord 2.0"
    result = merge3(base, ours, theirs)
    assert result.conflicts == []
    assert result.document == ours


def test_concurrent_additions_are_both_kept(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    ours["goals"].append(new_goal("g-ons", "Ons nieuwe doel"))
    theirs["goals"].append(new_goal("g-hun", "Hun nieuwe doel"))
    result = merge3(base, ours, theirs)
    assert result.conflicts == []
    assert ids(result.document["goals"]) == [*ids(base["goals"]), "g-hun", "g-ons"]
    Agreement.model_validate(result.document)


def test_additions_keep_their_place(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    ours["goals"].insert(3, new_goal("g-ons", "Ons"))
    theirs["goals"].insert(0, new_goal("g-hun", "Hun"))
    result = merge3(base, ours, theirs)
    merged = ids(result.document["goals"])
    assert merged[0] == "g-hun"
    assert merged[merged.index("g-ons") - 1] == base["goals"][2]["id"]


def test_delete_versus_unchanged_deletes(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    gone = ours["risks"]["items"].pop(5)
    theirs["risks"]["conclusions"] = "Bijgewerkte conclusies."
    result = merge3(base, ours, theirs)
    assert result.conflicts == []
    assert gone["id"] not in ids(result.document["risks"]["items"])
    assert result.document["risks"]["conclusions"] == "Bijgewerkte conclusies."


def test_delete_versus_edit_is_a_conflict(base: dict[str, Any]) -> None:
    risk = base["risks"]["items"][5]
    path = ("risks", "items", {"id": risk["id"]})

    ours, theirs = clone(base), clone(base)
    ours["risks"]["items"].pop(5)
    theirs["risks"]["items"][5]["impact"] = 1 if risk["impact"] != 1 else 2
    result = merge3(base, ours, theirs)
    assert [(c.path, c.base, c.ours, c.theirs) for c in result.conflicts] == [
        (path, risk, None, theirs["risks"]["items"][5])
    ]
    assert result.document["risks"]["items"][5] == theirs["risks"]["items"][5]
    proposal = set_at(result.document, path, None)
    assert risk["id"] not in ids(proposal["risks"]["items"])

    # The other way round: theirs deleted it, so the merged document does not have it.
    result = merge3(base, theirs, ours)
    assert [(c.path, c.ours, c.theirs) for c in result.conflicts] == [
        (path, theirs["risks"]["items"][5], None)
    ]
    assert risk["id"] not in ids(result.document["risks"]["items"])
    proposal = set_at(result.document, path, result.conflicts[0].ours)
    assert proposal["risks"]["items"][-1] == theirs["risks"]["items"][5]


def test_reorder_on_one_side_and_edit_on_the_other(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    ours["indicators"].reverse()
    theirs["indicators"][0]["unit"] = "procent"
    theirs["indicators"].append({**clone(base["indicators"][0]), "id": "i-nieuw"})
    result = merge3(base, ours, theirs)
    assert result.conflicts == []
    merged = result.document["indicators"]
    assert ids(merged)[: len(base["indicators"])] == ids(ours["indicators"])
    assert ids(merged)[-1] == "i-nieuw"
    assert merged[len(base["indicators"]) - 1]["unit"] == "procent"
    Agreement.model_validate(result.document)


def test_both_reordered_takes_theirs_order(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    ours["indicators"].reverse()
    theirs["indicators"].insert(0, theirs["indicators"].pop())
    result = merge3(base, ours, theirs)
    assert ids(result.document["indicators"]) == ids(theirs["indicators"])


def test_lists_without_ids_are_merged_as_one_value(small: dict[str, Any]) -> None:
    ours, theirs = clone(small), clone(small)
    values = small["partnership"]["partners"][0]["core_values"]
    ours["partnership"]["partners"][0]["core_values"] = [*values, "Open"]
    theirs["partnership"]["partners"][0]["core_values"] = [*values, "Eerlijk"]
    result = merge3(small, ours, theirs)
    assert len(result.conflicts) == 1
    assert result.conflicts[0].path[-1] == "core_values"
    assert result.document["partnership"]["partners"][0]["core_values"][-1] == "Eerlijk"


def test_lists_without_ids_of_unchanged_length_merge_position_by_position(
    small: dict[str, Any],
) -> None:
    # Two people change the meaning of two different definitions: both changes are kept
    # (once, a retry from the conflict page put back the whole list of one of them).
    ours, theirs = clone(small), clone(small)
    ours["appendices"]["definitions"][1]["meaning"] = "Onze uitleg"
    theirs["appendices"]["definitions"][2]["meaning"] = "Hun uitleg"
    result = merge3(small, ours, theirs)
    assert result.conflicts == []
    meanings = [d["meaning"] for d in result.document["appendices"]["definitions"]]
    assert meanings[1:3] == ["Onze uitleg", "Hun uitleg"]
    # The same definition changed differently is a conflict on just that field.
    theirs["appendices"]["definitions"][1]["meaning"] = "Andere uitleg"
    result = merge3(small, ours, theirs)
    assert [c.path for c in result.conflicts] == [("appendices", "definitions", 1, "meaning")]


def test_random_edits_in_disjoint_sections_merge_without_conflict(base: dict[str, Any]) -> None:
    for seed in range(5):
        ours, theirs = clone(base), clone(base)
        ours_part = {"goals": ours["goals"], "ambition": ours["ambition"]}
        theirs_part = {"partnership": theirs["partnership"], "risks": theirs["risks"]}
        mutate_ours, mutate_theirs = Mutator(seed), Mutator(seed + 100)
        for _ in range(15):
            mutate_ours.mutate(ours_part)
            mutate_theirs.mutate(theirs_part)
        result = merge3(base, ours, theirs)
        assert result.conflicts == []
        expected = {**theirs, "goals": ours["goals"], "ambition": ours["ambition"]}
        assert canonical_json(result.document) == canonical_json(expected)


def test_merge_is_deterministic_and_leaves_inputs_alone(base: dict[str, Any]) -> None:
    ours, theirs = clone(base), clone(base)
    Mutator(1).mutate(ours)
    Mutator(2).mutate(theirs)
    ours["goals"][0]["title"] = "A"
    theirs["goals"][0]["title"] = "B"
    before = [canonical_json(x) for x in (base, ours, theirs)]
    first = merge3(base, ours, theirs)
    second = merge3(clone(base), clone(ours), clone(theirs))
    assert canonical_json(first.document) == canonical_json(second.document)
    assert first.conflicts == second.conflicts
    assert [canonical_json(x) for x in (base, ours, theirs)] == before
    first.document["goals"][0]["title"] = "C"
    assert theirs["goals"][0]["title"] == "B"


def test_plain_json_merges() -> None:
    result = merge3({"a": 1, "b": [1]}, {"a": 2, "b": [1]}, {"a": 1, "b": [2], "c": None})
    assert result.document == {"a": 2, "b": [2], "c": None}
    assert merge3(1, 1.0, 1).conflicts == []
    assert type(merge3(1, 1.0, 1).document) is float
    conflict = merge3({"a": 1}, {}, {"a": 2}).conflicts
    assert conflict == [Conflict(path=("a",), base=1, ours=None, theirs=2)]
