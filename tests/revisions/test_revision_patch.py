"""diff/apply round trips, patch size, and the byte form of patches and snapshots."""

from __future__ import annotations

import copy
import json
import random
import zlib
from typing import Any

import pytest
from revision_mutations import Mutator, example

from stramien.model import Agreement
from stramien.revisions import (
    RevisionError,
    apply,
    canonical_json,
    diff,
    patch_from_bytes,
    patch_to_bytes,
    set_at,
    snapshot_from_bytes,
    snapshot_to_bytes,
)


@pytest.fixture(scope="module")
def large() -> dict[str, Any]:
    return example("large.yaml")


def clone(value: Any) -> Any:
    return json.loads(json.dumps(value))


def round_trips(old: Any, new: Any) -> None:
    frozen_old, frozen_new = canonical_json(old), canonical_json(new)
    patch = diff(old, new)
    result = apply(old, patch)
    assert result == new
    assert canonical_json(result) == canonical_json(new)
    assert canonical_json(old) == frozen_old, "diff/apply changed an input"
    assert canonical_json(new) == frozen_new, "diff/apply changed an input"
    json.dumps(patch)  # plain JSON
    assert patch_from_bytes(patch_to_bytes(patch)) == patch


def test_one_field_edit_is_one_small_operation(large: dict[str, Any]) -> None:
    goal = large["goals"][7]
    new = copy.deepcopy(large)
    new["goals"][7]["title"] = "Meer jongeren aan het werk"
    patch = diff(large, new)
    assert patch == [
        {
            "op": "set",
            "path": ["goals", {"id": goal["id"]}, "title"],
            "value": "Meer jongeren aan het werk",
        }
    ]
    patch_bytes = len(patch_to_bytes(patch))
    snapshot_bytes = len(snapshot_to_bytes(new))
    assert patch_bytes < 1000
    assert patch_bytes * 100 < snapshot_bytes


def test_identical_documents_give_an_empty_patch(large: dict[str, Any]) -> None:
    assert diff(large, copy.deepcopy(large)) == []
    assert apply(large, []) == large


def test_items_are_addressed_by_id_not_position(large: dict[str, Any]) -> None:
    new = copy.deepcopy(large)
    removed = new["goals"].pop(0)
    new["goals"][10]["description"] = "Bijgewerkt."
    patch = diff(large, new)
    assert {"op": "remove", "path": ["goals", {"id": removed["id"]}]} in patch
    target = new["goals"][10]["id"]
    assert {
        "op": "set",
        "path": ["goals", {"id": target}, "description"],
        "value": "Bijgewerkt.",
    } in patch
    assert len(patch) == 2
    round_trips(large, new)


def test_reorder_is_one_order_operation(large: dict[str, Any]) -> None:
    new = copy.deepcopy(large)
    new["indicators"].reverse()
    patch = diff(large, new)
    assert patch == [
        {"op": "order", "path": ["indicators"], "ids": [i["id"] for i in new["indicators"]]}
    ]
    round_trips(large, new)


def test_two_hundred_random_edits_of_the_large_example_round_trip(
    large: dict[str, Any],
) -> None:
    mutator = Mutator(seed=20250301)
    current = clone(large)
    kinds: set[str] = set()
    for step in range(200):
        previous = clone(current)
        kinds.add(mutator.mutate(current))
        if step % 20 == 19:
            round_trips(previous, current)  # the full set of checks, now and then
            round_trips(large, current)
        else:
            assert apply(previous, diff(previous, current)) == current
    assert {"text", "add", "remove", "reorder", "move"} <= kinds
    round_trips(current, large)


def test_random_edits_of_the_small_example_stay_valid_when_text_only() -> None:
    small = example("small.yaml")
    new = copy.deepcopy(small)
    new["ambition"]["statement"] += " Met een extra zin."
    new["partnership"]["partners"][1]["role"] = "Een nieuwe rol."
    result = apply(small, diff(small, new))
    Agreement.model_validate(result)
    assert result == new


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(9 if depth < 4 else 5)
    if choice == 0:
        return rng.choice([None, True, False])
    if choice == 1:
        return rng.choice([0, 1, -1, 1.0, 2.5, -0.0, 0.0, 10**20])
    if choice in (2, 3, 4):
        return rng.choice(["", "a", "b", "id", "tekst met spaties", "ü"])
    if choice in (5, 6):
        return {
            rng.choice(["a", "b", "c", "id", "x"]): _random_json(rng, depth + 1)
            for _ in range(rng.randrange(4))
        }
    if choice == 7:
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    ids = rng.sample(["A", "B", "C", "D", "E"], rng.randrange(5))
    return [{"id": i, "v": _random_json(rng, depth + 1)} for i in ids]


