"""The section editor: the agreement's model drives the form (see stramien.web.schemaform)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from pydantic import BaseModel, ValidationError

from stramien.web import schemaform

from .sections import EditorSection

PREFIX = "s"


@dataclass
class EditorForm:
    section: EditorSection
    data: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    extra_rows: dict[str, int] = field(default_factory=dict)
    editable: Callable[[tuple[Any, ...]], bool] | None = None

    def html(self, document: dict[str, Any]) -> SafeString:
        node = schemaform.build(
            self.section.model,
            self.data,
            prefix=PREFIX,
            errors=self.errors,
            choices=schemaform.choices_from(document),
            editable=self.editable,
            extra_rows=self.extra_rows,
        )
        return schemaform.render(node)

    @property
    def general_errors(self) -> list[str]:
        return self.errors.get("__all__", [])


def section_data(section: EditorSection, document: Mapping[str, Any]) -> dict[str, Any]:
    return {name: copy.deepcopy(document.get(name)) for name in section.fields}


def parse_post(
    section: EditorSection,
    post: Any,
    original: dict[str, Any],
    editable: Callable[[tuple[Any, ...]], bool] | None = None,
) -> dict[str, Any]:
    parsed: dict[str, Any] = schemaform.parse(
        section.model, post, prefix=PREFIX, original=original, editable=editable
    )
    return parsed


def errors_of(exc: ValidationError, document: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = schemaform.errors_from(exc, document, prefix=PREFIX)
    return found


def extra_rows_from(post: Any) -> dict[str, int]:
    """One blank row for the list whose 'add' button a user pressed (works without JS)."""
    added = post.get("add")
    return {str(added)[:200]: 1} if added else {}


def model_for(section: EditorSection) -> type[BaseModel]:
    return section.model
