"""Choices: every item of the document by its name for reference fields (the id only where
two items share a name), and the labels of enum members."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy
from pydantic import BaseModel

from stramien.model import Agreement
from stramien.web.schemaform.fields import field_specs
from stramien.web.schemaform.tree import MAX_ITEMS

ChoiceProvider = Callable[[tuple[str, ...]], list[tuple[str, str]]]

# gettext_lazy under its own name: makemessages does not find other aliases.
EMPTY_NONE = gettext_lazy("— geen —")
EMPTY_CHOOSE = gettext_lazy("— kies —")
UNKNOWN = gettext_lazy("(onbekend)")
NULLABLE_BOOL_CHOICES = [
    ("", gettext_lazy("Nog niet beantwoord")),
    ("true", gettext_lazy("Ja")),
    ("false", gettext_lazy("Nee")),
]

_LABEL_FIELDS = ("name", "title", "term", "activity", "description")
_LABEL_MAX = 80


def _short(text: str, limit: int = _LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_item(model: type[BaseModel], item: Mapping[str, Any]) -> str:
    """A short human name of an item: its name, title, term, ... (without the id)."""
    for name in _LABEL_FIELDS:
        value = item.get(name)
        if name in _field_names(model) and isinstance(value, str) and value.strip():
            return _short(value)
    for spec in field_specs(model):
        value = item.get(spec.name)
        if spec.name == "id" or spec.ref_kinds or spec.kind not in ("text", "select"):
            # A reference holds an id, which is no name for people.
            continue
        if spec.enum is not None and value is not None:
            return _enum_label(spec.enum, value)
        if isinstance(value, str) and value.strip():
            return _short(value)
    return ""


@cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


@cache
def _kinds_within(model: type[BaseModel]) -> frozenset[str]:
    """The kinds of identified items that can occur in ``model``'s data (itself included)."""
    kinds: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if "id" in _field_names(current):
            kinds.add(current.__name__)
        todo.extend(spec.model for spec in field_specs(current) if spec.model is not None)
    return frozenset(kinds)


def iter_items(
    model: type[BaseModel],
    data: Any,
    depth: int = 0,
    kinds: frozenset[str] | None = None,
) -> Iterator[tuple[str, str, str]]:
    """(kind, id, name) of every item with an id, in document order; tolerant of junk. The
    name is what a person knows the item by (the id when it has none). With ``kinds`` only
    items of those kinds, and parts of the document that cannot hold them are not walked."""
    if not isinstance(data, Mapping) or depth > 20:
        return
    if kinds is not None and not kinds & _kinds_within(model):
        return
    item_id = data.get("id")
    if (
        (kinds is None or model.__name__ in kinds)
        and "id" in _field_names(model)
        and isinstance(item_id, str)
        and item_id
    ):
        yield model.__name__, item_id, describe_item(model, data) or item_id
    for spec in field_specs(model):
        if spec.model is None:
            continue
        value = data.get(spec.name)
        if spec.kind == "group":
            yield from iter_items(spec.model, value, depth + 1, kinds)
        elif isinstance(value, list):
            for element in value[:MAX_ITEMS]:
                yield from iter_items(spec.model, element, depth + 1, kinds)


def choices_from(agreement_data: Mapping[str, Any] | None) -> ChoiceProvider:
    """Choices for reference fields: every item of the document by name, per kind. Items of
    one choice list that share a name are told apart by their id: "Woonzuid (woonzuid-2)".

    The document is walked only when a field asks, and then only the parts that can hold the
    kinds it asks for: a page without reference fields costs nothing here."""
    data = agreement_data or {}
    memo: dict[tuple[str, ...], list[tuple[str, str]]] = {}

    def provide(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        if kinds not in memo:
            items = [
                (item_id, name)
                for _kind, item_id, name in iter_items(Agreement, data, kinds=frozenset(kinds))
            ]
            names = Counter(name.casefold() for _, name in items)
            memo[kinds] = [
                (item_id, name if names[name.casefold()] == 1 else f"{name} ({item_id})")
                for item_id, name in items
            ]
        return list(memo[kinds])

    return provide


def _enum_label(enum_type: type[enum.Enum], value: Any) -> str:
    member: enum.Enum | None
    try:
        member = enum_type(value)
    except ValueError:
        try:
            member = enum_type(int(value)) if str(value).isdigit() else None
        except ValueError:
            member = None
    if member is None:
        return f"{value} {UNKNOWN}"
    label = getattr(member, "label", None) or str(member.value)
    if isinstance(member, int):
        return f"{member.value} – {label}"
    return str(label)


def enum_choices(enum_type: type[enum.Enum]) -> list[tuple[str, str]]:
    return [(str(member.value), _enum_label(enum_type, member.value)) for member in enum_type]
