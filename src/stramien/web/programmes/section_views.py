"""The section editors (§1–§5) and their live checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stramien.web import schemaform
from stramien.web.compiled import CompiledQuery
from stramien.web.errors import ActionError

from . import checks, edit_flow, editor, fragments, permissions, selectors
from .forms import CommentForm, UploadImageForm
from .models import Comment, Programme
from .pages import base_number, page_context, programme_for
from .sections import BY_KEY, EditorSection
from .store import LRU, Document, document_at, load_head


def _form_for(
    request: HttpRequest,
    programme: Programme,
    section: EditorSection,
    data: dict[str, Any],
    *,
    basis: dict[str, Any] | None = None,
    **options: Any,
) -> editor.EditorForm:
    """The section's form; items of long lists (in ``basis``) are links to their own page."""
    link, unlinked = editor.item_links(
        basis if basis is not None else data,
        lambda item_id: reverse("programmes:item", args=[programme.slug, section.key, item_id]),
    )
    editable = unlinked if permissions.can_edit_all(request.user, programme) else _read_only
    return editor.EditorForm(section, data, editable=editable, link=link, **options)


def _read_only(path: tuple[Any, ...]) -> bool:
    return False


# The form of a stored version as a GET shows it: it depends only on the programme, the
# version (by content hash), the section, whether the user may edit and the language.
_stored_forms = LRU(lambda: int(getattr(settings, "STRAMIEN_FORM_CACHE", 256)))


_THREADS_HERE = CompiledQuery(
    Comment,
    lambda programme_id, key: Comment.objects.filter(
        programme_id=programme_id, section=key, thread=None
    )[:1],
)


def _section_page(
    request: HttpRequest,
    programme: Programme,
    section: EditorSection,
    form: editor.EditorForm | Callable[[], editor.EditorForm],
    *,
    base: int,
    document: dict[str, Any],
    conflicts: list[dict[str, Any]] | None = None,
    status: int = 200,
    edited: bool = False,
    stored: bool = False,
) -> HttpResponse:
    """The section page; ``edited``: ``document`` is the user's input shown again, and the
    checks are of it rather than of the stored version. ``stored``: the form shows the
    newest version unchanged (so its HTML, and that of the checks beside it, is made once per
    version); ``form`` may then be a function that makes it, called only when it is not kept."""
    # Most sections have no comments: a query built once says so; only a section with
    # comments reads them with their authors and replies.
    threads: Any = []
    if _THREADS_HERE.rows(programme.pk, section.key):
        threads = (
            Comment.objects.filter(programme=programme, section=section.key, thread=None)
            .select_related("author", "resolved_by")
            .prefetch_related("replies__author")
        )
    may_edit = permissions.can_edit_all(request.user, programme)

    def form_now() -> str:
        made = form() if callable(form) else form
        return made.html(document)

    def side() -> dict[str, Any]:
        return {
            "programme": programme,
            **checks.section_panel(programme, section, document, edited=edited),
            "figures": selectors.section_figures(
                selectors.head_agreement(programme), programme.head_content_hash, section.figures
            ),
        }

    if stored:
        key = (
            programme.slug,
            programme.head_content_hash,
            section.key,
            may_edit,
            translation.get_language(),
        )
        form_html = _stored_forms.get(key, form_now)
        side_html = fragments.of_version(
            programme, "section-side", "programmes/_section_side.html", side, section.key
        )
    else:
        form_html = form_now()
        side_html = render_to_string("programmes/_section_side.html", side())
    return render(
        request,
        "programmes/section.html",
        page_context(
            request,
            programme,
            section=section,
            form_html=form_html,
            base=base,
            side_html=side_html,
            conflicts=edit_flow.offer_choices(conflicts or [], form_html),
            threads=threads,
            comment_form=CommentForm(),
            image_form=UploadImageForm() if section.key == "realisatie" else None,
            readonly=not may_edit,
        ),
        status=status,
    )


@login_required
def section_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    programme = programme_for(request, slug, with_document=True)
    section = BY_KEY.get(key)
    if section is None:
        raise Http404
    if request.method == "GET":
        document = load_head(programme)
        return _section_page(
            request,
            programme,
            section,
            lambda: _form_for(request, programme, section, editor.section_data(section, document)),
            base=programme.head_number,
            document=document,
            stored=True,
        )
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not permissions.can_edit_all(request.user, programme):
        raise PermissionDenied
    return _save_section(request, programme, section)


def _parsed_section(
    request: HttpRequest, section: EditorSection, base_document: Document
) -> tuple[Document, tuple[Document, Document]]:
    """The document with the section as posted; beside it the posted and the original data."""
    original = editor.section_data(section, base_document)
    _link, unlinked = editor.item_links(original, str)
    parsed = editor.parse_post(section, request.POST, original, unlinked)
    return {**base_document, **parsed}, (parsed, original)


def _save_section(
    request: HttpRequest, programme: Programme, section: EditorSection
) -> HttpResponse:
    extra_rows = editor.extra_rows_from(request.POST)
    edit = edit_flow.submit(
        request,
        programme,
        section=section.key,
        build=lambda base_document: _parsed_section(request, section, base_document),
        hold=bool(extra_rows),
    )
    if edit.refused or edit.saved:
        return redirect("programmes:section", slug=programme.slug, key=section.key)
    assert edit.state is not None
    parsed, original = edit.state
    if edit.held or (edit.invalid is not None and not edit.invalid_after_merge):
        errors = editor.errors_of(edit.invalid, edit.document) if edit.invalid else {}
        form = _form_for(
            request,
            programme,
            section,
            parsed,
            basis=original,
            extra_rows=extra_rows,
            errors=errors,
        )
        return _section_page(
            request, programme, section, form, base=edit.base, document=edit.document, edited=True
        )
    proposal = edit.document
    errors = {}
    if edit.invalid is not None:
        errors = editor.errors_of(edit.invalid, proposal)
        messages.error(
            request,
            _(
                "Samengevoegd met wijzigingen van anderen klopt het document niet meer; "
                "verbeter de gemarkeerde velden."
            ),
        )
    conflicts = edit_flow.conflict_rows(
        edit, lambda path: schemaform.field_name(editor.PREFIX, path)
    )
    if conflicts:
        messages.warning(
            request,
            _(
                "Iemand anders heeft intussen dezelfde velden gewijzigd. Kies hieronder per "
                "veld welke tekst blijft en sla opnieuw op."
            ),
        )
    form = _form_for(
        request, programme, section, editor.section_data(section, proposal), errors=errors
    )
    return _section_page(
        request,
        programme,
        section,
        form,
        base=edit.base,
        document=proposal,
        conflicts=conflicts,
        status=409 if conflicts else 200,
        edited=True,
    )


@login_required
@require_POST
def section_check(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Live checks while editing (htmx): the findings for the form as it is now."""
    programme = programme_for(request, slug)
    section = BY_KEY.get(key)
    if section is None:
        raise Http404
    if not permissions.can_edit_all(request.user, programme):
        raise PermissionDenied
    try:
        base = base_number(request, programme)
    except ActionError as exc:
        return render(request, "programmes/_checks.html", {"problems": [str(exc)]})
    document, _state = _parsed_section(request, section, document_at(programme, base))
    panel = checks.section_panel(programme, section, document, edited=True)
    return render(request, "programmes/_checks.html", {**panel, "live": True})
