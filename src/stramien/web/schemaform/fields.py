"""What the model says about each field: its label, help text, kind of widget, default,
whether it may be empty, and what a reference may point to."""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from stramien.model.agreement import REFERENCE_KINDS
from stramien.model.base import SHORT_TEXT_MAX

# Fields the forms never show (and parse keeps from the original).
HIDDEN_FIELDS = frozenset({"schema_version"})
# Marks a required field's default (there is none) and a value that is not there.
MISSING: Any = object()


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model as the form engine sees it (see :func:`field_specs`)."""

    name: str
    label: str
    help: str
    kind: str
    required: bool
    default: Any  # JSON-like; MISSING when required
    nullable: bool
    model: type[BaseModel] | None = None
    enum: type[enum.Enum] | None = None
    ref_kinds: tuple[str, ...] = ()
    max_length: int | None = None
    money: bool = False

    @property
    def hidden(self) -> bool:
        return self.name in HIDDEN_FIELDS


def _json_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_json_default(v) for v in value]
    return value


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """The bare type, whether None is allowed, and the metadata of Annotated layers."""
    nullable = False
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            for meta in args[1:]:
                metadata.append(meta)
                if isinstance(meta, FieldInfo):
                    metadata.extend(meta.metadata)
            annotation = args[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            nullable = nullable or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return annotation, nullable, metadata
            annotation = members[0]
        else:
            return annotation, nullable, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def reference_kinds(model: type[BaseModel], name: str) -> tuple[str, ...]:
    """The kinds of item a reference field may point to; () when it is no reference."""
    for cls in model.__mro__:
        found = REFERENCE_KINDS.get((cls.__name__, name))
        if found is not None:
            return found
    return ()


def _max_length(metadata: Iterable[Any]) -> int | None:
    for meta in metadata:
        found = getattr(meta, "max_length", None)
        if isinstance(found, int):
            return found
    return None


def _make_spec(model: type[BaseModel], name: str, info: FieldInfo) -> FieldSpec:
    annotation, nullable, metadata = _unwrap(info.annotation)
    metadata.extend(info.metadata)
    required = info.is_required()
    default = MISSING if required else _json_default(info.get_default(call_default_factory=True))
    nullable = nullable or (not required and default is None)
    refs = reference_kinds(model, name)
    base = {
        "name": name,
        "label": info.title or name,
        "help": info.description or "",
        "required": required,
        "default": default,
        "nullable": nullable,
    }
    if get_origin(annotation) is list:
        inner, _, inner_meta = _unwrap(get_args(annotation)[0])
        if _is_model(inner):
            return FieldSpec(kind="list", model=inner, **base)
        if refs:
            return FieldSpec(kind="multiselect", ref_kinds=refs, **base)
        if _is_enum(inner):
            return FieldSpec(kind="multiselect", enum=inner, **base)
        return FieldSpec(kind="lines", max_length=_max_length(inner_meta), **base)
    if _is_model(annotation):
        return FieldSpec(kind="group", model=annotation, **base)
    if refs:
        return FieldSpec(kind="select", ref_kinds=refs, **base)
    if annotation is bool:
        return FieldSpec(kind="nullable-bool" if nullable else "checkbox", **base)
    if _is_enum(annotation):
        return FieldSpec(kind="select", enum=annotation, **base)
    if annotation is int:
        return FieldSpec(kind="number", **base)
    if annotation in (Decimal, float):
        places = next(
            (getattr(m, "decimal_places", None) for m in metadata if hasattr(m, "decimal_places")),
            None,
        )
        return FieldSpec(kind="decimal", money=places is not None and places <= 2, **base)
    if annotation is dt.date:
        return FieldSpec(kind="date", **base)
    length = _max_length(metadata)
    kind = "textarea" if length is not None and length > SHORT_TEXT_MAX else "text"
    return FieldSpec(kind=kind, max_length=length, **base)


@cache
def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields of ``model`` in order, worked out once per model."""
    return tuple(_make_spec(model, name, info) for name, info in model.model_fields.items())


def number_text(value: Any) -> str:
    """A number as the form shows it: plain digits, never in exponent notation."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text.lower() else text
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
