"""``same``: two JSON values are the same exactly when their canonical JSON is the same, also
when their keys come in another order (a document read from storage has sorted keys, one
made by the model has the model's order) and when ``==`` alone would call them equal."""

from __future__ import annotations

import json
import random
from typing import Any

from revision_mutations import example

from stramien.revisions import canonical_json, diff
from stramien.revisions._tree import same

# Scalars that ``==`` confuses with one another, but whose JSON text differs.
CONFUSABLE = [0, 0.0, -0.0, False, 1, 1.0, True, None, "", "1", "true", 2**53, 2.0**53]


def random_json(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        return rng.choice(CONFUSABLE)
    if roll < 0.75:
        return {f"k{index}": random_json(rng, depth + 1) for index in range(rng.randint(0, 4))}
    return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def reordered(value: Any, rng: random.Random) -> Any:
    """The same value with every dict's keys in another order."""
    if type(value) is dict:
        keys = list(value)
        rng.shuffle(keys)
        return {key: reordered(value[key], rng) for key in keys}
    if type(value) is list:
        return [reordered(item, rng) for item in value]
    return value


def one_scalar_swapped(value: Any, rng: random.Random) -> Any:
    """A copy with one scalar somewhere replaced by a confusable one (perhaps equal text)."""
    if type(value) is dict and value:
        key = rng.choice(list(value))
        return {**value, key: one_scalar_swapped(value[key], rng)}
    if type(value) is list and value:
        index = rng.randrange(len(value))
        return [*value[:index], one_scalar_swapped(value[index], rng), *value[index + 1 :]]
    return rng.choice(CONFUSABLE)


def test_same_agrees_with_the_canonical_json_in_any_key_order() -> None:
    rng = random.Random(16)
    seen = {True: 0, False: 0}
    for _ in range(20_000):
        a = random_json(rng)
        b = reordered(one_scalar_swapped(a, rng), rng) if rng.random() < 0.7 else reordered(a, rng)
        expected = canonical_json(a) == canonical_json(b)
        assert same(a, b) is expected, (a, b)
        assert same(b, a) is expected, (a, b)
        seen[expected] += 1
    # Both answers are well represented, so neither side of the check is vacuous.
    assert min(seen.values()) > 2_000


def test_a_head_read_from_storage_differs_from_the_new_version_only_where_it_was_edited() -> None:
    document = example("large.yaml")
    stored = json.loads(canonical_json(document))  # sorted keys, as read back from storage
    assert list(stored) != list(document)
    assert diff(stored, document) == []
    edited = json.loads(json.dumps(document))
    edited["goals"][0]["title"] = "Een nieuwe titel"
    goal = edited["goals"][0]["id"]
    assert diff(stored, edited) == [
        {"op": "set", "path": ["goals", {"id": goal}, "title"], "value": "Een nieuwe titel"}
    ]
    # A number that only changed type (2 -> 2.0) changes the hash, so it is a change too.
    parent, key = first_whole_number(edited)
    parent[key] = float(parent[key])
    changed = diff(stored, edited)
    assert len(changed) == 2
    assert [type(op["value"]) for op in changed if op["value"] != "Een nieuwe titel"] == [float]


def first_whole_number(value: Any) -> tuple[Any, Any]:
    """The container and key of the first int (not a bool) in a document."""
    children = value.items() if type(value) is dict else enumerate(value)
    for key, item in children:
        if type(item) is int:
            return value, key
        if type(item) in (dict, list):
            try:
                return first_whole_number(item)
            except LookupError:
                continue
    raise LookupError("no whole number")
