"""Programme pages. Thin: they authorise, call actions/selectors and render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from stramien import revisions
from stramien.io import DocumentError, dump_yaml, loads_agreement
from stramien.model import Agreement
from stramien.render import FORMATS, RenderError
from stramien.render import render as render_document
from stramien.rules import SECTION_LABELS, Section, advise_approach, advise_structure
from stramien.rules.advice import STATUS_LABELS
from stramien.web.accounts import actions as account_actions

from . import actions, editor, permissions, selectors
from .forms import CommentForm, CreateProgrammeForm, InviteForm, UploadImageForm
from .models import Comment, Membership, Programme, Revision
from .prerender import PRERENDER
from .sections import BY_KEY, SECTIONS, EditorSection, section_findings
from .store import attachments_for, document_at, meta_for

DOWNLOADS = {
    **FORMATS,
    "yaml": "application/yaml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _programme(request: HttpRequest, slug: str) -> Programme:
    """The programme, if this user may see it; 404 otherwise (no hint that it exists)."""
    # The cached document is large; it is read only where a page needs it.
    programme = get_object_or_404(Programme.objects.defer("head_document"), slug=slug)
    if not permissions.can_view(request.user, programme):
        raise Http404
    return programme


def _context(request: HttpRequest, programme: Programme, **extra: Any) -> dict[str, Any]:
    member = permissions.membership(request.user, programme)
    return {
        "programme": programme,
        "sections": SECTIONS,
        "membership": member,
        "role": member.role if member else None,
        "can_edit_all": permissions.can_edit_all(request.user, programme),
        "can_edit_own": permissions.can_edit_own(request.user, programme),
        "can_comment": permissions.can_comment(request.user, programme),
        "can_manage": permissions.can_manage(request.user, programme),
        **extra,
    }


def _head(programme: Programme) -> tuple[Agreement, Any]:
    agreement = selectors.head_agreement(programme)
    return agreement, selectors.report_of(agreement, programme.head_content_hash)


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programmes/list.html", {"rows": selectors.my_programmes(request.user)})


def _agreement_for_new(form: CreateProgrammeForm) -> tuple[Agreement | None, list[str]]:
    data = form.cleaned_data
    name = data.get("name", "").strip()
    try:
        if data["start"] == "upload":
            upload = data["upload"]
            raw = upload.read(upload.size + 1)
            agreement = loads_agreement(raw, filename=upload.name)
        elif data["start"] == "template":
            from stramien.web.demo import example_agreement

            agreement = example_agreement(data.get("template") or "small")
        else:
            agreement = Agreement.model_validate({"programme": {"name": name}})
    except DocumentError as exc:
        return None, [str(problem) for problem in exc.problems]
    except ValidationError:
        return None, [_("De naam is ongeldig: hoogstens 300 tekens.")]
    if name and data["start"] != "blank":
        agreement = agreement.model_copy(
            update={"programme": agreement.programme.model_copy(update={"name": name})}
        )
    return agreement, []


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    problems: list[str] = []
    if request.method == "POST":
        form = CreateProgrammeForm(request.POST, request.FILES)
        if form.is_valid() and form.cleaned_data["start"] == "archive":
            from stramien.archive import ArchiveError

            from .archive_io import import_programme

            upload = form.cleaned_data["upload"]
            try:
                programme = import_programme(
                    acting_user=request.user, raw=upload.read(upload.size + 1)
                )
            except ArchiveError as exc:
                problems = [str(exc)]
            else:
                messages.success(request, _("Het archief is ingelezen; alle versies kloppen."))
                return redirect("programmes:overview", slug=programme.slug)
        elif form.is_valid():
            agreement, problems = _agreement_for_new(form)
            if agreement is not None:
                programme = actions.create_programme(
                    acting_user=request.user, agreement=agreement, source=form.cleaned_data["start"]
                )
                messages.success(request, _("Het programma is aangemaakt."))
                return redirect("programmes:overview", slug=programme.slug)
            form.add_error(
                "upload" if form.cleaned_data["start"] == "upload" else None,
                _("Het bestand is niet ingelezen; er is niets opgeslagen."),
            )
    else:
        form = CreateProgrammeForm()
    return render(request, "programmes/create.html", {"form": form, "problems": problems})


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    agreement, report = _head(programme)
    readiness = [
        {"label": SECTION_LABELS[section], "value": report.readiness.get(section, 0)}
        for section in Section
    ]
    structure = advise_structure(agreement)
    return render(
        request,
        "programmes/overview.html",
        _context(
            request,
            programme,
            active="overview",
            agreement=agreement,
            report=report,
            readiness=readiness,
            structure=structure,
            status_labels=STATUS_LABELS,
            approach=advise_approach(agreement),
            figures=selectors.figure_links(),
            head=programme.head_number,
            formats=list(DOWNLOADS),
        ),
    )


@login_required
def figure(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    programme = _programme(request, slug)
    if name not in selectors.FIGURES:
        raise Http404
    agreement, _report = _head(programme)
    found = selectors.figure_of(agreement, programme.head_content_hash, name)
    if found is None:
        raise Http404
    response = HttpResponse(found.svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


def _editable_for(request: HttpRequest, programme: Programme) -> Any:
    if permissions.can_edit_all(request.user, programme):
        return None
    return lambda path: False


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
    allowed = _editable_for(request, programme)
    editable = unlinked if allowed is None else (lambda path: False)
    return editor.EditorForm(section, data, editable=editable, link=link, **options)


def _section_page(
    request: HttpRequest,
    programme: Programme,
    section: EditorSection,
    form: editor.EditorForm,
    *,
    base: int,
    document: dict[str, Any],
    conflicts: list[dict[str, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    agreement, report = _head(programme)
    threads = (
        Comment.objects.filter(programme=programme, section=section.key, thread=None)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
    )
    return render(
        request,
        "programmes/section.html",
        _context(
            request,
            programme,
            section=section,
            form=form,
            form_html=form.html(document),
            base=base,
            findings=section_findings(report.findings, section.key),
            summary=selectors.section_summary(section.key, agreement),
            conflicts=conflicts or [],
            threads=threads,
            comment_form=CommentForm(),
            image_form=UploadImageForm() if section.key == "realisatie" else None,
            readonly=not permissions.can_edit_all(request.user, programme),
        ),
        status=status,
    )


@login_required
def section_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    programme = _programme(request, slug)
    section = BY_KEY.get(key)
    if section is None:
        raise Http404
    if request.method == "GET":
        document = programme.head_document
        form = _form_for(request, programme, section, editor.section_data(section, document))
        return _section_page(
            request, programme, section, form, base=programme.head_number, document=document
        )
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not permissions.can_edit_all(request.user, programme):
        raise PermissionDenied
    return _save_section(request, programme, section)


def _base_number(request: HttpRequest, programme: Programme) -> int:
    try:
        base = int(request.POST.get("base_revision", ""))
    except ValueError:
        base = 0
    if not 1 <= base <= programme.head_number:
        raise actions.ActionError(
            _("Het formulier hoort bij een onbekende versie. Laad de pagina opnieuw.")
        )
    return base


def _save_section(
    request: HttpRequest, programme: Programme, section: EditorSection
) -> HttpResponse:
    try:
        base = _base_number(request, programme)
    except actions.ActionError as exc:
        messages.error(request, str(exc))
        return redirect("programmes:section", slug=programme.slug, key=section.key)
    base_document = document_at(programme, base)
    original = editor.section_data(section, base_document)
    _link, unlinked = editor.item_links(original, str)
    parsed = editor.parse_post(section, request.POST, original, unlinked)
    document = {**base_document, **parsed}
    extra_rows = editor.extra_rows_from(request.POST)
    if extra_rows:
        form = _form_for(request, programme, section, parsed, basis=original, extra_rows=extra_rows)
        return _section_page(request, programme, section, form, base=base, document=document)
    try:
        validated = Agreement.model_validate(document)
    except ValidationError as exc:
        form = _form_for(
            request,
            programme,
            section,
            parsed,
            basis=original,
            errors=editor.errors_of(exc, document),
        )
        messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
        return _section_page(request, programme, section, form, base=base, document=document)
    outcome = actions.save_document(
        acting_user=request.user,
        programme=programme,
        document=document,
        base_number=base,
        section=section.key,
        message=request.POST.get("message", ""),
        validated=validated,
    )
    if announce_saved(request, outcome):
        return redirect("programmes:section", slug=programme.slug, key=section.key)
    proposal = outcome.proposal or document
    errors: dict[str, list[str]] = {}
    if outcome.invalid is not None:
        errors = editor.errors_of(outcome.invalid, proposal)
        messages.error(
            request,
            _(
                "Samengevoegd met wijzigingen van anderen klopt het document niet meer; "
                "verbeter de gemarkeerde velden."
            ),
        )
    conflicts = [
        {
            "label": revisions.label(c.path, proposal, proposal),
            "ours": _show(c.ours),
            "theirs": _show(c.theirs),
            "base": _show(c.base),
        }
        for c in outcome.conflicts
    ]
    if conflicts:
        messages.warning(
            request,
            _(
                "Iemand anders heeft intussen dezelfde velden gewijzigd. Uw tekst staat hieronder "
                "nog in het formulier; vergelijk en sla opnieuw op."
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
        base=outcome.head_number,
        document=proposal,
        conflicts=conflicts,
        status=409 if conflicts else 200,
    )


def announce_saved(request: HttpRequest, outcome: actions.SaveOutcome) -> bool:
    """Tell the user a save went through (or changed nothing); False when it did not."""
    if outcome.saved:
        text = _("Opgeslagen als versie %(number)s.") % {"number": outcome.head_number}
        if outcome.merged:
            text += " " + _("Wijzigingen die anderen intussen maakten zijn samengevoegd.")
        messages.success(request, text)
        return True
    if outcome.unchanged:
        messages.info(request, _("Er was niets gewijzigd; er is geen nieuwe versie gemaakt."))
        return True
    return False


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1)


@login_required
@require_POST
def section_check(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Live checks while editing (htmx): the findings for the form as it is now."""
    programme = _programme(request, slug)
    section = BY_KEY.get(key)
    if section is None:
        raise Http404
    if not permissions.can_edit_all(request.user, programme):
        raise PermissionDenied
    try:
        base = _base_number(request, programme)
    except actions.ActionError as exc:
        return render(request, "programmes/_checks.html", {"problems": [str(exc)]})
    base_document = document_at(programme, base)
    original = editor.section_data(section, base_document)
    _link, unlinked = editor.item_links(original, str)
    parsed = editor.parse_post(section, request.POST, original, unlinked)
    document = {**base_document, **parsed}
    try:
        agreement = Agreement.model_validate(document)
    except ValidationError as exc:
        problems = [m for ms in editor.errors_of(exc, document).values() for m in ms]
        return render(request, "programmes/_checks.html", {"problems": problems, "live": True})
    from stramien.rules import evaluate

    report = evaluate(agreement)
    return render(
        request,
        "programmes/_checks.html",
        {
            "findings": section_findings(report.findings, section.key),
            "summary": selectors.section_summary(section.key, agreement),
            "live": True,
        },
    )


