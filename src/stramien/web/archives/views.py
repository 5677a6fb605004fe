"""Archive buttons: export a programme, check its integrity, import an archive."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stramien.web.programmes import permissions
from stramien.web.programmes.pages import page_context, programme_for
from stramien.web.users import acting_user

from . import selectors


@login_required
def export(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    body = selectors.export_programme(acting_user=acting_user(request), programme=programme)
    response = HttpResponse(body, content_type="application/zip")
    name = f"{programme.slug}-versie-{programme.head_number}.stramien.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def verify(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_view(request.user, programme):
        raise PermissionDenied
    problems = selectors.verify_programme(programme)
    return render(
        request,
        "archives/verify.html",
        page_context(request, programme, problems=problems, active="verify"),
    )
