"""The section editor: the agreement's model drives the form (see stramien.web.schemaform)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from pydantic import BaseModel, ValidationError

from stramien import revisions
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
    link: Callable[[tuple[Any, ...]], str | None] | None = None

    def html(self, document: dict[str, Any]) -> SafeString:
        node = schemaform.build(
            self.section.model,
            self.data,
            prefix=PREFIX,
            errors=self.errors,
            choices=schemaform.choices_from(document),
            editable=self.editable,
            extra_rows=self.extra_rows,
            link=self.link,
        )
        return schemaform.render(node)

    @property
    def general_errors(self) -> list[str]:
        return self.errors.get("__all__", [])


def section_data(section: EditorSection, document: Mapping[str, Any]) -> dict[str, Any]:
    """The section's part of ``document``, copied (a form may change it)."""
    return {name: revisions.copy_json(document.get(name)) for name in section.fields}


def section_view(section: EditorSection, document: Mapping[str, Any]) -> dict[str, Any]:
    """The section's part of ``document`` as it is, not copied: only to read."""
    return {name: document.get(name) for name in section.fields}


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


# A list longer than this is shown as links, one page per item: a form with every field of
# 100 goals (each with ~170 choices) is megabytes of HTML and hard to work with.
LONG_LIST = 12

Path = tuple[Any, ...]


def long_lists(data: Any, path: Path = (), depth: int = 3) -> dict[Path, int]:
    """Lists of identified items longer than LONG_LIST: their path and length."""
    found: dict[Path, int] = {}
    if depth < 0:
        return found
    if isinstance(data, dict):
        for key, value in data.items():
            found.update(long_lists(value, (*path, key), depth - 1))
    elif (
        isinstance(data, list)
        and len(data) > LONG_LIST
        and all(isinstance(item, dict) and "id" in item for item in data)
    ):
        found[path] = len(data)
    return found


def item_links(
    data: dict[str, Any], url: Callable[[str], str]
) -> tuple[Callable[[Path], str | None], Callable[[Path], bool]]:
    """For ``build``: the link per long-list item, and the lock that keeps them on a save."""
    lists = long_lists(data)

    def linked(path: Path) -> bool:
        return (
            bool(path)
            and isinstance(path[-1], int)
            and path[:-1] in lists
            and path[-1] < lists[path[:-1]]
        )

    def link(path: Path) -> str | None:
        if not linked(path):
            return None
        return url(str(revisions.value_at(data, path).get("id", "")))

    return link, lambda path: not linked(path)


def find_item(data: dict[str, Any], item_id: str) -> Path | None:
    """The path of the long-list item with ``item_id`` in a section's data."""
    for path in long_lists(data):
        for index, item in enumerate(revisions.value_at(data, path)):
            if item.get("id") == item_id:
                return (*path, index)
    return None
