"""Publishing pages: a version's documents, and the public factsheet with its calendar feed.

The factsheet and feed exist only when the regisseur switched them on. They show the adopted
version when there is one, otherwise the newest version marked as draft. Nothing there needs
an account, so nothing there shows more than the stramien intends for the public: ambition,
beneficiaries, partners, what will be realised, impact, and the milestones marked public.
"""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from stramien.io import dump_yaml
from stramien.model import Agreement
from stramien.render import RenderError
from stramien.render import render as render_document
from stramien.web.programmes import permissions
from stramien.web.programmes.models import Revision
from stramien.web.programmes.pages import attachment_response, programme_for
from stramien.web.programmes.selectors import DOWNLOADS
from stramien.web.programmes.store import attachments_for, document_at
from stramien.web.users import acting_user

from . import actions
from .prerender import PRERENDER
from .selectors import (
    meta_for,
    public_milestones,
    public_picture,
    public_programme,
    shown_adoption,
    shown_version,
)


def factsheet(request: HttpRequest, slug: str) -> HttpResponse:
    programme = public_programme(slug)
    agreement, number, adopted = shown_version(programme)
    today = dt.date.today()
    milestones = public_milestones(agreement, today)
    return render(
        request,
        "publication/factsheet.html",
        {
            "programme": programme,
            "agreement": agreement,
            "number": number,
            "adopted": adopted,
            "adoption": shown_adoption(programme, number) if adopted else None,
            "milestones": milestones,
            "today": today,
            "image": (
                agreement.realisation.artist_impression
                if public_picture(programme, agreement) is not None
                else None
            ),
            "share_url": request.build_absolute_uri(),
            "ical_url": request.build_absolute_uri(reverse("public:ical", args=[programme.slug])),
        },
    )


def public_image(request: HttpRequest, slug: str) -> HttpResponse:
    programme = public_programme(slug)
    agreement, _number, _adopted = shown_version(programme)
    picture = public_picture(programme, agreement)
    if picture is None:
        raise Http404
    return attachment_response(picture)


def ical(request: HttpRequest, slug: str) -> HttpResponse:
    programme = public_programme(slug)
    agreement, _number, _adopted = shown_version(programme)
    calendar = Calendar()
    calendar.add("prodid", "-//Stramien//Mijlpalen//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{agreement.programme.name}: mijlpalen")
    host = request.get_host().split(":")[0] or "stramien"
    stamp = programme.created_at
    # A milestone planned in a period (Q3 2026) is one all-day event on its first day with the
    # period in its title: an event spanning three months would fill every day of the agenda.
    for shown in public_milestones(agreement, dt.date.today()):
        event = Event()
        event.add("uid", f"{programme.slug}-{shown.milestone.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", shown.first_day)
        event.add("dtend", shown.first_day + dt.timedelta(days=1))
        event.add("summary", shown.calendar_title)
        if shown.calendar_description:
            event.add("description", shown.calendar_description)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}-mijlpalen.ics"'
    return response


@login_required
@require_POST
def set_public(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    public = request.POST.get("public") == "1"
    actions.set_public(acting_user=acting_user(request), programme=programme, public=public)
    if public:
        messages.success(request, _("De openbare pagina staat aan."))
    else:
        messages.success(request, _("De openbare pagina staat uit."))
    return redirect("programmes:overview", slug=slug)


@login_required
def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if fmt not in DOWNLOADS:
        raise Http404
    revision = get_object_or_404(
        Revision.objects.defer("payload"), programme=programme, number=number
    )
    document = document_at(programme, number)
    agreement = Agreement.model_validate(document)
    stem = f"{programme.slug}-versie-{number}"
    if fmt == "yaml":
        body: bytes = dump_yaml(agreement).encode("utf-8")
    elif fmt == "json":
        body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    else:
        attachments = attachments_for(programme, agreement)
        meta = meta_for(programme, revision, agreement)
        # Made in the background right after the save: wait for it rather than make it twice.
        PRERENDER.wait_for(programme.pk, agreement, fmt, meta, attachments)
        try:
            body = render_document(agreement, fmt, meta, attachments)
        except RenderError as exc:
            messages.error(request, _("Het document kon niet worden gemaakt: %s") % exc)
            return redirect("programmes:revision", slug=slug, number=number)
    response = HttpResponse(body, content_type=DOWNLOADS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