def test_round_trip_for_arbitrary_json() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        round_trips(_random_json(rng), _random_json(rng))


def test_numbers_of_another_type_are_a_change() -> None:
    for old, new in [(1, 1.0), (1, True), (0.0, -0.0), ([1], [1.0]), ({"a": 0}, {"a": False})]:
        patch = diff(old, new)
        assert patch, (old, new)
        assert canonical_json(apply(old, patch)) == canonical_json(new)


def test_apply_refuses_a_patch_that_does_not_fit(large: dict[str, Any]) -> None:
    with pytest.raises(RevisionError, match="geen onderdeel met id 'bestaat-niet'"):
        apply(large, [{"op": "set", "path": ["goals", {"id": "bestaat-niet"}, "x"], "value": 1}])
    with pytest.raises(RevisionError, match="past niet op dit document"):
        apply(large, [{"op": "remove", "path": ["geen_veld"]}])
    with pytest.raises(RevisionError, match="volgorde"):
        apply(large, [{"op": "order", "path": ["goals"], "ids": ["x"]}])
    with pytest.raises(RevisionError, match="onbekende soort wijziging"):
        apply(large, [{"op": "move", "path": []}])
    with pytest.raises(RevisionError, match="ongeldige stap"):
        apply(large, [{"op": "remove", "path": [{"ref": "x"}]}])


def test_set_at_sets_adds_and_removes_items(large: dict[str, Any]) -> None:
    goal = large["goals"][3]
    titled = set_at(large, ["goals", {"id": goal["id"]}, "title"], "Nieuw")
    assert titled["goals"][3]["title"] == "Nieuw"
    assert large["goals"][3]["title"] == goal["title"]
    removed = set_at(large, ["goals", {"id": goal["id"]}], None)
    assert goal["id"] not in [g["id"] for g in removed["goals"]]
    restored = set_at(removed, ["goals", {"id": goal["id"]}], goal)
    assert restored["goals"][-1] == goal
    assert set_at(removed, ["goals", {"id": goal["id"]}], None) == removed


# --- bytes ----------------------------------------------------------------------------------


def test_snapshot_round_trip(large: dict[str, Any]) -> None:
    data = snapshot_to_bytes(large)
    assert zlib.decompress(data) == canonical_json(large)
    assert snapshot_from_bytes(data) == large


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"dit is geen zlib",
        bytes(range(256)),
        zlib.compress(b"{niet: json}"),
        zlib.compress("{}".encode("utf-16")),
        zlib.compress(b'{"a": NaN}'),
        zlib.compress(b"[" * 100_000 + b"]" * 100_000),
        zlib.compress(b"[1, 2]")[:-3],
        zlib.compress(b"[]") + b"extra",
    ],
)
def test_garbage_bytes_are_refused_in_dutch(data: bytes) -> None:
    for reader in (patch_from_bytes, snapshot_from_bytes):
        with pytest.raises(RevisionError) as caught:
            reader(data)
        assert any(word in str(caught.value) for word in ("beschadigd", "onvolledig", "geen"))


def test_a_changed_byte_in_a_stored_snapshot_is_noticed(large: dict[str, Any]) -> None:
    data = bytearray(snapshot_to_bytes(large))
    data[len(data) // 2] ^= 0x01
    with pytest.raises(RevisionError, match="beschadigd"):
        snapshot_from_bytes(bytes(data))


def test_well_formed_json_of_the_wrong_shape_is_refused() -> None:
    with pytest.raises(RevisionError, match="geen document"):
        snapshot_from_bytes(zlib.compress(b"[1, 2]"))
    with pytest.raises(RevisionError, match="lijst van wijzigingen"):
        patch_from_bytes(zlib.compress(b'{"op": "set"}'))
    with pytest.raises(RevisionError, match="precies de velden"):
        patch_from_bytes(zlib.compress(b'[{"op": "set", "path": []}]'))


def test_a_decompression_bomb_is_refused() -> None:
    bomb = zlib.compress(b"[" + b" " * (80 * 1024 * 1024) + b"]", 9)
    with pytest.raises(RevisionError, match="groter dan"):
        patch_from_bytes(bomb)
