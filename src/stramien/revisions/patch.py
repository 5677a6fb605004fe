"""Patches between two JSON documents, addressed by stable ids, and their byte form."""

from __future__ import annotations

import json
import zlib
from typing import Any

from ._tree import (
    MISSING,
    Json,
    Path,
    PathStep,
    copy_json,
    format_path,
    id_step,
    ids_of,
    is_id_list,
    is_id_step,
    is_index_step,
    item_id,
    same,
    value_at,
)
from .errors import RevisionError
from .hashing import canonical_json

# One operation: {"op": "set" | "remove" | "order", "path": [...], ...}; see docs/revisions.md.
Operation = dict[str, Any]
Patch = list[Operation]

OPERATIONS = ("set", "remove", "order")
FIELDS = {"set": {"op", "path", "value"}, "remove": {"op", "path"}, "order": {"op", "path", "ids"}}

# Decompressed data is never allowed to grow beyond this (a bomb is refused, not unpacked).
MAX_DECOMPRESSED = 64 * 1024 * 1024


# --- diff ---------------------------------------------------------------------------------


def diff(old: Json, new: Json) -> Patch:
    """The operations that turn ``old`` into ``new``; neither input is changed.

    Dicts are compared key by key, lists of items with ids item by item (by id, never by
    position), lists of dicts without ids of equal length position by position; any other
    difference replaces the value as a whole.
    """
    ops: Patch = []
    _diff(old, new, [], ops)
    return ops


def _diff(old: Json, new: Json, path: list[PathStep], ops: Patch) -> None:
    if same(old, new):
        return
    if type(old) is dict and type(new) is dict:
        for key in old:
            if key not in new:
                ops.append({"op": "remove", "path": [*path, key]})
        for key, value in new.items():
            if key in old:
                _diff(old[key], value, [*path, key], ops)
            else:
                ops.append({"op": "set", "path": [*path, key], "value": copy_json(value)})
        return
    if type(old) is list and type(new) is list:
        if is_id_list(old) and is_id_list(new):
            _diff_id_list(old, new, path, ops)
            return
        if (
            len(old) == len(new)
            and old
            and all(type(x) is dict and type(y) is dict for x, y in zip(old, new, strict=True))
        ):
            for index, (x, y) in enumerate(zip(old, new, strict=True)):
                _diff(x, y, [*path, index], ops)
            return
    ops.append({"op": "set", "path": list(path), "value": copy_json(new)})


def _diff_id_list(old: list[Json], new: list[Json], path: list[PathStep], ops: Patch) -> None:
    old_by_id = {element["id"]: element for element in old}
    new_by_id = {element["id"]: element for element in new}
    for element in old:
        if element["id"] not in new_by_id:
            ops.append({"op": "remove", "path": [*path, id_step(element["id"])]})
    added: list[str] = []
    for element in new:
        identifier = element["id"]
        if identifier in old_by_id:
            _diff(old_by_id[identifier], element, [*path, id_step(identifier)], ops)
        else:
            added.append(identifier)
            ops.append(
                {"op": "set", "path": [*path, id_step(identifier)], "value": copy_json(element)}
            )
    # After the operations above the list holds the kept items in their old order, then the
    # added ones in their new order; only when that is not the new order is it spelled out.
    after = [identifier for identifier in ids_of(old) if identifier in new_by_id] + added
    wanted = ids_of(new)
    if after != wanted:
        ops.append({"op": "order", "path": list(path), "ids": wanted})


# --- apply --------------------------------------------------------------------------------


def apply(doc: Json, patch: Patch) -> Json:
    """A new document: ``doc`` with ``patch`` applied. Neither input is changed.

    Raises RevisionError (Dutch) when an operation does not fit the document.
    """
    check_patch(patch)
    result = copy_json(doc)
    for number, op in enumerate(patch, start=1):
        result = _apply_one(result, op, number)
    return result


