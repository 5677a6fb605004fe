"""Seeded random edits of a JSON document, the way people edit an agreement."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from stramien.io import load_agreement

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

WORDS = ["wijk", "jongeren", "werk", "energie", "samen", "zorg", "é", "🚲", "‘quote’", "€ 5,50"]


def example(name: str) -> dict[str, Any]:
    """An example agreement as a JSON document."""
    return load_agreement(EXAMPLES / name).model_dump(mode="json")


def _is_id_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in value)
    )


def _walk(node: Any, found: dict[str, list[tuple[Any, Any]]]) -> None:
    """Collect (container, key) pairs for strings, numbers, scalar lists and id-lists."""
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        if key == "id":
            continue
        if isinstance(value, str):
            found["text"].append((node, key))
        elif isinstance(value, bool) or value is None:
            found["flag"].append((node, key))
        elif isinstance(value, int | float):
            found["number"].append((node, key))
        elif _is_id_list(value):
            found["idlist"].append((node, key))
        elif isinstance(value, list) and all(isinstance(x, str) for x in value):
            found["strlist"].append((node, key))
        _walk(value, found)


class Mutator:
    """Edits a document in place; every call makes one random change."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counter = 0

    def _fresh(self, item: Any) -> Any:
        """A copy of an item with new ids everywhere inside it."""
        copied = copy.deepcopy(item)

        def rename(node: Any) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("id"), str):
                    self.counter += 1
                    node["id"] = f"nieuw-{self.counter}"
                for value in node.values():
                    rename(value)
            elif isinstance(node, list):
                for value in node:
                    rename(value)

        rename(copied)
        return copied

    def mutate(self, doc: dict[str, Any]) -> str:
        found: dict[str, list[tuple[Any, Any]]] = {
            "text": [],
            "flag": [],
            "number": [],
            "idlist": [],
            "strlist": [],
        }
        _walk(doc, found)
        rng = self.rng
        kind = rng.choice(
            ["text", "text", "text", "add", "remove", "reorder", "move", "number", "flag", "list"]
        )
        if kind == "text":
            node, key = rng.choice(found["text"])
            words = node[key].split()
            if words and rng.random() < 0.5:
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            else:
                words.insert(rng.randint(0, len(words)), rng.choice(WORDS))
            node[key] = " ".join(words)
        elif kind in ("add", "remove", "reorder", "move"):
            node, key = rng.choice(found["idlist"])
            items = node[key]
            if kind == "add":
                items.insert(rng.randint(0, len(items)), self._fresh(rng.choice(items)))
            elif kind == "remove" and len(items) > 1:
                del items[rng.randrange(len(items))]
            elif kind == "reorder":
                rng.shuffle(items)
            else:
                items.insert(rng.randint(0, len(items) - 1), items.pop(rng.randrange(len(items))))
        elif kind == "number" and found["number"]:
            node, key = rng.choice(found["number"])
            node[key] = node[key] + rng.choice([1, 2.5, -1])
        elif kind == "flag" and found["flag"]:
            node, key = rng.choice(found["flag"])
            node[key] = rng.choice([True, False, None, "tekst"])
        elif kind == "list" and found["strlist"]:
            node, key = rng.choice(found["strlist"])
            node[key] = [*node[key], rng.choice(WORDS)][-3:]
        return kind
