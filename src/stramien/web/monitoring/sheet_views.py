"""Measurements from and to spreadsheets: the import page and the CSV and XLSX downloads.
Thin: ``sheets`` imports and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stramien.monitor.sheets import MAX_SHEET_BYTES, RowProblem
from stramien.web.programmes.models import Programme
from stramien.web.programmes.pages import page_context, programme_for
from stramien.web.users import acting_user

from . import permissions, sheets


def _page(
    request: HttpRequest,
    programme: Programme,
    *,
    problems: list[RowProblem],
    filename: str = "",
    submit: bool = True,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "monitoring/import.html",
        page_context(
            request,
            programme,
            active="monitoring",
            problems=problems,
            filename=filename,
            submit=submit,
            max_mb=MAX_SHEET_BYTES // 1024 // 1024,
        ),
        status=status,
    )


@login_required
def import_sheet(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_enter_any(request.user, programme):
        raise PermissionDenied
    if request.method != "POST":
        return _page(request, programme, problems=[])
    submit = request.POST.get("submit") == "1"
    upload = request.FILES.get("bestand")
    if upload is None:
        problems = [RowProblem(0, "", _("Kies een CSV-bestand of een Excel-werkmap."))]
        return _page(request, programme, problems=problems, submit=submit, status=400)
    name = upload.name or ""
    if upload.size is not None and upload.size > MAX_SHEET_BYTES:
        problems = [
            RowProblem(
                0,
                "",
                _("Het bestand is groter dan %(mb)s MB; splits het in kleinere bestanden.")
                % {"mb": MAX_SHEET_BYTES // 1024 // 1024},
            )
        ]
        return _page(
            request, programme, problems=problems, filename=name, submit=submit, status=400
        )
    try:
        result = sheets.import_measurements(
            acting_user=acting_user(request),
            programme=programme,
            data=upload.read(MAX_SHEET_BYTES + 1),
            filename=name,
            submit=submit,
        )
    except sheets.SheetRefused as exc:
        messages.error(request, _("Niets ingelezen: verbeter wat hieronder staat."))
        return _page(
            request, programme, problems=exc.problems, filename=name, submit=submit, status=400
        )
    messages.success(
        request,
        _(
            "Ingelezen uit %(file)s: %(added)s nieuw, %(corrected)s gecorrigeerd, "
            "%(unchanged)s ongewijzigd."
        )
        % {
            "file": name,
            "added": result.added,
            "corrected": result.corrected,
            "unchanged": result.unchanged,
        },
    )
    return redirect("programmes:import_measurements", slug=slug)


@login_required
def export_sheet(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if extension not in sheets.FORMATS or not permissions.can_read(request.user, programme):
        raise Http404
    response = HttpResponse(
        sheets.export_measurements(programme, extension), content_type=sheets.FORMATS[extension]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{programme.slug}-metingen.{extension}"'
    )
    return response
