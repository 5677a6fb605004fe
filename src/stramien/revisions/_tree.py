"""Shared helpers for JSON documents: strict equality, copying, id-lists and paths."""

from __future__ import annotations

import json
import marshal
from typing import Any, Final

# A JSON value as produced by ``json.loads`` or ``model_dump(mode="json")``.
Json = Any
# A whole document: ``agreement.model_dump(mode="json")``.
Document = dict[str, Any]
# A path step: a dict key, ``{"id": ...}`` for an item of an id-list, or a list index.
PathStep = str | int | dict[str, str]
Path = tuple[PathStep, ...]


class _Missing:
    """Marks a key or item that is absent (as opposed to a ``None`` value)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def same(a: Json, b: Json) -> bool:
    """Equality that also demands equal types, so equal values have equal canonical JSON.

    Plain ``==`` treats ``1``, ``1.0`` and ``True`` as equal (and ``0.0`` and ``-0.0``),
    but their JSON text, and so the content hash, differs.
    """
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is dict or kind is list:
        # Decided in C where possible: values that differ for ``==`` differ here too, and
        # two values whose ``marshal`` bytes are equal have the same types all the way down
        # (marshal writes a type code for every value and refuses subclasses; version 2
        # writes no back-references, so the bytes do not depend on shared objects).
        # Dict keys in another order give other bytes, so then the walk decides.
        if a != b:
            return False
        if kind is list or list(a) == list(b):
            try:
                if marshal.dumps(a, 2) == marshal.dumps(b, 2):
                    return True
            except ValueError:
                pass
        return _same_types(a, b)
    if kind is float:
        return bool(a == b and repr(a) == repr(b))
    return bool(a == b)


def _same_types(a: Json, b: Json) -> bool:
    """For two values that are equal (``a == b``): whether every value inside also has the
    same type, and every float the same sign. Equal strings need no further look, which is
    most of a document."""
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is dict:
        pairs = zip(a.values(), map(b.__getitem__, a), strict=True)  # equal: same keys
    elif kind is list:
        pairs = zip(a, b, strict=True)  # equal lists: the same length
    elif kind is float:
        return repr(a) == repr(b)
    else:
        return True
    for value, other in pairs:
        if type(value) is str:
            if type(other) is not str:
                return False
        elif value is not other and not _same_types(value, other):
            return False
    return True


def copy_json(value: Json) -> Json:
    """A deep copy of a JSON value (dicts and lists copied, scalars shared)."""
    kind = type(value)
    if kind is dict:
        return {key: copy_json(item) for key, item in value.items()}
    if kind is list:
        return [copy_json(item) for item in value]
    return value


def item_id(value: Json) -> str | None:
    """The id of a list item, when it is a dict with a string ``"id"``."""
    if type(value) is dict:
        found = value.get("id")
        if type(found) is str:
            return found
    return None


def is_id_list(value: Json) -> bool:
    """True for a list whose items are all dicts with a unique string id (or an empty list)."""
    if type(value) is not list:
        return False
    seen: set[str] = set()
    for element in value:
        found = item_id(element)
        if found is None or found in seen:
            return False
        seen.add(found)
    return True


def ids_of(items: list[Json]) -> list[str]:
    """The ids of an id-list, in order."""
    return [element["id"] for element in items]


def id_step(identifier: str) -> dict[str, str]:
    return {"id": identifier}


def is_id_step(step: object) -> bool:
    return type(step) is dict and len(step) == 1 and "id" in step and type(step.get("id")) is str


def is_index_step(step: object) -> bool:
    return type(step) is int and step >= 0


def format_path(path: Path | list[PathStep]) -> str:
    """A path as developers read it: ``goals[id=G3].title`` or ``phases[2]``."""
    text = ""
    for step in path:
        if isinstance(step, dict):
            text += f"[id={step.get('id')}]"
        elif isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text or "(het hele document)"


def short_json(value: Json, limit: int = 60) -> str:
    """A value in a message, cut short."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def step_into(node: Json, step: PathStep) -> Json:
    """The child of ``node`` at ``step``, or MISSING when there is none."""
    if isinstance(step, str):
        return node.get(step, MISSING) if type(node) is dict else MISSING
    if type(node) is not list:
        return MISSING
    if isinstance(step, dict):
        wanted = step.get("id")
        for element in node:
            if item_id(element) == wanted:
                return element
        return MISSING
    return node[step] if 0 <= step < len(node) else MISSING


def value_at(doc: Json, path: Path | list[PathStep]) -> Json:
    """The value at ``path`` in ``doc``, or MISSING when the path does not exist."""
    node = doc
    for step in path:
        node = step_into(node, step)
        if node is MISSING:
            break
    return node