def _apply_one(doc: Json, op: Operation, number: int) -> Json:
    path: list[PathStep] = op["path"]
    kind = op["op"]
    if not path:
        if kind == "set":
            return copy_json(op["value"])
        if kind == "order":
            _order(doc, op, number)
            return doc
        raise _misfit(number, op, "het hele document kan niet worden verwijderd")
    parent = doc
    for depth, step in enumerate(path[:-1]):
        parent = _step_into(parent, step, number, op, depth)
    last = path[-1]
    if kind == "set":
        _set(parent, last, op, number)
    elif kind == "remove":
        _remove(parent, last, op, number)
    else:
        _order(_step_into(parent, last, number, op, len(path) - 1), op, number)
    return doc


def _misfit(number: int, op: Operation, reason: str) -> RevisionError:
    return RevisionError(
        f"Wijziging {number} ({op.get('op')} op {format_path(op.get('path', []))}) past niet "
        f"op dit document: {reason}."
    )


def _find(items: list[Json], identifier: str) -> int | None:
    for index, element in enumerate(items):
        if item_id(element) == identifier:
            return index
    return None


def _step_into(node: Json, step: PathStep, number: int, op: Operation, depth: int) -> Json:
    where = format_path(op["path"][: depth + 1])
    if isinstance(step, str):
        if type(node) is not dict or step not in node:
            raise _misfit(number, op, f"{where} bestaat niet")
        return node[step]
    if type(node) is not list:
        raise _misfit(number, op, f"{where} verwacht een lijst")
    if isinstance(step, dict):
        index = _find(node, step["id"])
        if index is None:
            raise _misfit(number, op, f"er is geen onderdeel met id '{step['id']}'")
        return node[index]
    if step >= len(node):
        raise _misfit(number, op, f"{where} bestaat niet (de lijst is korter)")
    return node[step]


def _set(parent: Json, step: PathStep, op: Operation, number: int) -> None:
    value = copy_json(op["value"])
    if isinstance(step, str):
        if type(parent) is not dict:
            raise _misfit(number, op, "hier hoort een blok met velden")
        parent[step] = value
        return
    if type(parent) is not list:
        raise _misfit(number, op, "hier hoort een lijst")
    if isinstance(step, dict):
        if item_id(value) != step["id"]:
            raise _misfit(number, op, "het id van de nieuwe waarde klopt niet bij het pad")
        index = _find(parent, step["id"])
        if index is None:
            parent.append(value)
        else:
            parent[index] = value
        return
    if step >= len(parent):
        raise _misfit(number, op, "de lijst is korter")
    parent[step] = value


def _remove(parent: Json, step: PathStep, op: Operation, number: int) -> None:
    if isinstance(step, str):
        if type(parent) is not dict or step not in parent:
            raise _misfit(number, op, "dit veld bestaat niet")
        del parent[step]
        return
    if type(parent) is not list:
        raise _misfit(number, op, "hier hoort een lijst")
    if isinstance(step, dict):
        index = _find(parent, step["id"])
        if index is None:
            raise _misfit(number, op, f"er is geen onderdeel met id '{step['id']}'")
        del parent[index]
        return
    if step >= len(parent):
        raise _misfit(number, op, "de lijst is korter")
    del parent[step]


def _order(node: Json, op: Operation, number: int) -> None:
    if not is_id_list(node):
        raise _misfit(number, op, "dit is geen lijst van onderdelen met een id")
    wanted: list[str] = op["ids"]
    by_id = {element["id"]: element for element in node}
    if len(wanted) != len(by_id) or set(wanted) != set(by_id):
        raise _misfit(number, op, "de nieuwe volgorde noemt niet precies de onderdelen in de lijst")
    node[:] = [by_id[identifier] for identifier in wanted]


# --- setting one value -------------------------------------------------------------------


def set_at(doc: Json, path: Path | list[PathStep], value: Json) -> Json:
    """A new document with ``value`` at ``path``; ``doc`` is not changed.

    For an item of an id-list (last step ``{"id": ...}``) ``None`` removes the item and an
    item that is not there yet is appended, matching how Conflict marks absent items. Raises
    RevisionError (Dutch) when the path does not lead anywhere in ``doc``.
    """
    steps = list(path)
    if steps and is_id_step(steps[-1]) and value is None:
        if value_at(doc, steps) is MISSING:
            return copy_json(doc)
        op: Operation = {"op": "remove", "path": steps}
    else:
        op = {"op": "set", "path": steps, "value": value}
    return apply(doc, [op])


