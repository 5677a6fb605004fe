"""The browser's POST -> nested data for ``model.model_validate`` (:func:`parse`), with Dutch
numbers and dates made ones pydantic reads."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any, Protocol

from pydantic import BaseModel

from stramien.web.schemaform.builder import build
from stramien.web.schemaform.fields import MISSING, FieldSpec, field_specs
from stramien.web.schemaform.names import field_name
from stramien.web.schemaform.tree import (
    DELETE,
    MAX_ITEMS,
    MAX_NEW_ITEMS,
    Editable,
    Node,
    Path,
)

# Indices longer than this (in digits) are not list indices but junk.
_MAX_INDEX_DIGITS = 6
_OMIT: Any = object()


class PostData(Protocol):
    """What parse needs from a POST: Django's QueryDict or anything like it."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...

    def __contains__(self, key: object) -> bool: ...

    def __iter__(self) -> Iterator[Any]: ...


class _DictPost:
    """A tiny QueryDict stand-in, for working out what a blank row sends."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.data: dict[str, list[str]] = {}
        for key, value in pairs:
            self.data.setdefault(key, []).append(value)

    def get(self, key: str, default: Any = None) -> Any:
        values = self.data.get(key)
        return values[-1] if values else default

    def getlist(self, key: str) -> list[Any]:
        return list(self.data.get(key, []))

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)


def _list_indices(post: PostData) -> dict[str, set[int]]:
    """For every name followed by "-<index>" in the POST's keys, the indices present."""
    found: dict[str, set[int]] = {}
    for key in post:
        if not isinstance(key, str) or len(key) > 2000:
            continue
        parts = key.split("-")
        for position in range(1, len(parts)):
            part = parts[position]
            if not (part.isascii() and part.isdigit()) or len(part) > _MAX_INDEX_DIGITS:
                continue
            if part != "0" and part.startswith("0"):
                continue
            found.setdefault("-".join(parts[:position]), set()).add(int(part))
    return found


_DUTCH_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def clean_decimal(text: str, money: bool) -> str:
    text = text.replace("€", "").replace("\u00a0", "").replace(" ", "")
    if money and _DUTCH_THOUSANDS.match(text):
        return text.replace(".", "").replace(",", ".")
    if _DECIMAL_COMMA.match(text):
        return text.replace(",", ".")
    return text


