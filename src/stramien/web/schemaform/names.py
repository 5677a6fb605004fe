"""HTML names of the fields, and places in the document as people read them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from stramien.model import Agreement, format_path
from stramien.web.schemaform.fields import field_specs


def field_name(prefix: str, path: Sequence[Any]) -> str:
    """The HTML name of the field at ``path``: the path joined with "-" under ``prefix``."""
    parts = [prefix] if prefix else []
    parts.extend(str(part) for part in path)
    return "-".join(parts)


def html_id(name: str) -> str:
    """The id of the element named ``name`` (the root group has no name of its own)."""
    return f"id_{name}" if name else "id_form"


def field_anchor(
    prefix: str, path: Sequence[Any], model: type[BaseModel] = Agreement, *, page: int = 0
) -> str:
    """The id of the element that shows the field at ``path`` in a form of ``model``.

    A path below what the form shows gets the nearest field that shows it (an entry of a list
    of choices or of lines: that field; an unknown key: its parent). ``page`` is the length of
    the path of the item a page of its own shows: a path that ends at that item gets its first
    field, since such a page has no element for the item as a whole.
    """
    shown: list[Any] = []
    current: Any = model
    in_list = False
    for part in path:
        if isinstance(part, int):
            if not in_list:
                break
            shown.append(part)
            in_list = False
            continue
        if in_list or not (isinstance(current, type) and issubclass(current, BaseModel)):
            break
        spec = next((s for s in field_specs(current) if s.name == part), None)
        if spec is None or spec.hidden:
            break
        shown.append(part)
        if spec.kind in ("lines", "multiselect"):
            break
        current = spec.model
        in_list = spec.kind == "list"
    if page and len(shown) == page and isinstance(current, type):
        first = next((s for s in field_specs(current) if not s.hidden and s.name != "id"), None)
        if first is not None:
            shown.append(first.name)
    return html_id(field_name(prefix, shown))


def _title_path(model: type[BaseModel], path: Sequence[Any]) -> str | None:
    """A place in the document as people read it, from the Dutch field titles."""
    parts: list[str] = []
    current: Any = model
    in_list = False
    for part in path:
        if isinstance(part, int):
            if not in_list:
                return None
            parts.append(f"nr. {part + 1}")
            in_list = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or in_list:
            return None
        spec = next((s for s in field_specs(current) if s.name == part), None)
        if spec is None:
            return None
        parts.append(spec.label)
        current = spec.model
        in_list = spec.kind in ("list", "lines", "multiselect")
    return " › ".join(parts) if parts else None


def describe_location(path: Sequence[Any], model: type[BaseModel] = Agreement) -> str:
    """Where ``path`` is, in Dutch titles if the model knows it, else as ``goals[3].title``."""
    return _title_path(model, path) or _title_path(Agreement, path) or format_path(tuple(path))


def location_of_name(model: type[BaseModel], prefix: str, name: str) -> str:
    """Where the field with HTML name ``name`` is, in Dutch titles (``name`` itself when it
    is not under ``prefix``)."""
    rest = name[len(prefix) + 1 :] if prefix and name.startswith(prefix + "-") else name
    if prefix and rest == name:
        return name
    path = [int(part) if part.isascii() and part.isdigit() else part for part in rest.split("-")]
    return describe_location(path, model)
