"""What the pages that compare versions show: the readable diff per section of the
navigation, each change with a link to its field, in Dutch; and the form to choose two
versions. The diff itself is pure (``stramien.revisions.readable``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stramien import revisions
from stramien.revisions.readable import ReadableChange, SectionChanges, readable_diff

from .field_links import FieldLinks
from .models import Programme, Revision
from .sections import BY_KEY, TOP_LEVEL_SECTION
from .store import Document

KIND_LABELS = {
    "toegevoegd": gettext_lazy("toegevoegd"),
    "verwijderd": gettext_lazy("verwijderd"),
    "gewijzigd": gettext_lazy("gewijzigd"),
    "volgorde": gettext_lazy("andere volgorde"),
}


class CompareForm(forms.Form):
    """Two versions of the programme, by number; any two, in either order."""

    van = forms.TypedChoiceField(label=gettext_lazy("Van versie"), coerce=int)
    naar = forms.TypedChoiceField(label=gettext_lazy("Naar versie"), coerce=int)

    def __init__(self, *args: Any, versions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("van", "naar"):
            found = self.fields[name]
            assert isinstance(found, forms.TypedChoiceField)
            found.choices = versions
            found.widget.attrs["class"] = "utrecht-select"
            found.error_messages = {
                "required": _("Kies een versie."),
                "invalid_choice": _(
                    "Versie ‘%(value)s’ bestaat niet bij dit programma; kies een versie uit "
                    "de lijst."
                ),
            }


def version_choices(programme: Programme) -> list[tuple[int, str]]:
    """Every version, newest first, as "12 · 3 december 2026 14:05 · name"."""
    rows = (
        Revision.objects.filter(programme=programme)
        .order_by("-number")
        .values_list("number", "created_at", "author_name")
    )
    return [
        (
            number,
            f"{number} · {formats.date_format(timezone.localtime(at), 'j F Y H:i')} · {author}",
        )
        for number, at, author in rows
    ]


def diff_context(
    programme: Programme, old: Document, new: Document, *, head: Document
) -> dict[str, Any]:
    """What ``programmes/_diff.html`` shows: a summary and the changes per section, each
    change with a link to its field in the newest version (when it is still there)."""
    sections = _by_editor_section(readable_diff(old, new))
    total = sum(len(group["changes"]) for group in sections)
    changes_text = ngettext("%(n)s wijziging", "%(n)s wijzigingen", total) % {"n": total}
    parts_text = ngettext("%(n)s onderdeel", "%(n)s onderdelen", len(sections)) % {
        "n": len(sections)
    }
    links = FieldLinks(programme.slug, head)
    for group in sections:
        key = group["key"]
        group["url"] = reverse("programmes:section", args=[programme.slug, key]) if key else ""
        group["changes"] = [_change_row(change, links) for change in group["changes"]]
    return {
        "sections": sections,
        "count": total,
        "summary": _("%(changes)s in %(parts)s") % {"changes": changes_text, "parts": parts_text},
    }


def _by_editor_section(found: list[SectionChanges]) -> list[dict[str, Any]]:
    """The parts of the document grouped as the navigation groups them (§1 holds the
    programme's name and period and the ambition), in the navigation's order."""
    groups: dict[str, dict[str, Any]] = {}
    for part in found:
        key = TOP_LEVEL_SECTION.get(part.key, "")
        section = BY_KEY.get(key)
        title = f"{section.number} {section.title}" if section is not None else part.title
        group = groups.setdefault(key, {"key": key, "title": title, "changes": []})
        group["changes"].extend(part.changes)
    order = list(BY_KEY)
    return sorted(groups.values(), key=lambda g: order.index(g["key"]) if g["key"] in order else -1)


def _change_row(change: ReadableChange, links: FieldLinks) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "kind_label": KIND_LABELS[change.kind],
        "label": change.label,
        "old": change.old,
        "new": change.new,
        "words": change.words,
        "added": change.added,
        "removed": change.removed,
        "facts": change.facts,
        "url": field_url(links, change.path),
    }


def field_url(links: FieldLinks, path: revisions.Path) -> str:
    """The page of ``path`` in the newest version, at its field (``FieldLinks``); the
    section's page when the newest version no longer has it."""
    steps = _index_path(links.document, path)
    if steps is not None:
        found = links.url(steps)
        if found:
            return found
    key = links.section_of([path[0]] if path and isinstance(path[0], str) else [])
    return reverse("programmes:section", args=[links.slug, key]) if key else ""


def _index_path(document: Document, path: revisions.Path) -> list[Any] | None:
    """``path`` with each ``{"id": ...}`` step as the item's position, as the form names its
    fields; None when the document has no such place."""
    steps: list[Any] = []
    node: Any = document
    for step in path:
        if isinstance(step, dict):
            if not isinstance(node, list):
                return None
            index = next(
                (
                    i
                    for i, item in enumerate(node)
                    if isinstance(item, dict) and item.get("id") == step.get("id")
                ),
                None,
            )
            if index is None:
                return None
            steps.append(index)
            node = node[index]
        elif isinstance(step, int):
            if not isinstance(node, list) or not 0 <= step < len(node):
                return None
            steps.append(step)
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                return None
            steps.append(step)
            node = node[step]
    return steps
