"""Readable changes between two versions of the agreement, for a history page."""

from __future__ import annotations

import difflib
import enum
import re
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from stramien.model import Agreement
from stramien.model.base import unwrap_annotation

from ._tree import MISSING, Json, Path, PathStep, copy_json, ids_of, is_id_list, step_into, value_at
from .patch import diff

ChangeKind = Literal["toegevoegd", "verwijderd", "gewijzigd", "volgorde"]

SEPARATOR = " › "
# Fields that name an item, in order of preference, for labels like "G3 (Meer banen)".
NAME_FIELDS = ("name", "title", "activity", "term", "description", "sector", "partner")
NAME_MAX = 60


@dataclass
class Change:
    """One change: where (section, path, Dutch label), what kind, and the old and new value.

    ``old`` is None for an addition and ``new`` None for a removal; for "volgorde" both are
    lists of ids. Long texts are kept whole (show them with ``word_diff``).
    """

    section: str
    kind: ChangeKind
    path: Path
    label: str
    old: Json
    new: Json


def changes(old: Json, new: Json) -> list[Change]:
    """Every change from ``old`` to ``new`` (two ``model_dump(mode="json")`` documents)."""
    result: list[Change] = []
    for op in diff(old, new):
        path: Path = tuple(op["path"])
        before = value_at(old, path)
        kind: ChangeKind
        if op["op"] == "order":
            kind = "volgorde"
            before = ids_of(before) if is_id_list(before) else before
            after: Json = list(op["ids"])
        elif op["op"] == "remove":
            kind, after = "verwijderd", None
        else:
            after = op["value"]
            if before is MISSING or (before is None and type(after) is dict):
                kind = "toegevoegd"
            elif after is None and type(before) is dict:
                kind = "verwijderd"
            else:
                kind = "gewijzigd"
        result.append(
            Change(
                section=path[0] if path and isinstance(path[0], str) else "",
                kind=kind,
                path=path,
                label=label(path, old, new),
                old=None if before is MISSING else copy_json(before),
                new=None if after is MISSING else copy_json(after),
            )
        )
    return result


def group_changes(items: list[Change]) -> dict[str, list[Change]]:
    """Changes per section, sections in the document's order (unknown ones last)."""
    groups: dict[str, list[Change]] = {name: [] for name in Agreement.model_fields}
    for change in items:
        groups.setdefault(change.section, []).append(change)
    return {section: found for section, found in groups.items() if found}


# --- labels ---------------------------------------------------------------------------------


def _model(annotation: Any) -> type[BaseModel] | None:
    found = unwrap_annotation(annotation)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return found
    return None


def _element(annotation: Any) -> Any:
    found = unwrap_annotation(annotation)
    if typing.get_origin(found) is list:
        return typing.get_args(found)[0]
    return None


def _item_name(item: Json) -> str:
    if type(item) is not dict:
        return ""
    for name in NAME_FIELDS:
        value = item.get(name)
        if type(value) is str and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= NAME_MAX else text[: NAME_MAX - 1] + "…"
    return ""


def _item_label(step: PathStep, item: Json) -> str:
    if isinstance(step, int):
        head = f"nr. {step + 1}"
    elif isinstance(step, dict):
        head = str(step.get("id", "?"))
    else:
        head = step
    name = _item_name(item)
    return f"{head} ({name})" if name and name != head else head


def label(path: Path, old: Json, new: Json, root: type[BaseModel] = Agreement) -> str:
    """A Dutch location such as ``§4.1 Doelenboom › G3 (Meer banen) › Doel``.

    Field names become the Pydantic field titles of ``root`` and the models below it; list
    items become their id (or number) plus their name or title, taken from ``new`` (or from
    ``old`` when the item was removed). Keys the model does not know are shown as they are.
    """
    parts: list[str] = []
    annotation: Any = root
    nodes = [new, old]
    for step in path:
        if isinstance(step, str):
            model = _model(annotation)
            info = model.model_fields.get(step) if model is not None else None
            parts.append(info.title if info is not None and info.title else step)
            annotation = info.annotation if info is not None else None
            nodes = [step_into(node, step) for node in nodes]
        else:
            nodes = [step_into(node, step) for node in nodes]
            item = next((found for found in nodes if found is not MISSING), None)
            parts.append(_item_label(step, item))
            annotation = _element(annotation)
    return SEPARATOR.join(parts) if parts else "Het hele document"


