"""A readable diff between two versions: per section, in the words and values people see.

Where ``changes`` lists every patch operation with its place, this walks both documents
along the model itself, so each value is shown as the forms and documents show it: an
enumeration by its Dutch label, money as money, a date as a Dutch date, a reference by the
name of what it points to, items of a list by their name (never by their id), and a text
with its changed words marked.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from stramien import formatting
from stramien.model import KIND_NAMES, Agreement
from stramien.model.agreement import REFERENCE_KINDS
from stramien.model.base import unwrap_annotation

from ._tree import MISSING, Json, Path, PathStep, id_step, is_id_list, item_id, same
from .changes import NAME_FIELDS, NAME_MAX, SEPARATOR, ChangeKind, word_diff

# Fields a person never reads in a diff: ids are keys, not content.
HIDDEN_FIELDS = frozenset({"id"})
# Integer fields that are years: 2027, not 2.027.
YEAR_FIELDS = frozenset({"year"})
YES, NO = "ja", "nee"


@dataclass(frozen=True)
class ReadableChange:
    """One change as a person reads it.

    ``path`` is where it is in the newer document (in the older one for a removal), with
    ``{"id": ...}`` steps for identified items; ``place`` the Dutch labels from just below
    the section down to the field or item. ``old`` and ``new`` are the values as shown on
    the pages ("" for nothing). A changed text has ``words``; a list of values the values
    ``added`` and ``removed``; an added or removed item its filled fields in ``facts``.
    """

    kind: ChangeKind
    path: Path
    place: tuple[str, ...]
    old: str = ""
    new: str = ""
    words: tuple[tuple[str, str], ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return SEPARATOR.join(self.place)


@dataclass(frozen=True)
class SectionChanges:
    """The changes of one top-level part of the agreement (``programme``, ``goals``, ...)."""

    key: str
    title: str
    changes: tuple[ReadableChange, ...]


def readable_diff(old: Json, new: Json) -> list[SectionChanges]:
    """The changes from ``old`` to ``new`` (two ``model_dump(mode="json")`` documents), per
    top-level part in the document's order; parts without changes are left out."""
    old_doc = old if type(old) is dict else {}
    new_doc = new if type(new) is dict else {}
    walker = _Walker(_names(old_doc) | _names(new_doc))
    result: list[SectionChanges] = []
    for key, info in Agreement.model_fields.items():
        before, after = old_doc.get(key, MISSING), new_doc.get(key, MISSING)
        if same(before, after):
            continue
        found: list[ReadableChange] = []
        walker.value(before, after, Agreement, key, info, (key,), (), found)
        if found:
            result.append(SectionChanges(key, info.title or key, tuple(found)))
    return result


def count_changes(sections: list[SectionChanges]) -> int:
    return sum(len(section.changes) for section in sections)


# --- types of the model ---------------------------------------------------------------------


def _as_model(annotation: Any) -> type[BaseModel] | None:
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def _list_element(annotation: Any) -> Any:
    found = unwrap_annotation(annotation)
    if typing.get_origin(found) is not list:
        return None
    return unwrap_annotation(typing.get_args(found)[0])


def _is_reference(owner: type[BaseModel], name: str) -> bool:
    return any((cls.__name__, name) in REFERENCE_KINDS for cls in owner.__mro__)


def _is_money(info: FieldInfo) -> bool:
    # Amount (money) is the only decimal with at most two places; quantities have four.
    return any(getattr(meta, "decimal_places", None) == 2 for meta in info.metadata)


# --- names of items -------------------------------------------------------------------------


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NAME_MAX else text[: NAME_MAX - 1] + "…"


def _raw_name(item: Json) -> str:
    """The first name-like text of an item, as typed (references not yet resolved)."""
    if type(item) is not dict:
        return ""
    for name in NAME_FIELDS:
        value = item.get(name)
        if type(value) is str and value.strip():
            return _short(value)
    return ""


def _names(document: Json) -> dict[str, str]:
    """Every identified item's name by its id, to show a reference by name."""
    found: dict[str, str] = {}
    stack = [document]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            identifier = item_id(node)
            if identifier is not None and identifier not in found:
                found[identifier] = _raw_name(node)
            stack.extend(node.values())
        elif type(node) is list:
            stack.extend(node)
    return {key: value for key, value in found.items() if value}


def _kind_name(model: type[BaseModel]) -> str:
    kind = KIND_NAMES.get(model.__name__, "onderdeel")
    return kind[:1].upper() + kind[1:]


# --- the walk -------------------------------------------------------------------------------


