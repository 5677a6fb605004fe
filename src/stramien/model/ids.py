"""Ids made from names: people type a name, the document gets a stable id.

An id is made once, when an item is created without one ("Gemeente Apeldoorn" ->
``gemeente-apeldoorn``), unique in the whole document (``-2``, ``-3`` on a collision) and never
changed afterwards, since references and monitoring records key on it.
"""

from __future__ import annotations

import copy
import re
import types
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .agreement import KIND_NAMES, REFERENCE_KINDS, Agreement

ID_MAX = 64
# The fields that name an item, in the order they are tried.
NAME_FIELDS = ("name", "title", "term", "activity", "description")
# Words a long name is cut back to: an id stays readable, however long the title.
_WORDS_MAX = 6
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Letters that do not decompose into a base letter and an accent.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ĳ": "ij"})
_MAX_DEPTH = 20


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by "-" ("Café de Zuid" -> ``cafe-de-zuid``); may be ''."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    words = [word for word in _NOT_SLUG.split(ascii_text) if word][:_WORDS_MAX]
    return _cut("-".join(words), ID_MAX)


def _cut(slug: str, limit: int) -> str:
    return slug[:limit].rstrip("-")


def unique_id(name: str, taken: set[str], *, fallback: str = "onderdeel") -> str:
    """A new id for an item called ``name``, not in ``taken`` (compared without case).

    An id starts with a letter: a name that starts with a digit gets ``fallback`` in front
    ("2030" -> ``doel-2030``), a name without letters or digits becomes ``fallback`` itself.
    The id is added to ``taken``.
    """
    prefix = slugify(fallback) or "onderdeel"
    base = slugify(name)
    if not base:
        base = prefix
    elif not base[0].isalpha():
        base = _cut(f"{prefix}-{base}", ID_MAX)
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f"-{number}"
        candidate = _cut(base, ID_MAX - len(suffix)) + suffix
    taken.add(candidate.lower())
    return candidate


def item_name(model: type[BaseModel], item: Mapping[str, Any]) -> str:
    """The name a person knows an item by: its name, title, term, ...; '' when it has none."""
    for field in NAME_FIELDS:
        value = item.get(field)
        if field in model.model_fields and isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _inner_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside a field's annotation, and whether the field is a list of them."""
    is_list = False
    for _ in range(10):
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return None, is_list
            annotation = members[0]
        elif origin is list and not is_list:
            is_list = True
            annotation = get_args(annotation)[0]
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, is_list
    return None, is_list


@cache
def _children(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel], bool], ...]:
    """The fields of ``model`` that hold items: (name, their model, whether a list)."""
    found = []
    for name, info in model.model_fields.items():
        inner, is_list = _inner_model(info.annotation)
        if inner is not None:
            found.append((name, inner, is_list))
    return tuple(found)


@cache
def _reference_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(field for owner, field in REFERENCE_KINDS if owner == model.__name__)


def _walk(
    model: type[BaseModel], data: Any, depth: int = 0
) -> Iterator[tuple[type[BaseModel], dict[str, Any]]]:
    """(model, item) for every mapping in the document, in document order; tolerant of junk."""
    if not isinstance(data, dict) or depth > _MAX_DEPTH:
        return
    yield model, data
    for name, inner, is_list in _children(model):
        value = data.get(name)
        if is_list:
            if isinstance(value, list):
                for element in value:
                    yield from _walk(inner, element, depth + 1)
        else:
            yield from _walk(inner, value, depth + 1)


def _has_id(item: Mapping[str, Any]) -> bool:
    value = item.get("id")
    return isinstance(value, str) and bool(value.strip())


def _scan(data: Mapping[str, Any], model: type[BaseModel]) -> tuple[set[str], bool]:
    """Every id in the document and every value a reference holds (also a broken one: a new
    item must not silently become the target of an old reference), and whether any item
    lacks its id."""
    taken: set[str] = set()
    missing = False
    for kind, item in _walk(model, dict(data)):
        if "id" in kind.model_fields:
            if _has_id(item):
                taken.add(str(item["id"]).strip().lower())
            else:
                missing = True
        for field in _reference_fields(kind):
            value = item.get(field)
            for ref in value if isinstance(value, list) else [value]:
                if isinstance(ref, str) and ref.strip():
                    taken.add(ref.strip().lower())
    return taken, missing


def fill_missing_ids(data: Mapping[str, Any], model: type[BaseModel] = Agreement) -> dict[str, Any]:
    """``data`` where every item without an id has one made from its name (a copy when
    anything was filled; ``data`` itself is never changed).

    Items that have an id keep it, whatever their name says now. Works on JSON-like data
    before validation, so it tolerates anything a form or file may hold.
    """
    taken, missing = _scan(data, model)
    if not missing:
        return dict(data)
    filled = copy.deepcopy(dict(data))
    for kind, item in _walk(model, filled):
        if "id" not in kind.model_fields or _has_id(item):
            continue
        fallback = KIND_NAMES.get(kind.__name__, kind.__name__)
        item["id"] = unique_id(item_name(kind, item), taken, fallback=fallback)
    return filled


def names_by_id(data: Mapping[str, Any], model: type[BaseModel] = Agreement) -> dict[str, str]:
    """The name of every item with an id (its id when it has no name), for pages people read."""
    found: dict[str, str] = {}
    for kind, item in _walk(model, data):
        if "id" in kind.model_fields and _has_id(item):
            item_id = str(item["id"]).strip()
            found.setdefault(item_id, item_name(kind, item) or item_id)
    return found


__all__ = [
    "ID_MAX",
    "NAME_FIELDS",
    "fill_missing_ids",
    "item_name",
    "names_by_id",
    "slugify",
    "unique_id",
]