# --- locations of findings -----------------------------------------------------------------

# Fields that name an item for a reader, in order of preference (enums and references are
# shown by their label or the name of what they point to).
READER_NAME_FIELDS = ("name", "title", "activity", "term", "description", "sector", "partner")


def _name_of_id(document: Json, item_id: str) -> str:
    """The name of the item with ``item_id`` in a JSON document ('' when none has it)."""
    stack = [document]
    while stack:
        node = stack.pop()
        if type(node) is list:
            stack.extend(node)
        elif type(node) is dict:
            if node.get("id") == item_id:
                return _item_name({k: v for k, v in node.items() if k in NAME_FIELDS[:5]})
            stack.extend(node.values())
    return ""


def _reader_name(model: type[BaseModel] | None, item: Json, document: Json) -> str:
    if type(item) is not dict or model is None:
        return ""
    for field_name in READER_NAME_FIELDS:
        info = model.model_fields.get(field_name)
        value = item.get(field_name)
        if info is None or type(value) is not str or not value.strip():
            continue
        kind = unwrap_annotation(info.annotation)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            try:
                member = kind(value)
            except ValueError:
                continue
            return str(getattr(member, "label", value))
        if field_name == "partner":
            return _name_of_id(document, value)
        return _item_name({"name": value})
    return ""


def location(path: Sequence[str | int], document: Json, root: type[BaseModel] = Agreement) -> str:
    """Where ``path`` is, as a reader finds it in the forms: ``§2 Samenwerkingsverband ›
    Samenwerkingspartners › Woonzuid › Bijdrage``.

    Like :func:`label`, but a list item is named by its name alone (the id never shows); an
    item without a name is ``nr. 3``. Enumerations show their Dutch label, a reference the
    name of what it points to.
    """
    parts: list[str] = []
    annotation: Any = root
    node: Json = document
    for step in path:
        if isinstance(step, str):
            model = _model(annotation)
            info = model.model_fields.get(step) if model is not None else None
            parts.append(info.title if info is not None and info.title else step)
            annotation = info.annotation if info is not None else None
            node = step_into(node, step)
            continue
        annotation = _element(annotation)
        node = step_into(node, step)
        parts.append(_reader_name(_model(annotation), node, document) or f"nr. {step + 1}")
    return SEPARATOR.join(parts) if parts else "Het hele document"


# --- word diff ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Chunks ("=", text), ("-", text), ("+", text) that turn ``old`` into ``new`` by words.

    Joining the "=" and "-" chunks gives ``old``; joining "=" and "+" gives ``new``. Spaces
    between two changed words are folded into the change, so a rewritten phrase reads as one
    deletion and one insertion.
    """
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # (equal?, old text, new text) per opcode.
    pieces: list[tuple[bool, str, str]] = [
        (tag == "equal", "".join(a[i1:i2]), "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    for index in range(1, len(pieces) - 1):
        equal, text, _ = pieces[index]
        if equal and not text.strip() and not pieces[index - 1][0] and not pieces[index + 1][0]:
            pieces[index] = (False, text, text)
    chunks: list[tuple[str, str]] = []
    pending_old = pending_new = ""
    for equal, before, after in pieces:
        if not equal:
            pending_old += before
            pending_new += after
            continue
        chunks += _flush(pending_old, pending_new)
        pending_old = pending_new = ""
        chunks.append(("=", before))
    chunks += _flush(pending_old, pending_new)
    return chunks


def _flush(before: str, after: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if before:
        out.append(("-", before))
    if after:
        out.append(("+", after))
    return out
