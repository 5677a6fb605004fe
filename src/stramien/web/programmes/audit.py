"""The audit trail page and its CSV export (procesregisseur only)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import AuditEntry, Programme

ACTION_LABELS = {
    "programme.create": _("Programma aangemaakt"),
    "revision.save": _("Versie opgeslagen"),
    "revision.restore": _("Versie teruggezet"),
    "comment.add": _("Opmerking geplaatst"),
    "comment.reply": _("Reactie geplaatst"),
    "comment.resolve": _("Opmerking afgehandeld"),
    "comment.reopen": _("Opmerking heropend"),
    "attachment.add": _("Bijlage toegevoegd"),
    "invitation.create": _("Uitnodiging verstuurd"),
    "invitation.accept": _("Uitnodiging aangenomen"),
    "invitation.revoke": _("Uitnodiging ingetrokken"),
    "membership.change": _("Rol gewijzigd"),
    "round.propose": _("Versie ter vaststelling voorgelegd"),
    "round.void": _("Vaststelling vervallen"),
    "approval.approve": _("Goedgekeurd namens partner"),
    "approval.reject": _("Afgewezen namens partner"),
    "programme.adopt": _("Overeenkomst vastgesteld"),
    "public.set": _("Openbare pagina aan- of uitgezet"),
    "programme.import": _("Programma ingelezen uit archief"),
    "account.create": _("Account gemaakt"),
}


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filtered(programme: Programme, params: Any) -> tuple[QuerySet[AuditEntry], dict[str, Any]]:
    entries = AuditEntry.objects.filter(programme=programme).select_related("actor")
    action = params.get("actie", "")
    who = params.get("wie", "").strip()
    since, until = _date(params.get("vanaf")), _date(params.get("tot"))
    if action in ACTION_LABELS:
        entries = entries.filter(action=action)
    if who:
        entries = entries.filter(actor__username__icontains=who[:150])
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    chosen = {
        "actie": action if action in ACTION_LABELS else "",
        "wie": who[:150],
        "vanaf": since.isoformat() if since else "",
        "tot": until.isoformat() if until else "",
    }
    return entries.order_by("-created_at", "-id"), chosen


@login_required
def audit_page(request: HttpRequest, slug: str) -> HttpResponse:
    from .views import _context, _programme

    programme = _programme(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    entries, chosen = filtered(programme, request.GET)
    page = Paginator(entries, 100).get_page(request.GET.get("pagina"))
    rows = [
        {
            "entry": entry,
            "label": ACTION_LABELS.get(entry.action, entry.action),
            "details": ", ".join(
                f"{k}: {v}" for k, v in entry.details.items() if v not in (None, "")
            ),
        }
        for entry in page
    ]
    query = urlencode({k: v for k, v in chosen.items() if v})
    return render(
        request,
        "programmes/audit.html",
        _context(
            request,
            programme,
            rows=rows,
            page=page,
            chosen=chosen,
            actions=ACTION_LABELS,
            query=query,
            active="audit",
        ),
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    from .views import _programme

    programme = _programme(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    entries, _chosen = filtered(programme, request.GET)
    writer = csv.writer(_Echo())

    def rows() -> Any:
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow(["tijd", "wie", "actie", "omschrijving", "versie", "details"])
        for entry in entries.iterator():
            yield writer.writerow(
                [
                    timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
                    entry.actor.get_username() if entry.actor else "",
                    entry.action,
                    str(ACTION_LABELS.get(entry.action, "")),
                    entry.revision_number or "",
                    _safe_cell(json.dumps(entry.details, ensure_ascii=False, sort_keys=True)),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-audit.csv"'
    return response


def _safe_cell(text: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