def _clean_date(text: str) -> str:
    found = _DUTCH_DATE.match(text)
    if found:
        day, month, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Parser:
    def __init__(self, post: PostData, prefix: str, editable: Editable | None) -> None:
        self.post = post
        self.prefix = prefix
        self.editable = editable
        self.indices = _list_indices(post)
        self.new_items = 0

    def locked(self, path: Path) -> bool:
        return self.editable is not None and not self.editable(path)

    def get(self, name: str) -> str:
        return _text(self.post.get(name))

    def fields(self, model: type[BaseModel], path: Path, original: Any) -> dict[str, Any]:
        source = original if isinstance(original, Mapping) else {}
        out: dict[str, Any] = {}
        for spec in field_specs(model):
            before = source.get(spec.name, MISSING)
            fpath = (*path, spec.name)
            if spec.hidden or self.locked(fpath):
                if before is not MISSING:
                    out[spec.name] = copy.deepcopy(before)
                continue
            value = self.field(spec, fpath, before)
            if value is not _OMIT:
                out[spec.name] = value
        return out

    def empty(self, spec: FieldSpec) -> Any:
        if spec.default is None:
            return None
        if spec.default is MISSING or spec.kind in ("number", "decimal", "date", "select"):
            return _OMIT
        return ""

    def field(self, spec: FieldSpec, path: Path, before: Any) -> Any:
        name = field_name(self.prefix, path)
        kind = spec.kind
        if kind == "group":
            assert spec.model is not None
            value = self.fields(spec.model, path, before)
            if spec.nullable and value == _blank(spec.model):
                return None
            return value
        if kind == "list":
            return self.items(spec, path, name, before)
        if kind == "checkbox":
            return name in self.post
        if kind == "multiselect":
            return self.chosen(name, before)
        if kind == "lines":
            lines = [line.strip() for line in self.get(name).split("\n")]
            return [line for line in lines if line][:MAX_ITEMS]
        raw = self.get(name)
        if spec.name == "id" and not raw.strip() and isinstance(before, str) and before:
            # An id, once made, stays: clearing the (advanced) field does not drop it.
            return before
        if kind in ("text", "textarea"):
            return raw if raw.strip() else self.empty(spec)
        raw = raw.strip()
        if not raw:
            return self.empty(spec)
        if kind == "nullable-bool":
            return {"true": True, "false": False}.get(raw, raw)
        if kind == "decimal":
            return clean_decimal(raw, spec.money)
        if kind == "date":
            return _clean_date(raw)
        return raw

    def chosen(self, name: str, before: Any) -> list[str]:
        try:
            values = self.post.getlist(name)
        except (AttributeError, TypeError):
            values = []
        wanted: list[str] = []
        seen: set[str] = set()
        for value in values[: MAX_ITEMS * 2]:
            # One value per checkbox; a textarea (no choices given) has one per line.
            for line in _text(value).split("\n"):
                text = line.strip()
                if text and text not in seen:
                    seen.add(text)
                    wanted.append(text)
        # Keep the order the document had; newly chosen ones follow in the form's order.
        previous = [str(v) for v in before] if isinstance(before, list) else []
        kept = [v for v in dict.fromkeys(previous) if v in seen]
        return (kept + [v for v in wanted if v not in set(kept)])[:MAX_ITEMS]

    def items(self, spec: FieldSpec, path: Path, name: str, before: Any) -> list[Any]:
        assert spec.model is not None
        previous = before if isinstance(before, list) else []
        present = self.indices.get(name, set())
        locked_before = {i for i in range(len(previous)) if self.locked((*path, i))}
        result: list[Any] = []
        for index in sorted(present | locked_before):
            if index >= len(previous) and self.new_items >= MAX_NEW_ITEMS:
                break
            item_path = (*path, index)
            if index in locked_before:
                result.append(copy.deepcopy(previous[index]))
                continue
            if self.locked(item_path):
                continue
            item_name = f"{name}-{index}"
            if f"{item_name}-{DELETE}" in self.post:
                continue
            original = previous[index] if index < len(previous) else None
            item = self.fields(spec.model, item_path, original)
            if item == _blank(spec.model):
                continue
            if index >= len(previous):
                self.new_items += 1
            result.append(item)
        return result


@cache
def _blank(model: type[BaseModel]) -> dict[str, Any]:
    """What ``parse`` makes of a blank row of ``model`` that nobody touched."""
    node = build(model, None, prefix="blank")
    post = _DictPost(submitted(node))
    return _Parser(post, "blank", None).fields(model, (), None)


def submitted(node: Node) -> list[tuple[str, str]]:
    """The name/value pairs a browser sends for this form as shown (nothing changed)."""
    pairs: list[tuple[str, str]] = []
    for child in node.walk():
        if child.kind in ("group", "list", "item"):
            continue
        if child.kind in ("checkbox",):
            if child.value is True and not child.readonly:
                pairs.append((child.name, "on"))
        elif child.kind == "multiselect":
            if not child.readonly:
                pairs.extend((child.name, value) for value in child.value)
        elif child.kind in ("select", "nullable-bool"):
            if not child.readonly:
                pairs.append((child.name, str(child.value)))
        else:
            pairs.append((child.name, str(child.value)))
    return pairs


def parse(
    model: type[BaseModel],
    post: PostData,
    *,
    prefix: str,
    original: Mapping[str, Any] | None,
    editable: Editable | None = None,
) -> dict[str, Any]:
    """The data a POST of the form for ``model`` describes, ready for ``model_validate``.

    Locked paths (``editable(path)`` False) keep their value from ``original``. Never raises
    on missing, extra or malformed keys. List items are read in the numeric order of the
    indices present; beyond the original's items at most MAX_NEW_ITEMS new ones are taken.
    """
    if editable is not None and not editable(()):
        return copy.deepcopy(dict(original)) if isinstance(original, Mapping) else {}
    return _Parser(post, prefix, editable).fields(model, (), original)
