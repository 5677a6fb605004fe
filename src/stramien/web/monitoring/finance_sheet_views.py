"""Spending and deliveries in kind from and to spreadsheets: the import page and the CSV
and XLSX downloads. Thin: ``finance_sheets`` imports and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stramien.monitor.finance_sheets import FinanceKind, finance_kind
from stramien.monitor.sheets import MAX_SHEET_BYTES, RowProblem
from stramien.web.programmes.models import Programme
from stramien.web.programmes.pages import page_context, programme_for
from stramien.web.users import acting_user

from . import permissions
from .finance_sheets import export_finance, import_finance
from .progress_permissions import partners_recorded_by
from .sheets import FORMATS, SheetRefused


def _kind(word: str) -> FinanceKind:
    kind = finance_kind(word)
    if kind is None:
        raise Http404
    return kind


def _page(
    request: HttpRequest,
    programme: Programme,
    kind: FinanceKind,
    *,
    problems: list[RowProblem],
    filename: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "monitoring/finance_import.html",
        page_context(
            request,
            programme,
            active="monitoring",
            kind=kind.value,
            spending=kind is FinanceKind.SPENDING,
            problems=problems,
            filename=filename,
            max_mb=MAX_SHEET_BYTES // 1024 // 1024,
        ),
        status=status,
    )


@login_required
def import_finance_sheet(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    programme = programme_for(request, slug)
    chosen = _kind(kind)
    if partners_recorded_by(request.user, programme) == set():
        raise PermissionDenied
    if request.method != "POST":
        return _page(request, programme, chosen, problems=[])
    upload = request.FILES.get("bestand")
    if upload is None:
        problems = [RowProblem(0, "", _("Kies een CSV-bestand of een Excel-werkmap."))]
        return _page(request, programme, chosen, problems=problems, status=400)
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
        return _page(request, programme, chosen, problems=problems, filename=name, status=400)
    try:
        result = import_finance(
            acting_user=acting_user(request),
            programme=programme,
            kind=chosen,
            data=upload.read(MAX_SHEET_BYTES + 1),
            filename=name,
        )
    except SheetRefused as exc:
        messages.error(request, _("Niets ingelezen: verbeter wat hieronder staat."))
        return _page(request, programme, chosen, problems=exc.problems, filename=name, status=400)
    messages.success(
        request,
        _("Ingelezen uit %(file)s: %(added)s nieuw, %(unchanged)s stonden er al.")
        % {"file": name, "added": result.added, "unchanged": result.unchanged},
    )
    return redirect("programmes:import_finance", slug=slug, kind=chosen.value)


@login_required
def export_finance_sheet(
    request: HttpRequest, slug: str, kind: str, extension: str
) -> HttpResponse:
    programme = programme_for(request, slug)
    chosen = _kind(kind)
    if extension not in FORMATS or not permissions.can_read(request.user, programme):
        raise Http404
    response = HttpResponse(
        export_finance(programme, chosen, extension), content_type=FORMATS[extension]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{programme.slug}-{chosen.value}.{extension}"'
    )
    return response
