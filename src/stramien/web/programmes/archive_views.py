"""Archive buttons: export a programme, check its integrity, import an archive."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import archive_io, permissions


@login_required
def export(request: HttpRequest, slug: str) -> HttpResponse:
    from .views import _programme

    programme = _programme(request, slug)
    body = archive_io.export_programme(acting_user=request.user, programme=programme)
    response = HttpResponse(body, content_type="application/zip")
    name = f"{programme.slug}-versie-{programme.head_number}.stramien.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def verify(request: HttpRequest, slug: str) -> HttpResponse:
    from .views import _context, _programme

    programme = _programme(request, slug)
    if not permissions.can_view(request.user, programme):
        raise PermissionDenied
    problems = archive_io.verify_programme(programme)
    return render(
        request,
        "programmes/verify.html",
        _context(request, programme, problems=problems, active="verify"),
    )
