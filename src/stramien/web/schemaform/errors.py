"""Pydantic's validation errors -> Dutch messages on the HTML names of the fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from stramien.io.errors import data_path, describe_error
from stramien.web.schemaform.names import describe_location, field_name
from stramien.web.schemaform.tree import ALL, Path


def _form_path(path: Path, data: Any) -> Path:
    """The path of the form field that shows an error at ``path`` (a list of ids or lines is
    one field: ``goals-3-contributes_to``, not ``goals-3-contributes_to-0``)."""
    current = data
    for number, part in enumerate(path):
        if isinstance(current, list) and isinstance(part, int):
            if not (0 <= part < len(current)) or not isinstance(current[part], Mapping):
                return path[:number]
            current = current[part]
        elif isinstance(current, Mapping) and isinstance(part, str):
            current = current.get(part)
        else:
            return path[:number]
    return path


def errors_from(
    exc: ValidationError,
    data: Any,
    *,
    prefix: str,
    loc_prefix: Path = (),
) -> dict[str, list[str]]:
    """Pydantic's errors in Dutch, keyed by the HTML name of the field they belong to.

    ``data`` is what was validated (the whole document, or one section); ``loc_prefix`` is
    where the form's data sits in it (``()`` when the form's fields are ``data``'s own).
    Errors outside the form, or on no field, go under ``"__all__"`` with their location.
    """
    found: dict[str, list[str]] = {}
    form_data: Any = data
    for part in loc_prefix:
        if isinstance(form_data, Mapping):
            form_data = form_data.get(part)
        elif isinstance(form_data, list) and isinstance(part, int) and part < len(form_data):
            form_data = form_data[part]
        else:
            form_data = None

    def add(path: Path, message: str) -> None:
        if tuple(path[: len(loc_prefix)]) == tuple(loc_prefix) and len(path) > len(loc_prefix):
            relative = _form_path(tuple(path[len(loc_prefix) :]), form_data)
            if relative:
                key = field_name(prefix, relative)
                if message not in found.get(key, []):
                    found.setdefault(key, []).append(message)
                return
        text = f"{describe_location(path)}: {message}" if path else message
        if text not in found.get(ALL, []):
            found.setdefault(ALL, []).append(text)

    for err in exc.errors(include_url=False):
        if err["type"] == "references":
            for ref_path, message in err.get("ctx", {}).get("problems", []):
                add(tuple(ref_path), str(message))
            continue
        path = data_path(err["loc"], data, keep_missing=err["type"] == "missing")
        add(path, describe_error(err, path))
    return found
