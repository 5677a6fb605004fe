"""Programme pages: the list, creating one, the overview, history and versions.

Thin: they authorise, call actions (writes) and selectors (reads) and render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from stramien.archive import ArchiveError
from stramien.io import DocumentError, loads_agreement
from stramien.model import Agreement
from stramien.rules import (
    SECTION_LABELS,
    Report,
    Section,
    advise_approach,
    advise_approach_per_track,
    advise_structure,
    track_summary,
)
from stramien.rules.advice import STATUS_LABELS
from stramien.web.archives import actions as archive_actions
from stramien.web.errors import ActionError
from stramien.web.users import acting_user

from . import actions, checks, diffs, fragments, permissions, selectors
from .examples import example_agreement
from .forms import CreateProgrammeForm, UploadImageForm
from .models import Programme, Revision
from .pages import attachment_response, page_context, programme_for
from .store import document_at


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
            upload = form.cleaned_data["upload"]
            try:
                programme = archive_actions.import_programme(
                    acting_user=acting_user(request), raw=upload.read(upload.size + 1)
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
                    acting_user=acting_user(request),
                    agreement=agreement,
                    source=form.cleaned_data["start"],
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
    programme = programme_for(request, slug)
    agreement, report = selectors.head_with_report(programme)
    return render(
        request,
        "programmes/overview.html",
        page_context(
            request,
            programme,
            active="overview",
            agreement=agreement,
            # The readiness, findings, advice and figures of this version: the same for every
            # member, so made once per version and language.
            overview_body=fragments.of_version(
                programme,
                "overview",
                "programmes/_overview_body.html",
                lambda: _overview_body(programme, agreement, report),
            ),
            head=programme.head_number,
            formats=list(selectors.DOWNLOADS),
        ),
    )


def _overview_body(programme: Programme, agreement: Agreement, report: Report) -> dict[str, Any]:
    """The context of ``_overview_body.html``: the overview's parts of one version."""
    readiness = [
        {"label": SECTION_LABELS[section], "value": report.readiness.get(section, 0)}
        for section in Section
    ]
    return {
        "programme": programme,
        "agreement": agreement,
        "report": report,
        "findings": checks.overview_findings(programme, agreement, report),
        "readiness": readiness,
        "structure": advise_structure(agreement),
        "status_labels": STATUS_LABELS,
        "approach": advise_approach(agreement),
        "sub_programmes": selectors.sub_programme_summary(agreement),
        "approach_tracks": [
            track_summary(t) for t in advise_approach_per_track(agreement) if t.own_levels
        ],
        "figures": selectors.figure_links(agreement, programme.head_content_hash),
    }


@login_required
def figure(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if name not in selectors.FIGURES:
        raise Http404
    agreement, _report = selectors.head_with_report(programme)
    found = selectors.figure_of(agreement, programme.head_content_hash, name)
    if found is None:
        # Opened from a bookmark or a link: a page that says what is missing, not a bare 404.
        link = selectors.figure_link(name)
        return render(
            request,
            "programmes/figure_missing.html",
            page_context(request, programme, figure=link),
            status=404,
        )
    response = HttpResponse(found.svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
def history(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    rows = (
        Revision.objects.filter(programme=programme)
        .defer("payload")
        .select_related("author")
        .order_by("-number")
    )
    return render(
        request,
        "programmes/history.html",
        page_context(
            request,
            programme,
            revisions=rows[:200],
            active="history",
            compare_form=diffs.CompareForm(
                initial={"van": max(programme.head_number - 1, 1), "naar": programme.head_number},
                versions=diffs.version_choices(programme),
            ),
        ),
    )


def _revision(programme: Programme, number: int) -> Revision:
    return get_object_or_404(Revision.objects.defer("payload"), programme=programme, number=number)


@login_required
def revision_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = programme_for(request, slug)
    revision = _revision(programme, number)
    document = document_at(programme, number)
    try:
        since = int(request.GET.get("sinds", number - 1))
    except ValueError:
        since = number - 1
    since = min(max(since, 0), number - 1) if number > 1 else 0
    previous = document_at(programme, since) if since >= 1 else {}
    diff = (
        diffs.diff_context(programme, previous, document, head=programme.head_document)
        if previous
        else None
    )
    return render(
        request,
        "programmes/revision.html",
        page_context(
            request,
            programme,
            revision=revision,
            diff=diff,
            formats=list(selectors.DOWNLOADS),
            is_head=number == programme.head_number,
            since=since,
        ),
    )


@login_required
@require_POST
def restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = programme_for(request, slug)
    try:
        revision = actions.restore_revision(
            acting_user=acting_user(request), programme=programme, number=number
        )
    except ActionError as exc:
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
def upload_image(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload the artist impression and put it in §3 as a new revision."""
    programme = programme_for(request, slug)
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
        outcome = actions.attach_artist_impression(
            acting_user=acting_user(request),
            programme=programme,
            data=upload.read(actions.MAX_IMAGE_BYTES + 1),
            original_name=upload.name or "beeld",
            alt_text=form.cleaned_data["alt_text"],
            caption=form.cleaned_data.get("caption", ""),
        )
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect(target)
    if outcome.saved:
        messages.success(request, _("De artist impression is toegevoegd."))
    else:
        messages.error(request, _("De artist impression kon niet worden opgeslagen."))
    return redirect(target)


@login_required
def attachment(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    programme = programme_for(request, slug)
    return attachment_response(get_object_or_404(programme.attachments, name=name))
