"""The public factsheet and its calendar feed: only when the regisseur switched them on.

Shows the adopted version when there is one, otherwise the newest version marked as draft.
Nothing here needs an account, so nothing here shows more than the stramien intends for
the public: ambition, beneficiaries, partners, what will be realised, impact, and the
milestones marked public.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stramien.model import Agreement

from . import approvals, permissions
from .actions import audit
from .models import ApprovalRound, Programme
from .store import document_at


def _public_programme(slug: str) -> Programme:
    programme = get_object_or_404(Programme, slug=slug)
    if not programme.public:
        raise Http404
    return programme


def _shown_version(programme: Programme) -> tuple[Agreement, int, ApprovalRound | None]:
    adopted = approvals.adopted_rounds(programme)
    if adopted:
        number = adopted[0].revision_number
        return Agreement.model_validate(document_at(programme, number)), number, adopted[0]
    return Agreement.model_validate(programme.head_document), programme.head_number, None


def factsheet(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _public_programme(slug)
    agreement, number, adopted = _shown_version(programme)
    today = dt.date.today()
    milestones = sorted(
        (m for m in agreement.planning.milestones if m.public), key=lambda m: m.date
    )
    return render(
        request,
        "programmes/factsheet.html",
        {
            "programme": programme,
            "agreement": agreement,
            "number": number,
            "adopted": adopted,
            "milestones": milestones,
            "today": today,
            "image": agreement.realisation.artist_impression,
            "share_url": request.build_absolute_uri(),
            "ical_url": request.build_absolute_uri(reverse("public:ical", args=[programme.slug])),
        },
    )


def public_image(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _public_programme(slug)
    agreement, _number, _adopted = _shown_version(programme)
    image = agreement.realisation.artist_impression
    if image is None:
        raise Http404
    found = get_object_or_404(programme.attachments, name=image.file)
    return HttpResponse(bytes(found.data), content_type=found.content_type)


def ical(request: HttpRequest, slug: str) -> HttpResponse:
    from icalendar import Calendar, Event

    programme = _public_programme(slug)
    agreement, _number, _adopted = _shown_version(programme)
    calendar = Calendar()
    calendar.add("prodid", "-//Stramien//Mijlpalen//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{agreement.programme.name}: mijlpalen")
    host = request.get_host().split(":")[0] or "stramien"
    stamp = programme.created_at
    for milestone in agreement.planning.milestones:
        if not milestone.public:
            continue
        event = Event()
        event.add("uid", f"{programme.slug}-{milestone.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.date)
        event.add("dtend", milestone.date + dt.timedelta(days=1))
        event.add("summary", milestone.title)
        if milestone.description:
            event.add("description", milestone.description)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}-mijlpalen.ics"'
    return response


@login_required
@require_POST
def set_public(request: HttpRequest, slug: str) -> HttpResponse:
    from .views import _programme

    programme = _programme(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    public = request.POST.get("public") == "1"
    with transaction.atomic():
        programme.public = public
        programme.save(update_fields=["public"])
        audit(programme=programme, actor=request.user, action="public.set", public=public)
    if public:
        messages.success(request, _("De openbare pagina staat aan."))
    else:
        messages.success(request, _("De openbare pagina staat uit."))
    return redirect("programmes:overview", slug=slug)


def public_context(programme: Programme, request: HttpRequest) -> dict[str, Any]:
    return {
        "public_url": request.build_absolute_uri(reverse("public:factsheet", args=[programme.slug]))
    }
