"""The one way a form changes the agreement, used by the section, item and partner pages.

parse (the page's ``build``) -> validate -> merge on the base revision -> permission check
on the merged result -> save -> announce. The merge and the permission checks happen in
:func:`.actions.save_document`; this module handles the request around it. A form whose
base revision is not a version of the programme is refused, never quietly moved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from stramien import formatting, revisions
from stramien.model import Agreement
from stramien.model.ids import fill_missing_ids
from stramien.web.errors import ActionError
from stramien.web.users import acting_user

from . import actions, pages
from .models import Programme, Revision
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
    #: The same fields were changed by someone else; those wait for the user's choice.
    conflicts: list[revisions.Conflict] = field(default_factory=list)
    #: Per conflict: who changed that field since the form's version, and when.
    changed_by: list[list[str]] = field(default_factory=list)


def submit(
    request: HttpRequest,
    programme: Programme,
    *,
    section: str,
    build: Callable[[Document], tuple[Document, State]],
    hold: bool = False,
    may_change: actions.MayChange | None = None,
) -> Edit[State]:
    """Run one submitted form through the edit flow.

    ``build`` turns the document at the form's base revision into the edited document (and
    any state the page wants back). ``hold`` stops after building (an "add a row" press).
    ``may_change`` is passed to :func:`.actions.save_document`.
    """
    try:
        base = pages.base_number(request, programme)
    except ActionError as exc:
        messages.error(request, str(exc))
        return Edit(base=programme.head_number, document={}, refused=True)
    _apply_choices(request)
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
        may_change=may_change,
    )
    if pages.announce_saved(request, outcome):
        return Edit(base=outcome.head_number, document=document, state=state, saved=True)
    proposal = outcome.proposal or document
    if outcome.conflicts:
        _announce_rest(request, outcome, proposal)
    return Edit(
        base=outcome.head_number,
        document=proposal,
        state=state,
        invalid=outcome.invalid,
        invalid_after_merge=outcome.invalid is not None,
        conflicts=outcome.conflicts,
        changed_by=_changed_by(
            programme, base, outcome.conflict_head, [c.path for c in outcome.conflicts]
        )
        if outcome.conflicts
        else [],
    )


#: Names of the conflict page's choice per field: the radio, and the two texts it offers.
CHOICE = "conflict-choice-"
MINE = "conflict-mine-"
THEIRS = "conflict-theirs-"
#: Conflicts look this many versions back for who changed a field.
LOOK_BACK = 50


def _apply_choices(request: HttpRequest) -> None:
    """Put the text chosen on a conflict page ("use mine" / "use theirs") into its field, so
    the choice works without JavaScript; "edit by hand" keeps what the field holds."""
    chosen = {
        key[len(CHOICE) :]: request.POST.get(key, "")
        for key in request.POST
        if key.startswith(CHOICE)
    }
    if not chosen:
        return
    data = request.POST.copy()
    for name, choice in chosen.items():
        source = {"mine": MINE, "theirs": THEIRS}.get(choice)
        if source is not None and source + name in request.POST:
            data.setlist(name, [request.POST[source + name]])
    request.POST = data  # type: ignore[assignment]


def _announce_rest(request: HttpRequest, outcome: actions.SaveOutcome, proposal: Document) -> None:
    """Say what became of the parts of the edit that did not conflict."""
    fields = ", ".join(
        revisions.location(_index_path(proposal, c.path), proposal) for c in outcome.conflicts
    )
    if outcome.partly_saved is not None:
        messages.success(
            request,
            _(
                "Uw overige wijzigingen zijn opgeslagen als versie %(number)s. Op uw keuze "
                "wachten nog: %(fields)s."
            )
            % {"number": outcome.partly_saved.number, "fields": fields},
        )
    elif outcome.rest_kept:
        messages.info(
            request,
            _(
                "Uw overige wijzigingen zijn nog niet opgeslagen: ze passen pas bij de rest "
                "als de botsende velden gekozen zijn. Ze staan in het formulier; kies bij "
                "%(fields)s en sla op."
            )
            % {"fields": fields},
        )


def _changed_by(
    programme: Programme, base: int, head: int, paths: Sequence[revisions.Path]
) -> list[list[str]]:
    """Per path: the versions after ``base`` up to ``head`` that changed it, as "who, when"."""
    first = max(base, head - LOOK_BACK)
    found: list[list[str]] = [[] for _path in paths]
    if head <= first:
        return found
    document: Any = document_at(programme, first)
    rows = (
        Revision.objects.filter(programme=programme, number__gt=first, number__lte=head)
        .order_by("number")
        .only("number", "kind", "payload", "author_name", "created_at")
    )
    for row in rows:
        if row.kind == Revision.Kind.SNAPSHOT:
            newer = revisions.snapshot_from_bytes(bytes(row.payload))
        else:
            newer = revisions.apply(document, revisions.patch_from_bytes(bytes(row.payload)))
        for index, path in enumerate(paths):
            if revisions.value_at(document, path) != revisions.value_at(newer, path):
                found[index].append(_who_when(row))
        document = newer
    return found


def _who_when(row: Revision) -> str:
    moment = timezone.localtime(row.created_at)
    return _("%(author)s, %(date)s om %(time)s (versie %(number)s)") % {
        "author": row.author_name,
        "date": formatting.long_date(moment.date()),
        "time": moment.strftime("%H:%M"),
        "number": row.number,
    }


def _index_path(document: Any, path: revisions.Path) -> tuple[Any, ...]:
    """``path`` with each ``{"id": ...}`` step turned into the item's position in
    ``document``, as form field names count; an item not found keeps its step."""
    steps: list[Any] = []
    node = document
    for step in path:
        if isinstance(step, dict) and isinstance(node, list):
            position = next(
                (
                    i
                    for i, item in enumerate(node)
                    if isinstance(item, dict) and item.get("id") == step.get("id")
                ),
                None,
            )
            if position is None:
                return (*steps, step, *path[len(steps) + 1 :])
            steps.append(position)
            node = node[position]
        else:
            steps.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return tuple(steps)


def _form_text(value: Any) -> str | None:
    """A value as its form field holds it; None when one field cannot hold it."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def conflict_rows(
    edit: Edit[Any], name_of: Callable[[tuple[Any, ...]], str | None] | None = None
) -> list[dict[str, Any]]:
    """The conflicts of an edit as the pages show them: the field, both texts, who changed
    it meanwhile and, where one form field holds it, the names for the choice.

    ``name_of`` turns a path of the document (positions, not ids) into the page's field name.
    """
    rows = []
    for index, c in enumerate(edit.conflicts):
        at = _index_path(edit.document, c.path)
        name = name_of(at) if name_of is not None else None
        mine, theirs = _form_text(c.ours), _form_text(c.theirs)
        rows.append(
            {
                "label": revisions.location(at, edit.document),
                "ours": pages.show_value(c.ours),
                "theirs": pages.show_value(c.theirs),
                "base": pages.show_value(c.base),
                "who": edit.changed_by[index] if index < len(edit.changed_by) else [],
                "name": name if mine is not None and theirs is not None else None,
                "mine_value": mine,
                "theirs_value": theirs,
            }
        )
    return rows


def offer_choices(rows: list[dict[str, Any]], form_html: str) -> list[dict[str, Any]]:
    """The rows with a choice only for fields the rendered form really has."""
    for row in rows:
        if row["name"] and f'name="{row["name"]}"' not in form_html:
            row["name"] = None
    return rows