# --- checking the shape of a patch -----------------------------------------------------------


def check_patch(patch: object) -> None:
    """Raise RevisionError (Dutch) unless ``patch`` is a well-formed list of operations."""
    if type(patch) is not list:
        raise RevisionError("Een wijzigingsset moet een lijst van wijzigingen zijn.")
    for number, op in enumerate(patch, start=1):
        problem = _op_problem(op)
        if problem:
            raise RevisionError(f"Wijziging {number} in de wijzigingsset is ongeldig: {problem}.")


def _op_problem(op: object) -> str:
    if type(op) is not dict:
        return "een wijziging moet een blok met velden zijn"
    kind = op.get("op")
    if kind not in OPERATIONS:
        return f"onbekende soort wijziging {kind!r} (bekend: {', '.join(OPERATIONS)})"
    if set(op) != FIELDS[kind]:
        return f"een '{kind}'-wijziging heeft precies de velden {', '.join(sorted(FIELDS[kind]))}"
    path = op["path"]
    if type(path) is not list:
        return "het pad moet een lijst zijn"
    for step in path:
        if not (type(step) is str or is_index_step(step) or is_id_step(step)):
            return f"ongeldige stap {step!r} in het pad (een veldnaam, {{'id': ...}} of een index)"
    if kind == "remove" and not path:
        return "het hele document kan niet worden verwijderd"
    if kind == "order":
        ids = op["ids"]
        if type(ids) is not list or not all(type(i) is str for i in ids):
            return "de volgorde moet een lijst van ids zijn"
        if len(set(ids)) != len(ids):
            return "de volgorde noemt een id meer dan eens"
    return ""


# --- bytes ----------------------------------------------------------------------------------


def _compress(value: Json, canonical: bytes | None = None) -> bytes:
    return zlib.compress(canonical_json(value) if canonical is None else canonical, 9)


def _decompress(data: object, what: str) -> Json:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise RevisionError(f"{what} moet uit bytes bestaan.")
    try:
        unpacker = zlib.decompressobj()
        raw = unpacker.decompress(bytes(data), MAX_DECOMPRESSED)
        if unpacker.unconsumed_tail:
            raise RevisionError(
                f"{what} is uitgepakt groter dan {MAX_DECOMPRESSED // (1024 * 1024)} MB; "
                "dat is geen Stramien-gegeven."
            )
        if not unpacker.eof or unpacker.unused_data:
            raise RevisionError(f"{what} is onvolledig of bevat extra bytes na het einde.")
    except zlib.error:
        raise RevisionError(
            f"{what} is beschadigd of geen Stramien-gegeven (niet met zlib ingepakt)."
        ) from None
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RevisionError(
            f"{what} bevat geen geldige JSON; de gegevens zijn beschadigd."
        ) from None


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is geen JSON")


def patch_to_bytes(patch: Patch) -> bytes:
    """A patch for storage: zlib-compressed canonical JSON."""
    check_patch(patch)
    return _compress(patch)


def patch_from_bytes(data: bytes) -> Patch:
    """A patch read back from storage; RevisionError (Dutch) for anything else."""
    patch = _decompress(data, "De opgeslagen wijzigingsset")
    check_patch(patch)
    result: Patch = patch
    return result


def snapshot_to_bytes(doc: Json, canonical: bytes | None = None) -> bytes:
    """A whole document for storage: zlib-compressed canonical JSON. ``canonical`` is
    ``canonical_json(doc)`` when the caller made it already (for the content hash)."""
    if type(doc) is not dict:
        raise RevisionError("Een momentopname moet een heel document zijn (een blok met velden).")
    return _compress(doc, canonical)


def snapshot_from_bytes(data: bytes) -> dict[str, Any]:
    """A whole document read back from storage; RevisionError (Dutch) for anything else."""
    doc = _decompress(data, "De opgeslagen momentopname")
    if type(doc) is not dict:
        raise RevisionError(
            "De opgeslagen momentopname is geen document (geen blok met velden); "
            "de gegevens zijn beschadigd."
        )
    result: dict[str, Any] = doc
    return result
