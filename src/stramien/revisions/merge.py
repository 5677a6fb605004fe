"""Three-way merge of JSON documents by stable ids."""

from __future__ import annotations

from dataclasses import dataclass, field

from ._tree import MISSING, Json, Path, copy_json, id_step, ids_of, is_id_list, same


@dataclass
class Conflict:
    """A spot both sides changed differently; the merged document holds ``theirs``.

    ``None`` stands for a value or item that is absent on that side (an item deleted there),
    so ``set_at(document, conflict.path, conflict.ours)`` turns the merged document into the
    one with ours' choice at that spot.
    """

    path: Path
    base: Json
    ours: Json
    theirs: Json


@dataclass
class MergeResult:
    document: Json
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when the merge needed no decisions."""
        return not self.conflicts


def merge3(base: Json, ours: Json, theirs: Json) -> MergeResult:
    """Merge the changes of ``ours`` and ``theirs`` since their common ancestor ``base``.

    Inputs are never changed. Where both sides changed the same spot differently, the result
    holds ``theirs`` and a Conflict records all three values.
    """
    conflicts: list[Conflict] = []
    document = _merge(base, ours, theirs, (), conflicts)
    return MergeResult(document=document, conflicts=conflicts)


def _absent_as_none(value: Json) -> Json:
    return None if value is MISSING else copy_json(value)


def _conflict(path: Path, base: Json, ours: Json, theirs: Json, conflicts: list[Conflict]) -> Json:
    conflicts.append(
        Conflict(
            path=path,
            base=_absent_as_none(base),
            ours=_absent_as_none(ours),
            theirs=_absent_as_none(theirs),
        )
    )
    return copy_json(theirs)


def _merge(base: Json, ours: Json, theirs: Json, path: Path, conflicts: list[Conflict]) -> Json:
    """Merge three present values (``base`` may be MISSING: added on both sides)."""
    if same(ours, theirs):
        return copy_json(ours)
    if base is not MISSING:
        if same(base, ours):
            return copy_json(theirs)
        if same(base, theirs):
            return copy_json(ours)
        if type(base) is dict and type(ours) is dict and type(theirs) is dict:
            return _merge_dicts(base, ours, theirs, path, conflicts)
        if is_id_list(base) and is_id_list(ours) and is_id_list(theirs):
            return _merge_id_lists(base, ours, theirs, path, conflicts)
        if _same_length_lists(base, ours, theirs):
            return [
                _merge(b, o, t, (*path, index), conflicts)
                for index, (b, o, t) in enumerate(zip(base, ours, theirs, strict=True))
            ]
    return _conflict(path, base, ours, theirs, conflicts)


def _same_length_lists(base: Json, ours: Json, theirs: Json) -> bool:
    """Lists without ids that kept their length on both sides: merged position by position.

    Two people who change different definitions (or different lines of a task list) do not
    conflict; an added or removed line on either side makes the list one value again.
    """
    return (
        type(base) is list
        and type(ours) is list
        and type(theirs) is list
        and len(base) == len(ours) == len(theirs)
    )


def _merge_present_or_not(
    base: Json, ours: Json, theirs: Json, path: Path, conflicts: list[Conflict]
) -> Json:
    """Merge a key or item that may be absent (MISSING) on any side; MISSING = leave out."""
    if ours is MISSING and theirs is MISSING:
        return MISSING
    if ours is not MISSING and theirs is not MISSING:
        return _merge(base, ours, theirs, path, conflicts)
    present = ours if theirs is MISSING else theirs
    if base is MISSING:
        return copy_json(present)  # added on one side only
    if same(base, present):
        return MISSING  # removed on one side, untouched on the other
    # Removed on one side, changed on the other: theirs decides what stays.
    _conflict(path, base, ours, theirs, conflicts)
    return MISSING if theirs is MISSING else copy_json(theirs)


def _merge_dicts(
    base: dict[str, Json],
    ours: dict[str, Json],
    theirs: dict[str, Json],
    path: Path,
    conflicts: list[Conflict],
) -> dict[str, Json]:
    keys = list(theirs) + [key for key in ours if key not in theirs]
    keys += [key for key in base if key not in theirs and key not in ours]
    result: dict[str, Json] = {}
    for key in keys:
        value = _merge_present_or_not(
            base.get(key, MISSING),
            ours.get(key, MISSING),
            theirs.get(key, MISSING),
            (*path, key),
            conflicts,
        )
        if value is not MISSING:
            result[key] = value
    return result


def _merge_id_lists(
    base: list[Json],
    ours: list[Json],
    theirs: list[Json],
    path: Path,
    conflicts: list[Conflict],
) -> list[Json]:
    base_by = {element["id"]: element for element in base}
    ours_by = {element["id"]: element for element in ours}
    theirs_by = {element["id"]: element for element in theirs}
    every = ids_of(theirs) + [i for i in ids_of(ours) if i not in theirs_by]
    every += [i for i in ids_of(base) if i not in theirs_by and i not in ours_by]

    merged: dict[str, Json] = {}
    for identifier in every:
        value = _merge_present_or_not(
            base_by.get(identifier, MISSING),
            ours_by.get(identifier, MISSING),
            theirs_by.get(identifier, MISSING),
            (*path, id_step(identifier)),
            conflicts,
        )
        if value is not MISSING:
            merged[identifier] = value

    order = _merge_order(ids_of(base), ids_of(ours), ids_of(theirs), set(merged))
    return [merged[identifier] for identifier in order]


def _reordered(base: list[str], side: list[str]) -> bool:
    """True when ``side`` puts the items it shares with ``base`` in another order."""
    in_side = set(side)
    in_base = set(base)
    return [i for i in base if i in in_side] != [i for i in side if i in in_base]


def _merge_order(
    base: list[str],
    ours: list[str],
    theirs: list[str],
    kept: set[str],
) -> list[str]:
    """The order of the merged items: one side's order, the other side's additions slotted in.

    The skeleton is theirs' order unless only ours reordered (when both reordered, theirs
    wins; that is not reported as a conflict). Items the skeleton lacks come from the other
    side: those after its last item that the skeleton also has are appended at the end (an
    item added at the end stays at the end); the others go right after their nearest
    preceding neighbour on their own side, or to the front when they have none, but behind
    any items the skeleton side itself added at that spot.
    """
    if _reordered(base, ours) and not _reordered(base, theirs):
        skeleton_side, other_side = ours, theirs
    else:
        skeleton_side, other_side = theirs, ours

    in_base = set(base)
    order = [i for i in skeleton_side if i in kept]
    placed = set(order)
    skeleton_new = {i for i in skeleton_side if i not in in_base}
    where = {identifier: index for index, identifier in enumerate(other_side)}
    last_shared = max((where[i] for i in other_side if i in placed), default=-1)
    # Every kept item is on ours or theirs, so whatever the skeleton lacks is on the other side.
    missing = [i for i in other_side if i in kept and i not in placed]
    for identifier in missing:
        if where[identifier] > last_shared:
            position = len(order)
        else:
            position = 0
            for before in reversed(other_side[: where[identifier]]):
                if before in placed:
                    position = order.index(before) + 1
                    break
            while position < len(order) and order[position] in skeleton_new:
                position += 1
        order.insert(position, identifier)
        placed.add(identifier)
    return order
