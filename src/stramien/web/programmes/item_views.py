"""One item of a long list (a goal, a risk, a cost line) on a page of its own."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from pydantic import BaseModel

from stramien import revisions
from stramien.io.errors import model_at
from stramien.web import schemaform

from . import edit_flow, editor, permissions
from .pages import page_context, programme_for
from .sections import BY_KEY
from .store import Document


def _replaced(document: dict[str, Any], path: tuple[Any, ...], item: Any) -> dict[str, Any]:
    """``document`` with the item at ``path`` replaced (or removed when ``item`` is None)."""
    changed = copy.deepcopy(document)
    items = revisions.value_at(changed, path[:-1])
    if item is None:
        del items[path[-1]]
    else:
        items[path[-1]] = item
    return changed


def _item_path(section_key: str, document: Document, item_id: str) -> tuple[Any, ...]:
    path = editor.find_item(editor.section_data(BY_KEY[section_key], document), item_id)
    if path is None:
        raise Http404
    return path


@login_required
def section_item(request: HttpRequest, slug: str, key: str, item_id: str) -> HttpResponse:
    programme = programme_for(request, slug, with_document=True)
    section = BY_KEY.get(key)
    if section is None:
        raise Http404
    can_edit = permissions.can_edit_all(request.user, programme)
    base = programme.head_number
    document = programme.head_document
    errors: dict[str, list[str]] = {}
    conflicts: list[dict[str, Any]] = []
    extra_rows: dict[str, int] = {}
    status = 200
    back = reverse("programmes:section", args=[slug, key])
    if request.method != "POST":
        path = _item_path(key, document, item_id)
        item = revisions.value_at(document, path)
    else:
        if not can_edit:
            raise PermissionDenied
        delete = request.POST.get("delete") == "1"

        def build(base_document: Document) -> tuple[Document, tuple[tuple[Any, ...], Any, Any]]:
            at = _item_path(key, base_document, item_id)
            original = revisions.value_at(base_document, at)
            posted = _posted_item(request, at, original, delete)
            return _replaced(base_document, at, posted), (at, original, posted)

        # "Nog een toevoegen" shows one more blank row and saves nothing (as on the section page).
        extra_rows = {} if delete else editor.extra_rows_from(request.POST)
        edit = edit_flow.submit(
            request, programme, section=section.key, build=build, hold=bool(extra_rows)
        )
        if edit.refused:
            return redirect(request.path)
        if edit.saved:
            return redirect(back if delete else request.path)
        assert edit.state is not None
        path, original, posted = edit.state
        item = original if posted is None else posted
        base, document = edit.base, edit.document
        if edit.conflicts or edit.invalid_after_merge:
            # Show the item as merged: the others' changes, and one's own where both changed.
            found = editor.find_item(editor.section_data(section, document), item_id)
            if found is not None:
                path, item = found, revisions.value_at(document, found)
            conflicts = edit_flow.conflict_rows(
                edit, lambda at: schemaform.field_name(editor.PREFIX, at)
            )
            status = 409 if conflicts else 200
        if edit.invalid is not None:
            errors = schemaform.errors_from(edit.invalid, edit.document, prefix=editor.PREFIX)
        if edit.conflicts or edit.invalid_after_merge:
            messages.warning(
                request,
                _(
                    "Iemand anders heeft intussen ook iets gewijzigd dat hier botst. Uw invoer "
                    "staat nog in het formulier; controleer en sla opnieuw op."
                ),
            )
    model = _model(path)
    node = schemaform.build(
        model,
        item,
        prefix=schemaform.field_name(editor.PREFIX, path),
        errors=errors,
        choices=schemaform.choices_from(document),
        editable=None if can_edit else (lambda p: False),
        extra_rows=extra_rows,
    )
    form_html = schemaform.render(node)
    return render(
        request,
        "programmes/item.html",
        page_context(
            request,
            programme,
            section=section,
            item_id=item_id,
            item_title=_title(model, item),
            form_html=form_html,
            base=base,
            back=back,
            readonly=not can_edit,
            conflicts=edit_flow.offer_choices(conflicts, form_html),
        ),
        status=status,
    )


def _model(path: tuple[Any, ...]) -> type[BaseModel]:
    model = model_at(path)
    if model is None:  # pragma: no cover - find_item only finds identified items
        raise Http404
    return model


def _posted_item(request: HttpRequest, path: tuple[Any, ...], original: Any, delete: bool) -> Any:
    """The item as the form posted it (``None``: delete it)."""
    if delete:
        return None
    prefix = schemaform.field_name(editor.PREFIX, path)
    return schemaform.parse(_model(path), request.POST, prefix=prefix, original=original)


def _title(model: type[BaseModel], item: Any) -> str:
    for name in ("title", "name", "description", "term"):
        if name in model.model_fields and isinstance(item, dict) and item.get(name):
            return str(item[name])
    return ""
