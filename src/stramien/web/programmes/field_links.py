"""Links to the place where a field of the agreement is edited, and findings with that link.

A field lives on its section's page, or, inside an item of a long list, on that item's own
page (``editor.item_links``). The link ends in the field's anchor (``schemaform.field_anchor``):
the page highlights the field it points to and, where JavaScript runs, opens what folds it
away and puts the focus in it (``static/stramien/field-target.js``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.urls import reverse

from stramien import revisions
from stramien.rules import Finding, Severity
from stramien.web import schemaform

from . import editor
from .sections import BY_KEY, TOP_LEVEL_SECTION
from .store import Document

PathLike = Sequence[str | int]


class FieldLinks:
    """Addresses of the fields of one document of one programme; the long lists of each
    section are worked out once, however many links are asked for."""

    def __init__(self, slug: str, document: Document) -> None:
        self.slug = slug
        self.document = document
        self._item_links: dict[str, Callable[[tuple[Any, ...]], str | None]] = {}
        self._section_urls: dict[str, str] = {}

    def section_of(self, path: PathLike) -> str | None:
        """The key of the section whose page shows ``path``."""
        if not path or not isinstance(path[0], str):
            return None
        return TOP_LEVEL_SECTION.get(path[0])

    def page(self, path: PathLike) -> tuple[str, int] | None:
        """The page that shows ``path``, and the length of the path of the item that page
        shows on its own (0 for a section page); None when no page shows it."""
        key = self.section_of(path)
        if key is None:
            return None
        link = self._links_of(key)
        for end in range(len(path), 0, -1):
            if isinstance(path[end - 1], int):
                url = link(tuple(path[:end]))
                if url:
                    return url, end
        if key not in self._section_urls:
            self._section_urls[key] = reverse("programmes:section", args=[self.slug, key])
        return self._section_urls[key], 0

    def url(self, path: PathLike) -> str | None:
        """The page and anchor of the field at ``path``."""
        found = self.page(path)
        if found is None:
            return None
        page_url, item_depth = found
        anchor = schemaform.field_anchor(editor.PREFIX, path, page=item_depth)
        return f"{page_url}#{anchor}"

    def _links_of(self, key: str) -> Callable[[tuple[Any, ...]], str | None]:
        if key not in self._item_links:
            data = editor.section_view(BY_KEY[key], self.document)
            # One reverse per section: a large programme has hundreds of items with findings.
            placeholder = "item-id"
            pattern = reverse("programmes:item", args=[self.slug, key, placeholder])
            head, _found, tail = pattern.rpartition(placeholder)
            self._item_links[key], _locked = editor.item_links(
                data, lambda item_id: f"{head}{quote(item_id, safe='')}{tail}"
            )
        return self._item_links[key]


@dataclass(frozen=True)
class LinkedFinding:
    """A finding as the pages show it: its place in words and a link to its field."""

    rule: str
    severity: Severity
    message: str
    hint: str
    location: str
    url: str | None
    section: str | None


def linked_findings(
    slug: str, findings: Iterable[Finding], document: Document
) -> list[LinkedFinding]:
    """``findings`` of ``document`` (the one the user is looking at), each with its place as
    the forms name it and a link to its field."""
    links = FieldLinks(slug, document)
    result = []
    for finding in findings:
        steps = finding.steps
        result.append(
            LinkedFinding(
                rule=finding.rule,
                severity=finding.severity,
                message=finding.message,
                hint=finding.hint,
                location=revisions.location(steps, document),
                url=links.url(steps),
                section=links.section_of(steps),
            )
        )
    return result
