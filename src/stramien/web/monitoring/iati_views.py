"""The IATI 2.03 export as a download: everyone who may see the programme's monitoring may
take it (it holds only what the dashboard and the agreement show)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.monitor.iati import IatiError
from stramien.web.programmes.pages import absolute_url, programme_for

from . import permissions
from .iati_export import iati_export


@login_required
def iati(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_export_iati(request.user, programme):
        raise PermissionDenied
    try:
        body = iati_export(
            programme,
            generated_at=timezone.now(),
            absolute=lambda path: absolute_url(request, path),
        )
    except IatiError as exc:
        messages.error(request, _("De IATI-export kon niet worden gemaakt: %s") % exc)
        return redirect("programmes:monitoring", slug=slug)
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-iati.xml"'
    return response
