"""The page where a partner edits its own organisation card and its own contributions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stramien.web import schemaform

from . import edit_flow, permissions
from .editor import extra_rows_from
from .pages import page_context, programme_for
from .partner_parts import (
    OWN_SECTION,
    PREFIX,
    flatten_card,
    merge_own,
    own_editable,
    own_error_names,
    own_model,
    own_parts,
)
from .store import Document


@login_required
def own_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's own card and contributions: the part a partner may edit."""
    programme = programme_for(request, slug, with_document=True)
    if not permissions.can_edit_own(request.user, programme):
        raise PermissionDenied
    member = permissions.membership(request.user, programme)
    assert member is not None
    party_id = member.party_id
    model = own_model()
    errors: dict[str, list[str]] = {}
    conflicts: list[dict[str, Any]] = []
    status = 200
    extra_rows: dict[str, int] = {}
    base = programme.head_number
    document = programme.head_document
    data = own_parts(document, party_id)
    if request.method == "POST":
        extra_rows = extra_rows_from(request.POST)

        def build(base_document: Document) -> tuple[Document, Document]:
            posted = schemaform.parse(
                model,
                request.POST,
                prefix=PREFIX,
                original=own_parts(base_document, party_id),
                editable=own_editable,
            )
            return merge_own(base_document, posted, party_id), posted

        edit = edit_flow.submit(
            request, programme, section=OWN_SECTION, build=build, hold=bool(extra_rows)
        )
        if edit.refused or edit.saved:
            return redirect("programmes:own", slug=programme.slug)
        assert edit.state is not None
        data, base = edit.state, edit.base
        document = edit.document
        if edit.invalid is not None and not edit.invalid_after_merge:
            own_errors = schemaform.errors_from(edit.invalid, document, prefix=PREFIX)
            errors = own_error_names(own_errors, document, party_id)
        elif not edit.held:
            # The card and contributions as merged: the others' changes, one's own where
            # both changed the same field.
            data = own_parts(document, party_id)
            conflicts = edit_flow.conflict_rows(
                edit, lambda at: _own_field_name(at, document, party_id)
            )
            status = 409 if conflicts else 200
            messages.warning(
                request,
                _(
                    "Iemand anders heeft intussen dezelfde gegevens gewijzigd. Kies hieronder "
                    "per veld welke tekst blijft en sla opnieuw op."
                ),
            )
    node = flatten_card(
        schemaform.build(
            model,
            data,
            prefix=PREFIX,
            errors=errors,
            choices=schemaform.choices_from(document),
            editable=own_editable,
            extra_rows=extra_rows,
        )
    )
    form_html = schemaform.render(node)
    return render(
        request,
        "programmes/own.html",
        page_context(
            request,
            programme,
            form_html=form_html,
            base=base,
            party_id=party_id,
            active="own",
            general_errors=errors.get("__all__", []),
            conflicts=edit_flow.offer_choices(conflicts, form_html),
        ),
        status=status,
    )


def _own_field_name(path: tuple[Any, ...], document: Document, party_id: str) -> str | None:
    """The field of this page's smaller form that holds ``path`` of the whole document."""
    name = schemaform.field_name(PREFIX, path)
    renamed = own_error_names({name: []}, document, party_id)
    return next((key for key in renamed if key != "__all__"), None)
