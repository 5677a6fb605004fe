"""The one way a form changes the agreement, used by the section, item and partner pages.

parse (the page's ``build``) -> validate -> merge on the base revision -> permission check
on the merged result -> save -> announce. The merge and the permission checks happen in
:func:`.actions.save_document`; this module handles the request around it. A form whose
base revision is not a version of the programme is refused, never quietly moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from pydantic import ValidationError

from stramien import revisions
from stramien.model import Agreement
from stramien.model.ids import fill_missing_ids
from stramien.web.errors import ActionError
from stramien.web.users import acting_user

from . import actions, pages
from .models import Programme
from .store import Document, document_at

State = TypeVar("State")


@dataclass
class Edit(Generic[State]):
    """What became of a submitted form, for the page to show."""

    #: The version the form is to be based on when it is shown again.
    base: int
    #: The document the form shows: the user's, or their edit merged with others' work.
    document: Document
    #: What the page's ``build`` returned beside the document (its parsed form data).
    state: State | None = None
    #: Saved (or nothing changed) and announced: the page redirects.
    saved: bool = False
    #: The form's base revision was refused and the user told: the page redirects.
    refused: bool = False
    #: The user asked for another row: nothing was validated or saved.
    held: bool = False
    #: Validation errors, located in :attr:`document`.
    invalid: ValidationError | None = None
    #: True when :attr:`invalid` arose only after merging with others' work.
    invalid_after_merge: bool = False
    #: The same fields were changed by someone else: nothing was saved.
    conflicts: list[revisions.Conflict] = field(default_factory=list)


def submit(
    request: HttpRequest,
    programme: Programme,
    *,
    section: str,
    build: Callable[[Document], tuple[Document, State]],
    hold: bool = False,
) -> Edit[State]:
    """Run one submitted form through the edit flow.

    ``build`` turns the document at the form's base revision into the edited document (and
    any state the page wants back). ``hold`` stops after building (an "add a row" press).
    """
    try:
        base = pages.base_number(request, programme)
    except ActionError as exc:
        messages.error(request, str(exc))
        return Edit(base=programme.head_number, document={}, refused=True)
    document, state = build(document_at(programme, base))
    if hold:
        return Edit(base=base, document=document, state=state, held=True)
    # A new item gets its id from its name: people never make up ids.
    document = fill_missing_ids(document)
    try:
        validated = Agreement.model_validate(document)
    except ValidationError as exc:
        messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
        return Edit(base=base, document=document, state=state, invalid=exc)
    outcome = actions.save_document(
        acting_user=acting_user(request),
        programme=programme,
        document=document,
        base_number=base,
        section=section,
        message=request.POST.get("message", ""),
        validated=validated,
    )
    if pages.announce_saved(request, outcome):
        return Edit(base=outcome.head_number, document=document, state=state, saved=True)
    return Edit(
        base=outcome.head_number,
        document=outcome.proposal or document,
        state=state,
        invalid=outcome.invalid,
        invalid_after_merge=outcome.invalid is not None,
        conflicts=outcome.conflicts,
    )


def conflict_rows(edit: Edit[Any]) -> list[dict[str, str]]:
    """The conflicts of an edit as the pages show them: the field, both texts, the base."""
    return [
        {
            "label": revisions.label(c.path, edit.document, edit.document),
            "ours": pages.show_value(c.ours),
            "theirs": pages.show_value(c.theirs),
            "base": pages.show_value(c.base),
        }
        for c in edit.conflicts
    ]