@dataclass
class _Walker:
    names: dict[str, str]

    def item_name(self, item: Json, model: type[BaseModel], position: int) -> str:
        """An item as a person knows it: its name or title, a reference by the name of what it
        points to, an enumeration by its label; else its kind and number ("Bijdrage 3")."""
        if type(item) is dict:
            for name in NAME_FIELDS:
                info = model.model_fields.get(name)
                value = item.get(name)
                if info is None or value is None or value == "":
                    continue
                shown = self.scalar(value, model, name, info)
                if shown:
                    return _short(shown)
        return f"{_kind_name(model)} {position + 1}"

    def scalar(self, value: Json, owner: type[BaseModel], name: str, info: FieldInfo) -> str:
        """One value as the pages show it ("" for nothing)."""
        if value is None or value is MISSING or value == "":
            return ""
        if _is_reference(owner, name) and type(value) is str:
            return self.names.get(value, value)
        annotation = unwrap_annotation(info.annotation)
        element = _list_element(info.annotation)
        kind = element if element is not None else annotation
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return _enum_text(kind, value)
        if type(value) is bool:
            return YES if value else NO
        if kind is dt.date and type(value) is str:
            try:
                return formatting.long_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        if kind is Decimal and type(value) in (int, float):
            try:
                amount = Decimal(str(value))
            except InvalidOperation:  # pragma: no cover - JSON numbers always convert
                return str(value)
            return formatting.euro(amount) if _is_money(info) else formatting.number(amount)
        if type(value) is int:
            return str(value) if name in YEAR_FIELDS else formatting.number(value)
        if type(value) in (list, dict):
            return ", ".join(self.flat(value))
        return str(value)

    def flat(self, value: Json) -> list[str]:
        """Texts inside a value the model does not describe, without keys or brackets."""
        if type(value) is dict:
            return [text for item in value.values() for text in self.flat(item)]
        if type(value) is list:
            return [text for item in value for text in self.flat(item)]
        return [] if value is None or value == "" else [str(value)]

    def value(
        self,
        old: Json,
        new: Json,
        owner: type[BaseModel],
        name: str,
        info: FieldInfo,
        path: Path,
        place: tuple[str, ...],
        out: list[ReadableChange],
    ) -> None:
        """The changes of field ``name`` of ``owner`` from ``old`` to ``new``."""
        title = info.title or name
        element = _list_element(info.annotation)
        item_model = _as_model(element)
        model = _as_model(unwrap_annotation(info.annotation))
        top = owner is Agreement
        if item_model is not None:
            where = place if top else (*place, title)
            self.items(_as_list(old), _as_list(new), item_model, path, where, title, out)
        elif model is not None:
            self.fields(
                _as_dict(old), _as_dict(new), model, path, place if top else (*place, title), out
            )
        elif element is not None:
            self.values(old, new, owner, name, info, path, (*place, title), out)
        else:
            self.single(old, new, owner, name, info, path, (*place, title), out)

    def fields(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        model: type[BaseModel],
        path: Path,
        place: tuple[str, ...],
        out: list[ReadableChange],
    ) -> None:
        for name, info in model.model_fields.items():
            if name in HIDDEN_FIELDS:
                continue
            before, after = old.get(name, MISSING), new.get(name, MISSING)
            if not same(before, after) and not (_blank(before) and _blank(after)):
                self.value(before, after, model, name, info, (*path, name), place, out)

    def single(
        self,
        old: Json,
        new: Json,
        owner: type[BaseModel],
        name: str,
        info: FieldInfo,
        path: Path,
        place: tuple[str, ...],
        out: list[ReadableChange],
    ) -> None:
        before = self.scalar(old, owner, name, info)
        after = self.scalar(new, owner, name, info)
        if before == after:
            return
        words: tuple[tuple[str, str], ...] = ()
        plain_text = unwrap_annotation(info.annotation) is str and not _is_reference(owner, name)
        if plain_text and before and after:
            words = tuple(word_diff(before, after))
        out.append(ReadableChange(_kind(before, after), path, place, before, after, words=words))

    def values(
        self,
        old: Json,
        new: Json,
        owner: type[BaseModel],
        name: str,
        info: FieldInfo,
        path: Path,
        place: tuple[str, ...],
        out: list[ReadableChange],
    ) -> None:
        """A list of plain values (core values, goals a project serves): what came and went."""
        before = [self.scalar(v, owner, name, info) for v in _as_list(old)]
        after = [self.scalar(v, owner, name, info) for v in _as_list(new)]
        added = tuple(v for v in after if v not in before)
        removed = tuple(v for v in before if v not in after)
        if before == after:
            return
        kind: ChangeKind = "volgorde" if not added and not removed else _kind(before, after)
        out.append(
            ReadableChange(
                kind, path, place, ", ".join(before), ", ".join(after), added=added, removed=removed
            )
        )

    def items(
        self,
        old: list[Json],
        new: list[Json],
        model: type[BaseModel],
        path: Path,
        place: tuple[str, ...],
        title: str,
        out: list[ReadableChange],
    ) -> None:
        """A list of items, matched by id (or by name, else by position): each added, removed
        or changed item, and a change of order of the items both versions have."""
        pairs, removed = _match(old, new)
        for new_index, old_index in pairs:
            item = new[new_index]
            step = _step(item, new_index)
            name = self.item_name(item, model, new_index)
            if old_index is None:
                out.append(
                    ReadableChange(
                        "toegevoegd",
                        (*path, step),
                        (*place, name),
                        new=name,
                        facts=self.facts(item, model),
                    )
                )
            else:
                self.fields(
                    _as_dict(old[old_index]),
                    _as_dict(item),
                    model,
                    (*path, step),
                    (*place, name),
                    out,
                )
        for old_index in removed:
            item = old[old_index]
            name = self.item_name(item, model, old_index)
            out.append(
                ReadableChange(
                    "verwijderd",
                    (*path, _step(item, old_index)),
                    (*place, name),
                    old=name,
                    facts=self.facts(item, model),
                )
            )
        kept = [(n, o) for n, o in pairs if o is not None]
        if [o for _, o in kept] != sorted(o for _, o in kept):
            order_old = [self.item_name(old[o], model, o) for o in sorted(o for _, o in kept)]
            order_new = [self.item_name(new[n], model, n) for n, _ in kept]
            out.append(
                ReadableChange(
                    "volgorde", path, place or (title,), ", ".join(order_old), ", ".join(order_new)
                )
            )

    def facts(self, item: Json, model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
        """The filled fields of an added or removed item, as label and value."""
        found: list[tuple[str, str]] = []
        data = _as_dict(item)
        for name, info in model.model_fields.items():
            value = data.get(name)
            if name in HIDDEN_FIELDS or _blank(value):
                continue
            title = info.title or name
            element = _as_model(_list_element(info.annotation))
            inner = _as_model(unwrap_annotation(info.annotation))
            if element is not None:
                names = [self.item_name(x, element, i) for i, x in enumerate(_as_list(value))]
                found.append((title, ", ".join(names)))
            elif inner is not None:
                found.extend(
                    (f"{title}{SEPARATOR}{label}", text) for label, text in self.facts(value, inner)
                )
            elif type(value) is list:
                found.append((title, ", ".join(self.scalar(v, model, name, info) for v in value)))
            else:
                found.append((title, self.scalar(value, model, name, info)))
        return tuple(found)


def _enum_text(kind: type[enum.Enum], value: Json) -> str:
    try:
        member = kind(value)
    except ValueError:
        return str(value)
    label = getattr(member, "label", None) or str(member.value)
    # The participation ladder reads with its rung, as in the forms: "3 – Adviseren".
    return f"{member.value} – {label}" if isinstance(member, int) else str(label)


def _kind(before: str | list[str], after: str | list[str]) -> ChangeKind:
    if not before:
        return "toegevoegd"
    if not after:
        return "verwijderd"
    return "gewijzigd"


def _blank(value: Json) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


def _as_list(value: Json) -> list[Json]:
    return value if type(value) is list else []


def _as_dict(value: Json) -> dict[str, Any]:
    return value if type(value) is dict else {}


def _step(item: Json, index: int) -> PathStep:
    identifier = item_id(item)
    return id_step(identifier) if identifier is not None else index


def _match(old: list[Json], new: list[Json]) -> tuple[list[tuple[int, int | None]], list[int]]:
    """Pairs (new index, old index or None for an added item) in the new order, and the old
    indexes of removed items. Items are matched by id, else by their name when names are
    unique on both sides, else by position."""
    keys_old, keys_new = _keys(old), _keys(new)
    if keys_old is None or keys_new is None:
        keys_old, keys_new = list(range(len(old))), list(range(len(new)))
    where: dict[Any, int] = {key: index for index, key in enumerate(keys_old)}
    pairs = [(index, where.get(key)) for index, key in enumerate(keys_new)]
    matched = {o for _, o in pairs if o is not None}
    return pairs, [index for index in range(len(old)) if index not in matched]


def _keys(items: list[Json]) -> list[Any] | None:
    if is_id_list(items):
        return [("id", item_id(item)) for item in items]
    names = [_raw_name(item) for item in items]
    if all(names) and len(set(names)) == len(names):
        return [("name", name) for name in names]
    return None
