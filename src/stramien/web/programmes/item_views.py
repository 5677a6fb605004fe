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
from pydantic import BaseModel, ValidationError

from stramien import revisions
from stramien.io.errors import model_at
from stramien.model import Agreement
from stramien.web import schemaform

from . import actions, editor, permissions
from .sections import BY_KEY
from .store import document_at


def _replaced(document: dict[str, Any], path: tuple[Any, ...], item: Any) -> dict[str, Any]:
    """``document`` with the item at ``path`` replaced (or removed when ``item`` is None)."""
    changed = copy.deepcopy(document)
    items = revisions.value_at(changed, path[:-1])
    if item is None:
        del items[path[-1]]
    else:
        items[path[-1]] = item
    return changed


@login_required
def section_item(request: HttpRequest, slug: str, key: str, item_id: str) -> HttpResponse:
    from .views import _base_number, _context, _programme, announce_saved

    programme = _programme(request, slug)
    section = BY_KEY.get(key)
    if section is None:
        raise Http404
    can_edit = permissions.can_edit_all(request.user, programme)
    base = programme.head_number
    document = programme.head_document
    errors: dict[str, list[str]] = {}
    back = reverse("programmes:section", args=[slug, key])
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            base = _base_number(request, programme)
        except actions.ActionError as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
        document = document_at(programme, base)
    path = editor.find_item(editor.section_data(section, document), item_id)
    if path is None:
        raise Http404
    model = model_at(path)
    if model is None:  # pragma: no cover - find_item only finds identified items
        raise Http404
    prefix = schemaform.field_name(editor.PREFIX, path)
    item = revisions.value_at(document, path)
    if request.method == "POST":
        delete = request.POST.get("delete") == "1"
        new_item = (
            None if delete else schemaform.parse(model, request.POST, prefix=prefix, original=item)
        )
        new_document = _replaced(document, path, new_item)
        try:
            validated = Agreement.model_validate(new_document)
        except ValidationError as exc:
            errors = schemaform.errors_from(exc, new_document, prefix=editor.PREFIX)
            if new_item is not None:
                item = new_item
            messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
        else:
            outcome = actions.save_document(
                acting_user=request.user,
                programme=programme,
                document=new_document,
                base_number=base,
                section=section.key,
                message=request.POST.get("message", ""),
                validated=validated,
            )
            if announce_saved(request, outcome):
                if delete:
                    return redirect(back)
                return redirect(request.path)
            if new_item is not None:
                item = new_item
            base = outcome.head_number
            if outcome.invalid is not None and outcome.proposal is not None:
                errors = schemaform.errors_from(
                    outcome.invalid, outcome.proposal, prefix=editor.PREFIX
                )
            messages.warning(
                request,
                _(
                    "Iemand anders heeft intussen ook iets gewijzigd dat hier botst. Uw invoer "
                    "staat nog in het formulier; controleer en sla opnieuw op."
                ),
            )
    node = schemaform.build(
        model,
        item,
        prefix=prefix,
        errors=errors,
        choices=schemaform.choices_from(document),
        editable=None if can_edit else (lambda p: False),
    )
    return render(
        request,
        "programmes/item.html",
        _context(
            request,
            programme,
            section=section,
            item_id=item_id,
            item_title=_title(model, item),
            form_html=schemaform.render(node),
            base=base,
            back=back,
            readonly=not can_edit,
        ),
    )


def _title(model: type[BaseModel], item: Any) -> str:
    for name in ("title", "name", "description", "term"):
        if name in model.model_fields and isinstance(item, dict) and item.get(name):
            return str(item[name])
    return ""