@login_required
def own_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's own card and contributions: the part a partner may edit."""
    from .partner_editor import partner_page

    programme = _programme(request, slug)
    if not permissions.can_edit_own(request.user, programme):
        raise PermissionDenied
    return partner_page(request, programme)


@login_required
def history(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    rows = (
        Revision.objects.filter(programme=programme)
        .defer("payload")
        .select_related("author")
        .order_by("-number")
    )
    return render(
        request,
        "programmes/history.html",
        _context(request, programme, revisions=rows[:200], active="history"),
    )


def _revision(programme: Programme, number: int) -> Revision:
    return get_object_or_404(Revision.objects.defer("payload"), programme=programme, number=number)


@login_required
def revision_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = _programme(request, slug)
    revision = _revision(programme, number)
    document = document_at(programme, number)
    try:
        since = int(request.GET.get("sinds", number - 1))
    except ValueError:
        since = number - 1
    since = min(max(since, 0), number - 1) if number > 1 else 0
    previous = document_at(programme, since) if since >= 1 else {}
    grouped = revisions.group_changes(revisions.changes(previous, document)) if previous else {}
    changes = [
        {
            "section": key,
            "items": [
                {
                    "label": change.label,
                    "kind": change.kind,
                    "old": _show(change.old),
                    "new": _show(change.new),
                    "words": revisions.word_diff(change.old, change.new)
                    if isinstance(change.old, str) and isinstance(change.new, str)
                    else None,
                }
                for change in items
            ],
        }
        for key, items in grouped.items()
    ]
    return render(
        request,
        "programmes/revision.html",
        _context(
            request,
            programme,
            revision=revision,
            changes=changes,
            formats=list(DOWNLOADS),
            is_head=number == programme.head_number,
            since=since,
        ),
    )


@login_required
def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    programme = _programme(request, slug)
    if fmt not in DOWNLOADS:
        raise Http404
    revision = _revision(programme, number)
    document = document_at(programme, number)
    agreement = Agreement.model_validate(document)
    stem = f"{programme.slug}-versie-{number}"
    if fmt == "yaml":
        body: bytes = dump_yaml(agreement).encode("utf-8")
    elif fmt == "json":
        body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    else:
        attachments = attachments_for(programme, agreement)
        meta = meta_for(programme, revision)
        # Made in the background right after the save: wait for it rather than make it twice.
        PRERENDER.wait_for(agreement, fmt, meta, attachments)
        try:
            body = render_document(agreement, fmt, meta, attachments)
        except RenderError as exc:
            messages.error(request, _("Het document kon niet worden gemaakt: %s") % exc)
            return redirect("programmes:revision", slug=slug, number=number)
    response = HttpResponse(body, content_type=DOWNLOADS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@login_required
@require_POST
def restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = _programme(request, slug)
    try:
        revision = actions.restore_revision(
            acting_user=request.user, programme=programme, number=number
        )
    except actions.ActionError as exc:
        messages.error(request, str(exc))
        return redirect("programmes:revision", slug=slug, number=number)
    messages.success(
        request,
        _("Versie %(old)s is teruggezet als versie %(new)s.")
        % {"old": number, "new": revision.number},
    )
    return redirect("programmes:history", slug=slug)


@login_required
@require_POST
def comment_add(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    programme = _programme(request, slug)
    if key not in BY_KEY:
        raise Http404
    form = CommentForm(request.POST)
    target = reverse("programmes:section", args=[slug, key]) + "#opmerkingen"
    if not form.is_valid():
        messages.error(request, _("De opmerking is leeg of te lang (hoogstens 5000 tekens)."))
        return redirect(target)
    thread = None
    if form.cleaned_data.get("thread"):
        thread = Comment.objects.filter(programme=programme, pk=form.cleaned_data["thread"]).first()
        if thread is None:
            raise Http404
    try:
        actions.add_comment(
            acting_user=request.user,
            programme=programme,
            section=key,
            body=form.cleaned_data["body"],
            thread=thread,
        )
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    return redirect(target)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug)
    comment = get_object_or_404(Comment, programme=programme, pk=pk)
    try:
        actions.resolve_comment(
            acting_user=request.user, comment=comment, reopen=request.POST.get("reopen") == "1"
        )
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("programmes:section", args=[slug, comment.section]) + "#opmerkingen")


@login_required
@require_POST
def upload_image(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload the artist impression and put it in §3 as a new revision."""
    programme = _programme(request, slug)
    if not permissions.can_edit_all(request.user, programme):
        raise PermissionDenied
    form = UploadImageForm(request.POST, request.FILES)
    target = reverse("programmes:section", args=[slug, "realisatie"])
    if not form.is_valid():
        for field_name, errors in form.errors.items():
            label = form.fields[field_name].label if field_name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect(target)
    upload = form.cleaned_data["image"]
    if upload.size > actions.MAX_IMAGE_BYTES:
        messages.error(request, _("Het bestand is te groot: hoogstens 5 MB."))
        return redirect(target)
    try:
        attachment = actions.store_attachment(
            acting_user=request.user,
            programme=programme,
            data=upload.read(actions.MAX_IMAGE_BYTES + 1),
            original_name=upload.name or "beeld",
        )
    except actions.ActionError as exc:
        messages.error(request, str(exc))
        return redirect(target)
    document = dict(programme.head_document)
    realisation = dict(document.get("realisation") or {})
    realisation["artist_impression"] = {
        "file": attachment.name,
        "alt_text": form.cleaned_data["alt_text"],
        "caption": form.cleaned_data.get("caption", ""),
        "credit": "",
    }
    document["realisation"] = realisation
    outcome = actions.save_document(
        acting_user=request.user,
        programme=programme,
        document=document,
        base_number=programme.head_number,
        section="realisatie",
        message=_("Artist impression toegevoegd"),
    )
    if outcome.saved:
        messages.success(request, _("De artist impression is toegevoegd."))
    else:
        messages.error(request, _("De artist impression kon niet worden opgeslagen."))
    return redirect(target)


@login_required
def attachment(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    programme = _programme(request, slug)
    found = get_object_or_404(programme.attachments, name=name)
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    response["Content-Disposition"] = f'inline; filename="{found.name}"'
    return response


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    partners = account_actions.partner_ids(programme)
    form = InviteForm(partners=partners)
    link = None
    if request.method == "POST":
        if not permissions.can_manage(request.user, programme):
            raise PermissionDenied
        form = InviteForm(request.POST, partners=partners)
        if form.is_valid():
            try:
                _invitation, token = account_actions.invite(
                    acting_user=request.user,
                    programme=programme,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    party_id=form.cleaned_data.get("party_id", ""),
                    name=form.cleaned_data.get("name", ""),
                    accept_url=lambda token: request.build_absolute_uri(
                        reverse("accounts:invitation", args=[token])
                    ),
                )
            except actions.ActionError as exc:
                form.add_error(None, str(exc))
            else:
                link = request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
                messages.success(request, _("De uitnodiging is verstuurd."))
                form = InviteForm(partners=partners)
    memberships = (
        Membership.objects.filter(programme=programme).select_related("user").order_by("role")
    )
    invitations = programme.invitations.filter(accepted_at=None, revoked_at=None)
    return render(
        request,
        "programmes/members.html",
        _context(
            request,
            programme,
            active="members",
            memberships=memberships,
            invitations=invitations if permissions.can_manage(request.user, programme) else [],
            invite_form=form,
            invite_link=link,
            partners=partners,
        ),
    )
